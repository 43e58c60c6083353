"""Opening the store: pragmas, privacy, migrations, and refusing files that are not ours."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from trackrecord.core.record.entries import EntryService
from trackrecord.core.store.db import Store, open_store
from trackrecord.core.store.file_state import NewerDatabaseError, NotATrackRecordDatabase
from trackrecord.core.store.revisions import APPLICATION_ID, HEAD_REVISION, KNOWN_REVISIONS
from trackrecord.paths import DataPaths


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_connection_has_the_safety_pragmas(store: Store) -> None:
    with store.engine.connect() as conn:
        pragma = lambda name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
        assert pragma("foreign_keys") == 1
        assert pragma("journal_mode") == "wal"
        assert pragma("synchronous") == 2  # FULL
        assert pragma("trusted_schema") == 0
        assert pragma("application_id") == APPLICATION_ID


def test_new_store_is_at_head_and_private(store: Store, data_paths: DataPaths) -> None:
    EntryService(store).create("shipped", "Something")  # make sure -wal exists
    with store.read() as s:
        assert s.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD_REVISION
    assert data_paths.root.stat().st_mode & 0o777 == 0o700
    for suffix in ("", "-wal", "-shm"):
        file = data_paths.root / f"trackrecord.sqlite3{suffix}"
        assert file.exists(), suffix
        assert file.stat().st_mode & 0o777 == 0o600, suffix


def test_reopening_keeps_data(data_paths: DataPaths) -> None:
    with open_store(data_paths) as first:
        made = EntryService(first).create("incident", "Checkout outage", tags=["on-call"])
    with open_store(data_paths) as again:
        assert EntryService(again).get(made.id).tags == ("on-call",)


def test_a_text_file_is_refused_and_left_untouched(data_paths: DataPaths) -> None:
    data_paths.root.mkdir(parents=True)
    data_paths.database.write_text("my notes, not a database\n" * 20)
    before = _digest(data_paths.database)
    with pytest.raises(NotATrackRecordDatabase, match="not a Track Record database"):
        open_store(data_paths)
    assert _digest(data_paths.database) == before
    assert sorted(p.name for p in data_paths.root.iterdir()) == ["trackrecord.sqlite3"]


def test_another_programs_sqlite_file_is_refused_and_left_untouched(
    data_paths: DataPaths,
) -> None:
    data_paths.root.mkdir(parents=True)
    conn = sqlite3.connect(data_paths.database)
    conn.execute("CREATE TABLE bookmarks (url TEXT)")
    conn.execute("INSERT INTO bookmarks VALUES ('https://example.org')")
    conn.commit()
    conn.close()
    before = _digest(data_paths.database)
    with pytest.raises(NotATrackRecordDatabase, match="another program"):
        open_store(data_paths)
    assert _digest(data_paths.database) == before


def test_a_database_from_a_newer_version_is_refused_and_left_untouched(
    data_paths: DataPaths,
) -> None:
    with open_store(data_paths) as store:
        EntryService(store).create("shipped", "Ledger")
        with store.write() as s:
            s.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    before = _digest(data_paths.database)
    with pytest.raises(NewerDatabaseError, match="newer version"):
        open_store(data_paths)
    assert _digest(data_paths.database) == before
    assert not data_paths.backups.exists()


def test_an_empty_file_becomes_a_new_store(data_paths: DataPaths) -> None:
    data_paths.root.mkdir(parents=True)
    data_paths.database.touch()
    with open_store(data_paths) as store:
        assert EntryService(store).list() == []


def test_upgrading_an_older_store_backs_it_up_first(data_paths: DataPaths) -> None:
    if len(KNOWN_REVISIONS) < 2:
        pytest.skip("only one schema revision exists so far")
    from alembic import command
    from alembic.config import Config

    import trackrecord.core.store.migrations as migrations
    from trackrecord.core.store.connections import make_engine

    data_paths.ensure()
    engine = make_engine(data_paths.database)
    config = Config()
    config.set_main_option("script_location", str(Path(migrations.__file__).parent))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, KNOWN_REVISIONS[0])
        conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.exec_driver_sql(
            "INSERT INTO entries (id, kind, title, start_date, created_at, updated_at) VALUES "
            "('00000000-0000-4000-8000-000000000001', 'shipped', 'Old entry', '2020-01-01', "
            "'2020-01-01 00:00:00', '2020-01-01 00:00:00')"
        )
    engine.dispose()
    with open_store(data_paths) as store:
        assert [e.title for e in EntryService(store).list()] == ["Old entry"]
    backups = list(data_paths.backups.glob(f"pre-migration-{KNOWN_REVISIONS[0]}-*.sqlite3"))
    assert len(backups) == 1
    assert backups[0].stat().st_mode & 0o777 == 0o600
    copy = sqlite3.connect(backups[0])
    assert copy.execute("SELECT title FROM entries").fetchall() == [("Old entry",)]
    copy.close()


def test_a_commit_from_another_program_is_noticed_and_our_own_are_not(
        store: Store, data_paths: DataPaths) -> None:
    assert store.changed_elsewhere() is False  # the first look only takes note
    assert store.changed_elsewhere() is False  # nothing happened
    EntryService(store).create("shipped", "Our own edit")
    assert store.changed_elsewhere() is False  # this store's commit
    with open_store(data_paths) as other:  # the command line, say, on the same file
        EntryService(other).create("incident", "Added from the terminal")
    assert store.changed_elsewhere() is True
    assert store.changed_elsewhere() is False  # said once
    # Our own edit, then the terminal's, between two looks (typing, then a quick capture
    # while the window is in the background): the terminal's is still news.
    EntryService(store).create("mentoring", "Typed in the window")
    with open_store(data_paths) as other:
        EntryService(other).create("other", "Captured from the terminal")
    assert store.changed_elsewhere() is True
    # The other way round: the terminal's, then ours before the next look.
    with open_store(data_paths) as other:
        EntryService(other).create("other", "Captured first")
    EntryService(store).create("other", "Typed after")
    assert store.changed_elsewhere() is True
    # A command that only reads changes nothing (not even by folding our WAL into the file).
    EntryService(store).create("shipped", "Ours, still in the WAL")
    assert store.changed_elsewhere() is False
    with open_store(data_paths) as other:
        assert len(EntryService(other).list()) == 7
    assert store.changed_elsewhere() is False
    store.close()
    assert store.changed_elsewhere() is False  # a closed store has nothing to watch


def test_a_first_start_stopped_before_its_schema_is_made_into_a_store(
    data_paths: DataPaths,
) -> None:
    """Killed while creating the store, a first start leaves an SQLite file with a header and
    no table at all: nobody's data, so the next start makes it a store instead of refusing
    it as another program's. A file that ever held a table is still refused."""
    import sqlite3

    data_paths.ensure()
    conn = sqlite3.connect(data_paths.database)
    conn.execute("PRAGMA journal_mode=WAL")  # what the first start had written when killed
    conn.close()
    with open_store(data_paths) as store:
        assert EntryService(store).all() == []

    other = DataPaths(data_paths.root.parent / "other")
    other.ensure()
    conn = sqlite3.connect(other.database)
    conn.execute("CREATE TABLE notes (text)")
    conn.execute("DROP TABLE notes")
    conn.commit()
    conn.close()
    with pytest.raises(NotATrackRecordDatabase, match="another program"):
        open_store(other)


def test_closing_the_store_never_closes_a_reader_another_thread_is_using(
    store: Store, entries: EntryService
) -> None:
    """The window's workers read through Store.query(); closing the store under one of them
    (quitting while a listing runs) closed its connection mid-read, which can crash the
    process. A busy reader finishes its read and is closed when it is handed back."""
    import threading

    entries.create("shipped", "Ledger")
    inside, release = threading.Event(), threading.Event()
    seen: list[object] = []
    held: list[sqlite3.Connection] = []

    def read() -> None:
        with store.query() as conn:
            held.append(conn)
            inside.set()
            release.wait(10)
            seen.append(conn.execute("SELECT title FROM entries").fetchall())

    worker = threading.Thread(target=read)
    worker.start()
    assert inside.wait(10)
    store.close()
    release.set()
    worker.join(10)
    assert seen == [[("Ledger",)]]  # the read finished on an open connection
    with pytest.raises(sqlite3.ProgrammingError):  # and the connection was closed after it
        held[0].execute("SELECT 1")
