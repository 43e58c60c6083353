"""The store opens and answers reads with the standard library; SQLAlchemy loads on the
first session (a write, or the ORM-backed services)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from trackrecord.core.errors import StorageError
from trackrecord.core.record.entries import EntryFilter, EntryService
from trackrecord.core.store.db import open_store
from trackrecord.core.store.file_state import StoreError
from trackrecord.paths import DataPaths

READS = """
import sys
from pathlib import Path
from trackrecord.core.store.db import open_store
from trackrecord.core.record.entries import EntryFilter, EntryService
from trackrecord.paths import DataPaths
with open_store(DataPaths(Path(sys.argv[1]))) as store:
    service = EntryService(store)
    listed = [s.title for s in service.list(EntryFilter(search="ledg"))]
    whole = service.get(service.list()[0].id)
    print(listed, whole.tags, service.count_by_kind()["shipped"], service.years(),
          "sqlalchemy" in sys.modules)
    service.update(whole.id, summary="now written")
    print("sqlalchemy" in sys.modules)
"""


def test_reads_need_no_sqlalchemy_and_the_first_write_loads_it(data_paths: DataPaths) -> None:
    with open_store(data_paths) as store:
        EntryService(store).create("shipped", "Ledger rewrite", tags=["Go", "billing"],
                                   start_date="2023-02-01", end_date="2024-03-01")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run([sys.executable, "-c", READS, str(data_paths.root)],
                          capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    reads, write = done.stdout.strip().splitlines()
    assert reads == "['Ledger rewrite'] ('billing', 'Go') 1 [2024, 2023] False"
    assert write == "True"


def test_the_read_connection_refuses_to_write(data_paths: DataPaths) -> None:
    with open_store(data_paths) as store:
        EntryService(store).create("shipped", "Ledger")
        with pytest.raises(StorageError), store.query() as conn:
            conn.execute("DELETE FROM entries")
        assert [e.title for e in EntryService(store).list(EntryFilter())] == ["Ledger"]


def test_a_closed_store_hands_out_no_more_sessions(data_paths: DataPaths) -> None:
    store = open_store(data_paths)
    store.close()
    with pytest.raises(StoreError), store.read():
        pass


def test_a_relative_data_folder_opens(tmp_path, monkeypatch) -> None:
    """File URIs must be absolute; the store makes them so for a relative folder."""
    monkeypatch.chdir(tmp_path)
    relative = DataPaths(Path("data"))
    with open_store(relative) as store:
        EntryService(store).create("shipped", "Ledger")
    store = open_store(relative, check_later=True)
    store.check()
    assert [e.title for e in EntryService(store).list()] == ["Ledger"]
    store.close()
