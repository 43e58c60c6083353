"""Rehearsing the deck's stories: the rehearsal dialog opened from a story card (or R), what
it marks recorded, and which stories and entries were told in this deck's interview.

The deck keeps its order while you look at it: a story just rehearsed is redrawn where it is,
with its new count; it moves back in the deck the next time the deck is dealt.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal

from trackrecord.core.errors import TrackRecordError
from trackrecord.core.review.deck import StageCard, StoryCard
from trackrecord.core.review.outcomes import OUTCOME_LABELS
from trackrecord.core.review.rehearsals import RehearsalService
from trackrecord.core.store.db import Store
from trackrecord.ui.review.rehearsal import RehearsalDialog
from trackrecord.ui.review.view import ReviewView
from trackrecord.ui.support.autosave import sentence


class StoryRehearsals(QObject):
    message = Signal(str)

    def __init__(self, store: Store, view: ReviewView, *,
                 today: Callable[[], dt.date] = dt.date.today,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._view, self._today = view, today
        self._rehearsals = RehearsalService(store)
        self.clock = time.monotonic  # the rehearsal timer's (tests give it a fake one)
        self.rehearsal: RehearsalDialog | None = None  # the one open, if any

    def rehearse_card(self) -> RehearsalDialog | None:
        """R on the deck: rehearse the story on the card shown, if it has one."""
        card = self._view.deck_view.card
        return self.rehearse(card) if isinstance(card, StoryCard) else None

    def rehearse(self, card: StoryCard) -> RehearsalDialog | None:
        story = card.story
        entry_id = story.entry_id
        if entry_id is None:
            return None
        try:
            length = self._rehearsals.length()
        except TrackRecordError as exc:
            self.message.emit(sentence(str(exc)))
            return None
        dialog = RehearsalDialog(story, length, self._view.deck_view, clock=self.clock)
        dialog.rehearsed.connect(
            lambda went, seconds, note: self._rehearsed(entry_id, story.title, went, seconds,
                                                        note))
        dialog.length_changed.connect(self._length)
        dialog.finished.connect(lambda _r: self._closed(dialog))
        self.rehearsal = dialog
        dialog.open()
        return dialog

    def _closed(self, dialog: RehearsalDialog) -> None:
        if self.rehearsal is dialog:
            self.rehearsal = None
        dialog.deleteLater()
        self._view.deck_view.setFocus()

    def _length(self, seconds: int) -> None:
        try:
            self._rehearsals.set_length(seconds)
        except TrackRecordError as exc:
            self.message.emit(sentence(str(exc)))

    def _rehearsed(self, entry_id: str, title: str, went: str, seconds: int | None,
                   note: str) -> None:
        deck = self._view.deck_view.deck
        try:
            self._rehearsals.record(entry_id, went, date=self._today(), seconds=seconds,
                                    note=note, interview_id=deck.interview.id if deck and
                                    deck.interview.id else None)
        except TrackRecordError as exc:
            self.message.emit(sentence(str(exc)))
            return
        self.message.emit(self.tr("Rehearsed “{0}”: {1}.").format(
            title, QCoreApplication.translate("Rehearsal", OUTCOME_LABELS[went]).lower()))
        self._practice_of(entry_id, redraw=True)

    def set_told(self, entry_id: str, told: bool) -> None:
        deck = self._view.deck_view.deck
        if deck is None or not deck.interview.id:
            return
        try:
            self._rehearsals.set_told(deck.interview.id, entry_id, told)
        except TrackRecordError as exc:
            self.message.emit(sentence(str(exc)))
            return
        self._practice_of(entry_id, redraw=False)  # the box already shows it

    def _practice_of(self, entry_id: str, *, redraw: bool) -> None:
        """The deck with this entry's rehearsals and tellings as they are now, the cards in
        the order they were dealt (the story does not jump away while you look at it)."""
        deck_view = self._view.deck_view
        deck = deck_view.deck
        if deck is None:
            return
        try:
            practice = self._rehearsals.practice(
                [entry_id], interview_id=deck.interview.id, company=deck.interview.company
            ).get(entry_id)
        except TrackRecordError as exc:
            self.message.emit(sentence(str(exc)))
            return
        if practice is None:
            return
        cards = []
        for card in deck.cards:
            if isinstance(card, StoryCard) and card.story.entry_id == entry_id:
                card = dataclasses.replace(card, practice=practice)
            elif isinstance(card, StageCard):
                card = dataclasses.replace(card, evidence=tuple(
                    dataclasses.replace(item, told=practice.told, told_here=practice.told_here)
                    if item.entry_id == entry_id else item for item in card.evidence))
            cards.append(card)
        updated = dataclasses.replace(deck, cards=tuple(cards))
        if redraw:
            deck_view.refresh_card(updated)
        else:
            deck_view.replace_deck(updated)
