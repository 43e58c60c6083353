"""The weekly banner and quick capture on a fake clock, the preferences, the goals dialog,
the entry editor's goals and number nudge, and the git preview over a real repository."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from git_repo import build
from trackrecord.core.capture.weekly import WeeklyNudge, WeeklyPrefs
from trackrecord.core.goals.service import CycleService, GoalService
from trackrecord.core.record.entries import EntryService
from trackrecord.core.store.db import Store
from trackrecord.ui.capture.git_dialog import GitScanDialog
from trackrecord.ui.capture.nudge import NudgeController
from trackrecord.ui.capture.preferences import PreferencesDialog
from trackrecord.ui.goals.dialog import GoalsDialog


class FakeClock:
    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now


class FakeTray:
    def __init__(self) -> None:
        self.said: list[str] = []

    def showMessage(self, _title: str, text: str, *_args: object) -> None:  # noqa: N802
        self.said.append(text)


def _clear(store: Store) -> EntryService:
    entries = EntryService(store)
    for entry in entries.list():
        entries.delete(entry.id)
    return entries


def test_the_banner_comes_on_friday_afternoon_once_and_saves_wins(qtbot: QtBot, make_window,
                                                                  store: Store) -> None:
    entries = _clear(store)
    window = make_window()
    clock = FakeClock(dt.datetime(2026, 12, 4, 14, 0, tzinfo=dt.UTC))  # Friday 14:00
    nudge = window.capture.nudge
    nudge.nudge = WeeklyNudge(store, clock)
    banner = window.capture.banner
    assert not nudge.check() and not banner.isVisible()
    clock.now = dt.datetime(2026, 12, 4, 15, 0, tzinfo=dt.UTC)
    assert nudge.check() and banner.isVisible()
    assert not nudge.check()  # shown: not again this week
    qtbot.mouseClick(banner.open_button, Qt.MouseButton.LeftButton)
    rows = banner.rows
    qtbot.keyClicks(rows[0].text, "Fixed the login outage")
    assert rows[0].kind.currentData() == "incident"  # guessed as typed
    qtbot.keyClicks(rows[1].text, "Shipped the retry queue")
    rows[1].kind.setCurrentIndex(rows[1].kind.findData("other"))
    rows[1].kind.activated.emit(rows[1].kind.currentIndex())  # chosen by hand ...
    qtbot.keyClicks(rows[1].text, " at last")
    assert rows[1].kind.currentData() == "other"  # ... and never guessed over
    qtbot.mouseClick(banner.save_button, Qt.MouseButton.LeftButton)
    assert not banner.isVisible()
    made = {(e.kind, e.title, e.start_date) for e in entries.list()}
    assert made == {("incident", "Fixed the login outage", dt.date(2026, 12, 4)),
                    ("other", "Shipped the retry queue at last", dt.date(2026, 12, 4))}
    assert window.page.model.rowCount() == 2
    assert "2 wins saved" in window.statusBar().currentMessage()


def test_not_this_week_and_turn_off(qtbot: QtBot, make_window, store: Store) -> None:
    _clear(store)
    window = make_window()
    clock = FakeClock(dt.datetime(2026, 12, 4, 16, 0, tzinfo=dt.UTC))
    nudge = window.capture.nudge
    nudge.nudge = WeeklyNudge(store, clock)
    banner = window.capture.banner
    assert nudge.check()
    qtbot.mouseClick(banner.snooze_button, Qt.MouseButton.LeftButton)
    assert not banner.isVisible() and nudge.nudge.this_week() == "snoozed"
    clock.now += dt.timedelta(days=7)
    assert nudge.check()
    qtbot.mouseClick(banner.off_button, Qt.MouseButton.LeftButton)
    assert not banner.isVisible() and nudge.nudge.prefs().enabled is False
    clock.now += dt.timedelta(days=7)
    assert not nudge.check()


def test_a_minimised_window_also_notifies_through_the_tray(qtbot: QtBot, make_window,
                                                           store: Store) -> None:
    _clear(store)
    window = make_window()
    clock = FakeClock(dt.datetime(2026, 12, 4, 16, 0, tzinfo=dt.UTC))
    tray = FakeTray()
    controller = NudgeController(store, window.capture.banner, window, clock=clock,
                                 tray_factory=lambda: tray)  # type: ignore[arg-type,return-value]
    controller.nudge.set_prefs(WeeklyPrefs(tray=True))
    window.showMinimized()
    qtbot.waitUntil(window.isMinimized)
    assert controller.check()
    assert tray.said == ["What did you get done this week?"]


def test_preferences_choose_the_day_and_hour(qtbot: QtBot, store: Store) -> None:
    nudge = WeeklyNudge(store)
    dialog = PreferencesDialog(nudge)
    qtbot.addWidget(dialog)
    assert (dialog.day.currentIndex(), dialog.hour.value()) == (4, 15)  # Friday afternoon
    dialog.day.setCurrentIndex(0)
    dialog.hour.setValue(9)
    dialog.tray.setChecked(True)
    dialog.save()
    assert nudge.prefs() == WeeklyPrefs(enabled=True, day=0, hour=9, tray=True)
    dialog = PreferencesDialog(nudge)
    qtbot.addWidget(dialog)
    dialog.enabled.setChecked(False)
    assert not dialog.day.isEnabled()
    dialog.save()
    assert nudge.prefs().enabled is False


def test_goals_and_cycles_dialog(qtbot: QtBot, store: Store) -> None:
    dialog = GoalsDialog(store, today=lambda: dt.date(2026, 5, 1))
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.goal_title, "Lead a cross-team project")
    dialog.goal_period.setCurrentIndex(dialog.goal_period.findData("h1"))
    qtbot.mouseClick(dialog.add_goal_button, Qt.MouseButton.LeftButton)
    goal, = GoalService(store).list()
    assert (goal.title, goal.period) == ("Lead a cross-team project", "H1 2026")
    assert dialog.goal_list.topLevelItem(0).text(1) == "H1 2026"
    qtbot.keyClicks(dialog.cycle_name, "2026 mid-year")
    qtbot.mouseClick(dialog.add_cycle_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.cycle_name, "2026 MID-YEAR")
    qtbot.mouseClick(dialog.add_cycle_button, Qt.MouseButton.LeftButton)
    assert "already" in dialog.error.text() and dialog.cycle_name.text() == "2026 MID-YEAR"
    assert [c.name for c in CycleService(store).list()] == ["2026 mid-year"]
    dialog.goal_list.setCurrentItem(dialog.goal_list.topLevelItem(0))
    qtbot.mouseClick(dialog.remove_goal_button, Qt.MouseButton.LeftButton)
    assert GoalService(store).list() == [] and dialog.goal_list.topLevelItemCount() == 0


def test_the_editor_links_goals_and_asks_for_a_number(qtbot: QtBot, make_window,
                                                      store: Store) -> None:
    entries = _clear(store)
    entry = entries.create("incident", "Login outage", start_date="2026-03-02")
    goal = GoalService(store).add("Be a calm on-call", "2026-01-01", "2026-06-30")
    GoalService(store).add("Last year's goal", "2025-01-01", "2025-12-31")
    window = make_window()
    window.controller.refresh(select_id=entry.id)
    editor = window.page.editor
    qtbot.waitUntil(lambda: editor.inputs["title"].text() == "Login outage")
    assert editor.number_nudge.isVisible()
    assert "time to mitigate" in editor.number_nudge.text()
    button = window.capture.goals_button
    assert button.text() == "No goal yet"
    button.menu_.aboutToShow.emit()
    actions = [a for a in button.menu_.actions() if a.isCheckable()]
    assert [a.text() for a in actions] == ["Be a calm on-call (H1 2026)"]  # dates that meet
    actions[0].setChecked(True)
    assert GoalService(store).goals_of(entry.id) == {goal.id}
    assert button.text() == "1 goal"
    qtbot.keyClicks(editor.inputs["metrics"], "mitigated in 12 minutes")
    assert not editor.number_nudge.isVisible()
    editor.kind.setCurrentIndex(editor.kind.findData("praise"))
    assert editor.kind_sections["praise"].isVisible()
    editor.inputs["metrics"].clear()
    editor.inputs["metrics"].textEdited.emit("")
    assert not editor.number_nudge.isVisible()  # praise needs no number


def test_git_history_is_read_off_the_ui_thread_and_previewed(qtbot: QtBot, store: Store,
                                                             tmp_path: Path) -> None:
    entries = _clear(store)
    repo = build(tmp_path / "shop")
    dialog = GitScanDialog(store, today=lambda: dt.date(2026, 3, 31))
    qtbot.addWidget(dialog)
    dialog.add_repository(repo.root)
    dialog.start_scan()
    assert not dialog.progress.isHidden() and not dialog.cancel_button.isHidden()
    qtbot.waitUntil(lambda: not dialog.busy)
    assert dialog.progress.isHidden()
    titles = [dialog.preview.topLevelItem(i).text(0)
              for i in range(dialog.preview.topLevelItemCount())]
    assert "Merged payments-retry" in titles and "Released v1.0" in titles
    assert "Read 9 commits of yours" in dialog.status.text()
    assert entries.list() == []  # nothing saved before Keep
    for i, draft in enumerate(dialog.drafts):
        item = dialog.preview.topLevelItem(i)
        item.setCheckState(0, Qt.CheckState.Checked if draft.piece == "branch"
                           else Qt.CheckState.Unchecked)
    branch = next(d for d in dialog.drafts if d.piece == "branch")
    kind = dialog.kind_boxes[branch.key]
    assert isinstance(kind, QComboBox)
    kind.setCurrentIndex(kind.findData("other"))
    assert dialog.keep_button.text() == "Keep 1 as an entry"
    with qtbot.waitSignal(dialog.kept):
        qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)
    assert [(e.kind, e.title) for e in entries.list()] == [("other", "Merged payments-retry")]
    again = GitScanDialog(store, today=lambda: dt.date(2026, 3, 31))
    qtbot.addWidget(again)
    again.add_repository(repo.root)
    again.start_scan()
    qtbot.waitUntil(lambda: not again.busy)
    assert "Merged payments-retry" not in [d.title for d in again.drafts]


def test_a_bad_folder_is_said_plainly(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    dialog = GitScanDialog(store)
    qtbot.addWidget(dialog)
    dialog.start_scan()
    assert "Add a repository" in dialog.error.text()
    (tmp_path / "plain").mkdir()
    dialog.add_repository(tmp_path / "plain")
    dialog.start_scan()
    qtbot.waitUntil(lambda: not dialog.busy)
    assert "not a git repository" in dialog.error.text()


def test_the_export_page_scopes_to_a_review_cycle(qtbot: QtBot, store: Store,
                                                  data_paths) -> None:  # type: ignore[no-untyped-def]
    from trackrecord.ui.export.page import ExportPage

    entries = _clear(store)
    inside = entries.create("shipped", "Payments v2", start_date="2026-02-01",
                            end_date="2026-03-01")
    entries.create("shipped", "Old migration", start_date="2025-02-01", end_date="2025-03-01")
    goal = GoalService(store).add("Lead payments", "2026-01-01", "2026-06-30")
    GoalService(store).link(inside.id, goal.id)
    CycleService(store).add("2026 mid-year", "2026-01-01", "2026-06-30")
    page = ExportPage(store, data_paths, today=lambda: dt.date(2026, 9, 1))
    qtbot.addWidget(page)
    page.setMinimumSize(900, 600)
    page.resize(1100, 700)
    page.show()
    qtbot.waitUntil(lambda: not page.controller.busy, timeout=10_000)
    combo = page.view.cycle
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Any period", "Since my last review", "2026 mid-year"]
    combo.setCurrentIndex(2)
    combo.activated.emit(2)
    prefs = page.view.prefs()
    assert (prefs.preset, prefs.since, prefs.until) == ("custom", dt.date(2026, 1, 1),
                                                       dt.date(2026, 6, 30))
    page.controller.refresh()
    qtbot.waitUntil(lambda: not page.controller.busy, timeout=10_000)
    text = page.view.preview.toPlainText()
    assert "Payments v2" in text and "Old migration" not in text
    assert "Goals" in text and "Lead payments" in text
    page.shutdown()


def test_the_decks_evidence_period_is_offered_only_when_there_is_a_cycle(
        qtbot: QtBot, store: Store, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    window.rail.setCurrentRow(2)
    controller = window.review.controller
    form = window.review.view.setup.form.form_layout
    label = form.labelForField(controller.scope)
    assert label.text() == "Evidence from"
    assert not label.isVisible() and not controller.scope.isVisible()  # no label on its own
    CycleService(store).add("2026 mid-year", "2026-01-01", "2026-06-30")
    controller.scope.reload(dt.date(2026, 9, 1))
    assert label.isVisible() and controller.scope.isVisible()
