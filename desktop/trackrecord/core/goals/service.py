"""Goals, the entries linked to them, and review cycles: every change goes through here.

The GUI and the CLI share it. Each call is one unit of work and hands back frozen values.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING

from sqlalchemy import delete, insert, select

from trackrecord.core.errors import NotFoundError, ValidationError
from trackrecord.core.goals.data import (
    CycleData,
    GoalData,
    check_range,
    clean_name,
    since_last_review,
)
from trackrecord.core.record.validation import parse_date
from trackrecord.core.store.models import Entry, Goal, ReviewCycle, entry_goals

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from trackrecord.core.store.db import Store


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class GoalService:
    def __init__(self, store: Store) -> None:
        self._store = store

    # -- goals -----------------------------------------------------------------------------

    def list(self) -> list[GoalData]:
        """Every goal with the entries linked to it, the latest period first."""
        with self._store.read() as s:
            goals = s.scalars(select(Goal).order_by(Goal.start_date.desc(),
                                                     Goal.end_date.desc(), Goal.title)).all()
            links = self._links(s)
            return [_goal(g, links.get(g.pk, ())) for g in goals]

    def get(self, goal_id: str) -> GoalData:
        for goal in self.list():
            if goal.id == goal_id:
                return goal
        raise NotFoundError(f"no goal with id {goal_id!r}")

    def add(self, title: str, start_date: object, end_date: object, notes: str = "") -> GoalData:
        start, end = parse_date(start_date, "the start date"), parse_date(end_date, "the end date")
        check_range(start, end)
        now = _now()
        goal = Goal(id=str(uuid.uuid4()), title=clean_name(title, "goal"), start_date=start,
                    end_date=end, notes=str(notes), created_at=now, updated_at=now)
        with self._store.write() as s:
            s.add(goal)
            s.flush()
            return _goal(goal, ())

    def update(self, goal_id: str, *, title: str | None = None, start_date: object = None,
               end_date: object = None, notes: str | None = None) -> GoalData:
        with self._store.write() as s:
            goal = self._load(s, goal_id)
            if title is not None:
                goal.title = clean_name(title, "goal")
            if start_date is not None:
                goal.start_date = parse_date(start_date, "the start date")
            if end_date is not None:
                goal.end_date = parse_date(end_date, "the end date")
            if notes is not None:
                goal.notes = notes
            check_range(goal.start_date, goal.end_date)
            goal.updated_at = _now()
            s.flush()
            return _goal(goal, self._links(s).get(goal.pk, ()))

    def delete(self, goal_id: str) -> None:
        """The goal goes; the entries linked to it stay (only the links go)."""
        with self._store.write() as s:
            s.delete(self._load(s, goal_id))

    # -- links -----------------------------------------------------------------------------

    def goals_of(self, entry_id: str) -> set[str]:
        """The ids of the goals ``entry_id`` served."""
        with self._store.read() as s:
            rows = s.execute(
                select(Goal.id).join(entry_goals, entry_goals.c.goal_pk == Goal.pk)
                .join(Entry, Entry.pk == entry_goals.c.entry_pk).where(Entry.id == entry_id))
            return {r[0] for r in rows}

    def link(self, entry_id: str, goal_id: str, served: bool = True) -> None:
        """Say the entry served the goal (or, with ``served=False``, that it did not)."""
        with self._store.write() as s:
            goal = self._load(s, goal_id)
            entry_pk = s.scalar(select(Entry.pk).where(Entry.id == entry_id))
            if entry_pk is None:
                raise NotFoundError(f"no entry with id {entry_id!r}")
            s.execute(delete(entry_goals).where(entry_goals.c.entry_pk == entry_pk,
                                                entry_goals.c.goal_pk == goal.pk))
            if served:
                s.execute(insert(entry_goals).values(entry_pk=entry_pk, goal_pk=goal.pk))
            goal.updated_at = _now()

    @staticmethod
    def _links(s: Session) -> dict[int, tuple[str, ...]]:
        out: dict[int, list[str]] = {}
        rows = s.execute(select(entry_goals.c.goal_pk, Entry.id)
                         .join(Entry, Entry.pk == entry_goals.c.entry_pk)
                         .order_by(Entry.start_date, Entry.pk))
        for goal_pk, entry_id in rows:
            out.setdefault(goal_pk, []).append(entry_id)
        return {k: tuple(v) for k, v in out.items()}

    @staticmethod
    def _load(s: Session, goal_id: str) -> Goal:
        goal = s.scalar(select(Goal).where(Goal.id == goal_id))
        if goal is None:
            raise NotFoundError(f"no goal with id {goal_id!r}")
        return goal


class CycleService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def list(self) -> list[CycleData]:
        """Every review cycle, the latest first."""
        with self._store.read() as s:
            rows = s.scalars(select(ReviewCycle).order_by(ReviewCycle.end_date.desc(),
                                                          ReviewCycle.name)).all()
            return [_cycle(c) for c in rows]

    def find(self, name: str) -> CycleData:
        """The cycle called ``name`` (any case); a sentence naming the cycles otherwise."""
        wanted = " ".join(name.split()).casefold()
        cycles = self.list()
        for cycle in cycles:
            if cycle.name.casefold() == wanted:
                return cycle
        known = ", ".join(repr(c.name) for c in cycles) or "none yet (add one with cycle add)"
        raise NotFoundError(f"no review cycle called {name!r}; the cycles are: {known}")

    def since_last_review(self, today: dt.date) -> tuple[dt.date, dt.date]:
        return since_last_review(self.list(), today)

    def add(self, name: str, start_date: object, end_date: object) -> CycleData:
        start, end = parse_date(start_date, "the start date"), parse_date(end_date, "the end date")
        check_range(start, end)
        now = _now()
        cycle = ReviewCycle(id=str(uuid.uuid4()), name=clean_name(name, "cycle's name"),
                            start_date=start, end_date=end, created_at=now, updated_at=now)
        with self._store.write() as s:
            # (the name column is NOCASE: "2026 Mid-year" finds "2026 mid-year")
            if s.scalar(select(ReviewCycle.pk).where(ReviewCycle.name == cycle.name)):
                raise ValidationError(f"there is already a review cycle called {cycle.name!r}")
            s.add(cycle)
            s.flush()
            return _cycle(cycle)

    def delete(self, cycle_id: str) -> None:
        with self._store.write() as s:
            cycle = s.scalar(select(ReviewCycle).where(ReviewCycle.id == cycle_id))
            if cycle is None:
                raise NotFoundError(f"no review cycle with id {cycle_id!r}")
            s.delete(cycle)


def _goal(goal: Goal, entry_ids: tuple[str, ...]) -> GoalData:
    return GoalData(goal.id, goal.title, goal.start_date, goal.end_date, goal.notes, entry_ids)


def _cycle(cycle: ReviewCycle) -> CycleData:
    return CycleData(cycle.id, cycle.name, cycle.start_date, cycle.end_date)
