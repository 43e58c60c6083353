"""Comparing text word by word: the tokeniser and phrase matcher behind every vocabulary.

Both sides of a comparison go through the same light normalisation (case, curly quotes,
contractions, hyphens, a plural "s"), so a phrase written once in a TOML file matches the ways
people actually type it, while the original spelling stays available for showing.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u2010": "-", "\u2011": "-"})
_CONTRACTIONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bwon't\b"), "will not"),
    (re.compile(r"\bcan't\b"), "can not"),
    (re.compile(r"\bcannot\b"), "can not"),
    (re.compile(r"n't\b"), " not"),
    (re.compile(r"'re\b"), " are"),
    (re.compile(r"'ve\b"), " have"),
    (re.compile(r"'ll\b"), " will"),
    (re.compile(r"'m\b"), " am"),
    (re.compile(r"'d\b"), " would"),
    (re.compile(r"\b(it|that|there|what|he|she|who)'s\b"), r"\1 is"),
    (re.compile(r"'s\b"), ""),
)
_JOINERS = re.compile(r"(?<=\w)[-/](?=\w)")
_RAW = re.compile(r"[^\W_][\w'\u2019+#./-]*[\w+#]|[^\W_]|[.,;:!?()\u2013\u2014]")
_TOKEN = re.compile(r"[^\W_](?:[\w+#.]*[\w+#])?|[.,;:!?()\u2013\u2014]")
PUNCTUATION = frozenset(".,;:!?()\u2013\u2014")


def stem(word: str) -> str:
    """A plural "s" is the only inflection ignored; other variants are spelled out in the data."""
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@dataclass(frozen=True)
class Words:
    """Text split into words: ``stems`` for comparing, ``surface`` and ``spans`` for showing."""

    stems: tuple[str, ...]
    surface: tuple[str, ...]
    spans: tuple[tuple[int, int], ...] = ()
    text: str = ""

    def span(self, start: int, end: int) -> str:
        """The words start..end as they were typed ("didn't", not "did not")."""
        if self.spans and end > start:
            return self.text[self.spans[start][0] : self.spans[end - 1][1]]
        return " ".join(self.surface[start:end])


def _normalise(piece: str) -> str:
    piece = piece.translate(_QUOTES).lower()
    for pattern, replacement in _CONTRACTIONS:
        piece = pattern.sub(replacement, piece)
    return _JOINERS.sub(" ", piece)


_NEEDS_WORK = re.compile(r"['\u2019\u2018`/\u2010\u2011-]")


@functools.lru_cache(maxsize=8192)
def split_words(text: str) -> Words:
    """Cached: while someone types, the same entry texts are split again and again."""
    surface: list[str] = []
    spans: list[tuple[int, int]] = []
    for raw in _RAW.finditer(text):
        piece = raw.group()
        if _NEEDS_WORK.search(piece) is None:  # most words: no apostrophe, hyphen or slash
            surface.append(piece.lower())
            spans.append(raw.span())
            continue
        for word in _TOKEN.findall(_normalise(piece)):
            surface.append(word)
            spans.append(raw.span())
    for i in range(1, len(surface) - 1):
        # "someone who's done security work" has done it ("who's leaving" still is, and
        # "it's used" is passive)
        if surface[i] == "is" and spans[i] == spans[i - 1] and surface[i - 1] in _PEOPLE \
                and surface[i + 1] in _PARTICIPLES:
            surface[i] = "has"
    return Words(tuple(stem(w) for w in surface), tuple(surface), tuple(spans), text)


_PEOPLE = frozenset({"who", "she", "he"})
_PARTICIPLES = frozenset({
    "done", "been", "built", "worked", "shipped", "owned", "had", "managed", "operated",
    "designed", "written", "scaled", "launched", "spent"})


T = TypeVar("T")


@dataclass(frozen=True)
class PhraseHit(Generic[T]):
    start: int
    end: int  # exclusive
    phrase: str
    value: T


class PhraseMatcher(Generic[T]):
    """Finds phrases in split text; ``*`` in a phrase stands for one to four words."""

    MAX_WILD = 4

    def __init__(self, phrases: Iterable[tuple[str, T]]) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], str, T]]] = {}
        for phrase, value in phrases:
            parts = _phrase_parts(phrase)
            if not parts or parts[0] == "*":
                continue
            self._by_first.setdefault(parts[0], []).append((parts, phrase, value))

    def find(self, words: Words) -> list[PhraseHit[T]]:
        """Every occurrence, overlapping ones included, in order of position."""
        hits: list[PhraseHit[T]] = []
        stems = words.stems
        for i, first in enumerate(stems):
            for parts, phrase, value in self._by_first.get(first, ()):
                end = self._match(stems, i + 1, parts, 1)
                if end is not None:
                    hits.append(PhraseHit(i, end, phrase, value))
        return hits

    def _match(
        self, stems: Sequence[str], pos: int, parts: tuple[str, ...], k: int
    ) -> int | None:
        if k == len(parts):
            return pos
        if parts[k] != "*":
            if pos < len(stems) and stems[pos] == parts[k]:
                return self._match(stems, pos + 1, parts, k + 1)
            return None
        # Widest first, so "experience with *" keeps "the payments domain", not just "the".
        for width in range(self.MAX_WILD, 0, -1):
            window = stems[pos : pos + width]
            if len(window) < width or any(w in PUNCTUATION for w in window):
                continue
            end = self._match(stems, pos + width, parts, k + 1)
            if end is not None:
                return end
        return None


_WILD = "qqwildqq"


def _phrase_parts(phrase: str) -> tuple[str, ...]:
    words = split_words(phrase.replace("*", f" {_WILD} "))
    return tuple("*" if w == _WILD else w for w in words.stems)


def longest_first(hits: Iterable[PhraseHit[T]]) -> list[PhraseHit[T]]:
    """Non-overlapping hits, preferring longer ones, returned in order of position."""
    chosen: list[PhraseHit[T]] = []
    taken: set[int] = set()
    for hit in sorted(hits, key=lambda h: (-(h.end - h.start), h.start)):
        span = set(range(hit.start, hit.end))
        if span & taken:
            continue
        taken |= span
        chosen.append(hit)
    return sorted(chosen, key=lambda h: h.start)
