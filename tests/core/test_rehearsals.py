"""Rehearsing STAR stories before an interview: the timer (with a fake clock), marks of how
it went, the deck's order (never rehearsed, or not for weeks, first), which stories were told
in which interviews, and all of it through the JSON backup."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from store_helpers import fill_store
from trackrecord.core.demo import load_demo
from trackrecord.core.errors import NotFoundError, ValidationError
from trackrecord.core.review.deck import build_deck
from trackrecord.core.review.interviews import UpcomingInterviewService
from trackrecord.core.review.rehearsals import (
    DEFAULT_SECONDS,
    RehearsalService,
    StoryPractice,
    clock_text,
    rehearsal_order,
)
from trackrecord.core.review.render import render_markdown
from trackrecord.core.review.timer import Countdown
from trackrecord.core.store.db import Store, open_store
from trackrecord.core.transfer.import_base import ImportFileError
from trackrecord.core.transfer.imports import commit_import, parse_import
from trackrecord.core.transfer.json_export import dump_backup
from trackrecord.paths import DataPaths

TODAY = dt.date(2026, 11, 26)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


# -- the timer -------------------------------------------------------------------------------------


def test_the_countdown_runs_pauses_and_runs_on_into_overtime() -> None:
    clock = FakeClock()
    timer = Countdown(clock=clock)
    assert timer.length == DEFAULT_SECONDS == 120
    assert timer.remaining() == 120 and not timer.started and not timer.over
    timer.start()
    clock.now += 45
    assert timer.remaining() == 75 and clock_text(timer.remaining()) == "1:15"
    timer.pause()
    clock.now += 300  # paused: none of this counts
    assert timer.elapsed() == 45
    timer.toggle()
    clock.now += 80
    assert timer.over and clock_text(timer.remaining()) == "+0:05"
    timer.length = 180  # more time, given while it runs: what has run still counts
    assert timer.remaining() == 55 and not timer.over
    timer.reset()
    assert timer.elapsed() == 0 and not timer.running


def test_the_length_is_kept_within_sensible_bounds() -> None:
    assert Countdown(5).length == 15
    assert Countdown(10_000).length == 900


# -- rehearsals and the deck's order -----------------------------------------------------------


@pytest.fixture
def demo(store: Store) -> Store:
    load_demo(store)
    return store


def _interview(store: Store, company: str = "Northwind", date: str = "2026-12-01") -> str:
    return UpcomingInterviewService(store).create(
        ["behavioral"], company=company, role="Staff Engineer", date=date).id


def test_a_rehearsal_is_marked_with_the_day_and_how_it_went(demo: Store) -> None:
    deck = build_deck(demo, UpcomingInterviewService(demo).get(_interview(demo)), TODAY)
    story = deck.story_cards[0].story
    assert story.entry_id is not None
    service = RehearsalService(demo)
    done = service.record(story.entry_id, "Smooth", date="2026-11-20", seconds=118.4,
                          note=" kept it under two minutes ", interview_id=deck.interview.id)
    assert (done.went, done.seconds, done.note, done.date) == (
        "smooth", 118, "kept it under two minutes", dt.date(2026, 11, 20))
    assert service.history(story.entry_id) == [done]
    practice = service.practice([story.entry_id])[story.entry_id]
    assert practice.rehearsals == 1 and practice.last_went == "smooth"
    assert practice.summary(TODAY) == "Rehearsed once, last 6 days ago (smooth, 1:58)"


@pytest.mark.parametrize(("values", "message"), [
    ({"went": "great"}, "unknown rehearsal outcome"),
    ({"went": "okay", "seconds": -3}, "from 0 seconds"),
    ({"went": "okay", "date": "26/11/2026"}, "YYYY-MM-DD"),
])
def test_a_bad_rehearsal_says_why_and_writes_nothing(demo: Store, values: dict[str, object],
                                                     message: str) -> None:
    service = RehearsalService(demo)
    entry_id = _any_entry(demo)
    with pytest.raises(ValidationError, match=message):
        service.record(entry_id, **values)  # type: ignore[arg-type]
    assert service.history() == []
    with pytest.raises(NotFoundError):
        service.record("not-an-entry", "okay")


def _any_entry(store: Store) -> str:
    from trackrecord.core.record.entries import EntryService
    return EntryService(store).list()[0].id


def test_stories_never_rehearsed_or_not_for_weeks_come_first() -> None:
    def practice(days_ago: int | None) -> StoryPractice:
        last = None if days_ago is None else TODAY - dt.timedelta(days=days_ago)
        return StoryPractice("e", rehearsals=0 if last is None else 1, last_date=last)

    stories = {
        "yesterday": practice(1), "never A": practice(None), "no story": None,
        "three weeks ago": practice(21), "a week ago": practice(7), "never B": practice(None),
        "two months ago": practice(60),
    }
    assert rehearsal_order(list(stories), stories.get, TODAY) == [
        "never A", "never B", "two months ago", "three weeks ago", "a week ago", "yesterday",
        "no story",
    ]


def test_the_deck_puts_the_story_rehearsed_today_last(demo: Store) -> None:
    interview = UpcomingInterviewService(demo).get(_interview(demo))
    before = [c.story.entry_id for c in build_deck(demo, interview, TODAY).story_cards]
    ready = [e for e in before if e]
    assert len(ready) >= 2
    RehearsalService(demo).record(ready[0], "okay", date=TODAY)
    after = build_deck(demo, interview, TODAY).story_cards
    ordered = [c.story.entry_id for c in after if c.story.ready]
    assert ordered[-1] == ready[0] and ordered[:-1] == ready[1:]
    assert [c.number for c in after] == list(range(1, len(after) + 1))
    assert after[len(ordered) - 1].practice is not None
    assert after[len(ordered) - 1].practice.rehearsals == 1  # type: ignore[union-attr]


def test_the_deck_says_where_a_story_was_told_and_warns_of_the_same_company(
        demo: Store) -> None:
    service, interviews = RehearsalService(demo), UpcomingInterviewService(demo)
    earlier = _interview(demo, "Northwind", "2026-10-01")
    other = _interview(demo, "Globex", "2026-09-01")
    now = interviews.get(_interview(demo, " northwind ", "2026-12-01"))
    story = build_deck(demo, now, TODAY).story_cards[0].story
    assert story.entry_id is not None
    before = interviews.get(earlier).updated_at
    assert service.set_told(earlier, story.entry_id) is True
    assert service.set_told(earlier, story.entry_id) is False  # already marked
    assert interviews.get(earlier).updated_at != before  # a merge will see the change
    service.set_told(other, story.entry_id)
    service.set_told(now.id, story.entry_id)
    card = next(c for c in build_deck(demo, now, TODAY).story_cards
                if c.story.entry_id == story.entry_id)
    assert card.practice is not None and card.practice.told_here
    assert [(t.company, t.same_company) for t in card.practice.told] == [
        ("Northwind", True), ("Globex", False)]  # newest first
    assert "Told at: Northwind (1 Oct 2026), Globex (1 Sep 2026) (the same company" in \
        render_markdown(build_deck(demo, now, TODAY))
    service.set_told(earlier, story.entry_id, False)
    assert story.entry_id not in service.told_in(earlier)


def test_the_timer_length_is_remembered_with_the_data(demo: Store) -> None:
    service = RehearsalService(demo)
    assert service.length() == 120
    assert service.set_length(150) == 150 and service.length() == 150
    assert service.set_length(1) == 15


# -- through the JSON backup --------------------------------------------------------------------


def test_rehearsals_and_stories_told_go_through_the_backup_and_back(store: Store,
                                                                    tmp_path: Path) -> None:
    fill_store(store)
    interview = UpcomingInterviewService(store).list()[0]
    entries = [c.story.entry_id for c in build_deck(store, interview, TODAY).story_cards
               if c.story.entry_id]
    service = RehearsalService(store)
    service.record(entries[0], "rough", date="2026-11-01", seconds=170,
                   interview_id=interview.id)
    service.record(entries[0], "smooth", date="2026-11-08")
    service.set_told(interview.id, entries[0])
    first = dump_backup(store)
    doc = json.loads(first)
    assert len(doc["rehearsals"]) == 2
    assert doc["upcoming_interviews"][0]["told"] == [entries[0]]
    with open_store(DataPaths(tmp_path / "other")) as other:
        commit_import(other, parse_import(first, "backup.json"))
        assert dump_backup(other) == first
        assert RehearsalService(other).told_in(interview.id) == {entries[0]}
        again = commit_import(other, parse_import(first, "backup.json"))
        assert again.counts["added"] == again.counts["updated"] == 0


def test_a_rehearsal_of_an_entry_not_in_the_file_refuses_the_file(store: Store) -> None:
    fill_store(store)
    interview = UpcomingInterviewService(store).list()[0]
    entry = _any_entry(store)
    RehearsalService(store).record(entry, "okay", date="2026-11-01")
    RehearsalService(store).set_told(interview.id, entry)
    doc = json.loads(dump_backup(store))
    doc["entries"] = [e for e in doc["entries"] if e["id"] != entry]
    with pytest.raises(ImportFileError, match=r"rehearsals\[0\].entry_id"):
        parse_import(json.dumps(doc).encode(), "bad.json")
    doc["rehearsals"] = []
    with pytest.raises(ImportFileError, match=r"upcoming_interviews\[0\].told"):
        parse_import(json.dumps(doc).encode(), "bad.json")
