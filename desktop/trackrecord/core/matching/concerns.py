"""What a concern asks the evidence to show when the feedback's words do not name it.

"Too far from the code" asks for systems you built yourself; "setting direction for other
teams" for work that reached beyond your own team. The concerns, their phrases and what
answers them are data: ``resources/vocabulary/concerns.toml``.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from trackrecord.core.matching.phrases import PhraseMatcher, longest_first
from trackrecord.core.matching.vocabulary import load_toml
from trackrecord.core.rejections.categorise import praised_after, read_feedback


@dataclass(frozen=True)
class Concern:
    key: str
    about: str  # "how close to the code your work is"
    phrase: str  # as written
    skills: tuple[str, ...] = ()
    kinds: Mapping[str, float] = field(default_factory=dict)
    reasons: Mapping[str, str] = field(default_factory=dict)


@functools.cache
def _vocabulary() -> tuple[PhraseMatcher[str], dict[str, Concern]]:
    """The concerns, read once; each found concern is this one with the phrase as written."""
    data = load_toml("vocabulary", "concerns.toml")["concern"]
    matcher = PhraseMatcher((p, key) for key, about in data.items() for p in about["phrases"])
    concerns = {
        key: Concern(key, str(about["about"]), "",
                     tuple(str(s) for s in about.get("skills", ())),
                     {str(k): float(v) for k, v in about["kinds"].items()},
                     {str(k): str(v) for k, v in about.get("reasons", {}).items()})
        for key, about in data.items()
    }
    return matcher, concerns


@functools.lru_cache(maxsize=256)
def voiced_concern(feedback: str) -> Concern | None:
    """The first concern the feedback voices, unless its clause credits it."""
    if not feedback.strip():
        return None
    matcher, concerns = _vocabulary()
    reading = read_feedback(feedback)
    words = reading.words
    for hit in sorted(longest_first(matcher.find(words)), key=lambda h: h.start):
        clause = reading.clauses.clause_of(hit.start)
        if clause is None or clause.form or hit.start in reading.unread:
            continue
        if clause.has and not clause.wanted or praised_after(words, clause, hit.start, hit.end):
            continue  # "your product instincts were really strong"
        return replace(concerns[hit.value], phrase=words.span(hit.start, hit.end))
    return None
