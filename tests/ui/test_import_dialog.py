"""The Import dialog as a person uses it: choose a file, read the preview, fix a CSV column,
then Import — or Cancel, and nothing is written. Also File > Export everything…"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from trackrecord.core.backup.copies import list_backups
from trackrecord.core.demo import load_demo
from trackrecord.core.goals.service import GoalService
from trackrecord.core.record.entries import EntryService
from trackrecord.core.rejections.service import RejectionService
from trackrecord.core.store.db import Store
from trackrecord.core.transfer.import_base import ImportReport
from trackrecord.core.transfer.json_export import dump_backup
from trackrecord.paths import DataPaths
from trackrecord.ui.transfer.export_everything import ExportEverythingAction
from trackrecord.ui.transfer.import_dialog import ImportDialog, PreviewModel

DATA = Path(__file__).resolve().parents[1] / "data" / "import"
SHAPES = DATA / "shapes"
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
    return [(model.index(r, 1).data(), model.index(r, 4).data(), model.index(r, 6).data())
            for r in range(model.rowCount())]


def ticks(dialog: ImportDialog) -> list[tuple[str, object]]:
    """(title, tick) per row: Qt's check state, or None for a row with nothing to choose."""
    model = dialog.model
    out = []
    for r in range(model.rowCount()):
        state = model.index(r, 0).data(Qt.ItemDataRole.CheckStateRole)
        out.append((model.index(r, 4).data(),
                    None if state is None else state == Qt.CheckState.Checked))
    return out


def test_a_markdown_preview_then_import(qtbot: QtBot, make_dialog: MakeDialog,
                                        store: Store) -> None:
    dialog = make_dialog(DATA / "brag-doc.md")
    assert dialog.summary.text() == ("Markdown brag document: 14 added (1 goal, 13 entries), "
                                     "1 skipped (1 repeated in the file).")
    assert rows(dialog)[1] == ("Add", "Payments API v2", "")
    assert ("Skip", "Led the migration of search to OpenSearch: zero downtime, 3x faster queries",
            "repeats line 16 of this file") in rows(dialog)
    assert ("Add", "Took a course on distributed systems",
            "no date in the file: dated today") in rows(dialog), "the fallback is flagged"
    assert dialog.notices.isVisibleTo(dialog)
    assert "dated today (2024-06-01)" in dialog.notices.text()
    assert dialog.warnings.count() == 0 and not dialog.warnings.isVisibleTo(dialog)
    assert not dialog.mapping_table.isVisibleTo(dialog)
    assert not dialog.mode_combo.isVisibleTo(dialog)
    assert EntryService(store).all() == [], "nothing is written by a preview"
    with qtbot.waitSignal(dialog.imported, timeout=20_000) as blocker:
        dialog.import_button.click()
    report = blocker.args[0]
    assert isinstance(report, ImportReport) and report.committed
    assert dialog.result() == dialog.DialogCode.Accepted
    assert len(EntryService(store).all()) == 13


GOALS_DOC = """# Brag document 2026

## Goals for this year

- Become the go-to person for billing
  - Rewrote the invoice service
- Ship search v2 (H1 2026)
- [Goal 3]

## Projects

- **Rewrote the invoice service** (Mar 2026) — cut failed invoices by 80%
"""


def test_the_preview_lists_a_brag_docs_goals_and_import_creates_them(
        qtbot: QtBot, make_dialog: MakeDialog, store: Store, tmp_path: Path) -> None:
    doc = tmp_path / "brag.md"
    doc.write_text(GOALS_DOC, encoding="utf-8")
    dialog = make_dialog(doc)
    model = dialog.model
    shown = [(model.index(r, 1).data(), model.index(r, 2).data(), model.index(r, 4).data(),
              model.index(r, 5).data()) for r in range(model.rowCount())]
    assert shown[:3] == [
        ("Add", "goal", "Become the go-to person for billing",
         "2026 \u00b7 linked to 1 entry of this file"),
        ("Add", "goal", "Ship search v2", "H1 2026"),
        ("Skip", "goal", "[Goal 3]", "2026")]
    assert dialog.summary.text() == (
        "Markdown brag document: 3 added (2 goals, 1 entry), 1 skipped (1 placeholder).")
    assert ticks(dialog)[:3] == [("Become the go-to person for billing", True),
                                 ("Ship search v2", True), ("[Goal 3]", False)]
    assert GoalService(store).list() == [], "nothing is written by a preview"
    with qtbot.waitSignal(dialog.preview_ready, timeout=20_000):
        model.setData(model.index(1, 0), Qt.CheckState.Unchecked.value,
                      Qt.ItemDataRole.CheckStateRole)  # the person leaves one goal out
    settle(qtbot, dialog)
    assert dialog.summary.text().startswith("Markdown brag document: 2 added (1 goal, 1 entry)")
    with qtbot.waitSignal(dialog.imported, timeout=20_000):
        dialog.import_button.click()
    (goal,) = GoalService(store).list()
    (entry,) = EntryService(store).all()
    assert (goal.title, goal.period, goal.entry_ids) == (
        "Become the go-to person for billing", "2026", (entry.id,))


def test_cancel_writes_nothing(make_dialog: MakeDialog, store: Store,
                               data_paths: DataPaths) -> None:
    dialog = make_dialog(DATA / "jrnl-export.json")
    assert dialog.import_button.isEnabled()
    assert dialog.summary.text() == "jrnl JSON export: 4 added, 2 skipped (1 no date, 1 not a win)."
    dialog.cancel_button.click()
    assert dialog.result() == dialog.DialogCode.Rejected
    assert EntryService(store).all() == []


def test_a_csv_shows_its_columns_and_they_can_be_fixed(
    qtbot: QtBot, make_dialog: MakeDialog, store: Store, tmp_path: Path
) -> None:
    file = tmp_path / "odd.csv"
    file.write_text("Outfit,Job,When,Said\nAcme,Engineer,2024-01-02,too junior\n",
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
    assert "every row is read as a rejection" in dialog.notices.text()
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


def test_a_tracker_shows_what_it_skips_and_offers_no_answer_rows(
    qtbot: QtBot, make_dialog: MakeDialog, store: Store,
) -> None:
    dialog = make_dialog(SHAPES / "internship-stage-columns.csv")
    assert dialog.summary.text() == (
        "CSV of rejections (job tracker): 15 added, 11 skipped (6 no answer, 3 not applied, "
        "1 accepted, 1 pending).")
    assert ("Fabrikam \u2014 Software Engineering & Program Management", None) in ticks(dialog)
    assert ("Northwind \u2014 Software Engineering Intern", False) in ticks(dialog)
    box = dialog.choice_boxes["no answer"]
    assert box.isVisibleTo(dialog)
    assert box.text() == "Tick all 6 \u201cno answer\u201d (0 ticked now)"
    # one row by its tick, then the rest of the group by its box
    model = dialog.model
    row = next(r for r in range(model.rowCount()) if model.row_at(r).where == "line 2")
    model.setData(model.index(row, 0), Qt.CheckState.Checked.value,
                  Qt.ItemDataRole.CheckStateRole)
    settle(qtbot, dialog)
    assert dialog.summary.text().startswith("CSV of rejections (job tracker): 16 added")
    assert box.checkState() == Qt.CheckState.PartiallyChecked
    box.click()
    settle(qtbot, dialog)
    assert dialog.summary.text().startswith("CSV of rejections (job tracker): 21 added")
    with qtbot.waitSignal(dialog.imported, timeout=20_000):
        dialog.import_button.click()
    logged = RejectionService(store).list()
    assert len(logged) == 21
    assert sum(r.category == "unknown" for r in logged) >= 6


def test_each_column_can_be_changed_and_stages_can_be_several(
    qtbot: QtBot, make_dialog: MakeDialog,
) -> None:
    dialog = make_dialog(SHAPES / "internship-stage-columns.csv")
    table = dialog.mapping_table
    shown = {table.item(r, 0).text(): table.cellWidget(r, 2).currentData()
             for r in range(table.rowCount())}
    assert shown == {"Company": "company", "Role name": "role", "Applied Date": "date",
                     "Coding Challenge": "reached", "Recruiter": "reached", "Phone": "reached",
                     "On-Campus": "reached", "Onsite": "reached", "Result": "result"}
    onsite = table.cellWidget(8 - 1, 2)
    assert isinstance(onsite, QComboBox)
    onsite.setCurrentIndex(onsite.findData(None))
    settle(qtbot, dialog)
    assert dialog.report is not None and dialog.report.mapping is not None
    assert dialog.report.mapping.fields.count("reached") == 4
    city = next(r for r in dialog.report.rows if r.title.startswith("City Power"))
    assert city.detail.startswith("Application"), "its only stage column is now ignored"
    result = table.cellWidget(8, 2)
    result.setCurrentIndex(result.findData("status"))
    settle(qtbot, dialog)
    assert dialog.report.mapping.fields[8] == "status"


def test_a_journals_hard_days_are_unticked_with_the_guess_shown(
    qtbot: QtBot, make_dialog: MakeDialog,
) -> None:
    dialog = make_dialog(SHAPES / "jrnl-tags.json")
    assert ("Bad day, felt useless in standup", False) in ticks(dialog)
    hard = next(r for r in rows(dialog) if r[1] == "Bad day, felt useless in standup")
    assert hard[2].startswith("reads like a hard day (\u201cbad day\u201d), not a win")
    assert ("I met with @dan", True) in ticks(dialog)
    assert "left unticked" in dialog.notices.text()


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


def test_a_folder_of_jrnl_entries(qtbot: QtBot, make_dialog: MakeDialog, store: Store) -> None:
    dialog = make_dialog(SHAPES / "jrnl-folder")
    assert dialog.summary.text() == (
        "jrnl JSON export: 2 added, 2 skipped (1 not a win, 1 not an entry).")
    assert dialog.folder_button.isEnabled()
    with qtbot.waitSignal(dialog.imported, timeout=20_000):
        dialog.import_button.click()
    assert sorted(e.title for e in EntryService(store).all()) == [
        "First 1:1 with @sam as their mentor", "Published the caching guidelines"]
