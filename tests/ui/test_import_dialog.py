"""The Import dialog as a person uses it: choose a file, read the preview, fix a CSV column,
then Import — or Cancel, and nothing is written. Also File > Export everything…"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from trackrecord.core.backup.copies import list_backups
from trackrecord.core.demo import load_demo
from trackrecord.core.record.entries import EntryService
from trackrecord.core.rejections.service import RejectionService
from trackrecord.core.store.db import Store
from trackrecord.core.transfer.import_base import ImportReport
from trackrecord.core.transfer.json_export import dump_backup
from trackrecord.paths import DataPaths
from trackrecord.ui.transfer.export_everything import ExportEverythingAction
from trackrecord.ui.transfer.import_dialog import ImportDialog, PreviewModel

DATA = Path(__file__).resolve().parents[1] / "data" / "import"
TODAY = dt.date(2024, 6, 1)
MakeDialog = Callable[..., ImportDialog]


@pytest.fixture
def make_dialog(qtbot: QtBot, store: Store, data_paths: DataPaths) -> Iterator[MakeDialog]:
    made: list[ImportDialog] = []

    def make(file: Path | None = None) -> ImportDialog:
        dialog = ImportDialog(store, data_paths, file=file, today=lambda: TODAY)
        qtbot.addWidget(dialog)
        made.append(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        settle(qtbot, dialog)
        return dialog

    yield make
    for dialog in made:
        dialog.shutdown()  # no worker may outlive the store


def settle(qtbot: QtBot, dialog: ImportDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.busy, timeout=20_000)


def rows(dialog: ImportDialog) -> list[tuple[str, str, str]]:
    model = dialog.model
    return [(model.index(r, 0).data(), model.index(r, 3).data(), model.index(r, 5).data())
            for r in range(model.rowCount())]


def test_a_markdown_preview_then_import(qtbot: QtBot, make_dialog: MakeDialog,
                                        store: Store) -> None:
    dialog = make_dialog(DATA / "brag-doc.md")
    assert dialog.summary.text() == "Markdown brag document: 13 added, 1 skipped."
    assert rows(dialog)[0] == ("Add", "Payments API v2", "")
    assert ("Skip", "Led the migration of search to OpenSearch",
            "repeats line 16 of this file") in rows(dialog)
    assert dialog.warnings.count() == 2 and dialog.warnings.isVisibleTo(dialog)
    assert not dialog.mapping_table.isVisibleTo(dialog)
    assert not dialog.mode_combo.isVisibleTo(dialog)
    assert EntryService(store).all() == [], "nothing is written by a preview"
    with qtbot.waitSignal(dialog.imported, timeout=20_000) as blocker:
        dialog.import_button.click()
    report = blocker.args[0]
    assert isinstance(report, ImportReport) and report.committed
    assert dialog.result() == dialog.DialogCode.Accepted
    assert len(EntryService(store).all()) == 13


def test_cancel_writes_nothing(make_dialog: MakeDialog, store: Store,
                               data_paths: DataPaths) -> None:
    dialog = make_dialog(DATA / "jrnl-export.json")
    assert dialog.import_button.isEnabled()
    assert dialog.summary.text() == "jrnl JSON export: 5 added, 1 skipped."
    dialog.cancel_button.click()
    assert dialog.result() == dialog.DialogCode.Rejected
    assert EntryService(store).all() == []


def test_a_csv_shows_its_columns_and_they_can_be_fixed(
    qtbot: QtBot, make_dialog: MakeDialog, store: Store, tmp_path: Path
) -> None:
    file = tmp_path / "odd.csv"
    file.write_text("Firm,Job,When,Said\nAcme,Engineer,2024-01-02,too junior\n",
                    encoding="utf-8")
    dialog = make_dialog(file)
    assert dialog.mapping_table.isVisibleTo(dialog)
    assert dialog.summary.text().startswith("no column is the company")
    assert not dialog.import_button.isEnabled()
    firm = dialog.mapping_table.cellWidget(0, 2)
    assert isinstance(firm, QComboBox) and firm.currentData() is None
    assert dialog.mapping_table.item(0, 1).text() == "Acme"
    firm.setCurrentIndex(firm.findData("company"))
    settle(qtbot, dialog)
    assert dialog.summary.text() == "CSV of rejections (job tracker): 1 added."
    assert rows(dialog) == [("Add", "Acme \u2014 Engineer", "")]
    with qtbot.waitSignal(dialog.imported, timeout=20_000):
        dialog.import_button.click()
    (saved,) = RejectionService(store).list()
    assert saved.company == "Acme" and saved.role == "Engineer"


def test_an_unreadable_file_says_why(make_dialog: MakeDialog, tmp_path: Path) -> None:
    file = tmp_path / "broken.json"
    file.write_text("{nope", encoding="utf-8")
    dialog = make_dialog(file)
    assert "is not valid JSON" in dialog.summary.text()
    assert dialog.model.rowCount() == 0 and not dialog.import_button.isEnabled()


def test_a_backup_can_replace_everything_after_a_backup(
    qtbot: QtBot, make_dialog: MakeDialog, store: Store, tmp_path: Path, data_paths: DataPaths
) -> None:
    load_demo(store)
    file = tmp_path / "backup.json"
    file.write_bytes(dump_backup(store))
    EntryService(store).create("other", "Written after the backup")
    dialog = make_dialog(file)
    assert dialog.mode_combo.isVisibleTo(dialog)
    assert dialog.summary.text() == "Nothing to import: 0 added, 42 unchanged."
    assert not dialog.import_button.isEnabled(), "nothing to do in a merge"
    dialog.mode_combo.setCurrentIndex(dialog.mode_combo.findData("replace"))
    settle(qtbot, dialog)
    assert dialog.import_button.isEnabled()
    asked: list[ImportReport] = []
    dialog.confirm_replace = lambda report: asked.append(report) or True  # type: ignore[method-assign]
    with qtbot.waitSignal(dialog.imported, timeout=20_000):
        dialog.import_button.click()
    assert asked and asked[0].replaced == 43
    assert [b.reason for b in list_backups(data_paths)] == ["pre-import"]
    titles = [e.title for e in EntryService(store).all()]
    assert len(titles) == 42 and "Written after the backup" not in titles


def test_the_preview_model(qtmodeltester: object, make_dialog: MakeDialog) -> None:
    dialog = make_dialog(DATA / "teal-export.csv")
    assert isinstance(dialog.model, PreviewModel) and dialog.model.rowCount() == 10
    qtmodeltester.check(dialog.model)  # type: ignore[attr-defined]


def test_export_everything(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QWidget

    load_demo(store)
    window = QWidget()
    qtbot.addWidget(window)
    action = ExportEverythingAction(store, window, today=lambda: TODAY)
    target = tmp_path / "everything.json"
    action.choose_path = lambda: target  # type: ignore[method-assign]
    with qtbot.waitSignal(action.finished, timeout=20_000) as blocker:
        action.trigger()
    action.wait()
    message, ok = blocker.args
    assert ok and str(target) in message
    assert target.read_bytes() == dump_backup(store)
    assert len(json.loads(target.read_text(encoding="utf-8"))["entries"]) == 42
    action.choose_path = lambda: tmp_path / "no-such-folder" / "x.json"  # type: ignore[method-assign]
    with qtbot.waitSignal(action.finished, timeout=20_000) as blocker:
        action.trigger()
    action.wait()
    assert blocker.args[1] is False and "does not exist" in blocker.args[0]


def test_export_everything_never_writes_over_the_store(qtbot: QtBot, store: Store) -> None:
    from PySide6.QtWidgets import QWidget

    load_demo(store)
    window = QWidget()
    qtbot.addWidget(window)
    action = ExportEverythingAction(store, window, today=lambda: TODAY)
    wal = store.paths.database.with_name(store.paths.database.name + "-wal")
    for target in (store.paths.database, wal):
        action.choose_path = lambda target=target: target  # type: ignore[method-assign]
        with qtbot.waitSignal(action.finished, timeout=20_000) as blocker:
            action.trigger()
        action.wait()
        message, ok = blocker.args
        assert not ok and "cannot be written" in message
    assert len(EntryService(store).list()) == 42


def test_opened_with_no_file_it_says_what_can_be_imported(make_dialog: MakeDialog) -> None:
    """Issue 17: Import opened on an empty table with no words on what to do."""
    dialog = make_dialog()
    said = dialog.summary.text()
    for kind in ("brag document", "CSV", "jrnl", "backup"):
        assert kind in said
    assert "before anything is written" in said and dialog.model.rowCount() == 0
