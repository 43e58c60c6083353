"""Restoring a JSON backup: merge by id (the newer ``updated_at`` wins) or replace everything.

Merge compares each record with the one of the same id here. A record that is not here is
added; an identical one is unchanged; one whose ``updated_at`` is newer than the copy here
replaces it; an older one is skipped. Practice items and sessions have no ``updated_at``: the
moment they were created (or ticked off) counts. Settings already here keep their value
(they are this machine's preferences). Replace removes everything first; the caller takes a
verified backup before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from trackrecord.core.record.entries import EDITABLE_FIELDS
from trackrecord.core.record.kinds import KIND_LABELS
from trackrecord.core.record.writes import drop_unused_tags, write_fields
from trackrecord.core.rejections.data import apply_changes
from trackrecord.core.rejections.stages import STAGE_LABELS
from trackrecord.core.store import fts
from trackrecord.core.store.db import Store
from trackrecord.core.store.models import (
    CustomReframe,
    DebriefAnswerRow,
    Entry,
    Goal,
    InterviewStage,
    PracticeItem,
    PracticeSession,
    Rehearsal,
    Rejection,
    ReviewCycle,
    Setting,
    StoryTold,
    Tag,
    ThoughtEmotion,
    ThoughtRecord,
    UpcomingInterview,
    entry_goals,
    entry_tags,
)
from trackrecord.core.transfer.import_base import ADD, SKIP, UNCHANGED, UPDATE, PreviewRow
from trackrecord.core.transfer.json_export import (
    BackupDocument,
    cycle_record,
    entry_record,
    goal_links,
    goal_record,
    interview_record,
    practice_record,
    reframe_record,
    rejection_record,
    session_record,
    stamp,
)
from trackrecord.core.transfer.json_reflection import (
    local_thoughts,
    pk_ids,
    rehearsal_in,
    rehearsal_record,
    thought_in,
    thought_record,
    told_by_interview,
    write_rehearsals,
    write_thoughts,
    write_told,
)

_CHUNK = 500  # ids per IN (...) query
# Everything a replace removes, children before parents.
_ALL: tuple[Any, ...] = (
    entry_goals, Goal, ReviewCycle, ThoughtEmotion, ThoughtRecord, Rehearsal, StoryTold,
    entry_tags, Tag, Entry, DebriefAnswerRow, PracticeSession, PracticeItem, Rejection,
    CustomReframe, InterviewStage, UpcomingInterview, Setting,
)


@dataclass(frozen=True)
class Decision:
    row: PreviewRow
    collection: str
    clean: Any  # what the store takes


def _chunks(ids: Sequence[str]) -> Iterator[Sequence[str]]:
    for i in range(0, len(ids), _CHUNK):
        yield ids[i:i + _CHUNK]


def _load(s: Session, model: Any, ids: Sequence[str]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for chunk in _chunks(ids):
        for row in s.scalars(select(model).where(model.id.in_(chunk))):
            found[row.id] = row
    return found


def count_records(s: Session) -> int:
    """Records a replace would remove (tags and debrief rows go with their owners)."""
    return sum(
        int(s.scalar(select(func.count()).select_from(model)) or 0)
        for model in (Entry, Rejection, PracticeItem, PracticeSession, CustomReframe,
                      UpcomingInterview, Goal, ReviewCycle, Setting, ThoughtRecord,
                      Rehearsal)
    )


# -- each record as the document would hold it, to compare with the copy here ----------------


def _stamped(clean: dict[str, Any], *names: str) -> dict[str, Any]:
    out = dict(clean)
    for name in names:
        value = out.get(name)
        out[name] = stamp(value) if value is not None else None
    for name in ("start_date", "end_date", "date"):
        if name in out and out[name] is not None:
            out[name] = out[name].isoformat()
    return out


def _entry_in(clean: dict[str, Any]) -> dict[str, Any]:
    out = _stamped(clean, "created_at", "updated_at")
    out.update(tags=list(clean["tags"]), links=list(clean["links"]))
    return out


def _rejection_in(clean: dict[str, Any]) -> dict[str, Any]:
    out = _stamped(clean, "created_at", "updated_at")
    out["debrief"] = [{"topic": a.topic, "answer": a.answer, "note": a.note}
                      for a in clean.get("debrief", ())]
    return out


def _practice_in(clean: dict[str, Any]) -> dict[str, Any]:
    out = _stamped(clean, "created_at", "done_at")
    out["changed"] = max(out["created_at"], out["done_at"] or "")
    return out


def _same(local: dict[str, Any], incoming: dict[str, Any]) -> bool:
    def norm(record: dict[str, Any]) -> dict[str, Any]:
        out = {k: v for k, v in record.items() if k != "changed"}
        if "tags" in out:  # tag names are compared without case, as the store compares them
            out["tags"] = sorted(t.casefold() for t in out["tags"])
        return out

    return norm(local) == norm(incoming)


def _decide(local: dict[str, Any] | None, incoming: dict[str, Any], clock: str) -> tuple[str, str]:
    if local is None:
        return ADD, ""
    if _same(local, incoming):
        return UNCHANGED, "the same as the copy here"
    here = str(local[clock])[:16].replace("T", " ")
    if incoming[clock] > local[clock]:
        return UPDATE, f"newer than the copy here ({here} UTC)"
    if incoming[clock] < local[clock]:
        return SKIP, f"the copy here is newer ({here} UTC)"
    return SKIP, "changed here at the same moment; the copy here was kept"


@dataclass(frozen=True)
class _Ids:
    """pk -> id of the records others point at, read once per plan."""

    rejections: dict[int, str]
    items: dict[int, str]
    entries: dict[int, str]
    interviews: dict[int, str]
    told: dict[int, list[str]]  # interview pk -> the entries told in it
    goal_entries: dict[int, list[str]]

    @classmethod
    def read(cls, s: Session) -> _Ids:
        return cls(pk_ids(s, Rejection), pk_ids(s, PracticeItem), pk_ids(s, Entry),
                   pk_ids(s, UpcomingInterview), told_by_interview(s), goal_links(s))


@dataclass(frozen=True)
class _Kind:
    model: Any
    record: str  # how the preview names it
    local: Callable[[_Ids, Any], dict[str, Any]]
    incoming: Callable[[dict[str, Any]], dict[str, Any]]
    clock: str
    title: Callable[[dict[str, Any]], str]
    detail: Callable[[dict[str, Any]], str]
    # The copies here, by incoming id (default: the records of the same ids).
    find: Callable[[Session, Sequence[dict[str, Any]]], dict[str, Any]] | None = None


def _practice_local(ids: _Ids, row: PracticeItem) -> dict[str, Any]:
    owner = ids.rejections.get(row.rejection_pk) if row.rejection_pk is not None else None
    out = practice_record(row, owner)
    out["changed"] = max(out["created_at"], out["done_at"] or "")
    return out


_KINDS: dict[str, _Kind] = {
    "entries": _Kind(
        Entry, "entry", lambda ids, r: entry_record(r), _entry_in, "updated_at",
        lambda c: c["title"],
        lambda c: f"{KIND_LABELS[c['kind']]} \u00b7 {c['start_date'].isoformat()}"),
    "rejections": _Kind(
        Rejection, "rejection", lambda ids, r: rejection_record(r), _rejection_in, "updated_at",
        lambda c: c["company"] + (f" \u2014 {c['role']}" if c["role"] else ""),
        lambda c: f"{STAGE_LABELS[c['stage']]} \u00b7 {c['date'].isoformat()}"),
    "practice_items": _Kind(
        PracticeItem, "practice item", _practice_local, _practice_in, "changed",
        lambda c: c["text"][:80], lambda c: "done" if c["done"] else ""),
    "practice_sessions": _Kind(
        PracticeSession, "practice session",
        lambda ids, r: session_record(r, ids.items[r.practice_item_pk]),
        lambda c: _stamped(c, "created_at"), "created_at",
        lambda c: c["note"][:80] or "(no note)", lambda c: c["date"].isoformat()),
    "custom_reframes": _Kind(
        CustomReframe, "custom reframe", lambda ids, r: reframe_record(r),
        lambda c: _stamped(c, "created_at", "updated_at"), "updated_at",
        lambda c: (c["headline"] or c["body"])[:80], lambda c: c["category"] or "any"),
    "upcoming_interviews": _Kind(
        UpcomingInterview, "interview",
        lambda ids, r: interview_record(r, ids.told.get(r.pk, ())),
        lambda c: _stamped(c, "created_at", "updated_at"), "updated_at",
        lambda c: " at ".join(v for v in (c["role"], c["company"]) if v) or "(interview)",
        lambda c: c["date"].isoformat() if c["date"] else "no date"),
    "goals": _Kind(
        Goal, "goal", lambda ids, r: goal_record(r, ids.goal_entries.get(r.pk, [])),
        lambda c: _stamped(c, "created_at", "updated_at"), "updated_at",
        lambda c: c["title"][:80],
        lambda c: f"{c['start_date'].isoformat()} to {c['end_date'].isoformat()}"),
    "review_cycles": _Kind(
        ReviewCycle, "review cycle", lambda ids, r: cycle_record(r),
        lambda c: _stamped(c, "created_at", "updated_at"), "updated_at",
        lambda c: c["name"],
        lambda c: f"{c['start_date'].isoformat()} to {c['end_date'].isoformat()}"),
    "thought_records": _Kind(
        ThoughtRecord, "thought record",
        lambda ids, r: thought_record(r, ids.rejections[r.rejection_pk]), thought_in,
        "updated_at", lambda c: c["thought"][:80] or "(no thought written yet)",
        lambda c: ", ".join(e.name for e in c["emotions"])[:80], find=local_thoughts),
    "rehearsals": _Kind(
        Rehearsal, "rehearsal",
        lambda ids, r: rehearsal_record(r, ids.entries[r.entry_pk],
                                        ids.interviews.get(r.interview_pk)
                                        if r.interview_pk else None),
        rehearsal_in, "created_at", lambda c: f"{c['went']} \u00b7 {c['date'].isoformat()}",
        lambda c: c["note"][:80]),
}


def plan_backup(s: Session, doc: BackupDocument, mode: str) -> list[Decision]:
    out: list[Decision] = []
    ids = _Ids.read(s)
    for name, kind in _KINDS.items():
        records: tuple[dict[str, Any], ...] = getattr(doc, name)
        if mode == "replace":
            here: dict[str, Any] = {}
        elif kind.find is not None:
            here = kind.find(s, records)
        else:
            here = _load(s, kind.model, [c["id"] for c in records])
        for clean in records:
            local = here.get(clean["id"])
            action, reason = _decide(kind.local(ids, local) if local is not None else None,
                                     kind.incoming(clean), kind.clock)
            row = PreviewRow(action, kind.record, kind.title(clean), kind.detail(clean), reason)
            out.append(Decision(row, name, clean))
    settings = {} if mode == "replace" else {r.key: r.value for r in s.scalars(select(Setting))}
    for key, value in doc.settings:
        if key not in settings:
            action, reason = ADD, ""
        elif settings[key] == value:
            action, reason = UNCHANGED, "the same as here"
        else:
            action, reason = SKIP, "this machine's value was kept"
        out.append(Decision(PreviewRow(action, "setting", key, "", reason), "settings",
                            (key, value)))
    return out if mode == "replace" else _taken_names(s, out)


# -- writing ----------------------------------------------------------------------------------


def apply_backup(s: Session, store: Store, decisions: Sequence[Decision], mode: str) -> None:
    """Write the decisions in the caller's transaction (search index and tags kept in step)."""
    if mode == "replace":
        for table in _ALL:
            s.execute(delete(table))
    todo: dict[str, list[dict[str, Any]]] = {name: [] for name in (*_KINDS, "settings")}
    for decision in decisions:
        if decision.row.action in (ADD, UPDATE):
            todo[decision.collection].append(decision.clean)
    written = _entries(s, todo["entries"], replace=mode == "replace")
    rejections = _load(s, Rejection, [c["id"] for c in todo["rejections"]])
    for clean in todo["rejections"]:
        rejection = rejections.get(clean["id"]) or Rejection()
        apply_changes(rejection, clean)
        s.add(rejection)
    s.flush()
    _practice(s, todo["practice_items"], todo["practice_sessions"])
    reframes = _load(s, CustomReframe, [c["id"] for c in todo["custom_reframes"]])
    for clean in todo["custom_reframes"]:
        reframe = reframes.get(clean["id"]) or CustomReframe()
        for name, value in clean.items():
            setattr(reframe, name, value)
        s.add(reframe)
    interviews = _load(s, UpcomingInterview, [c["id"] for c in todo["upcoming_interviews"]])
    for clean in todo["upcoming_interviews"]:
        _interview(s, interviews.get(clean["id"]), clean)
    _goals(s, todo["goals"], todo["review_cycles"])
    s.flush()
    write_told(s, todo["upcoming_interviews"])
    write_thoughts(s, todo["thought_records"])
    write_rehearsals(s, todo["rehearsals"])
    for key, value in todo["settings"]:
        s.add(Setting(key=key, value=value))
    s.flush()
    if mode == "replace":
        fts.rebuild(s)
    else:
        fts.index(s, [e.pk for e in written])


def _entries(s: Session, todo: list[dict[str, Any]], *, replace: bool) -> list[Entry]:
    here = {} if replace else _load(s, Entry, [c["id"] for c in todo])
    fts.unindex(s, [e.pk for e in here.values()])  # before their text changes
    written = []
    # Not flushing before every tag lookup: one flush at the end (50x faster on 10,000).
    with s.no_autoflush:
        for clean in todo:
            entry = here.get(clean["id"]) or Entry(id=clean["id"], links=[])
            write_fields(s, entry, {k: v for k, v in clean.items() if k in EDITABLE_FIELDS})
            entry.created_at, entry.updated_at = clean["created_at"], clean["updated_at"]
            s.add(entry)
            written.append(entry)
    s.flush()
    if here:
        drop_unused_tags(s)
    return written


def _practice(s: Session, items: list[dict[str, Any]], sessions: list[dict[str, Any]]) -> None:
    here = _load(s, PracticeItem, [c["id"] for c in items])
    owners = {k: v for k, v in s.execute(select(Rejection.id, Rejection.pk))}
    for clean in items:
        item = here.get(clean["id"]) or PracticeItem(id=clean["id"])
        item.text, item.done = clean["text"], clean["done"]
        item.done_at, item.created_at = clean["done_at"], clean["created_at"]
        item.rejection_pk = owners.get(clean["rejection_id"]) if clean["rejection_id"] else None
        s.add(item)
    s.flush()
    item_pks = {k: v for k, v in s.execute(select(PracticeItem.id, PracticeItem.pk))}
    done = _load(s, PracticeSession, [c["id"] for c in sessions])
    for clean in sessions:
        session = done.get(clean["id"]) or PracticeSession(id=clean["id"])
        session.practice_item_pk = item_pks[clean["practice_item_id"]]
        session.date, session.note = clean["date"], clean["note"]
        session.created_at = clean["created_at"]
        s.add(session)


def _interview(s: Session, row: UpcomingInterview | None, clean: dict[str, Any]) -> None:
    if row is None:
        row = UpcomingInterview(id=clean["id"])
        s.add(row)
    for name in ("company", "role", "date", "notes", "created_at", "updated_at"):
        setattr(row, name, clean[name])
    row.energy_ticks = list(clean["energy_ticks"])
    # In place, as the interview service does: re-adding a stage would trip its key.
    existing = {st.stage: st for st in row.stages}
    for stage, old in existing.items():
        if stage not in clean["stages"]:
            row.stages.remove(old)
    for position, stage in enumerate(clean["stages"]):
        if stage in existing:
            existing[stage].position = position
        else:
            row.stages.append(InterviewStage(stage=stage, position=position))


def _goals(s: Session, goals: list[dict[str, Any]], cycles: list[dict[str, Any]]) -> None:
    """Goals with their links as the file has them, and review cycles. A cycle whose name
    another cycle here already has keeps the name, with its dates, under the file's id."""
    s.flush()
    here = _load(s, Goal, [c["id"] for c in goals])
    entry_pks = {k: v for k, v in s.execute(select(Entry.id, Entry.pk))}
    for clean in goals:
        goal = here.get(clean["id"]) or Goal(id=clean["id"])
        for name in ("title", "start_date", "end_date", "notes", "created_at", "updated_at"):
            setattr(goal, name, clean[name])
        s.add(goal)
        s.flush()
        s.execute(delete(entry_goals).where(entry_goals.c.goal_pk == goal.pk))
        links = [{"entry_pk": entry_pks[e], "goal_pk": goal.pk}
                 for e in clean["entries"] if e in entry_pks]
        if links:
            s.execute(entry_goals.insert(), links)
    found = _load(s, ReviewCycle, [c["id"] for c in cycles])
    for clean in cycles:
        cycle = found.get(clean["id"]) or ReviewCycle(id=clean["id"])
        for name, value in clean.items():
            setattr(cycle, name, value)
        s.add(cycle)
    s.flush()


def _taken_names(s: Session, decisions: list[Decision]) -> list[Decision]:
    """A review cycle to add whose name another cycle here already has is skipped (names
    are unique, and a merge never deletes what is here)."""
    here = {name.casefold(): id_ for id_, name in s.execute(
        select(ReviewCycle.id, ReviewCycle.name))}
    out = []
    for d in decisions:
        taken = here.get(d.clean["name"].casefold()) if d.collection == "review_cycles" else None
        if d.row.action in (ADD, UPDATE) and taken is not None and taken != d.clean["id"]:
            d = Decision(replace(d.row, action=SKIP,
                                 reason="another review cycle here has this name"),
                         d.collection, d.clean)
        out.append(d)
    return out
