"""Keeping the FTS5 indexes of entries in step with the entries table.

The indexes (``FTS_TABLES``: stemmed for matching, unstemmed for search-as-you-type) are
external-content (the text is stored once, in ``entries``). SQLite cannot keep it
in step with triggers while ``trusted_schema=OFF``, so every service that writes entries calls
these inside the same transaction: ``unindex`` before a row changes or goes, ``index`` after it
is written. ``check`` is FTS5's own comparison of index and content.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import text
from sqlalchemy.orm import Session

from trackrecord.core.store.fulltext import FTS_COLUMNS, FTS_TABLES

_COLS = ", ".join(FTS_COLUMNS)
_INDEX = [
    text(f"INSERT INTO {t}(rowid, {_COLS}) SELECT pk, {_COLS} FROM entries WHERE pk = :pk")
    for t in FTS_TABLES
]
_UNINDEX = [
    text(
        f"INSERT INTO {t}({t}, rowid, {_COLS}) "
        f"SELECT 'delete', pk, {_COLS} FROM entries WHERE pk = :pk"
    )
    for t in FTS_TABLES
]


def index(session: Session, pks: Iterable[int]) -> None:
    """Add rows, as they now are in ``entries``, to the index (call after flush)."""
    params = [{"pk": pk} for pk in pks]
    if params:
        for statement in _INDEX:
            session.execute(statement, params)


def unindex(session: Session, pks: Iterable[int]) -> None:
    """Remove rows, as they now are in ``entries``, from the index (call before changing)."""
    params = [{"pk": pk} for pk in pks]
    if params:
        for statement in _UNINDEX:
            session.execute(statement, params)


def rebuild(session: Session) -> None:
    for t in FTS_TABLES:
        session.execute(text(f"INSERT INTO {t}({t}) VALUES ('rebuild')"))


def check(session: Session) -> None:
    """Raises if an index disagrees with the entries table."""
    for t in FTS_TABLES:
        session.execute(text(f"INSERT INTO {t}({t}, rank) VALUES ('integrity-check', 1)"))
