"""SQLite connections as the store wants them: the pragmas (WAL, synchronous FULL, foreign
keys), writers that take the write lock up front, plain read-only readers, and SQLite's
failures turned into one sentence for the person.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trackrecord.core.errors import StorageError
from trackrecord.core.store.read_only import connect_read_only

if TYPE_CHECKING:
    from sqlalchemy import Engine

BUSY_TIMEOUT_MS = 5000
IMMEDIATE_OPTION = "trackrecord_immediate"


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
            "sqlite://", creator=lambda: connect_reader(path, read_only=True),
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
def storage_errors() -> Iterator[None]:
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


def connect_reader(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
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
