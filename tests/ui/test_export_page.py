"""The Export page as a person uses it: change options, watch the preview, save a file."""

from __future__ import annotations

import datetime as dt
import stat
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from trackrecord.core.bragdoc.prefs import load_prefs
from trackrecord.core.demo import load_demo
from trackrecord.core.record.entries import EntryService
from trackrecord.core.store.db import Store
from trackrecord.paths import DataPaths
from trackrecord.ui.export.page import ExportPage
from trackrecord.ui.shell.theme import apply_color_scheme

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
    qtbot.waitUntil(lambda: not page.controller.busy, timeout=10_000)


def preview(page: ExportPage) -> str:
    return page.view.preview.toPlainText()


def test_the_preview_shows_the_document_and_follows_the_options(
    qtbot: QtBot, page: ExportPage
) -> None:
    text = preview(page)
    assert "Brag document" in text and "Shipment status webhooks" in text
    assert "Fernhollow Health · Patient Scheduling" in text  # where, shown by default
    assert "Tech lead" not in text  # details are off by default
    assert page.view.status.text() == "42 entries in 7 groups"

    with qtbot.waitSignal(page.controller.preview_updated, timeout=10_000):
        qtbot.mouseClick(page.view.details, Qt.MouseButton.LeftButton)
    assert "Tech lead" in preview(page)
    with qtbot.waitSignal(page.controller.preview_updated, timeout=10_000):
        qtbot.mouseClick(page.view.organisation, Qt.MouseButton.LeftButton)
    assert "Fernhollow Health" not in preview(page)

    with qtbot.waitSignal(page.controller.preview_updated, timeout=10_000):
        page.view.kinds["shipped"].setChecked(False)
    assert "Shipment status webhooks" not in preview(page)
    assert "Projects" not in preview(page)

    with qtbot.waitSignal(page.controller.preview_updated, timeout=10_000):
        qtbot.keyClicks(page.view.name, "Sam Okafor")
    assert "Sam Okafor" in preview(page)


def test_rapid_changes_end_on_the_last_choice(qtbot: QtBot, page: ExportPage) -> None:
    for group in ("year", "kind", "sections", "year"):
        page.view.group.setCurrentIndex(page.view.group.findData(group))
    settle(qtbot, page)
    lines = preview(page).splitlines()
    assert "2026" in lines and "2017" in lines and "Projects" not in lines
    assert page.view.status.text() == "42 entries in 10 groups"


def test_markdown_preview_is_the_markdown_source(qtbot: QtBot, page: ExportPage) -> None:
    with qtbot.waitSignal(page.controller.preview_updated, timeout=10_000):
        page.view.format.setCurrentIndex(page.view.format.findData("md"))
    assert preview(page).startswith("# Brag document\n")
    assert not page.view.page_size.isEnabled()


def test_a_custom_period(qtbot: QtBot, page: ExportPage) -> None:
    assert page.view.form.isRowVisible(page.view.dates) is False
    page.view.preset.setCurrentIndex(page.view.preset.findData("custom"))
    assert page.view.form.isRowVisible(page.view.dates) is True
    page.view.since.setDate(dt.date(2025, 1, 1))
    with qtbot.waitSignal(page.controller.preview_updated, timeout=10_000):
        page.view.until.setDate(dt.date(2025, 12, 31))
    text = preview(page)
    assert "1 January 2025 – 31 December 2025" in text
    assert "Shipment status webhooks" not in text
    assert "Observability consolidation on OpenTelemetry" in text


@pytest.mark.parametrize(("fmt", "start"), [("md", b"# Brag document"), ("html", b"<!DOCTYPE"),
                                            ("pdf", b"%PDF")])
def test_save_as_writes_a_private_file(
    qtbot: QtBot, page: ExportPage, tmp_path: Path, fmt: str, start: bytes
) -> None:
    page.view.format.setCurrentIndex(page.view.format.findData(fmt))
    settle(qtbot, page)
    asked: list[tuple[str, Path]] = []
    target = tmp_path / "out" / f"mine.{fmt}"
    target.parent.mkdir()

    def choose(chosen_fmt: str, suggested: Path) -> Path:
        asked.append((chosen_fmt, suggested))
        return target

    page.view.choose_path = choose  # type: ignore[method-assign]
    with qtbot.waitSignal(page.controller.saved, timeout=20_000) as saved:
        qtbot.mouseClick(page.view.save_button, Qt.MouseButton.LeftButton)
    assert saved.args == [str(target)]
    assert asked == [(fmt, asked[0][1])]
    assert asked[0][1].name == f"brag-document-2026-11-26.{fmt}"
    assert target.read_bytes().startswith(start)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in target.parent.iterdir()] == [target.name]
    assert page.view.save_button.isEnabled()
    assert str(target) in page.view.status.text()


def test_a_failed_save_says_why(qtbot: QtBot, page: ExportPage, tmp_path: Path) -> None:
    page.view.choose_path = lambda fmt, p: tmp_path / "missing" / "x.pdf"  # type: ignore[method-assign]
    qtbot.mouseClick(page.view.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot, page)
    assert "does not exist" in page.view.status.text()
    assert page.view.save_button.isEnabled()


def test_saving_over_the_store_is_refused(qtbot: QtBot, page: ExportPage, store: Store) -> None:
    before = EntryService(store).list()
    page.view.choose_path = lambda fmt, p: store.paths.database  # type: ignore[method-assign]
    qtbot.mouseClick(page.view.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot, page)
    assert "cannot be written" in page.view.status.text()
    assert "Track Record's own database" in page.view.status.text()
    assert EntryService(store).list() == before  # the store is still the store


def test_cancelling_the_dialog_writes_nothing(qtbot: QtBot, page: ExportPage) -> None:
    page.view.choose_path = lambda fmt, p: None  # type: ignore[method-assign]
    qtbot.mouseClick(page.view.save_button, Qt.MouseButton.LeftButton)
    assert not page.controller.busy
    assert page.view.save_button.isEnabled()


def test_no_kind_chosen_means_an_empty_preview_and_no_save(
    qtbot: QtBot, page: ExportPage
) -> None:
    for box in page.view.kinds.values():
        box.setChecked(False)
    settle(qtbot, page)
    assert "No entries match" in preview(page)
    page.view.choose_path = lambda fmt, p: pytest.fail("no dialog without a kind")  # type: ignore[method-assign]
    page.controller.save_as()
    assert "at least one kind" in page.view.status.text()


def test_the_options_are_remembered(qtbot: QtBot, store: Store, make_page: MakePage) -> None:
    EntryService(store).create("shipped", "Only entry", start_date="2025-01-01")
    first = make_page()
    first.view.format.setCurrentIndex(first.view.format.findData("html"))
    first.view.details.setChecked(True)
    first.view.initials.setChecked(False)
    first.view.name.setText("Sam Okafor")
    first.view.tags.setText("go, kafka")
    settle(qtbot, first)
    saved = load_prefs(store)
    assert saved is not None and saved.name == "Sam Okafor" and saved.tags == ("go", "kafka")
    second = make_page()
    assert second.view.format.currentData() == "html"
    assert second.view.details.isChecked() and not second.view.initials.isChecked()
    assert second.view.name.text() == "Sam Okafor" and second.view.tags.text() == "go, kafka"


def _luminance(colour: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF()))


def _contrast(a: QColor, b: QColor) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_preview_text_is_readable_in_light_and_dark(
    qtbot: QtBot, qapp: QApplication, store: Store, make_page: MakePage, scheme: str,
) -> None:
    """Issue 17: in dark mode the preview was dark text on a dark background. Measured on
    the pixels drawn: the text's WCAG contrast against the page behind it."""
    from trackrecord.ui.shell.app import load_stylesheet

    load_demo(store)
    palette, sheet = qapp.palette(), qapp.styleSheet()
    try:
        qapp.setStyleSheet(load_stylesheet())
        apply_color_scheme(qapp, scheme)
        page = make_page()
        viewport = page.view.preview.viewport()
        image = viewport.grab().toImage()
        colours = Counter(image.pixel(x, y) for x in range(0, image.width(), 2)
                          for y in range(0, image.height(), 2))
        background = QColor.fromRgb(colours.most_common(1)[0][0])
        ink = [_contrast(QColor.fromRgb(rgb), background)
               for rgb, n in colours.items() for _ in range(n)]
        ink = [c for c in ink if c > 1.3]  # text, rules and their antialiased edges
        assert len(ink) > 2000
        strong = sum(c >= 4.5 for c in ink) / len(ink)
        assert strong > 0.5, f"{strong:.0%} of the text's pixels reach 4.5:1"
        assert max(ink) >= 10
    finally:
        qapp.setPalette(palette)
        qapp.setStyleSheet(sheet)
