"""Suggesting a category for a rejection from its feedback, with the phrase that decided it.

The phrases live in ``resources/vocabulary/categories.toml``. The suggestion is only ever a
suggestion: the person confirms or changes it, and the trigger phrase is shown so they can see
why it was made.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from trackrecord.core.matching.phrases import (
    PUNCTUATION,
    PhraseHit,
    PhraseMatcher,
    Words,
    longest_first,
    split_words,
    stem,
)
from trackrecord.core.matching.vocabulary import (
    load_toml,
)
from trackrecord.core.rejections.categories import CATEGORIES, UNKNOWN

WEIGHTS = {"strong": 2.0, "phrases": 1.0, "weak": 0.5}
OWN_READ_WEIGHT = 0.5  # your own read counts, but less than what they actually said
CANCEL_WINDOW = 4
PRAISE_WINDOW = 3


@dataclass(frozen=True)
class CategorySuggestion:
    category: str
    trigger: str | None  # the phrase as it was written, or None when nothing was said
    scores: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True)
class _Phrase:
    category: str
    weight: float


@dataclass(frozen=True)
class _Vocabulary:
    matcher: PhraseMatcher[_Phrase]
    cancel: dict[str, PhraseMatcher[str]]
    praise: frozenset[str]
    breaks: frozenset[str]
    stage_lean: dict[str, dict[str, float]]


@functools.cache
def _vocabulary() -> _Vocabulary:
    data = load_toml("vocabulary", "categories.toml")
    phrases: list[tuple[str, _Phrase]] = []
    cancel: dict[str, PhraseMatcher[str]] = {}
    for category in CATEGORIES:
        raw = data["category"][category]
        for key, weight in WEIGHTS.items():
            phrases += [(p, _Phrase(category, weight)) for p in raw.get(key, ())]
        cancel[category] = PhraseMatcher((p, p) for p in raw.get("cancel", ()))
    negation = data.get("negation", {})
    return _Vocabulary(
        matcher=PhraseMatcher(phrases),
        cancel=cancel,
        praise=frozenset(stem(w) for w in negation.get("praise", ())),
        breaks=frozenset(stem(w) for w in negation.get("clause_breaks", ())),
        stage_lean={k: dict(v) for k, v in data.get("stage_lean", {}).items()},
    )


def suggest_category(feedback: str, stage: str = "other", own_read: str = "") -> CategorySuggestion:
    """The most likely category and the phrase that triggered it.

    Empty feedback, or feedback that names nothing we recognise, is "unknown" with no trigger:
    silence is information too, but not about you.
    """
    vocab = _vocabulary()
    totals: dict[str, float] = dict.fromkeys(CATEGORIES, 0.0)
    best: dict[str, tuple[float, int, str]] = {}  # category -> (weight, order, phrase)
    order = 0
    for text, factor in ((feedback, 1.0), (own_read, OWN_READ_WEIGHT)):
        if not text.strip():
            continue
        words = split_words(text)
        for hit in longest_first(vocab.matcher.find(words)):
            if _cancelled(vocab, words, hit):
                continue
            weight = hit.value.weight * factor
            category = hit.value.category
            totals[category] += weight
            order += 1
            current = best.get(category)
            if current is None or weight > current[0]:
                best[category] = (weight, order, words.span(hit.start, hit.end))
    if not best:
        return CategorySuggestion(UNKNOWN, None, tuple(totals.items()))
    for category, lean in vocab.stage_lean.get(stage, {}).items():
        if category in best:
            totals[category] += float(lean)
    # Highest total wins; on a tie, the category whose strongest phrase came first.
    winner = max(best, key=lambda c: (totals[c], best[c][0], -best[c][1]))
    return CategorySuggestion(winner, best[winner][2], tuple(totals.items()))


def phrase_positions(words: Words) -> set[int]:
    """Positions of words inside any category phrase (the matcher leaves them out)."""
    out: set[int] = set()
    for hit in _vocabulary().matcher.find(words):
        out.update(range(hit.start, hit.end))
    return out


def _cancelled(vocab: _Vocabulary, words: Words, hit: PhraseHit[_Phrase]) -> bool:
    before = _clause_window(words, vocab.breaks, hit.start, -CANCEL_WINDOW)
    if vocab.cancel[hit.value.category].find(before):
        return True
    after = _clause_window(words, vocab.breaks, hit.end, PRAISE_WINDOW)
    return any(w in vocab.praise for w in after.stems)


def _clause_window(words: Words, breaks: frozenset[str], at: int, width: int) -> Words:
    """Up to ``width`` words before (negative) or after ``at``, stopping at a clause break."""
    if width < 0:
        picked: list[int] = []
        for i in range(at - 1, max(at + width, 0) - 1, -1):
            if words.stems[i] in PUNCTUATION or words.stems[i] in breaks:
                break
            picked.insert(0, i)
    else:
        picked = []
        for i in range(at, min(at + width, len(words.stems))):
            if words.stems[i] in PUNCTUATION or words.stems[i] in breaks:
                break
            picked.append(i)
    return Words(
        tuple(words.stems[i] for i in picked), tuple(words.surface[i] for i in picked)
    )
