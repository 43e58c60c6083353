"""The full JSON backup: deterministic output, a byte-identical round trip, strict checking of
every input before anything is written, merge by id, and replace only after a backup."""

from __future__ import annotations

import copy
import datetime as dt
import json
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect as sa_inspect

from store_helpers import db_state, fill_store
from trackrecord.core.backup.copies import list_backups, verify
from trackrecord.core.record.entries import EntryFilter, EntryService
from trackrecord.core.rejections.service import RejectionService
from trackrecord.core.store.db import Store, open_store
from trackrecord.core.store.models import Base
from trackrecord.core.transfer.import_base import MAX_IMPORT_BYTES, ImportFileError
from trackrecord.core.transfer.imports import commit_import, parse_import, preview_import
from trackrecord.core.transfer.json_export import (
    BACKUP_FORMAT,
    BACKUP_VERSION,
    COLLECTIONS,
    dump_backup,
)
from trackrecord.paths import DataPaths

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def filled(store: Store) -> Store:
    fill_store(store)
    return store


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """One filled store for the tests that must leave it as it is."""
    opened = open_store(DataPaths(tmp_path_factory.mktemp("shared") / "data"))
    fill_store(opened)
    yield opened
    opened.close()


@pytest.fixture
def other(tmp_path: Path) -> Iterator[Store]:
    """A second, empty store."""
    opened = open_store(DataPaths(tmp_path / "other"))
    yield opened
    opened.close()


def _doc(store: Store) -> dict[str, Any]:
    return json.loads(dump_backup(store))


def _bytes(doc: dict[str, Any]) -> bytes:
    return json.dumps(doc).encode("utf-8")


# -- writing ------------------------------------------------------------------------------------


def test_the_document_says_what_it_is_and_holds_everything(shared: Store) -> None:
    doc = _doc(shared)
    assert doc["format"] == BACKUP_FORMAT and doc["version"] == BACKUP_VERSION
    assert len(doc["entries"]) == 43  # the demo's 42 and a piece of praise
    praise = next(e for e in doc["entries"] if e["kind"] == "praise")
    assert (praise["praise_from"], praise["praise_words"]) == ("Dana, my manager",
                                                                "Calm and thorough")
    goal = next(g for g in doc["goals"] if g["title"] == "Lead a cross-team project")
    assert praise["id"] in goal["entries"] and len(goal["entries"]) == 2
    assert [c["name"] for c in doc["review_cycles"]] == ["2024 mid-year"]
    assert len(doc["rejections"]) == 2
    acme = next(r for r in doc["rejections"] if r["company"] == "Acme")
    assert acme["debrief"] == [
        {"topic": "nerves", "answer": "partly", "note": ""},
        {"topic": "trade-offs", "answer": "no", "note": "rushed it"},
    ]
    assert acme["snapshot"]["reframe"]["headline"]
    item = next(p for p in doc["practice_items"] if p["rejection_id"])
    assert item["rejection_id"] == acme["id"] and item["done"] is True
    assert doc["practice_sessions"][0]["practice_item_id"] == item["id"]
    assert doc["upcoming_interviews"][0]["stages"] == ["system-design", "behavioral"]
    assert json.loads(doc["settings"]["test.preference"]) == {"a": ["x", "é"], "b": 1}
    for name in COLLECTIONS:
        ids = [r["id"] for r in doc[name]]
        assert ids == sorted(ids), f"{name} are in id order"


def test_the_output_is_deterministic_and_readable(shared: Store) -> None:
    first = dump_backup(shared)
    assert dump_backup(shared) == first
    text = first.decode("utf-8")
    assert text.endswith("}\n") and "\n  \"entries\": [\n" in text
    assert "é" in text  # UTF-8, not \u escapes


def test_export_import_into_an_empty_store_export_again_is_byte_identical(
    filled: Store, other: Store
) -> None:
    first = dump_backup(filled)
    report = commit_import(other, parse_import(first, "backup.json"))
    assert report.counts["added"] == 54 and report.counts["skipped"] == 0
    assert dump_backup(other) == first
    # ... and importing it again changes nothing at all.
    again = commit_import(other, parse_import(first, "backup.json"))
    assert again.counts["added"] == again.counts["updated"] == 0
    assert dump_backup(other) == first


def test_a_restored_store_works_like_the_original(filled: Store, other: Store) -> None:
    commit_import(other, parse_import(dump_backup(filled), "backup.json"))
    service = EntryService(other)
    assert service.list(EntryFilter(search="webhooks")), "the search index was rebuilt"
    assert service.tags() == EntryService(filled).tags()
    assert [r.id for r in RejectionService(other).list()] == [
        r.id for r in RejectionService(filled).list()
    ]


def test_every_column_of_user_data_is_in_the_format() -> None:
    """A new table or column must be added to the backup (and to docs/backup-format.md)."""
    from trackrecord.core.transfer import json_export as jb
    from trackrecord.core.transfer import json_reflection as jr
    covered = {
        "thought_records": jr.THOUGHT_KEYS, "rehearsals": jr.REHEARSAL_KEYS,
        "entries": jb.ENTRY_KEYS, "rejections": jb.REJECTION_KEYS,
        "practice_items": jb.PRACTICE_KEYS, "practice_sessions": jb.SESSION_KEYS,
        "custom_reframes": jb.REFRAME_KEYS, "upcoming_interviews": jb.INTERVIEW_KEYS,
        "goals": jb.GOAL_KEYS, "review_cycles": jb.CYCLE_KEYS,
        "settings": ("key", "value"),
    }
    # Columns that are derived, internal keys, or carried inside another record.
    carried = {
        "entries": {"pk", "tag_text"}, "rejections": {"pk", "snapshot_json"},
        "practice_items": {"pk", "rejection_pk"}, "practice_sessions": {"pk",
                                                                         "practice_item_pk"},
        "custom_reframes": {"pk"}, "upcoming_interviews": {"pk"},
        "goals": {"pk"}, "review_cycles": {"pk"}, "entry_goals": None,
        "rejection_debrief": None, "interview_stages": None, "tags": None, "entry_tags": None,
        "settings": set(),
        "thought_records": {"pk", "rejection_pk"},
        "rehearsals": {"pk", "entry_pk", "interview_pk"},
        "thought_emotions": None, "stories_told": None,
    }
    for table in Base.metadata.sorted_tables:
        assert table.name in carried, f"the backup does not cover the table {table.name}"
        skip = carried[table.name]
        if skip is None:
            continue
        missing = {c.name for c in table.columns} - skip - set(covered[table.name])
        assert not missing, f"{table.name} columns missing from the backup: {missing}"
    docs = (REPO / "docs" / "backup-format.md").read_text(encoding="utf-8")
    for name, keys in covered.items():
        assert f"`{name}`" in docs
        for key in keys:
            assert f"`{key}`" in docs, f"docs/backup-format.md does not describe {name}.{key}"


def test_the_model_has_not_grown_a_relationship_the_backup_ignores() -> None:
    from trackrecord.core.store.models import Entry, Rejection, ThoughtRecord, UpcomingInterview

    assert {r.key for r in sa_inspect(Entry).relationships} == {"tags"}
    assert {r.key for r in sa_inspect(Rejection).relationships} == {"debrief"}
    assert {r.key for r in sa_inspect(UpcomingInterview).relationships} == {"stages"}
    assert {r.key for r in sa_inspect(ThoughtRecord).relationships} == {"emotions"}


# -- refusing bad input -------------------------------------------------------------------------


def _entry(doc: dict[str, Any]) -> dict[str, Any]:
    return doc["entries"][0]


def test_a_version_1_backup_still_imports(filled: Store, other: Store) -> None:
    """Written before goals, review cycles and praise: it has none of them, and imports."""
    doc = _doc(filled)
    doc["version"] = 1
    del doc["goals"], doc["review_cycles"]
    doc["entries"] = [{k: v for k, v in e.items() if not k.startswith("praise_")}
                      for e in doc["entries"] if e["kind"] != "praise"]
    report = commit_import(other, parse_import(_bytes(doc), "old.json"))
    assert report.counts["added"] == 54 - 4 and report.counts["skipped"] == 0
    assert len(EntryService(other).list()) == 42
    doc["goals"] = []  # a version 1 file naming a later collection is not what it says
    with pytest.raises(ImportFileError, match="unknown field 'goals'"):
        parse_import(_bytes(doc), "old.json")


def _set(path: Callable[[dict[str, Any]], dict[str, Any]], key: str, value: object
         ) -> Callable[[dict[str, Any]], None]:
    def change(doc: dict[str, Any]) -> None:
        path(doc)[key] = value
    return change


BAD: list[tuple[str, Callable[[dict[str, Any]], None] | bytes, str]] = [
    ("not json", b"{not json", "is not valid JSON"),
    ("NaN", b'{"format": "trackrecord-backup", "version": NaN}', "NaN"),
    ("Infinity", b'{"format": "trackrecord-backup", "version": 1, "x": -Infinity}', "Infinity"),
    ("huge float", b'{"format": "trackrecord-backup", "version": 1e999}', "1e999"),
    ("deep nesting", b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    ("a list", b"[]", "not a Track Record backup"),
    ("another format", _set(lambda d: d, "format", "something-else"), "not a Track Record backup"),
    ("newer version", _set(lambda d: d, "version", BACKUP_VERSION + 1), "newer Track Record"),
    ("goal of no entry", _set(lambda d: d["goals"][0], "entries", [str(uuid.uuid4())]),
     "is not an entry in this file"),
    ("cycle named twice", lambda d: d["review_cycles"].append(
        {**d["review_cycles"][0], "id": str(uuid.uuid4()), "name": "2024 MID-YEAR"}),
     "appears more than once"),
    ("goal ends first", _set(lambda d: d["goals"][0], "end_date", "2000-01-01"),
     "before the start date"),
    ("version zero", _set(lambda d: d, "version", 0), "unknown format version"),
    ("version as text", _set(lambda d: d, "version", "1"), "unknown format version"),
    ("version true", _set(lambda d: d, "version", True), "unknown format version"),
    ("missing list", lambda d: d.pop("rejections"), "'rejections' is missing"),
    ("unknown top-level key", _set(lambda d: d, "extras", []), "unknown field 'extras'"),
    ("entries not a list", _set(lambda d: d, "entries", {}), "entries: must be a list"),
    ("title a number", _set(_entry, "title", 7), "entries[0].title: must be text"),
    ("blank title", _set(_entry, "title", "  "), "title cannot be empty"),
    ("tags not a list", _set(_entry, "tags", "go"), "entries[0].tags"),
    ("unknown kind", _set(_entry, "kind", "launch"), "entries[0].kind"),
    ("bad date", _set(_entry, "start_date", "2024-02-30"), "not a date"),
    ("date in another form", _set(_entry, "start_date", "03/01/2024"), "not a date"),
    ("end before start", _set(_entry, "end_date", "1999-01-01"), "end date is before"),
    ("bad timestamp", _set(_entry, "updated_at", "yesterday"), "not a timestamp"),
    ("timestamp before the calendar", _set(_entry, "updated_at", "0001-01-01T00:00:00+14:00"),
     "not a timestamp"),
    ("bad id", _set(_entry, "id", "42"), "not an id"),
    ("unknown entry field", _set(_entry, "colour", "red"), "unknown field 'colour'"),
    ("lone surrogate", _set(_entry, "notes", "\ud800"), "lone surrogate"),
    ("duplicate ids", lambda d: d["entries"].append(copy.deepcopy(d["entries"][0])),
     "appears more than once"),
    ("duplicate key", b'{"format": "trackrecord-backup", "format": "trackrecord-backup"}',
     "names the key 'format' twice"),
    ("unknown stage", _set(lambda d: d["rejections"][0], "stage", "vibes"), "stage"),
    ("unknown category", _set(lambda d: d["rejections"][0], "category", "bad-luck"),
     "category"),
    ("sting as text", _set(lambda d: d["rejections"][0], "sting_before", "50"), "whole number"),
    ("sting out of range", _set(lambda d: d["rejections"][0], "sting_before", 140), "0 to 100"),
    ("unknown debrief topic",
     lambda d: d["rejections"][0]["debrief"].append({"topic": "luck", "answer": "yes"}),
     "topic"),
    ("snapshot a list", _set(lambda d: d["rejections"][0], "snapshot", [1]), "snapshot"),
    ("dangling rejection", _set(lambda d: d["practice_items"][0], "rejection_id",
                                "00000000-0000-4000-8000-000000000000"),
     "is not a rejection in this file"),
    ("dangling practice item", _set(lambda d: d["practice_sessions"][0], "practice_item_id",
                                    "00000000-0000-4000-8000-000000000000"),
     "is not a practice item in this file"),
    ("blank reframe", lambda d: d["custom_reframes"][0].update(headline="", body=" "),
     "headline or a body"),
    ("unknown interview stage",
     _set(lambda d: d["upcoming_interviews"][0], "stages", ["tea"]), "stages"),
    ("setting not text", _set(lambda d: d["settings"], "x", 1), "must be text"),
]


@pytest.mark.parametrize(("name", "change", "message"), BAD, ids=[b[0] for b in BAD])
def test_a_bad_backup_is_refused_whole_and_nothing_is_written(
    shared: Store, name: str, change: Callable[[dict[str, Any]], None] | bytes, message: str,
) -> None:
    if isinstance(change, bytes):
        data = change
    else:
        doc = _doc(shared)
        doc["entries"].insert(0, doc["entries"].pop())  # a good record before the bad one
        change(doc)
        data = json.dumps(doc).encode("utf-8")
    before = db_state(shared.paths)
    with pytest.raises(ImportFileError) as refused:
        parsed = parse_import(data, "backup.json", "json")
        commit_import(shared, parsed)
    assert message in str(refused.value)
    assert "\n" not in str(refused.value)
    assert db_state(shared.paths) == before


def test_a_file_over_50_mb_is_refused_before_it_is_read(
    store: Store, data_paths: DataPaths, tmp_path: Path
) -> None:
    from trackrecord.core.transfer.imports import load_import

    big = tmp_path / "big.json"
    with big.open("wb") as fh:
        fh.truncate(MAX_IMPORT_BYTES + 1)  # sparse: costs no disk
    before = db_state(data_paths)
    with pytest.raises(ImportFileError, match="over 50 MB"):
        load_import(big)
    with pytest.raises(ImportFileError, match="larger than 50 MB"):
        parse_import(b" " * (MAX_IMPORT_BYTES + 1), "big.json")
    assert db_state(data_paths) == before


# -- merge and replace --------------------------------------------------------------------------


def _later(stamp: str, **delta: int) -> str:
    return (dt.datetime.fromisoformat(stamp) + dt.timedelta(**delta)).isoformat()


def test_merge_takes_the_newer_copy_and_keeps_the_newer_one_here(
    filled: Store, other: Store
) -> None:
    doc = _doc(filled)
    commit_import(other, parse_import(_bytes(doc), "b.json"))
    newer, older, same = doc["entries"][0], doc["entries"][1], doc["entries"][2]
    newer.update(title="Renamed elsewhere", updated_at=_later(newer["updated_at"], hours=1))
    older.update(title="An older edit", updated_at=_later(older["updated_at"], hours=-1))
    same.update(title="Same moment, other words")
    rejection = doc["rejections"][0]
    rejection.update(own_read="later thoughts", updated_at=_later(rejection["updated_at"],
                                                                  minutes=5))
    doc["entries"].append({**copy.deepcopy(newer), "id": "00000000-0000-4000-8000-00000000000a",
                           "title": "Brand new"})
    doc["settings"]["test.preference"] = '"changed"'
    parsed = parse_import(_bytes(doc), "b.json")
    preview = preview_import(other, parsed)
    by_title = {r.title: r for r in preview.rows}
    assert by_title["Renamed elsewhere"].action == "update"
    assert by_title["An older edit"].action == "skip"
    assert "the copy here is newer" in by_title["An older edit"].reason
    assert by_title["Same moment, other words"].action == "skip"
    assert by_title["Brand new"].action == "add"
    assert by_title["test.preference"].action == "skip"
    counts = commit_import(other, parsed).counts
    assert counts == preview.counts
    assert counts["added"] == 1 and counts["updated"] == 2 and counts["skipped"] == 3
    titles = {e.id: e.title for e in EntryService(other).all()}
    assert titles[newer["id"]] == "Renamed elsewhere"
    assert titles[older["id"]] != "An older edit"
    assert titles[same["id"]] != "Same moment, other words"
    assert RejectionService(other).get(rejection["id"]).own_read == "later thoughts"
    assert EntryService(other).list(EntryFilter(search="renamed")), "the index was updated"


def test_merge_keeps_what_is_only_here(filled: Store, other: Store) -> None:
    mine = EntryService(other).create("other", "Only on this laptop")
    commit_import(other, parse_import(dump_backup(filled), "b.json"))
    assert EntryService(other).get(mine.id).title == "Only on this laptop"


def test_replace_takes_a_verified_backup_first(
    filled: Store, other: Store, tmp_path: Path
) -> None:
    mine = EntryService(other).create("other", "Only on this laptop")
    data = dump_backup(filled)
    report = commit_import(other, parse_import(data, "b.json"), "replace")
    assert report.backup is not None and report.replaced == 1
    info = verify(report.backup)
    assert info.ok and info.counts["entries"] == 1
    assert [b.reason for b in list_backups(other.paths)] == ["pre-import"]
    assert dump_backup(other) == data, "replace leaves exactly the backup's data"
    with pytest.raises(Exception, match="no entry"):
        EntryService(other).get(mine.id)


def test_replace_into_an_empty_store_needs_no_backup(filled: Store, other: Store) -> None:
    report = commit_import(other, parse_import(dump_backup(filled), "b.json"), "replace")
    assert report.backup is None and report.replaced == 0
    assert list_backups(other.paths) == []


def test_a_preview_writes_nothing(filled: Store, other: Store, tmp_path: Path) -> None:
    state = db_state(other.paths)
    parsed = parse_import(dump_backup(filled), "b.json")
    for mode in ("merge", "replace"):
        report = preview_import(other, parsed, mode)
        assert report.counts["added"] > 0 and not report.committed
    assert db_state(other.paths) == state
    assert list_backups(other.paths) == []
