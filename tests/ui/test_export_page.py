"""The Export page as a person uses it: change options, watch the preview, save a file."""

from __future__ import annotations

import datetime as dt
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from trackrecord.core.bragdoc.prefs import load_prefs
from trackrecord.core.demo import load_demo
from trackrecord.core.record.entries import EntryService
from trackrecord.core.store.db import Store
from trackrecord.paths import DataPaths
from trackrecord.ui.export.page import ExportPage

DAY = dt.date(2026, 11, 26)
MakePage = Callable[[], ExportPage]


@pytest.fixture
def make_page(qtbot: QtBot, store: Store, data_paths: DataPaths) -> Iterator[MakePage]:
    made: list[ExportPage] = []

    def make() -> ExportPage:
        page = ExportPage(store, data_paths, today=lambda: DAY)
        qtbot.addWidget(page)
        made.append(page)
        # As in the main window, which fixes its minimum size: otherwise every layout change
        # re-sends size hints to the offscreen platform, which warns that it cannot take them.
        page.setMinimumSize(900, 600)
        page.resize(1100, 700)
        page.show()
        settle(qtbot, page)
        return page

    yield make
    for page in made:
        page.shutdown()  # no worker may outlive the store


@pytest.fixture
def page(store: Store, make_page: MakePage) -> ExportPage:
    load_demo(store)
    return make_page()


def settle(qtbot: QtBot, page: ExportPage) -> None:
    qtbot.waitUntil(lambda: not page.busy, timeout=10_000)


def preview(page: ExportPage) -> str:
    return page.preview.toPlainText()


def test_the_preview_shows_the_document_and_follows_the_options(
    qtbot: QtBot, page: ExportPage
) -> None:
    text = preview(page)
    assert "Brag document" in text and "Shipment status webhooks" in text
    assert "Fernhollow Health" not in text  # details are off by default
    assert page.status.text() == "42 entries in 7 groups"

    with qtbot.waitSignal(page.preview_updated, timeout=10_000):
        qtbot.mouseClick(page.details, Qt.MouseButton.LeftButton)
    assert "Fernhollow Health" in preview(page)

    with qtbot.waitSignal(page.preview_updated, timeout=10_000):
        page.kinds["shipped"].setChecked(False)
    assert "Shipment status webhooks" not in preview(page)
    assert "Projects" not in preview(page)

    with qtbot.waitSignal(page.preview_updated, timeout=10_000):
        qtbot.keyClicks(page.name, "Sam Okafor")
    assert "Sam Okafor" in preview(page)


def test_rapid_changes_end_on_the_last_choice(qtbot: QtBot, page: ExportPage) -> None:
    for group in ("year", "kind", "sections", "year"):
        page.group.setCurrentIndex(page.group.findData(group))
    settle(qtbot, page)
    lines = preview(page).splitlines()
    assert "2026" in lines and "2017" in lines and "Projects" not in lines
    assert page.status.text() == "42 entries in 10 groups"


def test_markdown_preview_is_the_markdown_source(qtbot: QtBot, page: ExportPage) -> None:
    with qtbot.waitSignal(page.preview_updated, timeout=10_000):
        page.format.setCurrentIndex(page.format.findData("md"))
    assert preview(page).startswith("# Brag document\n")
    assert not page.page_size.isEnabled()


def test_a_custom_period(qtbot: QtBot, page: ExportPage) -> None:
    assert page.form.isRowVisible(page.dates) is False
    page.preset.setCurrentIndex(page.preset.findData("custom"))
    assert page.form.isRowVisible(page.dates) is True
    page.since.setDate(dt.date(2025, 1, 1))
    with qtbot.waitSignal(page.preview_updated, timeout=10_000):
        page.until.setDate(dt.date(2025, 12, 31))
    text = preview(page)
    assert "1 January 2025 – 31 December 2025" in text
    assert "Shipment status webhooks" not in text
    assert "Observability consolidation on OpenTelemetry" in text


@pytest.mark.parametrize(("fmt", "start"), [("md", b"# Brag document"), ("html", b"<!DOCTYPE"),
                                            ("pdf", b"%PDF")])
def test_save_as_writes_a_private_file(
    qtbot: QtBot, page: ExportPage, tmp_path: Path, fmt: str, start: bytes
) -> None:
    page.format.setCurrentIndex(page.format.findData(fmt))
    settle(qtbot, page)
    asked: list[tuple[str, Path]] = []
    target = tmp_path / "out" / f"mine.{fmt}"
    target.parent.mkdir()

    def choose(chosen_fmt: str, suggested: Path) -> Path:
        asked.append((chosen_fmt, suggested))
        return target

    page.choose_path = choose  # type: ignore[method-assign]
    with qtbot.waitSignal(page.saved, timeout=20_000) as saved:
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert saved.args == [str(target)]
    assert asked == [(fmt, asked[0][1])]
    assert asked[0][1].name == f"brag-document-2026-11-26.{fmt}"
    assert target.read_bytes().startswith(start)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in target.parent.iterdir()] == [target.name]
    assert page.save_button.isEnabled()
    assert str(target) in page.status.text()


def test_a_failed_save_says_why(qtbot: QtBot, page: ExportPage, tmp_path: Path) -> None:
    page.choose_path = lambda fmt, p: tmp_path / "missing" / "x.pdf"  # type: ignore[method-assign]
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot, page)
    assert "does not exist" in page.status.text()
    assert page.save_button.isEnabled()


def test_saving_over_the_store_is_refused(qtbot: QtBot, page: ExportPage, store: Store) -> None:
    before = EntryService(store).list()
    page.choose_path = lambda fmt, p: store.paths.database  # type: ignore[method-assign]
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot, page)
    assert "cannot be written" in page.status.text()
    assert "Track Record's own database" in page.status.text()
    assert EntryService(store).list() == before  # the store is still the store


def test_cancelling_the_dialog_writes_nothing(qtbot: QtBot, page: ExportPage) -> None:
    page.choose_path = lambda fmt, p: None  # type: ignore[method-assign]
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert not page.busy
    assert page.save_button.isEnabled()


def test_no_kind_chosen_means_an_empty_preview_and_no_save(
    qtbot: QtBot, page: ExportPage
) -> None:
    for box in page.kinds.values():
        box.setChecked(False)
    settle(qtbot, page)
    assert "No entries match" in preview(page)
    page.choose_path = lambda fmt, p: pytest.fail("no dialog without a kind")  # type: ignore[method-assign]
    page.save_as()
    assert "at least one kind" in page.status.text()


def test_the_options_are_remembered(qtbot: QtBot, store: Store, make_page: MakePage) -> None:
    EntryService(store).create("shipped", "Only entry", start_date="2025-01-01")
    first = make_page()
    first.format.setCurrentIndex(first.format.findData("html"))
    first.details.setChecked(True)
    first.initials.setChecked(False)
    first.name.setText("Sam Okafor")
    first.tags.setText("go, kafka")
    settle(qtbot, first)
    saved = load_prefs(store)
    assert saved is not None and saved.name == "Sam Okafor" and saved.tags == ("go", "kafka")
    second = make_page()
    assert second.format.currentData() == "html"
    assert second.details.isChecked() and not second.initials.isChecked()
    assert second.name.text() == "Sam Okafor" and second.tags.text() == "go, kafka"
