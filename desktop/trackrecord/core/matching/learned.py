"""What the person has taught the matcher from the rejection page, kept in their store.

- **Synonyms** ("fintech" is also "payouts"): added to the vocabulary for every later match,
  so a gap the track record answers in other words is not named, and those entries are found.
- **Not relevant**: an evidence card the person removed. The links that brought it there
  ("the feedback mentions *bugs*") no longer count for that entry in any later match.

Both live in the store's ``settings`` table (small JSON values that travel with a backup), so
no schema change is needed. Reading is one query inside the match's own read transaction.

- **Pinned before**: the cards you pinned to earlier rejections, with the skills each of those
  rejections named. They are read from the rejections themselves (each keeps its pins in its
  snapshot), so deleting a rejection or restoring a backup leaves nothing stale behind.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol

from trackrecord.core.matching.text import NamedSkill
from trackrecord.core.matching.vocabulary import Synonyms, as_synonyms, skills

SYNONYMS_KEY = "matching.synonyms"
NOT_RELEVANT_KEY = "matching.not_relevant"
MAX_SYNONYM_WORDS = 40  # per word; a synonym is a few words, not a paragraph
MAX_SYNONYM_LENGTH = 60
MAX_NOT_RELEVANT = 2000  # the oldest are forgotten first

_READ = "SELECT key, value FROM settings WHERE key IN (?, ?)"


# Only rejections that pinned something are read, and of them only two small parts.
_PINNED = (
    "SELECT id, json_extract(snapshot_json, '$.corrections.pinned'), "
    "json_extract(snapshot_json, '$.skills_named') FROM rejections "
    "WHERE json_valid(snapshot_json) "
    "AND json_array_length(snapshot_json, '$.corrections.pinned') > 0"
)
# Reading every snapshot costs about 8 ms per thousand rejections, so it is done again only
# when a rejection was added, deleted or changed (every change moves its updated_at).
_PINNED_STAMP = "SELECT count(*), max(updated_at) FROM rejections"
_pinned_cache: dict[str, tuple[tuple[Any, ...], tuple[Pinned, ...]]] = {}  # file -> (stamp, pins)
# What a rejection was about, for its pins: what its feedback and your read named, and its role.
PIN_SOURCES = frozenset({"feedback", "own read", "role"})


@dataclass(frozen=True)
class Pinned:
    """A card you pinned to an earlier rejection, and the skills that rejection named."""

    entry_id: str
    rejection_id: str
    skills: frozenset[str]


@dataclass(frozen=True)
class Learned:
    synonyms: Synonyms = ()
    not_links: Mapping[str, frozenset[str]] = field(default_factory=dict)  # entry id -> links
    pinned: tuple[Pinned, ...] = ()


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
        pinned=_read_pinned(cur),
    )


def _read_pinned(cur: _Rows) -> tuple[Pinned, ...]:
    databases = cur.rows("PRAGMA database_list")
    where = next((str(row[2]) for row in databases if row[1] == "main"), "")
    stamp = tuple(cur.rows(_PINNED_STAMP)[0])
    cached = _pinned_cache.get(where) if where else None
    if cached is not None and cached[0] == stamp:
        return cached[1]
    pins = tuple(pinned_before(cur.rows(_PINNED)))
    if where:
        _pinned_cache[where] = (stamp, pins)
    return pins


def pinned_before(rows: Sequence[Any]) -> list[Pinned]:
    """(rejection id, pinned ids as JSON, skills named as JSON) rows, read leniently: a
    snapshot written by an older version may lack either part."""
    out: list[Pinned] = []
    for rejection_id, pinned_raw, named_raw in rows:
        try:
            pinned, named = json.loads(pinned_raw or "[]"), json.loads(named_raw or "[]")
        except (TypeError, ValueError):
            continue
        if not isinstance(pinned, list) or not isinstance(named, list):
            continue
        skills = frozenset(str(n["skill"]) for n in named if isinstance(n, dict)
                           and n.get("source") in PIN_SOURCES and "skill" in n)
        out.extend(Pinned(str(e), str(rejection_id), skills) for e in pinned
                   if isinstance(e, str) and e)
    return out


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


class PinnedBefore(NamedTuple):
    rejections: int  # how many earlier rejections it was pinned to
    about: str  # the skill they shared with this one most often, as the app names it


def pinned_about(pins: Sequence[Pinned], named: Sequence[NamedSkill],
                 rejection_id: str = "") -> dict[str, PinnedBefore]:
    """Entries you pinned to earlier rejections that named a skill this one names (its
    feedback, your read or its role): what you chose then is your own sense of what answers
    this. A rejection's own pins are not earlier ones."""
    about = {n.skill for n in named if n.source in PIN_SOURCES}
    shared: dict[str, dict[str, set[str]]] = {}  # entry -> skill -> rejections
    for pin in pins:
        if pin.rejection_id == rejection_id:
            continue
        for skill in pin.skills & about:
            shared.setdefault(pin.entry_id, {}).setdefault(skill, set()).add(pin.rejection_id)
    catalogue = skills()
    # Said as what the feedback or your read names, before what the role does.
    said = {n.skill for n in named if n.source in PIN_SOURCES - {"role"}}
    out: dict[str, PinnedBefore] = {}
    for entry_id, by_skill in shared.items():
        rejections = set().union(*by_skill.values())
        top = max(sorted(by_skill), key=lambda k: (k in said, len(by_skill[k])))
        out[entry_id] = PinnedBefore(len(rejections), catalogue[top].label
                                     if top in catalogue else top)
    return out
