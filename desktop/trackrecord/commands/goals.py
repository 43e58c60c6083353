"""``goal add/list`` and ``cycle add/list``: goals with the entries that served them, and
review cycles (which ``export --cycle NAME`` scopes a brag document to)."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from trackrecord.commands.base import EXIT_OK, CommandContext, UserError, date_arg, print_json
from trackrecord.core.errors import TrackRecordError
from trackrecord.core.goals.data import GOAL_PERIODS, period_range


def register(sub: argparse._SubParsersAction[Any]) -> None:
    goal = sub.add_parser("goal", help="goals for a period, and the entries that served them",
                          description="Goals for a period (this year, H1, a custom range). "
                          "The brag document lists them first, each with its entries.")
    goals = goal.add_subparsers(dest="goal_command", metavar="ACTION", required=True)
    add = goals.add_parser("add", help="add a goal")
    add.add_argument("title")
    add.add_argument("--period", choices=[p for p in GOAL_PERIODS if p != "custom"],
                     help="this-year (the default without dates), h1, h2 or next-year")
    add.add_argument("--since", type=date_arg, metavar="YYYY-MM-DD", help="a custom range's start")
    add.add_argument("--until", type=date_arg, metavar="YYYY-MM-DD", help="a custom range's end")
    add.add_argument("--notes", default="", metavar="TEXT")
    add.add_argument("--entry", action="append", metavar="ID",
                     help="an entry that served it (its id or first letters); repeat for several")
    add.set_defaults(handler=_goal_add)
    listing = goals.add_parser("list", help="list the goals with the entries that served them")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=_goal_list)
    link = goals.add_parser("link", help="say an entry served a goal")
    link.add_argument("goal", metavar="GOAL", help="the goal's id (or first letters) or title")
    link.add_argument("entry", nargs="+", metavar="ENTRY")
    link.add_argument("--remove", action="store_true", help="remove the link instead")
    link.set_defaults(handler=_goal_link)

    cycle = sub.add_parser("cycle", help="review cycles (export --cycle NAME uses them)",
                           description="Review cycles: a name such as '2026 mid-year' and its "
                           "dates. 'export --cycle NAME' scopes the brag document to one, "
                           "'export --since-last-review' to the time since the last.")
    cycles = cycle.add_subparsers(dest="cycle_command", metavar="ACTION", required=True)
    add = cycles.add_parser("add", help="add a review cycle")
    add.add_argument("name")
    add.add_argument("--since", type=date_arg, required=True, metavar="YYYY-MM-DD")
    add.add_argument("--until", type=date_arg, required=True, metavar="YYYY-MM-DD")
    add.set_defaults(handler=_cycle_add)
    listing = cycles.add_parser("list", help="list the review cycles, the latest first")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=_cycle_list)


def _goal_add(args: argparse.Namespace, ctx: CommandContext) -> int:
    from trackrecord.core.goals.service import GoalService
    from trackrecord.core.record.entries import EntryService

    if args.period and (args.since or args.until):
        raise UserError("give either --period or --since/--until, not both")
    if bool(args.since) != bool(args.until):
        raise UserError("a custom range needs both --since and --until")
    try:
        start, end = ((args.since, args.until) if args.since
                      else period_range(args.period or "this-year", dt.date.today()))
        entries = EntryService(ctx.store)
        entry_ids = [entries.resolve_id(e) for e in args.entry or ()]
        service = GoalService(ctx.store)
        goal = service.add(args.title, start, end, args.notes)
        for entry_id in entry_ids:
            service.link(entry_id, goal.id)
    except TrackRecordError as exc:
        raise UserError(str(exc)) from exc
    print(f"added goal {goal.id[:8]} \u00b7 {goal.title} ({goal.period})"
          + (f", {len(entry_ids)} entries linked" if entry_ids else ""))
    return EXIT_OK


def _find_goal(ctx: CommandContext, wanted: str) -> str:
    from trackrecord.core.goals.service import GoalService

    text = " ".join(wanted.split()).casefold()
    goals = GoalService(ctx.store).list()
    found = [g for g in goals if g.title.casefold() == text] or [
        g for g in goals if len(text) >= 4 and g.id.startswith(text)]
    if len(found) != 1:
        raise UserError(f"no goal {wanted!r}" if not found else
                        f"more than one goal matches {wanted!r}; give more of its id")
    return found[0].id


def _goal_link(args: argparse.Namespace, ctx: CommandContext) -> int:
    from trackrecord.core.goals.service import GoalService
    from trackrecord.core.record.entries import EntryService

    goal_id = _find_goal(ctx, args.goal)
    try:
        entry_ids = [EntryService(ctx.store).resolve_id(e) for e in args.entry]
        for entry_id in entry_ids:
            GoalService(ctx.store).link(entry_id, goal_id, served=not args.remove)
    except TrackRecordError as exc:
        raise UserError(str(exc)) from exc
    print(f"{'unlinked' if args.remove else 'linked'} {len(entry_ids)} entries")
    return EXIT_OK


def _goal_list(args: argparse.Namespace, ctx: CommandContext) -> int:
    from trackrecord.core.goals.service import GoalService
    from trackrecord.core.record.entries import EntryService

    goals = GoalService(ctx.store).list()
    titles = {e.id: e.title for e in EntryService(ctx.store).list()} if goals else {}
    if args.json:
        print_json([{"id": g.id, "title": g.title, "start_date": g.start_date.isoformat(),
                     "end_date": g.end_date.isoformat(), "period": g.period, "notes": g.notes,
                     "entries": list(g.entry_ids)} for g in goals])
        return EXIT_OK
    if not goals:
        print("no goals yet; add one with: trackrecord goal add TITLE --period this-year")
    for goal in goals:
        print(f"{goal.id[:8]}  {goal.title} ({goal.period})")
        for entry_id in goal.entry_ids:
            print(f"          - {titles.get(entry_id, entry_id)}")
    return EXIT_OK


def _cycle_add(args: argparse.Namespace, ctx: CommandContext) -> int:
    from trackrecord.core.goals.service import CycleService

    try:
        cycle = CycleService(ctx.store).add(args.name, args.since, args.until)
    except TrackRecordError as exc:
        raise UserError(str(exc)) from exc
    print(f"added review cycle {cycle.name!r} ({cycle.start_date} to {cycle.end_date})")
    return EXIT_OK


def _cycle_list(args: argparse.Namespace, ctx: CommandContext) -> int:
    from trackrecord.core.goals.service import CycleService

    cycles = CycleService(ctx.store).list()
    if args.json:
        print_json([{"id": c.id, "name": c.name, "start_date": c.start_date.isoformat(),
                     "end_date": c.end_date.isoformat()} for c in cycles])
        return EXIT_OK
    if not cycles:
        print("no review cycles yet; add one with: "
              "trackrecord cycle add NAME --since YYYY-MM-DD --until YYYY-MM-DD")
    for cycle in cycles:
        print(f"{cycle.name}  {cycle.start_date} to {cycle.end_date}")
    return EXIT_OK
