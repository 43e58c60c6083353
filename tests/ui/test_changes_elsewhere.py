"""Changes another program makes to the store (a terminal's `trackrecord add`) show up in the
open window, without a restart and without losing what is being typed."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from ui_helpers import line, listed_titles, type_at_end

from trackrecord.core.record.entries import EntryService
from trackrecord.core.store.db import open_store
from trackrecord.paths import DataPaths
from trackrecord.ui.shell.changes_elsewhere import ChangesElsewhere


def _from_the_terminal(data_paths: DataPaths, change) -> None:  # type: ignore[no-untyped-def]
    with open_store(data_paths) as other:  # another program's connection to the same file
        change(EntryService(other))


def _back_to_the_window(qtbot: QtBot, window) -> None:  # type: ignore[no-untyped-def]
    watcher = window.findChild(ChangesElsewhere)
    assert watcher is not None
    watcher.check()  # what coming back to the window (or its 2 s timer) does


def test_an_entry_added_in_a_terminal_appears_in_the_list(
        qtbot: QtBot, make_window, entries, data_paths: DataPaths) -> None:
    entries.create("shipped", "Ledger v2", start_date="2022-01-01")
    window = make_window()
    _from_the_terminal(data_paths, lambda service: service.create(
        "incident", "Queue backlog after failover", start_date="2024-03-01"))
    _back_to_the_window(qtbot, window)
    qtbot.waitUntil(lambda: listed_titles(window) == ["Queue backlog after failover",
                                                      "Ledger v2"])
    assert line(window, "title").text() == "Ledger v2"  # the selection stayed
    assert window.statusBar().currentMessage() == "Updated with changes made outside this window"
    assert window.page.filters.chips["incident"].text().endswith(" 1")  # the counts too


def test_the_shown_entry_changed_elsewhere_is_shown_as_it_now_is(
        qtbot: QtBot, make_window, entries, data_paths: DataPaths) -> None:
    entry = entries.create("shipped", "Ledger v2")
    window = make_window()
    _from_the_terminal(data_paths, lambda service: service.update(
        entry.id, summary="Zero reconciliation gaps since launch"))
    _back_to_the_window(qtbot, window)
    qtbot.waitUntil(
        lambda: line(window, "summary").text() == "Zero reconciliation gaps since launch")


def test_what_is_being_typed_wins_over_a_change_from_elsewhere(
        qtbot: QtBot, make_window, entries, data_paths: DataPaths) -> None:
    entry = entries.create("shipped", "Ledger v2")
    window = make_window()
    title = line(window, "title")
    type_at_end(qtbot, title, " rollout")
    assert window.autosave.has_pending()
    _from_the_terminal(data_paths, lambda service: service.update(
        entry.id, summary="Set from the terminal"))
    _back_to_the_window(qtbot, window)
    assert title.text() == "Ledger v2 rollout"  # not replaced under the cursor
    window.flush_edits()
    saved = entries.get(entry.id)
    assert saved.title == "Ledger v2 rollout"
    assert saved.summary == "Set from the terminal"  # only the typed field was written


def test_our_own_edits_are_not_news(qtbot: QtBot, make_window, entries) -> None:
    entries.create("shipped", "Ledger v2")
    window = make_window()
    type_at_end(qtbot, line(window, "title"), " rollout")
    window.flush_edits()
    _back_to_the_window(qtbot, window)
    assert window.statusBar().currentMessage() != (
        "Updated with changes made outside this window")


def test_a_rejection_logged_elsewhere_appears_in_the_rejection_log(
        qtbot: QtBot, make_window, data_paths: DataPaths) -> None:
    from trackrecord.core.rejections.service import RejectionService

    window = make_window()
    window.rail.setCurrentRow(1)  # the rejection log, built now
    model = window.rejections.list.model
    assert model.rowCount() == 0
    with open_store(data_paths) as other:
        RejectionService(other).create("Northwind", "system_design", date="2026-11-20")
    _back_to_the_window(qtbot, window)
    assert model.rowCount() == 1
    assert model.index(0, 0).data() == "Northwind"


def test_tags_read_in_the_background_never_replace_newer_ones(
        qtbot: QtBot, make_window, entries, monkeypatch) -> None:
    import threading

    from trackrecord.ui.record import controller as controller_module
    entries.create("shipped", "Ledger v2", tags=["python"])
    window = make_window()
    read, release = threading.Event(), threading.Event()
    real_find = controller_module._find

    def slow_find(*args, **kwargs):  # type: ignore[no-untyped-def]
        found = real_find(*args, **kwargs)  # the tags as they are now: python only
        read.set()
        release.wait(5)
        return found

    monkeypatch.setattr(controller_module, "_find", slow_find)
    window.controller.reload()  # lists again off the UI thread, tags and years included
    assert read.wait(5)
    entries.create("incident", "Broker outage", tags=["kafka"])
    window.controller.refresh_facets()  # newer: python and kafka
    release.set()
    qtbot.waitUntil(lambda: not window.controller._background.busy)
    combo = window.page.filters.tag
    assert "kafka" in [combo.itemData(i) for i in range(combo.count())]


def test_a_change_to_another_entry_leaves_the_editor_alone(
        qtbot: QtBot, make_window, entries, data_paths: DataPaths) -> None:
    entries.create("shipped", "Ledger v2", start_date="2024-01-01")
    other = entries.create("incident", "Broker outage", start_date="2020-01-01")
    window = make_window()
    tags = line(window, "tags")
    tags.setFocus()
    qtbot.keyClicks(tags, "zeta, alpha")  # stored sorted: the editor's copy differs in order
    window.flush_edits()
    title = line(window, "title")
    title.setFocus()
    title.setCursorPosition(3)
    shown = window.autosave.entry
    _from_the_terminal(data_paths, lambda service: service.update(other.id, summary="Fixed"))
    _back_to_the_window(qtbot, window)
    qtbot.waitUntil(lambda: not window.controller._background.busy)
    assert window.autosave.entry is shown  # not reloaded under the cursor
    assert title.cursorPosition() == 3


def test_a_filtered_tag_deleted_elsewhere_lists_everything_again(
        qtbot: QtBot, make_window, entries, data_paths: DataPaths) -> None:
    entries.create("shipped", "Ledger v2", tags=["postgres"])
    gone = entries.create("incident", "Broker outage", tags=["kafka"])
    window = make_window()
    combo = window.page.filters.tag
    combo.setCurrentIndex(combo.findData("kafka"))
    qtbot.waitUntil(lambda: listed_titles(window) == ["Broker outage"])
    _from_the_terminal(data_paths, lambda service: service.delete(gone.id))
    _back_to_the_window(qtbot, window)
    qtbot.waitUntil(lambda: listed_titles(window) == ["Ledger v2"])
    assert combo.currentData() != "kafka"


def test_the_rejection_list_keeps_its_own_selection(
        qtbot: QtBot, make_window, data_paths: DataPaths, store) -> None:
    from trackrecord.core.rejections.service import RejectionService

    service = RejectionService(store)
    first = service.create("Northwind", "coding", date="2026-11-01")
    service.create("Globex", "onsite", date="2026-11-10")
    window = make_window()
    window.rail.setCurrentRow(1)
    page = window.rejections
    page.open_rejection(first.id)
    page.show_list()
    table, model = page.overview.table, page.list.model
    table.selectRow(model.row_of(next(r.id for r in service.list() if r.company == "Globex")))
    with open_store(data_paths) as other:
        RejectionService(other).create("Initech", "recruiter", date="2026-11-20")
    _back_to_the_window(qtbot, window)
    assert model.rowCount() == 3
    assert model.index(table.currentIndex().row(), 0).data() == "Globex"
