"""``review stories|rehearsed|told``: rehearsing STAR stories from the shell.

``review stories`` lists the stories in the order to rehearse them (never rehearsed, or not
for weeks, first), with how often each was rehearsed and where it was already told;
``review rehearsed ENTRY --went smooth`` marks a rehearsal done away from the app (a walk, a
mock with a friend); ``review told ENTRY --interview ID`` says a story was told in an
interview. The timer itself lives in the app: a terminal adds nothing to a clock.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
from typing import Any

from trackrecord.commands.base import (
    EXIT_OK,
    CommandContext,
    UserError,
    date_arg,
    for_terminal,
    print_json,
)
from trackrecord.core.errors import TrackRecordError
from trackrecord.core.record.entries import EntryService
from trackrecord.core.review.deck import build_deck
from trackrecord.core.review.interviews import UpcomingInterviewService
from trackrecord.core.review.outcomes import OUTCOME_REGISTRY
from trackrecord.core.review.rehearsals import RehearsalService, StoryPractice, rehearsal_order


def register(actions: argparse._SubParsersAction[Any]) -> None:
    stories = actions.add_parser(
        "stories", help="your STAR stories in the order to rehearse them",
        description="Stories never rehearsed, or not for two weeks, first; with how often "
        "each was rehearsed and where it was already told. With --interview, the stories "
        "of that interview's deck (and a warning where one was told to the same company).")
    stories.add_argument("--interview", metavar="ID", help="a saved interview (its first "
                         "letters are enough)")
    stories.add_argument("--json", action="store_true")
    stories.set_defaults(handler=_stories)

    went = ", ".join(f"{o.key} ({o.hint.lower()})" for o in OUTCOME_REGISTRY)
    rehearsed = actions.add_parser("rehearsed", help="mark a story as rehearsed aloud")
    rehearsed.add_argument("entry", help="the entry whose story you told (id or first letters)")
    rehearsed.add_argument("--went", required=True, metavar="HOW", help=f"how it went: {went}")
    rehearsed.add_argument("--time", metavar="M:SS", help="how long the telling took")
    rehearsed.add_argument("--date", type=date_arg, metavar="YYYY-MM-DD", help="default: today")
    rehearsed.add_argument("--interview", metavar="ID",
                           help="the interview you rehearsed it for")
    rehearsed.add_argument("--note", default="", metavar="TEXT")
    rehearsed.set_defaults(handler=_rehearsed)

    told = actions.add_parser("told", help="say a story was told in an interview")
    told.add_argument("entry", help="the entry (id or first letters)")
    told.add_argument("--interview", required=True, metavar="ID")
    told.add_argument("--undo", action="store_true", help="it was not told there after all")
    told.set_defaults(handler=_told)


def _seconds(value: str | None) -> int | None:
    if value is None:
        return None
    match = re.fullmatch(r"\s*(\d{1,3}):([0-5]\d)\s*", value)
    if match is None:
        raise UserError(f"--time {value!r}: write minutes and seconds, e.g. 1:55")
    return int(match.group(1)) * 60 + int(match.group(2))


def _interview_id(ctx: CommandContext, given: str | None) -> str | None:
    if given is None:
        return None
    return UpcomingInterviewService(ctx.store).resolve_id(given)


def _rehearsed(args: argparse.Namespace, ctx: CommandContext) -> int:
    seconds = _seconds(args.time)
    if args.date is not None and args.date > dt.date.today():
        raise UserError(f"the date {args.date.isoformat()} is in the future; nothing was saved")
    try:
        entries = EntryService(ctx.store)
        entry = entries.get(entries.resolve_id(args.entry))
        done = RehearsalService(ctx.store).record(
            entry.id, args.went, date=args.date, seconds=seconds, note=args.note,
            interview_id=_interview_id(ctx, args.interview))
    except TrackRecordError as exc:
        raise UserError(str(exc)) from exc
    took = f" in {args.time.strip()}" if args.time else ""
    print(for_terminal(f"rehearsed \u201c{entry.title}\u201d on {done.date.isoformat()}: "
                       f"{done.went_label.lower()}{took}"))
    return EXIT_OK


def _told(args: argparse.Namespace, ctx: CommandContext) -> int:
    try:
        entries, interviews = EntryService(ctx.store), UpcomingInterviewService(ctx.store)
        entry = entries.get(entries.resolve_id(args.entry))
        interview = interviews.get(interviews.resolve_id(args.interview))
        changed = RehearsalService(ctx.store).set_told(interview.id, entry.id, not args.undo)
    except TrackRecordError as exc:
        raise UserError(str(exc)) from exc
    where = interview.company or interview.title
    if args.undo:
        said = "no longer marked as told at" if changed else "was not marked as told at"
    else:
        said = "told at" if changed else "was already marked as told at"
    print(for_terminal(f"\u201c{entry.title}\u201d {said} {where}"))
    return EXIT_OK


def _stories(args: argparse.Namespace, ctx: CommandContext) -> int:
    today = dt.date.today()
    service = RehearsalService(ctx.store)
    rows: list[tuple[str, str, int | None, StoryPractice | None]] = []
    try:
        if args.interview:
            interviews = UpcomingInterviewService(ctx.store)
            interview = interviews.get(interviews.resolve_id(args.interview))
            for card in build_deck(ctx.store, interview, today).story_cards:
                st = card.story
                rows.append((st.entry_id or "", st.title or st.question, st.year, card.practice))
        else:
            found = service.stories()
            practice = service.practice([eid for eid, _t, _y in found])
            ordered = rehearsal_order(found, lambda f: practice.get(f[0]), today)
            rows = [(eid, title, year, practice.get(eid)) for eid, title, year in ordered]
    except TrackRecordError as exc:
        raise UserError(str(exc)) from exc
    if args.json:
        print_json([{"entry_id": eid or None, "title": title, "year": year,
                     "practice": p.to_json() if p else None} for eid, title, year, p in rows])
        return EXIT_OK
    if not rows:
        print("No STAR stories yet: write the situation, task, action and result on an entry.")
    for eid, title, year, p in rows:
        if not eid:
            print(for_terminal(f"  (no story yet)  {title}"))
            continue
        print(for_terminal(f"{eid[:8]}  {title} ({year})"))
        if p is not None:
            print(f"          {p.summary(today)}")
            if p.told:
                same = "  \u2190 the same company: tell another" if p.told_same_company else ""
                told = ", ".join(t.text for t in p.told)
                print(for_terminal(f"          told at {told}{same}"))
    return EXIT_OK
