"""In the window: copy the brag document as rich text, export it as ODT or CV bullets, and
carry everything to another machine in a sealed backup."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from trackrecord.core.demo import load_demo
from trackrecord.core.record.entries import EntryService
from trackrecord.core.store.db import Store, open_store
from trackrecord.paths import DataPaths
from trackrecord.ui.export.page import ExportPage
from trackrecord.ui.transfer.export_everything import ExportEverythingAction
from trackrecord.ui.transfer.import_dialog import ImportDialog

TODAY = dt.date(2026, 12, 4)
SECRET = "a passphrase for the trip"


def _page(qtbot: QtBot, store: Store, data_paths: DataPaths) -> ExportPage:
    page = ExportPage(store, data_paths, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.setMinimumSize(900, 600)
    page.show()
    qtbot.waitUntil(lambda: not page.controller.busy, timeout=10_000)
    return page


def test_copy_puts_the_formatted_document_on_the_clipboard(
    qtbot: QtBot, store: Store, data_paths: DataPaths
) -> None:
    load_demo(store)
    page = _page(qtbot, store, data_paths)
    QGuiApplication.clipboard().clear()
    page.view.copy_button.click()

    def copied() -> bool:
        data = QGuiApplication.clipboard().mimeData()
        return data is not None and data.hasHtml()

    qtbot.waitUntil(copied, timeout=10_000)
    data = QGuiApplication.clipboard().mimeData()
    title = EntryService(store).all()[0].title
    assert "<h2" in data.html() and title in data.html()  # headings and entries, formatted
    assert title in data.text() and not data.text().lstrip().startswith("<")
    assert "Copied 42 entries" in page.view.status.text()
    page.shutdown()


def test_the_export_page_offers_odt_and_cv_and_saves_them(
    qtbot: QtBot, store: Store, data_paths: DataPaths, tmp_path: Path
) -> None:
    load_demo(store)
    page = _page(qtbot, store, data_paths)
    combo = page.view.format
    offered = [combo.itemData(i) for i in range(combo.count())]
    assert {"odt", "cv"} <= set(offered) and "json" not in offered
    combo.setCurrentIndex(offered.index("cv"))
    qtbot.waitUntil(lambda: page.view.preview.toPlainText().startswith("- "), timeout=10_000)
    combo.setCurrentIndex(offered.index("odt"))
    target = tmp_path / "brag.odt"
    page.view.choose_path = lambda _fmt, _suggested: target  # type: ignore[method-assign]
    with qtbot.waitSignal(page.controller.saved, timeout=20_000):
        page.view.save_button.click()
    assert target.read_bytes().startswith(b"PK")  # a zip: OpenDocument
    page.shutdown()


def test_a_sealed_backup_made_on_one_machine_opens_on_another_with_its_passphrase(
    qtbot: QtBot, store: Store, data_paths: DataPaths, tmp_path: Path) -> None:
    # The first machine: Export everything, sealed.
    first_paths = DataPaths(tmp_path / "first")
    first = open_store(first_paths)
    load_demo(first)
    window = QWidget()
    qtbot.addWidget(window)
    action = ExportEverythingAction(first, window, today=lambda: TODAY)
    sealed = tmp_path / "everything.sealed"
    action.choose_path = lambda: sealed  # type: ignore[method-assign]
    action.ask_new_passphrase = lambda: SECRET  # type: ignore[method-assign]
    with qtbot.waitSignal(action.finished, timeout=20_000) as blocker:
        action.trigger()
    action.wait()
    first.close()
    assert blocker.args[1] is True and sealed.read_bytes().startswith(b"TRKRSEAL")

    # The second machine (this test's store): Import, a wrong passphrase, then the right one.
    dialog = ImportDialog(store, data_paths, today=lambda: TODAY)
    qtbot.addWidget(dialog)
    answers = iter(["the wrong one!", SECRET])
    asked: list[str] = []

    def ask() -> str:
        asked.append(next(answers))
        return asked[-1]

    dialog.ask_passphrase = ask  # type: ignore[method-assign]
    dialog.show()
    dialog.set_file(sealed)
    qtbot.waitUntil(lambda: "passphrase is wrong" in dialog.summary.text(), timeout=20_000)
    assert EntryService(store).all() == []
    dialog.set_file(sealed)  # choosing it again asks again
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0, timeout=20_000)
    assert asked == ["the wrong one!", SECRET]
    with qtbot.waitSignal(dialog.imported, timeout=20_000):
        dialog.import_button.click()
    assert len(EntryService(store).all()) == 42
    dialog.shutdown()
