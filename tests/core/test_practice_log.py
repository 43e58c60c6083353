"""The practice log: habits and debrief items on one list, and the sessions logged on them."""

from __future__ import annotations

import datetime as dt

import pytest

from trackrecord.core.errors import NotFoundError, ValidationError
from trackrecord.core.rejections.practice import PracticeLog, describe_last
from trackrecord.core.rejections.service import RejectionService
from trackrecord.core.store.db import Store

TODAY = dt.date(2026, 11, 26)


@pytest.fixture
def log(store: Store) -> PracticeLog:
    return PracticeLog(store)


def test_a_habit_is_a_practice_item_with_no_rejection_behind_it(
    log: PracticeLog, store: Store,
) -> None:
    habit = log.add_habit("  Narrate while I code ")
    assert habit.text == "Narrate while I code" and habit.rejection_id is None
    # One list: the Rejections page sees the same item.
    assert [p.id for p in RejectionService(store).practice_items()] == [habit.id]
    status = log.status(today=TODAY)[0]
    assert status.is_habit and status.source == "a habit you added"
    assert (status.sessions, status.last_practised) == (0, None)
    with pytest.raises(ValidationError):
        log.add_habit("   ")


def test_sessions_are_logged_listed_and_counted(log: PracticeLog) -> None:
    habit = log.add_habit("Two clarifying questions first")
    other = log.add_habit("Say the trade-off")
    first = log.log(habit.id, "2026-11-20", "mock with a friend")
    log.log(habit.id, TODAY - dt.timedelta(days=1))
    log.log(other.id, TODAY)
    assert (first.item_text, first.note) == ("Two clarifying questions first", "mock with a friend")
    mine = log.sessions(item_id=habit.id)
    assert [s.date for s in mine] == [TODAY - dt.timedelta(days=1), dt.date(2026, 11, 20)]
    assert len(log.sessions(since=TODAY - dt.timedelta(days=1))) == 2
    by_id = {s.id: s for s in log.status(today=TODAY)}
    assert (by_id[habit.id].sessions, by_id[habit.id].last_practised) == (
        2, TODAY - dt.timedelta(days=1)
    )
    assert by_id[habit.id].last_practised_text(TODAY) == "practised yesterday"
    log.delete_session(first.id)
    assert {s.sessions for s in log.status(today=TODAY)} == {1}


def test_logging_refuses_bad_input_and_unknown_items(log: PracticeLog) -> None:
    habit = log.add_habit("Narrate")
    with pytest.raises(NotFoundError):
        log.log("no-such-item")
    with pytest.raises(ValidationError, match="YYYY-MM-DD"):
        log.log(habit.id, "last tuesday")
    with pytest.raises(ValidationError, match="at most"):
        log.log(habit.id, TODAY, "x" * 3000)
    with pytest.raises(NotFoundError):
        log.delete_session("no-such-session")
    assert log.sessions() == []


def test_removing_an_item_removes_its_sessions_and_done_items_leave_the_list(
    log: PracticeLog,
) -> None:
    gone = log.add_habit("Gone soon")
    kept = log.add_habit("Kept")
    log.log(gone.id, TODAY)
    log.log(kept.id, TODAY)
    log.remove(gone.id)
    assert [s.item_id for s in log.sessions()] == [kept.id]
    log.set_done(kept.id)
    assert log.status(today=TODAY) == []
    done = log.status(include_done=True, today=TODAY)
    assert [s.id for s in done] == [kept.id] and done[0].done and done[0].sessions == 1


def test_what_to_practise_next_comes_first(log: PracticeLog, store: Store) -> None:
    rejections = RejectionService(store)
    design = rejections.create("Hollis", "system-design", date="2026-10-01")
    coding = rejections.create("Ardent", "coding", date="2026-10-02")
    practised_long_ago = log.add_habit("Practised long ago")
    practised_lately = log.add_habit("Practised lately")
    never_coding = rejections.add_practice("From the coding debrief", coding.id)
    never_design = rejections.add_practice("From the design debrief", design.id)
    log.log(practised_long_ago.id, TODAY - dt.timedelta(days=20))
    log.log(practised_lately.id, TODAY - dt.timedelta(days=1))
    order = [s.text for s in log.status(stages=("system-design",), today=TODAY)]
    assert order == ["From the design debrief", "From the coding debrief",
                     "Practised long ago", "Practised lately"]
    statuses = {s.id: s for s in log.status(today=TODAY)}
    assert statuses[never_design.id].source == "from the Hollis system design debrief"
    assert statuses[never_coding.id].source_stage == "coding"
    # A deleted rejection leaves its items, now shown as your own.
    rejections.delete(design.id)
    assert {s.id: s for s in log.status(today=TODAY)}[never_design.id].is_habit


@pytest.mark.parametrize(("days", "said"), [
    (None, "not practised yet"), (0, "practised today"), (1, "practised yesterday"),
    (5, "last practised 5 days ago"), (21, "last practised 3 weeks ago"),
    (90, "last practised on 2026-08-28"),
])
def test_describe_last(days: int | None, said: str) -> None:
    last = None if days is None else TODAY - dt.timedelta(days=days)
    assert describe_last(last, TODAY) == said
