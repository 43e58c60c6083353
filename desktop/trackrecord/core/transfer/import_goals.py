"""Goals from a brag document, planned and written inside the import's own transaction.

A goal already here (the same title, any case, and the same period) is skipped, so importing
the same document twice adds nothing. A goal is linked to the entries its sub-items name in
the same file: to the entry the import adds, or to the one already here that the file's entry
repeats. Links are only ever added, and only for a goal or an entry that is new: a second
import of the same file writes nothing. The goals are written with ``goals.writes``, the goals
service's own code, in the session of the import.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from trackrecord.core.goals.data import describe_period
from trackrecord.core.goals.writes import link_pks, new_goal
from trackrecord.core.store.models import Goal
from trackrecord.core.transfer.import_base import ADD, SKIP, GoalDraft, PreviewRow, short_title

GoalKey = tuple[str, str, str]
_HERE, _TWICE = "already here", "repeated in the file"


def goal_key(title: str, start: object, end: object) -> GoalKey:
    return " ".join(title.split()).casefold(), str(start), str(end)


def goals_here(s: Session) -> dict[GoalKey, int]:
    return {goal_key(title, start, end): pk for pk, title, start, end in s.execute(
        select(Goal.pk, Goal.title, Goal.start_date, Goal.end_date))}


def _entries_linked(draft: GoalDraft, rows: Mapping[str, PreviewRow],
                    here: Mapping[str, int], *, new_goal: bool) -> list[str]:
    """The places of the file's entries that will be linked to the goal."""
    out = []
    for where in draft.serves:
        row = rows.get(where)
        if row is not None and (row.action == ADD or (new_goal and where in here)):
            out.append(where)
    return out


def _count(n: int) -> str:
    return f"{n} {'entry' if n == 1 else 'entries'}"


def plan_goal(draft: GoalDraft, existing: Mapping[GoalKey, int], rows: Mapping[str, PreviewRow],
              here: Mapping[str, int], seen: dict[Any, str]) -> PreviewRow:
    """What happens to one goal of the file; ``rows`` are the file's entries, planned."""
    detail = describe_period(draft.start_date, draft.end_date)
    key = goal_key(draft.title, draft.start_date, draft.end_date)
    if key in existing:
        reason = "already in your goals (the same title and period)"
        linked = _entries_linked(draft, rows, here, new_goal=False)
        if linked:
            reason += f"; the {_count(len(linked))} it names, new here, will be linked to it"
        return PreviewRow(SKIP, "goal", draft.title, detail, reason, draft.where, _HERE)
    if ("goal", key) in seen:
        return PreviewRow(SKIP, "goal", draft.title, detail,
                          f"repeats {seen[('goal', key)]} of this file", draft.where, _TWICE)
    if not draft.chosen:
        return PreviewRow(SKIP, "goal", draft.title, detail, draft.guess, draft.where,
                          draft.tally, chosen=False)
    seen[("goal", key)] = draft.where
    linked = _entries_linked(draft, rows, here, new_goal=True)
    if linked:
        detail += f" \u00b7 linked to {_count(len(linked))} of this file"
    reason = draft.guess or (f"notes: {short_title(draft.notes, 60)}" if draft.notes else "")
    return PreviewRow(ADD, "goal", draft.title, detail, reason, draft.where, draft.tally,
                      chosen=True)


def apply_goals(s: Session, planned: list[tuple[PreviewRow, GoalDraft]],
                rows: Mapping[str, PreviewRow], added: Mapping[str, int],
                here: Mapping[str, int]) -> None:
    """Write the goals planned ADD, and the links; ``added`` maps the place of each entry
    this import added to its pk, ``here`` the place of each entry it skipped as a repeat of
    one already here to that one's pk."""
    existing = goals_here(s)
    for row, draft in planned:
        key = goal_key(draft.title, draft.start_date, draft.end_date)
        if row.action == ADD:
            goal = new_goal(s, draft.title, draft.start_date, draft.end_date, draft.notes)
            existing[key] = goal.pk
            places = _entries_linked(draft, rows, here, new_goal=True)
        elif row.tally == _HERE and key in existing:
            found = s.get(Goal, existing[key])
            if found is None:
                continue
            goal = found
            places = _entries_linked(draft, rows, here, new_goal=False)
        else:
            continue
        link_pks(s, goal, [added[w] if w in added else here[w] for w in places
                           if w in added or w in here])
