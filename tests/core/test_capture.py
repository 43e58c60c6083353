"""The weekly nudge on a fake clock, quick capture's guesses, and the nudge to add a number."""

from __future__ import annotations

import datetime as dt

import pytest

from trackrecord.core.capture.numbers import number_examples
from trackrecord.core.capture.quick import Win, capture_wins, guess_kind, split_kind
from trackrecord.core.capture.weekly import WeeklyNudge, WeeklyPrefs
from trackrecord.core.errors import ValidationError
from trackrecord.core.record.entries import EntryService
from trackrecord.core.record.kinds import KIND_REGISTRY
from trackrecord.core.store.db import Store

UTC = dt.UTC


class FakeClock:
    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def move(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


def _empty(store: Store) -> Store:
    service = EntryService(store)
    for entry in service.list():
        service.delete(entry.id)
    return store


def test_the_nudge_waits_for_friday_afternoon_and_fires_once_a_week(store: Store) -> None:
    clock = FakeClock(dt.datetime(2026, 12, 2, 9, 0, tzinfo=UTC))  # a Wednesday morning
    nudge = WeeklyNudge(_empty(store), clock)
    assert nudge.prefs() == WeeklyPrefs(enabled=True, day=4, hour=15)
    assert not nudge.due()
    clock.move(days=2, hours=5, minutes=59)  # Friday 14:59
    assert not nudge.due()
    clock.move(minutes=1)  # Friday 15:00
    assert nudge.due()
    nudge.mark_shown()
    assert not nudge.due()
    clock.move(days=1)  # Saturday: still this week, still not twice
    assert not nudge.due()
    clock.move(days=6)  # next Friday 15:00
    assert nudge.due()
    nudge.snooze()
    clock.move(days=2)  # the Sunday after: snoozed for the week
    assert not nudge.due()
    clock.move(days=1)  # Monday of the week after: not yet Friday
    assert not nudge.due()


def test_an_entry_logged_this_week_silences_it(store: Store) -> None:
    clock = FakeClock(dt.datetime.now(UTC))  # entries are stamped with the real time
    nudge = WeeklyNudge(_empty(store), clock)
    nudge.set_prefs(WeeklyPrefs(day=0, hour=0))  # due from Monday 00:00
    assert nudge.due()
    EntryService(store).create("other", "Wrote the on-call guide")
    assert not nudge.due()


def test_preferences_change_the_moment_and_turn_it_off(store: Store) -> None:
    clock = FakeClock(dt.datetime(2026, 12, 1, 10, 0, tzinfo=UTC))  # Tuesday 10:00
    nudge = WeeklyNudge(_empty(store), clock)
    nudge.set_prefs(WeeklyPrefs(day=1, hour=9))
    assert nudge.due()
    nudge.turn_off()
    assert not nudge.due() and nudge.prefs().enabled is False
    with pytest.raises(ValidationError):
        WeeklyPrefs(day=7)
    assert WeeklyPrefs.from_json({"day": "friday", "hour": 99, "tray": True}) == WeeklyPrefs(
        tray=False)  # a hand-edited bad value falls back to the defaults


@pytest.mark.parametrize(("text", "kind", "word"), [
    ("Fixed the login outage in 20 minutes", "incident", "outage"),
    ("Mentored Sam through his first on-call", "mentoring", "Mentored"),
    ("Shipped the payments retry queue", "shipped", "Shipped"),
    ("Dana thanked me for the migration doc", "praise", "thanked"),
    ("Tidied the backlog", "other", ""),
])
def test_a_wins_kind_is_guessed_from_its_words(text: str, kind: str, word: str) -> None:
    assert (guess_kind(text).kind, guess_kind(text).word) == (kind, word)


def test_a_kind_can_be_chosen_in_the_line() -> None:
    assert split_kind("incident: paged at 3am") == ("incident", "paged at 3am")
    assert split_kind("Praise: Dana said thanks") == ("praise", "Dana said thanks")
    assert split_kind("note: not a kind") == (None, "note: not a kind")


def test_capture_makes_entries_dated_today_and_a_bad_kind_makes_none(entries: EntryService,
                                                                     ) -> None:
    before = len(entries.list())
    day = dt.date(2026, 12, 4)
    made = capture_wins(entries, [Win("Shipped the retry queue", "shipped", "40% fewer errors"),
                                  Win("   ", "other"), Win("Thanks from Dana", "praise")], day)
    assert [(e.kind, e.start_date, e.end_date) for e in made] == [
        ("shipped", day, day), ("praise", day, day)]
    assert made[0].metrics == "40% fewer errors"
    with pytest.raises(ValidationError):
        capture_wins(entries, [Win("ok", "other"), Win("bad", "lunch")], day)
    assert len(entries.list()) == before + 2


def test_the_number_nudge_offers_examples_fit_for_the_kind() -> None:
    assert "time to mitigate" in number_examples("incident", "", "")
    assert any("mentee" in e for e in number_examples("mentoring", " ", ""))
    assert number_examples("shipped", "", "2M requests a day") == ()
    assert number_examples("shipped", "Cut costs", "") == ()
    assert number_examples("praise", "", "") == ()  # what others said needs no number
    assert all(k.number_examples for k in KIND_REGISTRY if k.key != "praise")
