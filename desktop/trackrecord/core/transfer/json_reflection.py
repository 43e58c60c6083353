"""The thought records, rehearsals and stories told in the JSON backup (format version 2):
read out of the store, checked in a file, and written back.

``thought_records`` and ``rehearsals`` are lists of their own; which entries were told in an
interview is the interview's ``told`` list (telling a story changes the interview). Files of
version 1 have none of them, and import as they always did.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from trackrecord.core.rejections.thoughts import apply as apply_thought
from trackrecord.core.rejections.thoughts import validate as validate_thought
from trackrecord.core.review.outcomes import REHEARSAL_OUTCOMES
from trackrecord.core.review.rehearsals import MAX_NOTE
from trackrecord.core.store.models import (
    Entry,
    Rehearsal,
    Rejection,
    StoryTold,
    ThoughtRecord,
    UpcomingInterview,
)
from trackrecord.core.transfer.json_fields import (
    Bad,
    checked,
    choice_value,
    day_value,
    fail,
    id_value,
    moment_value,
    record_keys,
    stamp,
    text_value,
    what_is,
)

MORE_COLLECTIONS: tuple[str, ...] = ("thought_records", "rehearsals")
THOUGHT_KEYS: tuple[str, ...] = (
    "id", "rejection_id", "thought", "emotions", "traps", "evidence_for", "evidence_against",
    "balanced", "created_at", "updated_at",
)
EMOTION_KEYS: tuple[str, ...] = ("name", "before", "after")
REHEARSAL_KEYS: tuple[str, ...] = (
    "id", "entry_id", "interview_id", "date", "seconds", "went", "note", "created_at",
)

__all__ = ["MORE_COLLECTIONS", "Bad"]


# -- out of the store ------------------------------------------------------------------------------


def thought_record(row: ThoughtRecord, rejection_id: str) -> dict[str, Any]:
    return {
        "id": row.id, "rejection_id": rejection_id, "thought": row.thought,
        "emotions": [{"name": e.name, "before": e.before, "after": e.after}
                     for e in sorted(row.emotions, key=lambda e: e.position)],
        "traps": list(row.traps or ()), "evidence_for": row.evidence_for,
        "evidence_against": row.evidence_against, "balanced": row.balanced,
        "created_at": stamp(row.created_at), "updated_at": stamp(row.updated_at),
    }


def rehearsal_record(row: Rehearsal, entry_id: str, interview_id: str | None) -> dict[str, Any]:
    return {
        "id": row.id, "entry_id": entry_id, "interview_id": interview_id,
        "date": row.date.isoformat(), "seconds": row.seconds, "went": row.went,
        "note": row.note, "created_at": stamp(row.created_at),
    }


def pk_ids(s: Session, model: Any) -> dict[int, str]:
    return {pk: rid for pk, rid in s.execute(select(model.pk, model.id))}


def told_by_interview(s: Session) -> dict[int, list[str]]:
    """Interview pk -> the ids of the entries told in it, sorted."""
    out: dict[int, list[str]] = {}
    query = (select(StoryTold.interview_pk, Entry.id)
             .join(Entry, Entry.pk == StoryTold.entry_pk).order_by(Entry.id))
    for pk, entry_id in s.execute(query):
        out.setdefault(pk, []).append(entry_id)
    return out


def read_more(s: Session) -> dict[str, list[dict[str, Any]]]:
    rejections, entries = pk_ids(s, Rejection), pk_ids(s, Entry)
    interviews = pk_ids(s, UpcomingInterview)
    return {
        "thought_records": [
            thought_record(r, rejections[r.rejection_pk])
            for r in s.scalars(select(ThoughtRecord).order_by(ThoughtRecord.id))
        ],
        "rehearsals": [
            rehearsal_record(r, entries[r.entry_pk],
                             interviews.get(r.interview_pk) if r.interview_pk else None)
            for r in s.scalars(select(Rehearsal).order_by(Rehearsal.id))
        ],
    }


# -- checking a file -----------------------------------------------------------------------------


def _rating(value: object, where: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise fail(where, f"must be a whole number from 0 to 100 or null, not {what_is(value)}")
    return value


def check_thought(record: object, where: str) -> dict[str, Any]:
    raw = record_keys(record, where, required=("id", "rejection_id", "created_at",
                                               "updated_at"), optional=THOUGHT_KEYS)
    values: dict[str, Any] = {
        name: text_value(raw.get(name, ""), f"{where}.{name}")
        for name in ("thought", "evidence_for", "evidence_against", "balanced")
    }
    emotions = raw.get("emotions", [])
    if not isinstance(emotions, list):
        raise fail(f"{where}.emotions", "must be a list")
    values["emotions"] = []
    for i, item in enumerate(emotions):
        here = f"{where}.emotions[{i}]"
        emotion = record_keys(item, here, required=("name",), optional=EMOTION_KEYS)
        values["emotions"].append({
            "name": text_value(emotion["name"], f"{here}.name"),
            "before": _rating(emotion.get("before"), f"{here}.before"),
            "after": _rating(emotion.get("after"), f"{here}.after"),
        })
    traps = raw.get("traps", [])
    if not isinstance(traps, list):
        raise fail(f"{where}.traps", "must be a list of text")
    values["traps"] = [text_value(t, f"{where}.traps") for t in traps]
    clean: dict[str, Any] = checked(where, lambda: validate_thought(values))
    clean["id"] = id_value(raw["id"], f"{where}.id")
    clean["rejection_id"] = id_value(raw["rejection_id"], f"{where}.rejection_id")
    clean["created_at"] = moment_value(raw["created_at"], f"{where}.created_at")
    clean["updated_at"] = moment_value(raw["updated_at"], f"{where}.updated_at")
    return clean


def check_rehearsal(record: object, where: str) -> dict[str, Any]:
    raw = record_keys(record, where, required=("id", "entry_id", "date", "went", "created_at"),
                      optional=REHEARSAL_KEYS)
    seconds = raw.get("seconds")
    if seconds is not None and (isinstance(seconds, bool) or not isinstance(seconds, int)
                                or seconds < 0):
        raise fail(f"{where}.seconds", "must be a whole number of seconds, 0 or more, or null")
    note = " ".join(str(text_value(raw.get("note", ""), f"{where}.note")).split())
    if len(note) > MAX_NOTE:
        raise fail(f"{where}.note", f"is longer than {MAX_NOTE} characters")
    interview = raw.get("interview_id")
    return {
        "id": id_value(raw["id"], f"{where}.id"),
        "entry_id": id_value(raw["entry_id"], f"{where}.entry_id"),
        "interview_id": (id_value(interview, f"{where}.interview_id")
                         if interview is not None else None),
        "date": day_value(raw["date"], f"{where}.date"),
        "seconds": seconds,
        "went": choice_value(raw["went"], REHEARSAL_OUTCOMES, f"{where}.went"),
        "note": note,
        "created_at": moment_value(raw["created_at"], f"{where}.created_at"),
    }


def check_told(value: object, where: str) -> list[str]:
    """An interview's ``told``: entry ids, each once, kept sorted as the file writes them."""
    if not isinstance(value, list):
        raise fail(where, "must be a list of entry ids")
    ids = [id_value(v, where) for v in value]
    if len(set(ids)) != len(ids):
        raise fail(where, "names the same entry twice")
    return sorted(ids)


def check_references(records: Mapping[str, Sequence[dict[str, Any]]]) -> None:
    """Every thought record, rehearsal and story told points at a record in the file."""
    rejections = {r["id"] for r in records["rejections"]}
    entries = {r["id"] for r in records["entries"]}
    interviews = {r["id"] for r in records["upcoming_interviews"]}
    seen: set[str] = set()
    for i, r in enumerate(records["thought_records"]):
        where = f"thought_records[{i}].rejection_id"
        if r["rejection_id"] not in rejections:
            raise fail(where, f"{r['rejection_id']} is not a rejection in this file")
        if r["rejection_id"] in seen:
            raise fail(where, f"{r['rejection_id']} has two thought records (one is allowed)")
        seen.add(r["rejection_id"])
    for i, r in enumerate(records["rehearsals"]):
        if r["entry_id"] not in entries:
            raise fail(f"rehearsals[{i}].entry_id", f"{r['entry_id']} is not an entry in this "
                                                     "file")
        if r["interview_id"] is not None and r["interview_id"] not in interviews:
            raise fail(f"rehearsals[{i}].interview_id", f"{r['interview_id']} is not an "
                                                         "interview in this file")
    for i, r in enumerate(records["upcoming_interviews"]):
        for entry_id in r.get("told", ()):
            if entry_id not in entries:
                raise fail(f"upcoming_interviews[{i}].told", f"{entry_id} is not an entry in "
                                                              "this file")


# -- comparing with the copy here and writing back ---------------------------------------------


def thought_in(clean: dict[str, Any]) -> dict[str, Any]:
    """A checked thought record as the document holds it (to compare with the copy here)."""
    out = dict(clean)
    out["emotions"] = [e.to_json() for e in clean.get("emotions", ())]
    out["traps"] = list(clean.get("traps", ()))
    out["created_at"], out["updated_at"] = stamp(clean["created_at"]), stamp(clean["updated_at"])
    return out


def rehearsal_in(clean: dict[str, Any]) -> dict[str, Any]:
    out = dict(clean)
    out["date"], out["created_at"] = clean["date"].isoformat(), stamp(clean["created_at"])
    return out


def local_thoughts(s: Session, records: Sequence[dict[str, Any]]) -> dict[str, ThoughtRecord]:
    """Incoming id -> the copy here: the record of that id, else the one this rejection has
    here under another id (started on each machine): one thought record per rejection, so
    the two are compared, and the later one wins, as any record would."""
    found: dict[str, ThoughtRecord] = {}
    wanted = {r["id"] for r in records}
    by_rejection = {r["rejection_id"]: r["id"] for r in records}
    rows = s.execute(select(ThoughtRecord, Rejection.id)
                     .join(Rejection, Rejection.pk == ThoughtRecord.rejection_pk)).all()
    for row, _rejection_id in rows:
        if row.id in wanted:
            found[row.id] = row
    for row, rejection_id in rows:
        incoming = by_rejection.get(rejection_id)
        if incoming is not None and incoming not in found:
            found[incoming] = row
    return found


def write_thoughts(s: Session, todo: Sequence[dict[str, Any]]) -> None:
    here = local_thoughts(s, todo)
    owners = {rid: pk for pk, rid in pk_ids(s, Rejection).items()}
    for clean in todo:
        row = here.get(clean["id"]) or ThoughtRecord(traps=[])
        row.id, row.rejection_pk = clean["id"], owners[clean["rejection_id"]]
        apply_thought(row, {k: v for k, v in clean.items()
                            if k in ("thought", "emotions", "traps", "evidence_for",
                                     "evidence_against", "balanced")})
        row.created_at, row.updated_at = clean["created_at"], clean["updated_at"]
        s.add(row)


def write_rehearsals(s: Session, todo: Sequence[dict[str, Any]]) -> None:
    entries = {rid: pk for pk, rid in pk_ids(s, Entry).items()}
    interviews = {rid: pk for pk, rid in pk_ids(s, UpcomingInterview).items()}
    here = {r.id: r for r in s.scalars(
        select(Rehearsal).where(Rehearsal.id.in_([c["id"] for c in todo])))} if todo else {}
    for clean in todo:
        row = here.get(clean["id"]) or Rehearsal(id=clean["id"])
        row.entry_pk = entries[clean["entry_id"]]
        row.interview_pk = interviews.get(clean["interview_id"]) if clean["interview_id"] \
            else None
        row.date, row.seconds, row.went = clean["date"], clean["seconds"], clean["went"]
        row.note, row.created_at = clean["note"], clean["created_at"]
        s.add(row)


def write_told(s: Session, interviews: Sequence[dict[str, Any]]) -> None:
    """Each interview written from the file tells exactly the entries its ``told`` lists."""
    if not interviews:
        return
    pks = {rid: pk for pk, rid in pk_ids(s, UpcomingInterview).items()}
    entries = {rid: pk for pk, rid in pk_ids(s, Entry).items()}
    for clean in interviews:
        pk = pks[clean["id"]]
        s.execute(delete(StoryTold).where(StoryTold.interview_pk == pk))
        for entry_id in clean.get("told", ()):
            s.add(StoryTold(interview_pk=pk, entry_pk=entries[entry_id]))
