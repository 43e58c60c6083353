"""Checking a JSON backup before anything is written: the whole document, every record.

One problem anywhere — an unknown format or version, a wrong type, NaN, a duplicate id, a
reference to a record that is not in the file, a bad date, an unknown kind, stage or category —
refuses the file with an ImportFileError naming where the problem is. What passes is exactly
what the store will take (the services' own validation runs on every record).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from trackrecord.core.record.entries import EDITABLE_FIELDS, TEXT_FIELDS
from trackrecord.core.record.kinds import KINDS
from trackrecord.core.record.validation import check_dates, validate_changes
from trackrecord.core.rejections.categories import CATEGORIES
from trackrecord.core.rejections.data import validate as validate_rejection
from trackrecord.core.rejections.debrief import DEBRIEF_ANSWERS, DEBRIEF_TOPICS
from trackrecord.core.rejections.stages import STAGES
from trackrecord.core.store.settings import MAX_KEY_LENGTH
from trackrecord.core.transfer.import_base import (
    ImportFileError,
    ImportWarning,
)
from trackrecord.core.transfer.json_export import (
    BACKUP_FORMAT,
    BACKUP_VERSION,
    COLLECTIONS,
    CYCLE_KEYS,
    ENTRY_KEYS,
    GOAL_KEYS,
    INTERVIEW_KEYS,
    PRACTICE_KEYS,
    REFRAME_KEYS,
    REJECTION_KEYS,
    SESSION_KEYS,
    SINCE_VERSION,
    BackupDocument,
)

# The field checks, under the names this module has always used for them.
from trackrecord.core.transfer.json_fields import CLEANED as _CLEANED
from trackrecord.core.transfer.json_fields import Bad as _Bad
from trackrecord.core.transfer.json_fields import bool_value as _bool
from trackrecord.core.transfer.json_fields import checked as _checked
from trackrecord.core.transfer.json_fields import choice_value as _choice
from trackrecord.core.transfer.json_fields import day_value as _date
from trackrecord.core.transfer.json_fields import fail as _fail
from trackrecord.core.transfer.json_fields import id_value as _id
from trackrecord.core.transfer.json_fields import moment_value as _moment
from trackrecord.core.transfer.json_fields import plain_json as _plain_json
from trackrecord.core.transfer.json_fields import record_keys as _keys
from trackrecord.core.transfer.json_fields import shown as _shown
from trackrecord.core.transfer.json_fields import text_value as _str
from trackrecord.core.transfer.json_fields import unique_ids as _unique_ids
from trackrecord.core.transfer.json_fields import what_is as _what
from trackrecord.core.transfer.json_reflection import (
    MORE_COLLECTIONS,
    check_references,
    check_rehearsal,
    check_thought,
    check_told,
)


def backup_from_json(doc: object, source: str, duplicates: list[str]) -> BackupDocument:
    """Check an already parsed document (``duplicates``: keys some object named twice)."""
    cleaned: list[str] = []
    token = _CLEANED.set(cleaned)
    try:
        if duplicates:
            raise _fail("", f"an object names the key {_shown(duplicates[0])} twice")
        return dataclasses.replace(_document(doc), cleaned=tuple(dict.fromkeys(cleaned)))
    except _Bad as exc:
        raise ImportFileError(f"{source} cannot be imported: {exc}; nothing was imported") from None
    finally:
        _CLEANED.reset(token)


def _document(doc: object) -> BackupDocument:
    if not isinstance(doc, dict) or doc.get("format") != BACKUP_FORMAT:
        raise _fail("", f"it is not a Track Record backup (no \"format\": \"{BACKUP_FORMAT}\")")
    version = doc.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise _fail("version", f"unknown format version {_shown(version)}")
    if version > BACKUP_VERSION:
        raise _fail("", f"it was written by a newer Track Record (format version {version}); "
                        "update Track Record to import it")
    if version < 1:
        raise _fail("version", f"unknown format version {version}")
    # A collection later versions added is absent from an older file (and means none).
    present = tuple(name for name in COLLECTIONS if SINCE_VERSION[name] <= version)
    _keys(doc, "", required=("format", "version", *present, "settings"),
          optional=("app_version", *MORE_COLLECTIONS))
    for name in (*present, *MORE_COLLECTIONS):
        if not isinstance(doc.get(name, []), list):
            raise _fail(name, "must be a list")
    checks: dict[str, Callable[[object, str], dict[str, Any]]] = {
        "entries": _entry, "rejections": _rejection, "practice_items": _practice,
        "practice_sessions": _session, "custom_reframes": _reframe,
        "upcoming_interviews": _interview, "goals": _goal, "review_cycles": _cycle,
        "thought_records": check_thought, "rehearsals": check_rehearsal,
    }
    records: dict[str, tuple[dict[str, Any], ...]] = {}
    for name in COLLECTIONS:
        found = doc[name] if name in present else []
        records[name] = tuple(checks[name](r, f"{name}[{i}]") for i, r in enumerate(found))
    for name in MORE_COLLECTIONS:
        records[name] = tuple(checks[name](r, f"{name}[{i}]")
                              for i, r in enumerate(doc.get(name, [])))
    for name in (*COLLECTIONS, *MORE_COLLECTIONS):
        _unique_ids(name, records[name])
    _goal_entries(records)
    _unique_names(records["review_cycles"])
    _references(records, "practice_items", "rejection_id", "rejections", "a rejection")
    _references(records, "practice_sessions", "practice_item_id", "practice_items",
                "a practice item")
    check_references(records)
    fields: dict[str, Any] = dict(records)  # (one keyword per collection)
    return BackupDocument(**fields, settings=_settings(doc["settings"]))


def _references(records: dict[str, tuple[dict[str, Any], ...]], name: str, key: str,
                target: str, what: str) -> None:
    known = {r["id"] for r in records[target]}
    for i, record in enumerate(records[name]):
        if record[key] is not None and record[key] not in known:
            raise _fail(f"{name}[{i}].{key}", f"{record[key]} is not {what} in this file")


def cleaning_warnings(backup: BackupDocument) -> tuple[ImportWarning, ...]:
    """One warning naming the fields whose control characters were taken out, if any."""
    if not backup.cleaned:
        return ()
    places = ", ".join(backup.cleaned[:3]) + (" and more" if len(backup.cleaned) > 3 else "")
    return (ImportWarning("", f"control characters (such as NUL or ESC) were taken out of "
                              f"{len(backup.cleaned)} text field(s): {places}"),)


def _blank(text: str) -> bool:
    """Blank as the store's CHECK constraints see it: SQLite's length() stops at a NUL."""
    return not text.split("\x00", 1)[0].strip()


def _entry(record: object, where: str) -> dict[str, Any]:
    raw = _keys(record, where, required=("id", "kind", "title", "start_date", "created_at",
                                         "updated_at"), optional=ENTRY_KEYS)
    values: dict[str, Any] = {}
    for name in ENTRY_KEYS:
        if name in ("tags", "links"):
            items = raw.get(name, [])
            if not isinstance(items, list):
                raise _fail(f"{where}.{name}", "must be a list of text")
            values[name] = [_str(v, f"{where}.{name}") for v in items]
        elif name in TEXT_FIELDS:
            values[name] = _str(raw.get(name, ""), f"{where}.{name}")
    values["kind"] = _choice(raw["kind"], KINDS, f"{where}.kind")
    values["start_date"] = _date(raw["start_date"], f"{where}.start_date")
    values["end_date"] = _date(raw.get("end_date"), f"{where}.end_date", nullable=True)
    clean: dict[str, Any] = _checked(where, lambda: validate_changes(
        {k: v for k, v in values.items() if k in EDITABLE_FIELDS}))
    _checked(where, lambda: check_dates(clean["start_date"], clean["end_date"]))
    clean["id"] = _id(raw["id"], f"{where}.id")
    clean["created_at"] = _moment(raw["created_at"], f"{where}.created_at")
    clean["updated_at"] = _moment(raw["updated_at"], f"{where}.updated_at")
    return clean


def _rejection(record: object, where: str) -> dict[str, Any]:
    raw = _keys(record, where, required=("id", "company", "stage", "date", "created_at",
                                         "updated_at"), optional=REJECTION_KEYS)
    values: dict[str, Any] = {
        name: _str(raw.get(name, ""), f"{where}.{name}")
        for name in ("company", "role", "level", "feedback", "own_read")
    }
    values["stage"] = _choice(raw["stage"], STAGES, f"{where}.stage")
    values["suggested_category"] = _choice(raw.get("suggested_category"), CATEGORIES,
                                           f"{where}.suggested_category", nullable=True)
    values["category_trigger"] = _str(raw.get("category_trigger"), f"{where}.category_trigger",
                                      nullable=True)
    for name in ("sting_before", "sting_after"):
        sting = raw.get(name)
        if sting is not None and (isinstance(sting, bool) or not isinstance(sting, int)):
            raise _fail(f"{where}.{name}", f"must be a whole number from 0 to 100 or null, "
                                           f"not {_what(sting)}")
        values[name] = sting
    values["debrief"] = _debrief(raw.get("debrief", []), f"{where}.debrief")
    snapshot = raw.get("snapshot")
    if snapshot is not None and not isinstance(snapshot, dict):
        raise _fail(f"{where}.snapshot", "must be an object or null")
    _plain_json(snapshot, f"{where}.snapshot", 0)
    values["snapshot"] = snapshot
    clean: dict[str, Any] = _checked(where, lambda: validate_rejection(values))
    clean["id"] = _id(raw["id"], f"{where}.id")
    clean["date"] = _date(raw["date"], f"{where}.date")
    clean["category"] = _choice(raw.get("category", "unknown"), CATEGORIES, f"{where}.category")
    clean["category_confirmed"] = _bool(raw.get("category_confirmed", False),
                                        f"{where}.category_confirmed")
    clean["created_at"] = _moment(raw["created_at"], f"{where}.created_at")
    clean["updated_at"] = _moment(raw["updated_at"], f"{where}.updated_at")
    return clean


def _debrief(value: object, where: str) -> dict[str, dict[str, Any]]:
    if not isinstance(value, list):
        raise _fail(where, "must be a list")
    out: dict[str, dict[str, Any]] = {}
    for i, item in enumerate(value):
        here = f"{where}[{i}]"
        answer = _keys(item, here, required=("topic",), optional=("answer", "note"))
        topic = _choice(answer["topic"], DEBRIEF_TOPICS, f"{here}.topic")
        assert topic is not None
        if topic in out:
            raise _fail(f"{here}.topic", f"{topic!r} is answered twice")
        out[topic] = {
            "answer": _choice(answer.get("answer"), DEBRIEF_ANSWERS, f"{here}.answer",
                              nullable=True),
            "note": _str(answer.get("note", ""), f"{here}.note"),
        }
    return out


def _practice(record: object, where: str) -> dict[str, Any]:
    raw = _keys(record, where, required=("id", "text", "created_at"), optional=PRACTICE_KEYS)
    text = _str(raw["text"], f"{where}.text")
    if not text or _blank(text):
        raise _fail(f"{where}.text", "cannot be empty")
    done = _bool(raw.get("done", False), f"{where}.done")
    return {
        "id": _id(raw["id"], f"{where}.id"), "text": text.strip(),
        "rejection_id": (_id(raw["rejection_id"], f"{where}.rejection_id")
                         if raw.get("rejection_id") is not None else None),
        "done": done, "done_at": _moment(raw.get("done_at"), f"{where}.done_at", nullable=True),
        "created_at": _moment(raw["created_at"], f"{where}.created_at"),
    }


def _reframe(record: object, where: str) -> dict[str, Any]:
    raw = _keys(record, where, required=("id", "created_at", "updated_at"),
                optional=REFRAME_KEYS)
    headline = _str(raw.get("headline", ""), f"{where}.headline") or ""
    body = _str(raw.get("body", ""), f"{where}.body") or ""
    if _blank(headline) and _blank(body):
        raise _fail(where, "a reframe needs a headline or a body")
    return {
        "id": _id(raw["id"], f"{where}.id"), "headline": headline.strip(), "body": body.strip(),
        "category": _choice(raw.get("category"), CATEGORIES, f"{where}.category",
                            nullable=True),
        "stage": _choice(raw.get("stage"), STAGES, f"{where}.stage", nullable=True),
        "created_at": _moment(raw["created_at"], f"{where}.created_at"),
        "updated_at": _moment(raw["updated_at"], f"{where}.updated_at"),
    }


def _session(record: object, where: str) -> dict[str, Any]:
    raw = _keys(record, where, required=("id", "practice_item_id", "date", "created_at"),
                optional=SESSION_KEYS)
    return {
        "id": _id(raw["id"], f"{where}.id"),
        "practice_item_id": _id(raw["practice_item_id"], f"{where}.practice_item_id"),
        "date": _date(raw["date"], f"{where}.date"),
        "note": _str(raw.get("note", ""), f"{where}.note"),
        "created_at": _moment(raw["created_at"], f"{where}.created_at"),
    }


def _interview(record: object, where: str) -> dict[str, Any]:
    raw = _keys(record, where, required=("id", "created_at", "updated_at"),
                optional=INTERVIEW_KEYS)
    lists: dict[str, list[str]] = {}
    for name in ("stages", "energy_ticks"):
        items = raw.get(name, [])
        if not isinstance(items, list):
            raise _fail(f"{where}.{name}", "must be a list of text")
        lists[name] = [str(_str(v, f"{where}.{name}")) for v in items]
        if len(set(lists[name])) != len(lists[name]):
            raise _fail(f"{where}.{name}", "names the same item twice")
    for stage in lists["stages"]:
        _choice(stage, STAGES, f"{where}.stages")
    return {
        "id": _id(raw["id"], f"{where}.id"),
        "company": _str(raw.get("company", ""), f"{where}.company"),
        "role": _str(raw.get("role", ""), f"{where}.role"),
        "date": _date(raw.get("date"), f"{where}.date", nullable=True),
        "notes": _str(raw.get("notes", ""), f"{where}.notes"),
        "stages": lists["stages"], "energy_ticks": lists["energy_ticks"],
        "told": check_told(raw.get("told", []), f"{where}.told"),
        "created_at": _moment(raw["created_at"], f"{where}.created_at"),
        "updated_at": _moment(raw["updated_at"], f"{where}.updated_at"),
    }


def _goal(record: object, where: str) -> dict[str, Any]:
    raw = _keys(record, where, required=("id", "title", "start_date", "end_date", "created_at",
                                         "updated_at"), optional=GOAL_KEYS)
    title = _str(raw["title"], f"{where}.title") or ""
    if _blank(title):
        raise _fail(f"{where}.title", "cannot be empty")
    start = _date(raw["start_date"], f"{where}.start_date")
    end = _date(raw["end_date"], f"{where}.end_date")
    assert start is not None and end is not None
    if end < start:
        raise _fail(f"{where}.end_date", "is before the start date")
    entries = raw.get("entries", [])
    if not isinstance(entries, list):
        raise _fail(f"{where}.entries", "must be a list of entry ids")
    ids = [_id(e, f"{where}.entries") for e in entries]
    if len(set(ids)) != len(ids):
        raise _fail(f"{where}.entries", "names the same entry twice")
    return {
        "id": _id(raw["id"], f"{where}.id"), "title": " ".join(title.split()),
        "start_date": start, "end_date": end,
        "notes": _str(raw.get("notes", ""), f"{where}.notes"), "entries": sorted(ids),
        "created_at": _moment(raw["created_at"], f"{where}.created_at"),
        "updated_at": _moment(raw["updated_at"], f"{where}.updated_at"),
    }


def _cycle(record: object, where: str) -> dict[str, Any]:
    raw = _keys(record, where, required=("id", "name", "start_date", "end_date", "created_at",
                                         "updated_at"), optional=CYCLE_KEYS)
    name = " ".join((_str(raw["name"], f"{where}.name") or "").split())
    if _blank(name) or len(name) > 120:
        raise _fail(f"{where}.name", "must have 1 to 120 characters")
    start = _date(raw["start_date"], f"{where}.start_date")
    end = _date(raw["end_date"], f"{where}.end_date")
    assert start is not None and end is not None
    if end < start:
        raise _fail(f"{where}.end_date", "is before the start date")
    return {
        "id": _id(raw["id"], f"{where}.id"), "name": name, "start_date": start,
        "end_date": end, "created_at": _moment(raw["created_at"], f"{where}.created_at"),
        "updated_at": _moment(raw["updated_at"], f"{where}.updated_at"),
    }


def _goal_entries(records: dict[str, tuple[dict[str, Any], ...]]) -> None:
    known = {r["id"] for r in records["entries"]}
    for i, goal in enumerate(records["goals"]):
        for entry_id in goal["entries"]:
            if entry_id not in known:
                raise _fail(f"goals[{i}].entries", f"{entry_id} is not an entry in this file")


def _unique_names(cycles: tuple[dict[str, Any], ...]) -> None:
    seen: set[str] = set()
    for i, cycle in enumerate(cycles):
        key = cycle["name"].casefold()
        if key in seen:
            raise _fail(f"review_cycles[{i}].name", f"{cycle['name']!r} appears more than once")
        seen.add(key)


def _settings(value: object) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict):
        raise _fail("settings", "must be an object of text values")
    out = []
    for key, text in sorted(value.items()):
        _str(key, "settings")
        if not 0 < len(key) <= MAX_KEY_LENGTH:
            raise _fail("settings", f"a key must have 1 to {MAX_KEY_LENGTH} characters")
        out.append((key, str(_str(text, f"settings[{_shown(key)}]"))))
    return tuple(out)
