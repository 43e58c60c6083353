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
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trackrecord.core.errors import StorageError
from trackrecord.core.store.read_only import connect_read_only
from trackrecord.core.store.revisions import APPLICATION_ID, HEAD_REVISION, KNOWN_REVISIONS
from trackrecord.paths import PRIVATE_FILE_MODE, DataPaths, make_private

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
IMMEDIATE_OPTION = "trackrecord_immediate"


class StoreError(Exception):
    """The store cannot be opened; the message is meant for the person using the app."""


class NotATrackRecordDatabase(StoreError):
    pass


class NewerDatabaseError(StoreError):
    pass


class DamagedDatabaseError(StoreError):
    """The file failed SQLite's quick_check: it is never written to (see core.backup.recovery)."""


class UnknownSchemaError(DamagedDatabaseError):
    """The file holds tables but no record of its schema version (its ``alembic_version``
    table is gone or empty): upgrading it would try to create tables that are already there,
    so it is refused unchanged, like a damaged file (the app offers a backup)."""


@dataclass(frozen=True)
class FileState:
    """What the file on disk is, read without writing to it."""

    exists: bool
    revision: str | None  # None for a new or empty store


def inspect_file(path: Path, *, check_pages: bool = True) -> FileState:
    """Classify the file at ``path`` without modifying it (header bytes, then read-only SQL).

    ``check_pages=False`` leaves out SQLite's page check (the one part that reads the whole
    file) for the caller to run later with ``check_file``.
    """
    if path.is_symlink() and not path.exists():
        raise NotATrackRecordDatabase(
            f"{path} is a symbolic link to a file that is not there (or to itself); point it "
            "at the database or move it out of the way (it was left untouched)")
    if path.exists() and not path.is_file():
        what = "a folder" if path.is_dir() else "not a regular file"
        raise NotATrackRecordDatabase(
            f"{path} is {what}, not a database file; move it out of the way and try again "
            "(it was left untouched)")
    if not path.exists() or path.stat().st_size == 0:
        return FileState(exists=False, revision=None)
    with path.open("rb") as fh:
        header = fh.read(100)
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise NotATrackRecordDatabase(
            f"{path} is not a Track Record database (it is not an SQLite file); "
            "it was left untouched"
        )
    app_id = int.from_bytes(header[68:72], "big")
    if app_id != APPLICATION_ID and _read_pragma(path, "application_id") != APPLICATION_ID:
        # (The header can lag behind a WAL that is not yet checkpointed, hence the second look.)
        if _read_pragma(path, "schema_version") == 0:
            # Not one table, ever: a first start stopped before its schema was committed (a
            # crash, a kill). Nobody's data is in it, so it is made into a store, not refused.
            return FileState(exists=False, revision=None)
        raise NotATrackRecordDatabase(
            f"{path} is an SQLite database from another program; it was left untouched"
        )
    if check_pages:
        check_file(path)
    revision = _read_revision(path)
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise NewerDatabaseError(
            f"{path} was written by a newer version of Track Record (schema {revision}); "
            "please update Track Record. The file was left untouched"
        )
    return FileState(exists=True, revision=revision)


def check_file(path: Path, *, started: Callable[[sqlite3.Connection], None] | None = None,
               ) -> None:
    """SQLite's quick_check of every page; DamagedDatabaseError names the first problem.

    ``started`` is handed the connection, so another thread can ``interrupt()`` a long check
    (which then raises sqlite3.OperationalError).
    """
    conn = connect_read_only(path, check_same_thread=False)
    try:
        if started is not None:
            started(conn)
        rows = [str(r[0]) for r in conn.execute("PRAGMA quick_check")]
        damage = "" if rows == ["ok"] else rows[0]
    except sqlite3.DatabaseError as exc:
        if "interrupt" in str(exc):
            raise
        damage = str(exc)
    finally:
        conn.close()
    if damage:
        raise DamagedDatabaseError(
            f"{path} failed its integrity check ({damage}); it was not changed. "
            "Run 'trackrecord backups' and 'trackrecord restore' to bring back a backup"
        )


def _read_pragma(path: Path, name: str) -> object:
    conn = connect_read_only(path)
    try:
        row = conn.execute(f"PRAGMA {name}").fetchone()
        return row[0] if row else None
    except sqlite3.DatabaseError:
        return None
    finally:
        conn.close()


def _read_revision(path: Path) -> str | None:
    """The schema revision, or None for a file with no tables yet (a new store). A file
    with tables but no revision is refused: nothing can tell what to upgrade it from."""
    # mode=ro never writes the main file; the WAL, if any, is still read.
    conn = connect_read_only(path)
    try:
        has_table = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone() if (
            has_table) else None
        if row is not None:
            return str(row[0])
        has_tables = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
            "AND name != 'alembic_version'").fetchone()
    except sqlite3.DatabaseError as exc:
        raise NotATrackRecordDatabase(f"{path} cannot be read as a database: {exc}") from exc
    finally:
        conn.close()
    if has_tables:
        how = "empty" if has_table else "missing"
        raise UnknownSchemaError(
            f"{path} holds Track Record's tables, but its record of which schema version they "
            f"are (the alembic_version table) is {how}, so it cannot be opened or upgraded "
            "safely; it was left untouched. 'trackrecord check' shows what is wrong; "
            "'trackrecord backups' and 'trackrecord restore' bring back a backup")
    return None


def _configure_connection(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA journal_mode = WAL")
    # FULL: a commit the app reports is on disk even if the laptop loses power a moment later.
    # Edits are small and infrequent, so the extra fsync per commit costs nothing visible.
    cur.execute("PRAGMA synchronous = FULL")
    cur.execute("PRAGMA trusted_schema = OFF")
    cur.close()


def _begin(conn: Any) -> None:
    # pysqlite's own transaction handling is off (isolation_level=None) and we begin
    # transactions ourselves: writers take the write lock up front (BEGIN IMMEDIATE), so a
    # busy store makes them wait politely instead of failing half-way through a unit of work.
    immediate = conn.get_execution_options().get(IMMEDIATE_OPTION, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(path: Path, *, read_only: bool = False) -> Engine:
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import QueuePool

    if read_only:  # (a store in a read-only folder: sessions that only read)
        engine = create_engine(
            "sqlite://", creator=lambda: _connect_reader(path, read_only=True),
            poolclass=QueuePool, pool_size=2)
        event.listen(engine, "begin", _begin)
        return engine
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"isolation_level": None, "check_same_thread": False},
        poolclass=QueuePool,
        pool_size=2,
    )
    event.listen(engine, "connect", _configure_connection)
    event.listen(engine, "begin", _begin)
    return engine


# What SQLite says, and what it means for the person whose change did not go through.
_STORAGE_MESSAGES = (
    ("locked", "your data is busy in another Track Record window or command; try again"),
    ("busy", "your data is busy in another Track Record window or command; try again"),
    ("full", "the disk is full, so the change could not be saved; free some space"),
    ("readonly", "the data folder is read-only, so the change could not be saved"),
    ("read-only", "the data folder is read-only, so the change could not be saved"),
    ("malformed", "the database file is damaged; run 'trackrecord check'"),
    ("not a database", "the database file is damaged; run 'trackrecord check'"),
    ("disk i/o", "the disk refused the write (is it full?), so the change could not be saved"),
)


@contextmanager
def _storage_errors() -> Iterator[None]:
    """Turn SQLite failures into one StorageError callers can show as-is (nothing is lost:
    the unit of work was rolled back)."""
    try:
        yield
    except Exception as exc:
        # sqlite3's own error, or SQLAlchemy's DBAPIError wrapping it (as ``orig``).
        cause = getattr(exc, "orig", exc)
        if not isinstance(cause, sqlite3.Error):
            raise
        said = str(cause).lower()
        message = next((m for key, m in _STORAGE_MESSAGES if key in said), None)
        raise StorageError(message or f"the database refused the change: {cause}") from exc


def _connect_reader(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    """A connection for plain reads: never writes (query_only), same pragmas as the engine.
    ``read_only``: for a store in a folder that cannot be written (see connect_read_only)."""
    if read_only:
        conn = connect_read_only(path, isolation_level=None, check_same_thread=False)
    else:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA trusted_schema = OFF")
    conn.execute("PRAGMA query_only = ON")
    return conn


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
            conn = _connect_reader(self.paths.database, read_only=self.read_only)
        try:
            with _storage_errors():
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
        with _storage_errors(), reader() as session, session.begin():
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
        with _storage_errors(), writer() as session, session.begin():
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
        with _storage_errors():
            if self._watch is None:
                self._watch = _connect_reader(self.paths.database, read_only=self.read_only)
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
