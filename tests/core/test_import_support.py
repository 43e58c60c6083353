"""The shared store helpers (tests/store_helpers.py) cover every kind of data, and
``db_state`` moves with a write and only then."""

from __future__ import annotations

import json

from store_helpers import db_state, fill_store
from trackrecord.core.store.db import Store, open_store
from trackrecord.core.store.settings import set_json
from trackrecord.core.transfer.json_export import COLLECTIONS, dump_backup
from trackrecord.paths import DataPaths


def test_the_fill_covers_every_collection(store: Store) -> None:
    fill_store(store)
    document = json.loads(dump_backup(store))
    assert all(document[name] for name in COLLECTIONS), "every collection has records"
    assert document["settings"]


def test_db_state_changes_with_a_write_and_only_then(data_paths: DataPaths) -> None:
    store = open_store(data_paths)
    fill_store(store)
    before = db_state(data_paths)
    assert db_state(data_paths) == before
    store.close()
    closed = db_state(data_paths)
    assert db_state(data_paths) == closed, "reading a closed store leaves it as it was"
    store = open_store(data_paths)
    set_json(store, "test.other", 1)
    store.close()
    assert db_state(data_paths) != closed
