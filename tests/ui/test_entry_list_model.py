"""The entry list model on its own, checked by Qt's own model tester."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from trackrecord.core.record.entries import EntryService
from trackrecord.ui.record.list_model import (
    ID_ROLE,
    KIND_ROLE,
    META_ROLE,
    EntryListModel,
    summary_of,
)


def test_model_passes_qtmodeltester(qtmodeltester, entries: EntryService):
    for i in range(30):
        entries.create("shipped" if i % 2 else "incident", f"Entry {i}",
                       start_date=dt.date(2020 + i % 5, 1 + i % 12, 1), organisation="Acme")
    model = EntryListModel()
    model.set_entries(entries.list())
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 30


def test_empty_model_passes_qtmodeltester(qtmodeltester):
    qtmodeltester.check(EntryListModel(), force_py=True)


def test_roles_and_in_place_updates(qtbot, entries: EntryService):
    data = entries.create("incident", "Outage", start_date=dt.date(2023, 11, 24),
                          end_date=dt.date(2023, 11, 24), organisation="Acme")
    model = EntryListModel()
    model.set_entries(entries.list())
    index = model.index(0, 0)
    assert index.data() == "Outage"
    assert index.data(ID_ROLE) == data.id
    assert index.data(KIND_ROLE) == "incident"
    assert index.data(META_ROLE).startswith("Incident solved · Acme · ")
    assert "2023" in index.data(Qt.ItemDataRole.AccessibleTextRole)

    changed = entries.update(data.id, title="Outage, mitigated")
    with qtbot.waitSignal(model.dataChanged):
        model.update_entry(summary_of(changed))
    assert model.index(0, 0).data() == "Outage, mitigated"

    with qtbot.waitSignal(model.rowsRemoved):
        model.remove_entry(data.id)
    assert model.rowCount() == 0
    assert model.row_of(data.id) == -1
