"""Goals, the entries linked to them, and review cycles: every change goes through here.

The GUI and the CLI share it. Each call is one unit of work and hands back frozen values.
Reads are plain SQL (a brag document exported from the command line never loads
SQLAlchemy); writes go through the ORM in ``goals.writes``, imported on the first one.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from trackrecord.core.errors import NotFoundError
from trackrecord.core.goals.data import CycleData, GoalData, since_last_review

if TYPE_CHECKING:
    from trackrecord.core.store.db import Store

_GOALS = ("SELECT pk, id, title, start_date, end_date, notes FROM goals "
          "ORDER BY start_date DESC, end_date DESC, title")
_LINKS = ("SELECT eg.goal_pk, e.id FROM entry_goals AS eg JOIN entries AS e "
          "ON e.pk = eg.entry_pk ORDER BY e.start_date, e.pk")
_CYCLES = ("SELECT id, name, start_date, end_date FROM review_cycles "
           "ORDER BY end_date DESC, name")


def _day(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


class GoalService:
    def __init__(self, store: Store) -> None:
        self._store = store

    # -- reading ---------------------------------------------------------------------------

    def list(self) -> list[GoalData]:
        """Every goal with the entries linked to it, the latest period first."""
        links: dict[int, list[str]] = {}
        with self._store.query() as conn:
            conn.execute("BEGIN")  # the goals and their links from one snapshot
            try:
                rows = conn.execute(_GOALS).fetchall()
                for goal_pk, entry_id in conn.execute(_LINKS):
                    links.setdefault(goal_pk, []).append(entry_id)
            finally:
                conn.execute("COMMIT")
        return [GoalData(id_, title, _day(start), _day(end), notes, tuple(links.get(pk, ())))
                for pk, id_, title, start, end, notes in rows]

    def get(self, goal_id: str) -> GoalData:
        for goal in self.list():
            if goal.id == goal_id:
                return goal
        raise NotFoundError(f"no goal with id {goal_id!r}")

    def goals_of(self, entry_id: str) -> set[str]:
        """The ids of the goals ``entry_id`` served."""
        with self._store.query() as conn:
            rows = conn.execute(
                "SELECT g.id FROM goals AS g JOIN entry_goals AS eg ON eg.goal_pk = g.pk "
                "JOIN entries AS e ON e.pk = eg.entry_pk WHERE e.id = ?", (entry_id,))
            return {r[0] for r in rows}

    # -- writing ---------------------------------------------------------------------------

    def add(self, title: str, start_date: object, end_date: object, notes: str = "") -> GoalData:
        from trackrecord.core.goals import writes

        return writes.add_goal(self._store, title, start_date, end_date, notes)

    def update(self, goal_id: str, *, title: str | None = None, start_date: object = None,
               end_date: object = None, notes: str | None = None) -> GoalData:
        from trackrecord.core.goals import writes

        writes.update_goal(self._store, goal_id, title=title, start_date=start_date,
                           end_date=end_date, notes=notes)
        return self.get(goal_id)

    def delete(self, goal_id: str) -> None:
        """The goal goes; the entries linked to it stay (only the links go)."""
        from trackrecord.core.goals import writes

        writes.delete_goal(self._store, goal_id)

    def link(self, entry_id: str, goal_id: str, served: bool = True) -> None:
        """Say the entry served the goal (or, with ``served=False``, that it did not)."""
        from trackrecord.core.goals import writes

        writes.link(self._store, entry_id, goal_id, served)


class CycleService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def list(self) -> list[CycleData]:
        """Every review cycle, the latest first."""
        with self._store.query() as conn:
            rows = conn.execute(_CYCLES).fetchall()
        return [CycleData(id_, name, _day(start), _day(end)) for id_, name, start, end in rows]

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
        from trackrecord.core.goals import writes

        return writes.add_cycle(self._store, name, start_date, end_date)

    def delete(self, cycle_id: str) -> None:
        from trackrecord.core.goals import writes

        writes.delete_cycle(self._store, cycle_id)
