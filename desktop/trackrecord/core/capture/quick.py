"""Quick capture: a few one-line wins become entries, each with a kind guessed from its words.

The words are data (``resources/capture/kinds.toml``); the guess names the word it came
from, and the person can change it before anything is saved.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from trackrecord.core.errors import ValidationError
from trackrecord.core.record.kinds import KIND_REGISTRY, KINDS
from trackrecord.resource_files import resource_path

if TYPE_CHECKING:
    from trackrecord.core.record.data import EntryData
    from trackrecord.core.record.entries import EntryService

MAX_WINS = 20  # one capture; more lines than this are refused, not cut silently


@dataclass(frozen=True)
class KindGuess:
    kind: str
    word: str = ""  # the word it was guessed from ("" for the default)


@dataclass(frozen=True)
class _Guesser:
    default: str
    order: tuple[str, ...]
    patterns: dict[str, re.Pattern[str]]

    def guess(self, text: str) -> KindGuess:
        best: tuple[int, int, str, str] | None = None
        for rank, kind in enumerate(self.order):
            found = self.patterns[kind].findall(text)
            if found and (best is None or len(found) > best[0]):
                best = (len(found), rank, kind, found[0])
        if best is None:
            return KindGuess(self.default)
        return KindGuess(best[2], best[3].strip())


def _pattern(words: Sequence[str]) -> re.Pattern[str]:
    parts = []
    for word in words:
        open_end = word.endswith("*")
        pieces = [re.escape(p) if p != "*" else r"\w+" for p in word.rstrip("*").split()]
        parts.append(r"[\s\-]+".join(pieces) + (r"\w*" if open_end else r"(?!\w)"))
    return re.compile(rf"(?<!\w)(?:{'|'.join(parts)})", re.IGNORECASE)


def parse_guesser(text: str) -> _Guesser:
    data = tomllib.loads(text)
    words = data.get("words", {})
    order = tuple(data.get("order", ()))
    default = str(data.get("default", ""))
    if set(order) != set(words) or not set(order) <= set(KINDS) or default not in KINDS:
        raise ValueError("capture/kinds.toml: order and words must name the same known kinds")
    return _Guesser(default, order, {k: _pattern(words[k]) for k in order})


@lru_cache(maxsize=1)
def _guesser() -> _Guesser:
    return parse_guesser(resource_path("capture", "kinds.toml").read_text(encoding="utf-8"))


def guess_kind(text: str) -> KindGuess:
    """The kind a one-line win most likely is, and the word that says so."""
    return _guesser().guess(text)


def split_kind(line: str) -> tuple[str | None, str]:
    """``incident: fixed the login outage`` -> ("incident", "fixed the login outage"); a line
    not starting with a kind's key or label and a colon -> (None, line)."""
    head, sep, rest = line.partition(":")
    if sep and rest.strip():
        kind = KIND_REGISTRY.get(head.strip().casefold())
        if kind is None:
            spelled = {k.label.casefold(): k.key for k in KIND_REGISTRY}
            key = spelled.get(head.strip().casefold())
            kind = KIND_REGISTRY.get(key) if key else None
        if kind is not None:
            return kind.key, rest.strip()
    return None, line.strip()


@dataclass(frozen=True)
class Win:
    """One line of a capture, with the kind it will be saved as."""

    title: str
    kind: str
    metrics: str = ""


def capture_wins(service: EntryService, wins: Sequence[Win], day: dt.date) -> list[EntryData]:
    """Each win becomes an entry dated ``day``; blank lines are left out. All are checked
    before the first is written, so a bad one changes nothing."""
    chosen = [w for w in wins if w.title.strip()]
    if len(chosen) > MAX_WINS:
        raise ValidationError(f"at most {MAX_WINS} wins at a time")
    for win in chosen:
        if win.kind not in KINDS:
            raise ValidationError(f"unknown kind {win.kind!r}: choose one of {', '.join(KINDS)}")
    return [service.create(w.kind, " ".join(w.title.split()), start_date=day, end_date=day,
                           metrics=w.metrics.strip()) for w in chosen]
