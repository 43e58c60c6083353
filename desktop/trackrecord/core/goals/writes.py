"""Writing goals, their links and review cycles through the ORM (``GoalService`` and
``CycleService`` call these; importing this loads SQLAlchemy)."""

from __future__ import annotations

import uuid

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from trackrecord.core.errors import NotFoundError, ValidationError
from trackrecord.core.goals.data import CycleData, GoalData, check_range, clean_name
from trackrecord.core.record.validation import parse_date
from trackrecord.core.store.db import Store
from trackrecord.core.store.models import Entry, Goal, ReviewCycle, entry_goals, utc_naive


def _load(s: Session, goal_id: str) -> Goal:
    goal = s.scalar(select(Goal).where(Goal.id == goal_id))
    if goal is None:
        raise NotFoundError(f"no goal with id {goal_id!r}")
    return goal


def add_goal(store: Store, title: str, start_date: object, end_date: object,
             notes: str) -> GoalData:
    with store.write() as s:
        goal = new_goal(s, title, start_date, end_date, notes)
        return GoalData(goal.id, goal.title, goal.start_date, goal.end_date, goal.notes)


def new_goal(s: Session, title: str, start_date: object, end_date: object,
             notes: str = "") -> Goal:
    """A goal added in the caller's unit of work (an import adds its goals in its own
    transaction, with the entries they link)."""
    start, end = parse_date(start_date, "the start date"), parse_date(end_date, "the end date")
    check_range(start, end)
    now = utc_naive()
    goal = Goal(id=str(uuid.uuid4()), title=clean_name(title, "goal"), start_date=start,
                end_date=end, notes=str(notes), created_at=now, updated_at=now)
    s.add(goal)
    s.flush()
    return goal


def link_pks(s: Session, goal: Goal, entry_pks: list[int]) -> None:
    """Say the entries served ``goal``, in the caller's unit of work (links already there
    stay as they are)."""
    have = set(s.scalars(select(entry_goals.c.entry_pk).where(entry_goals.c.goal_pk == goal.pk)))
    wanted = [pk for pk in dict.fromkeys(entry_pks) if pk not in have]
    if wanted:
        s.execute(insert(entry_goals), [{"entry_pk": pk, "goal_pk": goal.pk} for pk in wanted])
        goal.updated_at = utc_naive()


def update_goal(store: Store, goal_id: str, *, title: str | None, start_date: object,
                end_date: object, notes: str | None) -> None:
    with store.write() as s:
        goal = _load(s, goal_id)
        if title is not None:
            goal.title = clean_name(title, "goal")
        if start_date is not None:
            goal.start_date = parse_date(start_date, "the start date")
        if end_date is not None:
            goal.end_date = parse_date(end_date, "the end date")
        if notes is not None:
            goal.notes = notes
        check_range(goal.start_date, goal.end_date)
        goal.updated_at = utc_naive()


def delete_goal(store: Store, goal_id: str) -> None:
    with store.write() as s:
        s.delete(_load(s, goal_id))


def link(store: Store, entry_id: str, goal_id: str, served: bool) -> None:
    with store.write() as s:
        goal = _load(s, goal_id)
        entry_pk = s.scalar(select(Entry.pk).where(Entry.id == entry_id))
        if entry_pk is None:
            raise NotFoundError(f"no entry with id {entry_id!r}")
        s.execute(delete(entry_goals).where(entry_goals.c.entry_pk == entry_pk,
                                            entry_goals.c.goal_pk == goal.pk))
        if served:
            s.execute(insert(entry_goals).values(entry_pk=entry_pk, goal_pk=goal.pk))
        goal.updated_at = utc_naive()  # a backup's merge then carries the link over


def add_cycle(store: Store, name: str, start_date: object, end_date: object) -> CycleData:
    start, end = parse_date(start_date, "the start date"), parse_date(end_date, "the end date")
    check_range(start, end)
    now = utc_naive()
    cycle = ReviewCycle(id=str(uuid.uuid4()), name=clean_name(name, "cycle's name"),
                        start_date=start, end_date=end, created_at=now, updated_at=now)
    with store.write() as s:
        # (the name column is NOCASE: "2026 Mid-year" finds "2026 mid-year")
        if s.scalar(select(ReviewCycle.pk).where(ReviewCycle.name == cycle.name)):
            raise ValidationError(f"there is already a review cycle called {cycle.name!r}")
        s.add(cycle)
        s.flush()
        return CycleData(cycle.id, cycle.name, cycle.start_date, cycle.end_date)


def delete_cycle(store: Store, cycle_id: str) -> None:
    with store.write() as s:
        cycle = s.scalar(select(ReviewCycle).where(ReviewCycle.id == cycle_id))
        if cycle is None:
            raise NotFoundError(f"no review cycle with id {cycle_id!r}")
        s.delete(cycle)
