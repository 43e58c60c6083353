"""A flat Qt item model over the entry list: the keys of every listed entry, and the rows in
view read on demand (``EntryService.list_keys`` / ``summaries``).

It holds plain ``EntrySummary`` values and builds nothing per row; painting is left to the
delegate.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from trackrecord.core.record.entries import EntryData, EntrySummary
from trackrecord.core.record.kinds import KIND_LABELS

ID_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2
META_ROLE = Qt.ItemDataRole.UserRole + 3  # "Shipped system · Acme · Mar 2023 – Jun 2024"
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 4
# (title, kind, meta) at once: what the delegate paints, in one call instead of three.
PAINT_ROLE = Qt.ItemDataRole.UserRole + 5

_Index = QModelIndex | QPersistentModelIndex


def kind_label(kind: str) -> str:
    return QCoreApplication.translate("Kinds", KIND_LABELS.get(kind, kind))


def format_period(start: dt.date, end: dt.date | None, *, ongoing_text: str) -> str:
    """Month and year are what a brag document needs; days are noise in a list."""
    locale = QLocale()

    def month(day: dt.date) -> str:
        return f"{locale.monthName(day.month, QLocale.FormatType.ShortFormat)} {day.year}"

    if end is None:
        return f"{month(start)} – {ongoing_text}"
    if (end.year, end.month) == (start.year, start.month):
        return month(start)
    return f"{month(start)} – {month(end)}"


def summary_of(data: EntryData) -> EntrySummary:
    return EntrySummary(
        id=data.id, kind=data.kind, title=data.title, start_date=data.start_date,
        end_date=data.end_date, organisation=data.organisation, summary=data.summary,
    )


class EntrySource(Protocol):
    """Where a windowed model reads its rows (``EntryService`` is one)."""

    def summaries(self, keys: Sequence[int]) -> list[EntrySummary]: ...

    def key_of(self, entry_id: str) -> int | None: ...


class EntryListModel(QAbstractListModel):
    """The rows of the entry list, fetched a block at a time as they come into view.

    ``set_keys`` gives it the keys of every listed entry (one integer each) and a source to
    read rows from; only blocks that are painted or asked for are read, and at most
    ``MAX_BLOCKS`` of them are kept. 100,000 entries cost 100,000 integers, not 100,000
    summaries, and a filter change costs one key query instead of loading every row.
    ``set_entries`` still takes complete rows (tests, small lists).
    """

    BLOCK = 64
    MAX_BLOCKS = 64

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._keys: list[int] = []
        self._source: EntrySource | None = None
        self._rows: dict[int, EntrySummary] = {}  # row -> summary, for the loaded blocks
        self._blocks: dict[int, None] = {}  # loaded block numbers, oldest first
        self._row_of_id: dict[str, int] = {}  # for the loaded rows
        self._row_of_key: dict[int, int] | None = None  # built on first need
        # Keys never change, so what was learnt survives resets: finding the entry being
        # edited after a search then costs no query.
        self._key_of_id: dict[str, int] = {}
        # Formatted once per row as it was (an edited row formats again): rows repaint often.
        self._meta_of_id: dict[str, tuple[EntrySummary, str]] = {}
        self._ongoing = self.tr("ongoing")

    # -- Qt model interface --------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._keys)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._row(index.row())
        if row is None:
            return None
        if role == PAINT_ROLE:
            return (row.title, row.kind, self._meta(row))
        if role == Qt.ItemDataRole.DisplayRole:
            return row.title
        if role == ID_ROLE:
            return row.id
        if role == KIND_ROLE:
            return row.kind
        if role == META_ROLE:
            return self._meta(row)
        if role == SUMMARY_ROLE:
            return row.summary
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.summary or row.title
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{row.title}, {self._meta(row)}"
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flag = Qt.ItemFlag
        return flag.ItemIsEnabled | flag.ItemIsSelectable | flag.ItemNeverHasChildren

    # -- what the controller calls -------------------------------------------------------

    def set_entries(self, rows: Sequence[EntrySummary]) -> None:
        """Show exactly these rows (all of them held in memory)."""
        self.beginResetModel()
        self._reset(list(range(len(rows))), None)
        self._rows = dict(enumerate(rows))
        self._row_of_id = {r.id: i for i, r in enumerate(rows)}
        self.endResetModel()

    def set_keys(self, keys: Sequence[int], source: EntrySource) -> None:
        """Show the entries with these keys, in this order, reading rows from ``source``."""
        self.beginResetModel()
        self._reset(list(keys), source)
        self.endResetModel()

    def entry_id(self, row: int) -> str | None:
        found = self._row(row)
        return found.id if found is not None else None

    def row_of(self, entry_id: str) -> int:
        row = self._row_of_id.get(entry_id)
        if row is not None or self._source is None:
            return -1 if row is None else row
        key = self._key_of_id.get(entry_id)
        if key is None:
            key = self._source.key_of(entry_id)
        if key is None:
            return -1
        if self._row_of_key is None:
            self._row_of_key = {k: i for i, k in enumerate(self._keys)}
        return self._row_of_key.get(key, -1)

    def update_entry(self, summary: EntrySummary) -> None:
        """Refresh one row in place after a save; the row stays where it is until the next
        filter change, so the entry being edited never jumps away under the cursor."""
        row = self.row_of(summary.id)
        if row < 0:
            return
        if row in self._rows or self._source is None:
            self._rows[row] = summary
            self._row_of_id[summary.id] = row
        index = self.index(row, 0)
        self.dataChanged.emit(index, index)

    def remove_entry(self, entry_id: str) -> None:
        row = self.row_of(entry_id)
        if row < 0:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._keys[row]
        self._row_of_key = None
        if self._source is None:  # every row is held: move the later ones up by one
            self._rows = {(i - 1 if i > row else i): r for i, r in self._rows.items()
                          if i != row}
            self._row_of_id = {r.id: i for i, r in self._rows.items()}
        else:  # blocks now start elsewhere: read them again when next in view
            self._rows, self._blocks, self._row_of_id = {}, {}, {}
        self.endRemoveRows()

    # -- fetching ------------------------------------------------------------------------

    def _reset(self, keys: list[int], source: EntrySource | None) -> None:
        self._keys = keys
        self._source = source
        self._rows = {}
        self._blocks = {}
        self._row_of_id = {}
        self._row_of_key = None

    def _row(self, row: int) -> EntrySummary | None:
        if not 0 <= row < len(self._keys):
            return None
        found = self._rows.get(row)
        if found is None and self._source is not None:
            self._load_block(row // self.BLOCK)
            found = self._rows.get(row)
        return found

    def _load_block(self, block: int) -> None:
        if self._source is None or block in self._blocks:
            return
        first = block * self.BLOCK
        keys = self._keys[first:first + self.BLOCK]
        by_key = self._fetch(keys)
        while len(self._blocks) >= self.MAX_BLOCKS:
            self._forget(next(iter(self._blocks)))
        self._blocks[block] = None
        if len(self._key_of_id) > 100_000:
            self._key_of_id.clear()
        for offset, key in enumerate(keys):
            summary = by_key.get(key)
            if summary is not None:
                self._rows[first + offset] = summary
                self._row_of_id[summary.id] = first + offset
                self._key_of_id[summary.id] = key

    def _fetch(self, keys: list[int]) -> dict[int, EntrySummary]:
        """Summaries by key; an entry deleted meanwhile (by another window or command) is
        left out, and its row stays blank until the next refresh."""
        assert self._source is not None
        found = self._source.summaries(keys)
        if len(found) == len(keys):
            return dict(zip(keys, found, strict=True))
        by_key = {}
        for key in keys:  # rare: line the survivors up with their keys one at a time
            one = self._source.summaries([key])
            if one:
                by_key[key] = one[0]
        return by_key

    def _forget(self, block: int) -> None:
        del self._blocks[block]
        first = block * self.BLOCK
        for row in range(first, min(first + self.BLOCK, len(self._keys))):
            summary = self._rows.pop(row, None)
            if summary is not None:
                self._row_of_id.pop(summary.id, None)

    def _meta(self, row: EntrySummary) -> str:
        cached = self._meta_of_id.get(row.id)
        if cached is not None and cached[0] == row:
            return cached[1]
        parts = [kind_label(row.kind)]
        if row.organisation:
            parts.append(row.organisation)
        parts.append(format_period(row.start_date, row.end_date, ongoing_text=self._ongoing))
        meta = " · ".join(parts)
        if len(self._meta_of_id) > 4096:
            self._meta_of_id.clear()
        self._meta_of_id[row.id] = (row, meta)
        return meta
