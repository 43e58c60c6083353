"""The notes preview renders Markdown, shows typed HTML as text, and runs nothing."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from pytestqt.qtbot import QtBot
from ui_helpers import text

from trackrecord.core.record.notes_html import is_safe_url, render_notes


def test_script_is_shown_as_text_and_never_an_element(qtbot: QtBot, make_window, entries):
    entries.create("shipped", "Ledger")
    window = make_window()
    notes = text(window, "notes")
    notes.setFocus()
    qtbot.keyClicks(notes, "**Bold** <script>alert(1)</script>")
    preview = window.page.editor.preview
    qtbot.waitUntil(lambda: "alert(1)" in preview.toPlainText())
    assert "<script>alert(1)</script>" in preview.toPlainText()  # visible, as typed
    assert "<script" not in preview.toHtml().lower()
    assert "Bold" in preview.toPlainText() and "**" not in preview.toPlainText()


def test_javascript_links_are_removed():
    html = render_notes("[click](javascript:alert(1)) and [ok](https://example.com)")
    assert "javascript" not in html.lower()
    assert 'href="https://example.com"' in html


def test_raw_html_is_escaped_and_event_handlers_never_survive():
    html = render_notes('<img src=x onerror="alert(1)">\n\n<a href="javascript:x">y</a>')
    assert "<img" not in html and "<a " not in html
    assert "&lt;img" in html


def test_images_are_not_loaded():
    assert "<img" not in render_notes("![tracker](https://example.com/pixel.png)")


def test_links_open_only_on_click_and_only_safe_ones(qtbot: QtBot, make_window, entries,
                                                     opened_urls):
    entries.create("shipped", "Ledger", notes="[design](https://example.com/design)")
    window = make_window()
    preview = window.page.editor.preview
    assert "design" in preview.toPlainText()
    assert opened_urls == []  # rendering opened nothing
    preview.anchorClicked.emit(QUrl("javascript:alert(1)"))
    preview.anchorClicked.emit(QUrl("file:///etc/passwd"))
    assert opened_urls == []
    preview.anchorClicked.emit(QUrl("https://example.com/design"))
    assert opened_urls == [QUrl("https://example.com/design")]


def test_safe_url_schemes():
    assert is_safe_url("https://x.org") and is_safe_url("mailto:a@b.c")
    assert not is_safe_url("javascript:alert(1)") and not is_safe_url("JaVaScRiPt:x")
    assert not is_safe_url("data:text/html,hi") and not is_safe_url("no-scheme")
