"""The entry list model fed keys and reading rows on demand (how the window uses it)."""

from __future__ import annotations

import datetime as dt

from trackrecord.core.record.entries import EntryFilter, EntryService
from trackrecord.ui.record.list_model import ID_ROLE, EntryListModel, summary_of


def _fill(entries: EntryService, n: int) -> None:
    for i in range(n):
        entries.create("shipped" if i % 3 else "incident", f"Entry {i}",
                       start_date=dt.date(2015 + i % 10, 1 + i % 12, 1 + i % 28))


def test_windowed_model_passes_qtmodeltester(qtmodeltester, entries: EntryService):
    _fill(entries, 150)  # more than two blocks
    model = EntryListModel()
    model.set_keys(entries.list_keys(), entries)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 150


def test_windowed_rows_match_the_full_list(entries: EntryService):
    _fill(entries, 150)
    model = EntryListModel()
    flt = EntryFilter(kinds=frozenset({"shipped"}))
    model.set_keys(entries.list_keys(flt), entries)
    expected = entries.list(flt)
    assert model.rowCount() == len(expected)
    assert [model.index(r, 0).data(ID_ROLE) for r in range(model.rowCount())] == [
        e.id for e in expected]
    last = expected[-1]
    assert model.row_of(last.id) == len(expected) - 1


def test_windowed_update_and_remove(qtbot, entries: EntryService):
    _fill(entries, 150)
    model = EntryListModel()
    model.set_keys(entries.list_keys(), entries)
    listed = entries.list()
    far = listed[140]  # in a block not read yet
    changed = entries.update(far.id, title="Renamed")
    with qtbot.waitSignal(model.dataChanged):
        model.update_entry(summary_of(changed))
    assert model.index(140, 0).data() == "Renamed"

    with qtbot.waitSignal(model.rowsRemoved):
        model.remove_entry(listed[3].id)
    assert model.rowCount() == 149
    assert model.row_of(listed[3].id) == -1
    assert model.index(3, 0).data(ID_ROLE) == listed[4].id
    assert model.row_of(far.id) == 139
