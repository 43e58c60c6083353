"""Keeping the FTS5 index of entries in step with the entries table.

The index is external-content (the text is stored once, in ``entries``). SQLite cannot keep it
in step with triggers while ``trusted_schema=OFF``, so every service that writes entries calls
these inside the same transaction: ``unindex`` before a row changes or goes, ``index`` after it
is written. ``check`` is FTS5's own comparison of index and content.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import text
from sqlalchemy.orm import Session

from trackrecord.core.models import FTS_COLUMNS

_COLS = ", ".join(FTS_COLUMNS)
_INDEX = text(
    f"INSERT INTO entry_fts(rowid, {_COLS}) SELECT pk, {_COLS} FROM entries WHERE pk = :pk"
)
_UNINDEX = text(
    f"INSERT INTO entry_fts(entry_fts, rowid, {_COLS}) "
    f"SELECT 'delete', pk, {_COLS} FROM entries WHERE pk = :pk"
)


def index(session: Session, pks: Iterable[int]) -> None:
    """Add rows, as they now are in ``entries``, to the index (call after flush)."""
    params = [{"pk": pk} for pk in pks]
    if params:
        session.execute(_INDEX, params)


def unindex(session: Session, pks: Iterable[int]) -> None:
    """Remove rows, as they now are in ``entries``, from the index (call before changing)."""
    params = [{"pk": pk} for pk in pks]
    if params:
        session.execute(_UNINDEX, params)


def rebuild(session: Session) -> None:
    session.execute(text("INSERT INTO entry_fts(entry_fts) VALUES ('rebuild')"))


def check(session: Session) -> None:
    """Raises if the index disagrees with the entries table."""
    session.execute(text("INSERT INTO entry_fts(entry_fts, rank) VALUES ('integrity-check', 1)"))
