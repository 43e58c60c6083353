"""Opening the store: checks, pragmas, migrations, and the session factory.

A file that is not a Track Record database, or one written by a newer version, is refused
before anything writes to it, so it stays byte-for-byte as it was.

Importing this module does not import SQLAlchemy (about 200 ms and 45 MiB): the store opens
with the standard library, answers plain reads through ``Store.query``, and creates its
SQLAlchemy engine the first time a session is asked for. The window lists entries that way
before the ORM has loaded.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING

from trackrecord.core.errors import StorageError
from trackrecord.core.store.connections import (
    BUSY_TIMEOUT_MS,
    IMMEDIATE_OPTION,
    connect_reader,
    make_engine,
    storage_errors,
)
from trackrecord.core.store.file_state import (
    DamagedDatabaseError,
    FileState,
    NotATrackRecordDatabase,
    StoreError,
    check_file,
    inspect_file,
)
from trackrecord.core.store.read_only import connect_read_only
from trackrecord.core.store.revisions import APPLICATION_ID, HEAD_REVISION
from trackrecord.paths import PRIVATE_FILE_MODE, DataPaths, make_private

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker


class Store:
    """An open Track Record database: the one way services reach the data."""

    def __init__(self, paths: DataPaths, engine: Engine | None = None, *,
                 checked: bool = True, read_only: bool = False) -> None:
        self.paths = paths
        # In a folder that cannot be written: reads work, every write is refused.
        self.read_only = read_only
        # Opened with its page check still to run (see ``check``): writes wait for it.
        self._checked = threading.Event()
        if checked:
            self._checked.set()
        self._refusal: str | None = None  # why writes are refused, once the check failed
        self._engine = engine
        self._sessions: tuple[sessionmaker[Session], sessionmaker[Session]] | None = None
        self._lock = threading.Lock()
        self._idle_readers: list[sqlite3.Connection] = []
        self._closed = False
        # For changed_elsewhere(): a connection that only reads SQLite's data_version, the
        # value last seen, and a lock for the two (the UI and a writer's thread both use them).
        self._watch: sqlite3.Connection | None = None
        self._seen_version: int | None = None
        self._watch_lock = threading.Lock()
        # Whether close() has anything of ours to fold into the main file: a store that only
        # read leaves the WAL alone (folding another program's writes in would look to that
        # program like a change of ours).
        self._wrote = engine is not None  # a migration wrote

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine, created (and SQLAlchemy imported) on first use."""
        self._session_makers()
        assert self._engine is not None
        return self._engine

    def _session_makers(self) -> tuple[sessionmaker[Session], sessionmaker[Session]]:
        with self._lock:  # the warm-up thread and the UI thread may both get here first
            if self._closed:
                raise StoreError("the store is closed")
            if self._sessions is None:
                from sqlalchemy.orm import sessionmaker

                if self._engine is None:
                    self._engine = make_engine(self.paths.database, read_only=self.read_only)
                engine = self._engine
                self._sessions = (
                    sessionmaker(engine, expire_on_commit=False),
                    sessionmaker(engine.execution_options(**{IMMEDIATE_OPTION: True}),
                                 expire_on_commit=False),
                )
            return self._sessions

    def warm_up(self) -> None:
        """Load SQLAlchemy and the ORM mapping now (the app calls this off the UI thread
        once the window is up, so the first edit does not wait for them)."""
        import trackrecord.core.store.models  # noqa: F401 (mapping the classes is the slow part)

        self._session_makers()

    @contextmanager
    def query(self) -> Iterator[sqlite3.Connection]:
        """A plain sqlite3 connection for reads that need no ORM (lists, counts, exports).

        Each statement sees the latest committed data; the connection refuses writes. Safe
        from any thread: each caller gets a connection of its own.
        """
        with self._lock:
            conn = self._idle_readers.pop() if self._idle_readers else None
        if conn is None:
            conn = connect_reader(self.paths.database, read_only=self.read_only)
        try:
            with storage_errors():
                yield conn
        finally:
            if conn.in_transaction:
                conn.rollback()
            with self._lock:
                closing = self._closed
                if not closing:
                    self._idle_readers.append(conn)
            if closing:  # the store closed while this reader was busy: its turn now
                conn.close()

    def check(self, *, started: Callable[[sqlite3.Connection], None] | None = None) -> None:
        """Run the page check ``open_store(check_later=True)`` left out. Until it has passed,
        writes wait; if it fails, they are refused and DamagedDatabaseError is raised here."""
        try:
            check_file(self.paths.database, started=started)
        except DamagedDatabaseError:
            self._refusal = ("the database file is damaged, so nothing was changed; restore "
                             "a backup (File ▸ Backups…)")
            raise
        except sqlite3.OperationalError:  # interrupted: the app is closing
            self._refusal = "your data was being closed, so nothing was changed"
            raise
        finally:
            self._checked.set()

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A unit of work that only reads."""
        reader, _writer = self._session_makers()
        with storage_errors(), reader() as session, session.begin():
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A unit of work that writes: committed on success, rolled back on any error."""
        self._checked.wait()  # never write to a file whose pages are not known to be sound
        if self._refusal is not None:
            raise StorageError(self._refusal)
        if self.read_only:
            raise StorageError(f"the data folder {self.paths.root} is read-only, so the change "
                               "could not be saved (nothing was changed)")
        _reader, writer = self._session_makers()
        with storage_errors(), writer() as session, session.begin():
            session.connection()  # BEGIN IMMEDIATE now: no other commit until ours is done
            before = self._watched_version()
            yield session
        self._wrote = True
        self._note_own_commit(before)

    # -- changes made elsewhere -------------------------------------------------------------
    # SQLite's data_version says that another connection committed, not whose commit it was,
    # so this store takes note of its own: the version just before it (read while the write
    # lock is held, when nobody else can commit) and just after.

    def _watched_version(self) -> int | None:
        with self._watch_lock, suppress(StorageError):
            if self._seen_version is not None:
                return self._data_version()
        return None

    def _note_own_commit(self, before: int | None) -> None:
        # Only when nothing from elsewhere came before it since the last look: that stays
        # news. (Never at the cost of the commit, which has happened: at worst, one false
        # alarm.)
        with self._watch_lock, suppress(StorageError):
            if before is not None and self._seen_version == before:
                self._seen_version = self._data_version()

    def changed_elsewhere(self) -> bool:
        """True when another program (the command line, say) has committed to this file
        since the last call or this store's last commit; the first call only takes note."""
        with self._watch_lock:
            if self._closed:
                return False
            seen, self._seen_version = self._seen_version, self._data_version()
            return seen is not None and seen != self._seen_version

    def _data_version(self) -> int:
        with storage_errors():
            if self._watch is None:
                self._watch = connect_reader(self.paths.database, read_only=self.read_only)
            return int(self._watch.execute("PRAGMA data_version").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            self._closed = True
            # Only the idle readers: closing a connection another thread is reading with can
            # crash the process; a busy one is closed by query() when its reader is done.
            readers, self._idle_readers = self._idle_readers, []
            engine, self._engine, self._sessions = self._engine, None, None
        with self._watch_lock:
            if self._watch is not None:
                readers.append(self._watch)
                self._watch = None
            self._seen_version = None
        for conn in readers:
            conn.close()
        if not self._wrote:
            if engine is not None:
                engine.dispose()
            return
        # A final checkpoint folds the WAL into the main file, so a copied file is complete.
        if engine is not None:
            with engine.connect() as engine_conn:
                engine_conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            engine.dispose()
        else:
            checkpoint = sqlite3.connect(self.paths.database, isolation_level=None)
            try:
                checkpoint.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
                checkpoint.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                checkpoint.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def open_store(paths: DataPaths, *, check_later: bool = False,
               read_only_ok: bool = False) -> Store:
    """Open (creating or upgrading as needed) the store in ``paths``.

    Without a migration to run this needs only the standard library; SQLAlchemy is loaded
    when the first session is asked for (``Store.read``/``write``/``warm_up``).

    ``check_later`` leaves SQLite's page check (it reads the whole file: 0.4 s at 100,000
    entries) for the caller to run with ``Store.check`` while the entries are already shown;
    writes wait until it has passed. A file due for migration is always checked first.

    ``read_only_ok``: in a data folder that cannot be written (a read-only mount), open the
    existing store for reading only (the command line lists, shows and exports from it);
    without it, such a folder is refused with DataDirError.
    """
    if read_only_ok and paths.database.is_file() and not os.access(paths.root, os.W_OK):
        return _open_read_only(paths)
    paths.ensure()
    db_path = paths.database
    state = _inspect(db_path, check_pages=not check_later)
    migrating = state.revision != HEAD_REVISION
    if state.exists and check_later and migrating:
        check_file(db_path)  # never migrate a file whose pages were not checked
        check_later = False
    if not state.exists:
        # Create the file ourselves so it is private from its first byte.
        try:
            db_path.touch(mode=PRIVATE_FILE_MODE, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the database {db_path}: "
                             f"{exc.strerror or exc}") from exc
    engine = None
    if migrating:
        engine = make_engine(db_path)
        try:
            if state.exists and state.revision is not None:
                backup_before_migration(db_path, paths.backups, state.revision)
            _upgrade(engine)
        except Exception:
            engine.dispose()
            raise
    for suffix in ("", "-wal", "-shm"):
        make_private(db_path.with_name(db_path.name + suffix))
    return Store(paths, engine, checked=not (check_later and state.exists))


def _open_read_only(paths: DataPaths) -> Store:
    state = inspect_file(paths.database)
    if state.revision != HEAD_REVISION:
        raise StoreError(
            f"{paths.database} needs upgrading to this version of Track Record, which cannot "
            f"be done while the data folder {paths.root} is read-only; it was left untouched")
    return Store(paths, read_only=True)


def _inspect(path: Path, *, check_pages: bool) -> FileState:
    try:
        return inspect_file(path, check_pages=check_pages)
    except NotATrackRecordDatabase:
        if check_pages:
            raise
        # Damage can make a file unreadable as a database: the page check says which it is.
        return inspect_file(path)


def _upgrade(engine: Engine) -> None:
    from alembic import command  # imported only when a migration is due: it is slow
    from alembic.config import Config

    from trackrecord.core.store.migrations import __file__ as migrations_init

    config = Config()
    config.set_main_option("script_location", str(Path(migrations_init).parent))
    with engine.execution_options(**{IMMEDIATE_OPTION: True}).begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
        conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    # Fold the new schema into the main file now, so its header says what it is at once.
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def backup_before_migration(db_path: Path, backups_dir: Path, revision: str) -> Path:
    """Copy the store (WAL included, via SQLite's backup API) before changing its schema."""
    from trackrecord.paths import ensure_private_dir

    ensure_private_dir(backups_dir)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    target = backups_dir / f"pre-migration-{revision}-{stamp}.sqlite3"
    target.touch(mode=PRIVATE_FILE_MODE, exist_ok=False)
    src = connect_read_only(db_path)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return target
