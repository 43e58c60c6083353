"""Cards you pinned to other rejections, as a small lift for the same card in a rejection
about the same thing: what you chose then is your own sense of what answers it.

The pins are read from the rejections themselves (each keeps its pins and the skills it
named in its snapshot), so deleting a rejection, restoring a backup or importing one leaves
nothing stale. A rejection's snapshot is parsed again only when its ``updated_at`` changes:
the cache is per row, so a match after one rejection was saved reads that one alone.
"""

from __future__ import annotations

import json
import math
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple, Protocol

from trackrecord.core.matching.pool import Candidate
from trackrecord.core.matching.text import NamedSkill
from trackrecord.core.matching.vocabulary import evidence_weights, skills

# What a rejection was about, for its pins: what its feedback and your own read named. Its
# role counts only where neither names anything (silence, a freeze): then a card pinned for
# the same kind of role is your own pick of your strongest work for it.
PIN_SOURCES = frozenset({"feedback", "own read"})
MAX_COUNTED = 5  # past a handful of rejections, more pins say nothing new
W_PINNED = evidence_weights()["pinned_before"]
CHUNK = 500  # ids per query (SQLite's limit on parameters is higher, but not everywhere)

_ROWS = "SELECT id, updated_at FROM rejections"
# Of each rejection read, only two small parts of its snapshot; CASE keeps SQLite from
# reading a snapshot that is not valid JSON at all.
_PINS = (
    "SELECT id, CASE WHEN json_valid(snapshot_json) THEN "
    "json_extract(snapshot_json, '$.corrections.pinned') END, "
    "CASE WHEN json_valid(snapshot_json) THEN "
    "json_extract(snapshot_json, '$.skills_named') END "
    "FROM rejections WHERE id IN ({})"
)


@dataclass(frozen=True)
class EarlierPin:
    """A card pinned to another rejection, and the skills that rejection named."""

    entry_id: str
    rejection_id: str
    skills: frozenset[str]  # what its feedback and your read named
    role_skills: frozenset[str] = frozenset()


class PinLift(NamedTuple):
    rejections: int  # how many other rejections about the same thing it was pinned to
    about: str  # the skill they share most often, as the app names it
    by_role: bool = False  # shared by their roles, this rejection saying nothing of its own


class _Rows(Protocol):
    def rows(self, sql: str, params: Sequence[object] = ()) -> list[Any]: ...


# database file -> rejection id -> (its updated_at, its pins)
_cache: dict[str, dict[str, tuple[Any, tuple[EarlierPin, ...]]]] = {}
_lock = threading.Lock()


def read_earlier_pins(cur: _Rows) -> tuple[EarlierPin, ...]:
    """Every card pinned to a rejection in this store, with what that rejection named."""
    where = next((str(row[2]) for row in cur.rows("PRAGMA database_list") if row[1] == "main"),
                 "")
    stamps = {str(rid): updated for rid, updated in cur.rows(_ROWS)}
    with _lock:
        known = dict(_cache.get(where, {})) if where else {}
    fresh = {rid: entry for rid, entry in known.items() if stamps.get(rid) == entry[0]}
    stale = [rid for rid in stamps if rid not in fresh]
    for start in range(0, len(stale), CHUNK):
        ids = stale[start:start + CHUNK]
        read = {str(rid): _parse(str(rid), pinned, named)
                for rid, pinned, named in cur.rows(_PINS.format(", ".join("?" * len(ids))), ids)}
        for rid in ids:
            fresh[rid] = (stamps[rid], read.get(rid, ()))
    if where:
        with _lock:
            _cache[where] = fresh
    return tuple(pin for _stamp, pins in fresh.values() for pin in pins)


def _parse(rejection_id: str, pinned_raw: object, named_raw: object) -> tuple[EarlierPin, ...]:
    """Read leniently: a snapshot written by an older version may lack either part."""
    try:
        pinned = json.loads(pinned_raw) if isinstance(pinned_raw, str) else []
        named = json.loads(named_raw) if isinstance(named_raw, str) else []
    except ValueError:
        return ()
    if not isinstance(pinned, list) or not isinstance(named, list):
        return ()
    def named_by(sources: frozenset[str]) -> frozenset[str]:
        return frozenset(str(n["skill"]) for n in named if isinstance(n, dict)
                         and n.get("source") in sources and "skill" in n)

    about, role = named_by(PIN_SOURCES), named_by(frozenset({"role"}))
    return tuple(EarlierPin(e, rejection_id, about, role) for e in pinned
                 if isinstance(e, str) and e)


def pin_lifts(pins: Iterable[EarlierPin], named: Sequence[NamedSkill],
              rejection_id: str = "") -> Mapping[str, PinLift]:
    """Entries pinned to other rejections that named a skill this one's feedback or your
    read names (or, when they name none, for a role calling for the same skill). A
    rejection's own pins are not another's."""
    asked = {n.skill for n in named if n.source in PIN_SOURCES}
    by_role = not asked
    if by_role:
        asked = {n.skill for n in named if n.source == "role"}
    shared: dict[str, dict[str, set[str]]] = {}  # entry -> skill -> rejections
    for pin in pins:
        if pin.rejection_id == rejection_id:
            continue
        for skill in (pin.role_skills if by_role else pin.skills) & asked:
            shared.setdefault(pin.entry_id, {}).setdefault(skill, set()).add(pin.rejection_id)
    catalogue = skills()
    out: dict[str, PinLift] = {}
    for entry_id, by_skill in shared.items():
        rejections = set().union(*by_skill.values())
        top = max(sorted(by_skill), key=lambda k: len(by_skill[k]))
        out[entry_id] = PinLift(min(len(rejections), MAX_COUNTED),
                                catalogue[top].label if top in catalogue else top, by_role)
    return out


def lift_pinned(c: Candidate, lift: PinLift) -> None:
    """"You pinned it to 2 other rejections about testing": a part of the score, with its
    line on the card."""
    other = "another rejection" if lift.rejections == 1 else f"{lift.rejections} other rejections"
    about = f"for a role that calls for {lift.about}" if lift.by_role else f"about {lift.about}"
    c.add(W_PINNED * math.log1p(lift.rejections), f"you pinned it to {other} {about}",
          part="pinned_before")
