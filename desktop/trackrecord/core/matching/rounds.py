"""The round a feedback's concern is about ("the coding round is where it fell short").

An onsite loop, or a hiring manager passing on a panel's view, covers several rounds; when the
feedback says which one decided it, the evidence that answers it is what that round rewards.
The words are data: ``resources/vocabulary/rounds.toml``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from trackrecord.core.matching.phrases import PhraseMatcher
from trackrecord.core.matching.vocabulary import load_toml
from trackrecord.core.rejections.categories import CATEGORY_REGISTRY
from trackrecord.core.rejections.categorise import read_feedback

WINDOW = 2  # the mention's clause and the next one


@dataclass(frozen=True)
class Round:
    stage: str  # a stage key (trackrecord.core.rejections.stages)
    phrase: str  # as written


@dataclass(frozen=True)
class _Vocabulary:
    rounds: PhraseMatcher[str]
    concern: PhraseMatcher[str]


@functools.cache
def _vocabulary() -> _Vocabulary:
    data = load_toml("vocabulary", "rounds.toml")
    return _Vocabulary(
        rounds=PhraseMatcher((p, stage) for stage, about in data["round"].items()
                             for p in about["phrases"]),
        concern=PhraseMatcher((p, p) for p in data["concern"]),
    )


@functools.lru_cache(maxsize=256)
def concern_round(feedback: str) -> Round | None:
    """The first round the feedback voices a concern about, if it names one."""
    if not feedback.strip():
        return None
    vocab = _vocabulary()
    reading = read_feedback(feedback)
    clauses, words = reading.clauses.clauses, reading.words
    concerns = {h.start for h in reading.hits if CATEGORY_REGISTRY[h.category].concern}
    concerns |= {h.start for h in vocab.concern.find(words)}
    taken: set[int] = set()
    for hit in sorted(vocab.rounds.find(words), key=lambda h: (h.start, -h.end)):
        if hit.start in taken:
            continue  # "coding round" and "the solution" inside one longer mention
        taken.update(range(hit.start, hit.end))
        at = next((k for k, c in enumerate(clauses) if c.start <= hit.start < c.end), None)
        if at is None or clauses[at].form:
            continue
        window = clauses[at: at + WINDOW]
        if any(c.start <= pos < c.end for c in window for pos in concerns):
            return Round(hit.value, words.span(hit.start, hit.end))
    return None
