"""What the person has taught the matcher from the rejection page, kept in their store.

- **Synonyms** ("fintech" is also "payouts"): added to the vocabulary for every later match,
  so a gap the track record answers in other words is not named, and those entries are found.
- **Not relevant**: an evidence card the person removed. The links that brought it there
  ("the feedback mentions *bugs*") no longer count for that entry in any later match.

Both live in the store's ``settings`` table (small JSON values that travel with a backup), so
no schema change is needed. Reading them is one query inside the match's own read
transaction. What cards pinned to other rejections teach is read from the rejections
themselves (trackrecord.core.matching.pins).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from trackrecord.core.matching.pins import EarlierPin, read_earlier_pins
from trackrecord.core.matching.vocabulary import Synonyms, as_synonyms

SYNONYMS_KEY = "matching.synonyms"
NOT_RELEVANT_KEY = "matching.not_relevant"
MAX_SYNONYM_WORDS = 40  # per word; a synonym is a few words, not a paragraph
MAX_SYNONYM_LENGTH = 60
MAX_NOT_RELEVANT = 2000  # the oldest are forgotten first

_READ = "SELECT key, value FROM settings WHERE key IN (?, ?)"


@dataclass(frozen=True)
class Learned:
    synonyms: Synonyms = ()
    not_links: Mapping[str, frozenset[str]] = field(default_factory=dict)  # entry id -> links
    earlier_pins: tuple[EarlierPin, ...] = ()


class _Rows(Protocol):
    def rows(self, sql: str, params: Sequence[object] = ()) -> list[Any]: ...


def read_learned(cur: _Rows) -> Learned:
    """The person's corrections, from the store being matched (never fails a match: a value
    that cannot be read counts as empty)."""
    values: dict[str, Any] = {}
    for key, raw in cur.rows(_READ, (SYNONYMS_KEY, NOT_RELEVANT_KEY)):
        try:
            values[key] = json.loads(raw)
        except (TypeError, ValueError):
            continue
    synonyms = values.get(SYNONYMS_KEY)
    return Learned(
        synonyms=as_synonyms(synonyms if isinstance(synonyms, dict) else None),
        not_links=not_links(values.get(NOT_RELEVANT_KEY)),
        earlier_pins=read_earlier_pins(cur),
    )


def not_links(raw: object) -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    if not isinstance(raw, list):
        return {}
    for item in raw:
        if isinstance(item, dict) and isinstance(item.get("entry"), str):
            links = item.get("links")
            if isinstance(links, list):
                out.setdefault(item["entry"], set()).update(str(x) for x in links)
    return {k: frozenset(v) for k, v in out.items()}
