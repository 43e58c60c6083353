"""Fuzzing the JSON backup import: random bytes and text, and real backups with random damage
(values of the wrong type, missing and extra keys, repeated records, ids and references
pointing nowhere). Each is either imported or refused with one clear ImportFileError; a
refused file leaves the database byte-for-byte as it was; and whatever is accepted reads back
byte-identically after a second export and import.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_import_fuzz import JSON_VALUES, attempt

from store_helpers import fill_store
from trackrecord.core.store.db import Store, open_store
from trackrecord.core.transfer.import_base import ImportFileError
from trackrecord.core.transfer.imports import commit_import, parse_import
from trackrecord.core.transfer.json_export import dump_backup
from trackrecord.paths import DataPaths

QUICK, LONG = 150, 1500

# A failing example is a whole backup document: its repr is long, and the warning Hypothesis
# gives about that would (as an error, like every warning here) hide the failure itself.
pytestmark = pytest.mark.filterwarnings(
    "ignore:Generating overly large repr:hypothesis.errors.HypothesisWarning")

NASTY = st.sampled_from([
    None, True, False, 0, -1, 101, 1.5, 10**40, "", " ", "\ud800", "\x00", "2024-02-30",
    "2024-01-01", "0001-01-01", "9999-12-31", "2024-01-01T00:00:00", "2024-01-01T00:00:00+14:00",
    "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00", "2024-01-01T24:00:00",
    "not-a-uuid", "00000000-0000-4000-8000-000000000000", "shipped", "other", "onsite",
    "signal-gap", "nerves", "yes", [], {}, ["@x"], {"topic": "nerves"}, "x" * 100,
]) | JSON_VALUES


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    paths = DataPaths(tmp_path_factory.mktemp("fuzz-base") / "data")
    with open_store(paths) as store:
        fill_store(store)
        document: dict[str, Any] = json.loads(dump_backup(store))
    return document


@pytest.fixture
def restored(store: Store, base: dict[str, Any]) -> Iterator[Store]:
    commit_import(store, parse_import(json.dumps(base).encode(), "base.json"))
    yield store


def _mutate(doc: dict[str, Any], data: st.DataObject) -> None:
    """Walk to a random place in the document and damage it."""
    node: Any = doc
    while True:
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        if not keys:
            break
        key = data.draw(st.sampled_from(keys))
        child = node[key]
        if isinstance(child, dict | list) and child and data.draw(st.booleans()):
            node = child
            continue
        action = data.draw(st.sampled_from(["replace", "delete", "add", "copy"]))
        if action == "replace":
            node[key] = copy.deepcopy(data.draw(NASTY))  # never one shared list or dict
        elif action == "delete":
            del node[key]
        elif action == "copy" and isinstance(node, list):
            node.append(copy.deepcopy(child))
        elif isinstance(node, dict):
            node[data.draw(st.text(max_size=8) | st.sampled_from(["id", "extra", "tags"]))] = (
                copy.deepcopy(data.draw(NASTY)))
        else:
            node.insert(data.draw(st.integers(0, len(node))), copy.deepcopy(data.draw(NASTY)))
        return


def _damaged(base: dict[str, Any]) -> st.SearchStrategy[bytes]:
    @st.composite
    def build(draw: st.DrawFn) -> bytes:
        doc = copy.deepcopy(base)
        data = draw(st.data())
        for _ in range(draw(st.integers(1, 3))):
            _mutate(doc, data)
        return json.dumps(doc, ensure_ascii=draw(st.booleans())).encode("utf-8", "surrogatepass")

    return build()


_TEXT = {"entries": "summary", "rejections": "own_read", "practice_items": "text",
         "practice_sessions": "note", "custom_reframes": "body", "upcoming_interviews": "notes"}


def _edited(base: dict[str, Any]) -> st.SearchStrategy[bytes]:
    """Backups edited the way another machine would: new text, new times, new records —
    mostly valid, so merges add, update and skip."""

    @st.composite
    def build(draw: st.DrawFn) -> bytes:
        doc = copy.deepcopy(base)
        for _ in range(draw(st.integers(1, 4))):
            name = draw(st.sampled_from(sorted(_TEXT)))
            record = draw(st.sampled_from(doc[name]))
            if draw(st.booleans()):
                record = copy.deepcopy(record)
                record["id"] = str(draw(st.uuids(version=4)))
                doc[name].append(record)
            record[_TEXT[name]] = draw(st.text(min_size=1, max_size=30)).strip() or "x"
            moment = draw(st.datetimes(min_value=dt.datetime(2000, 1, 1),
                                       max_value=dt.datetime(2100, 1, 1),
                                       timezones=st.just(dt.UTC)))
            record["updated_at" if "updated_at" in record else "created_at"] = (
                moment.isoformat())
        doc["settings"][draw(st.text(min_size=1, max_size=10))] = draw(st.text(max_size=10))
        return json.dumps(doc).encode("utf-8", "surrogatepass")

    return build()


def _raw() -> st.SearchStrategy[bytes]:
    return st.one_of(
        st.binary(max_size=800),
        st.text(max_size=800).map(lambda t: t.encode("utf-8", "surrogatepass")),
        JSON_VALUES.map(lambda v: json.dumps(v).encode()),
        st.builds(lambda v: json.dumps({"format": "trackrecord-backup", "version": 1, **v}),
                  st.dictionaries(st.sampled_from(["entries", "rejections", "settings",
                                                   "practice_items", "app_version"]),
                                  NASTY, max_size=4)).map(str.encode),
    )


def _run(store: Store, base: dict[str, Any], examples: int) -> None:
    seen: dict[str, int] = {}

    @settings(max_examples=examples, deadline=None, database=None, print_blob=True,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(st.one_of(_damaged(base), _edited(base), _raw()), st.sampled_from([None, "json"]))
    def check(data: bytes, fmt: str | None) -> None:
        outcome = attempt(store, store.paths, data, fmt, "backup.json")
        seen[outcome] = seen.get(outcome, 0) + 1

    check()
    assert seen.get("refused", 0) > 0 and seen.get("imported", 0) + seen.get(
        "nothing to add", 0) > 0, seen


def test_damaged_backups_never_crash_and_refusals_write_nothing(
    restored: Store, base: dict[str, Any]
) -> None:
    _run(restored, base, QUICK)


@pytest.mark.slow
def test_damaged_backups_long_run(restored: Store, base: dict[str, Any]) -> None:
    _run(restored, base, LONG)


def _round_trip(store: Store, base: dict[str, Any], examples: int) -> None:
    @settings(max_examples=examples, deadline=None, database=None, print_blob=True,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(st.one_of(_damaged(base), _edited(base)))
    def check(data: bytes) -> None:
        try:
            parsed = parse_import(data, "backup.json", "json")
        except ImportFileError:
            return
        commit_import(store, parsed, "replace")
        first = dump_backup(store)
        commit_import(store, parse_import(first, "again.json"), "replace")
        assert dump_backup(store) == first

    check()


def test_whatever_is_accepted_reads_back_byte_identically(
    store: Store, base: dict[str, Any]
) -> None:
    _round_trip(store, base, QUICK // 3)


@pytest.mark.slow
def test_whatever_is_accepted_reads_back_byte_identically_long_run(
    store: Store, base: dict[str, Any]
) -> None:
    _round_trip(store, base, LONG // 3)
