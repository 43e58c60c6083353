"""What the Review page does: pick or add an interview, open its deck, answer what the cards
ask for (tick, practise, open or write an entry), and write the one-page confidence sheet.

The view is passed in; this class owns no widgets of its own. Decks are built and sheets
written off the UI thread (``ui.support.background``), one at a time and in order.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, QObject, Signal

from trackrecord.core.errors import TrackRecordError
from trackrecord.core.rejections.practice import PracticeLog
from trackrecord.core.review.deck import Deck, EnergyCard, build_deck
from trackrecord.core.review.interviews import InterviewData, UpcomingInterviewService
from trackrecord.core.store.db import Store
from trackrecord.paths import DataPaths
from trackrecord.pdf.sheet import write_sheet
from trackrecord.ui.goals.scope import CycleScope
from trackrecord.ui.review.rehearsal_controller import StoryRehearsals
from trackrecord.ui.review.view import ReviewView
from trackrecord.ui.support.autosave import sentence
from trackrecord.ui.support.background import Background


class ReviewController(QObject):
    open_entry = Signal(str)  # show this entry on the Track record page (to read or edit it)
    new_entry_requested = Signal()  # start a new entry on the Track record page
    deck_ready = Signal()  # a deck was built and is on screen (tests, the status bar)
    sheet_saved = Signal(str)
    message = Signal(str)  # for the status bar

    def __init__(self, store: Store, paths: DataPaths, view: ReviewView,
                 parent: QObject | None = None, *,
                 today: Callable[[], dt.date] = dt.date.today) -> None:
        super().__init__(parent)
        self._store, self._paths, self._today = store, paths, today
        self._view = view
        self._interviews = UpcomingInterviewService(store)
        self._practice = PracticeLog(store)
        self.rehearsals = StoryRehearsals(store, view, today=today, parent=self)
        self.rehearsals.message.connect(self.message)
        self._current: str | None = None  # the interview in the form (None: a new one)
        self._background = Background(self)
        # Evidence from a review cycle's period, or all time (File ▸ Goals and review cycles).
        self.scope = CycleScope(store, view.setup.form)
        self.scope.add_to_form(view.setup.form.form_layout, self.tr("Evidence from"))
        self.scope.reload(today())
        self._connect()
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    def _connect(self) -> None:
        v = self._view
        s, d, cards = v.setup, v.deck_view, v.deck_view.cards
        s.new_requested.connect(self.new_interview)
        s.selected.connect(self._select)
        s.form.open_requested.connect(self.open_deck)
        s.form.delete_requested.connect(self.delete_interview)
        d.back_requested.connect(v.show_setup)
        d.sheet_requested.connect(self.save_sheet)
        d.full_screen_requested.connect(v.toggle_full_screen)
        d.leave_full_screen.connect(v.leave_full_screen)
        cards.open_entry.connect(self._open_entry)
        cards.new_entry_requested.connect(self._new_entry)
        cards.tick_changed.connect(self._tick)
        cards.practised.connect(self._practised)
        cards.add_habits.connect(self._add_habits)
        cards.rehearse.connect(self.rehearsals.rehearse)
        cards.told_changed.connect(self.rehearsals.set_told)
        d.rehearse_requested.connect(self.rehearsals.rehearse_card)
        v.practice.message.connect(self.message)
        v.practice.changed.connect(self._practice_changed)
        v.shown.connect(self._shown)

    # -- the interviews --------------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        """Re-read the saved interviews; select ``select``, else keep the current one, else
        the next coming one."""
        today = self._today()
        try:
            interviews = self._interviews.list(today=today)
        except TrackRecordError as exc:
            self.message.emit(sentence(str(exc)))
            return
        ids = {i.id for i in interviews}
        choice = select or (self._current if self._current in ids else None)
        if choice is None and interviews:
            choice = interviews[0].id
        self._view.setup.show_list(interviews, today, choice)
        self._show_in_form(next((i for i in interviews if i.id == choice), None))

    def _show_in_form(self, interview: InterviewData | None) -> None:
        self._current = interview.id if interview else None
        self._view.setup.form.show_interview(interview, self._today())
        self._view.practice.set_stages(interview.stages if interview else ())

    def _select(self, interview_id: str | None) -> None:
        try:
            chosen = self._interviews.get(interview_id) if interview_id else None
        except TrackRecordError as exc:
            self.message.emit(sentence(str(exc)))
            return
        self._show_in_form(chosen)

    def new_interview(self) -> None:
        setup = self._view.setup
        setup.list.clearSelection()
        setup.list.setCurrentRow(-1)
        self._show_in_form(None)
        self._view.show_setup()
        setup.form.company.setFocus()

    def save_form(self) -> InterviewData | None:
        """Save what the form says (a new interview, or changes to the one shown)."""
        form = self._view.setup.form
        values: dict[str, Any] = form.values()
        try:
            if self._current is None:
                saved = self._interviews.create(values.pop("stages"), **values)
            else:
                saved = self._interviews.update(self._current, **values)
        except TrackRecordError as exc:
            form.error.setText(sentence(str(exc)))
            return None
        form.error.clear()
        self.reload(select=saved.id)
        return saved

    def delete_interview(self) -> None:
        if self._current is None:
            return
        try:
            gone = self._interviews.delete(self._current)
        except TrackRecordError as exc:
            self.message.emit(sentence(str(exc)))
            return
        self._current = None
        self.reload()
        self.message.emit(self.tr("Deleted the interview: {0}").format(gone.title))

    # -- the deck ------------------------------------------------------------------------------

    def open_deck(self) -> None:
        """Save the form and build its deck (off the UI thread); shows it when ready."""
        saved = self.save_form()
        if saved is not None:
            self._build(saved.id, index=0)

    def _build(self, interview_id: str, index: int) -> None:
        store, today = self._store, self._today()

        self.scope.reload(today)
        scope = self.scope.scope()

        def work() -> Deck:
            return build_deck(store, UpcomingInterviewService(store).get(interview_id), today,
                              scope=scope)

        self._view.setup.form.open_button.setEnabled(False)
        self._run(work, lambda deck: self._show_deck(deck, index))

    def _show_deck(self, deck: Deck, index: int) -> None:
        view = self._view
        view.setup.form.open_button.setEnabled(True)
        shown = view.deck_view.deck
        if index < 0 and shown is not None and shown.interview.id == deck.interview.id:
            view.deck_view.refresh_card(deck)  # same deck, new data: stay on this card
        else:
            view.deck_view.set_deck(deck, max(0, index))
            view.show_deck_view()
        self.deck_ready.emit()

    def _run(self, work: Callable[[], object], then: Callable[[Any], None]) -> None:
        self._background.run(work, lambda result, error: self._finished(result, error, then))

    def _finished(self, result: object, error: Exception | None,
                  then: Callable[[Any], None]) -> None:
        self._view.setup.form.open_button.setEnabled(True)
        self._view.deck_view.sheet_button.setEnabled(True)
        if error is not None:
            text = sentence(str(error) or type(error).__name__)
            self.message.emit(text)
            self._view.setup.form.error.setText(text)
            return
        then(result)

    # -- what the cards ask for -----------------------------------------------------------

    def _open_entry(self, entry_id: str) -> None:
        self._view.leave_full_screen()
        self.open_entry.emit(entry_id)

    def _new_entry(self) -> None:
        self._view.leave_full_screen()
        self.new_entry_requested.emit()

    def _tick(self, item_id: str, ticked: bool) -> None:
        deck_view = self._view.deck_view
        deck = deck_view.deck
        if deck is None:
            return
        try:
            saved = self._interviews.set_tick(deck.interview.id, item_id, ticked)
        except TrackRecordError as exc:
            self.message.emit(sentence(str(exc)))
            return
        energy = EnergyCard(tuple(dataclasses.replace(t, ticked=t.id in saved.energy_ticks)
                                  for t in deck.energy.items))
        cards = tuple(energy if isinstance(c, EnergyCard) else c for c in deck.cards)
        updated = dataclasses.replace(deck, interview=saved, cards=cards)
        all_done = all(t.ticked for t in energy.items)
        if all_done != all(t.ticked for t in deck.energy.items):
            deck_view.refresh_card(updated)  # the card says so when all are ticked
        else:
            deck_view.replace_deck(updated)  # the checkbox already shows it

    def _practised(self, item_id: str) -> None:
        try:
            self._practice.log(item_id, self._today())
        except TrackRecordError as exc:
            self.message.emit(sentence(str(exc)))
            return
        self.message.emit(self.tr("Practice logged for today."))
        self._practice_changed()

    def _add_habits(self, habits: tuple[str, ...]) -> None:
        try:
            for habit in habits:
                self._practice.add_habit(habit)
        except TrackRecordError as exc:
            self.message.emit(sentence(str(exc)))
        self._practice_changed()

    def _practice_changed(self) -> None:
        self._view.practice.refresh()
        deck = self._view.deck_view.deck
        if deck is not None and self._view.stack.currentWidget() is not self._view.setup:
            self._build(deck.interview.id, index=-1)

    # -- the confidence sheet ---------------------------------------------------------------

    def save_sheet(self) -> None:
        view = self._view
        deck = view.deck_view.deck
        if deck is None:
            return
        view.leave_full_screen()
        path = view.choose_path(self._suggested_path(deck))
        if path is None:
            return
        size = "Letter" if QLocale.system().measurementSystem() == \
            QLocale.MeasurementSystem.ImperialUSSystem else "A4"
        view.deck_view.sheet_button.setEnabled(False)
        self.message.emit(self.tr("Saving the confidence sheet…"))

        def work() -> str:
            write_sheet(deck, path, size, protect=self._paths)
            return str(path)

        def done(saved: str) -> None:
            self.message.emit(self.tr("Saved {0}").format(saved))
            self.sheet_saved.emit(saved)

        self._run(work, done)

    def _suggested_path(self, deck: Deck) -> Path:
        folder = Path.home() if Path.home().is_dir() else self._paths.root
        return folder / sheet_filename(deck.interview, deck.today)

    # -- lifecycle ----------------------------------------------------------------------------

    def _shown(self) -> None:
        """Interviews, entries and practice may have changed elsewhere since last time."""
        self._view.practice.refresh()
        deck = self._view.deck_view.deck
        if self._view.showing_deck() and deck is not None:
            self._build(deck.interview.id, index=-1)

    def shutdown(self) -> None:
        """Finish work in flight and close full screen (call before closing the store)."""
        self._view.leave_full_screen()
        self._background.wait()


def sheet_filename(interview: InterviewData, today: dt.date) -> str:
    """"confidence-sheet-northwind-2026-11-27.pdf"."""
    slug = re.sub(r"[^a-z0-9]+", "-", interview.company.casefold()).strip("-")
    when = (interview.date or today).isoformat()
    return f"confidence-sheet-{slug + '-' if slug else ''}{when}.pdf"
