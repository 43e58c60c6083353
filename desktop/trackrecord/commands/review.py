"""``review``: the pre-interview deck as a one-page confidence sheet (PDF) or as Markdown.

``trackrecord review --stage system-design --stage behavioral --company Northwind -o sheet.pdf``
writes the sheet; with no ``-o`` (or ``-o -``) the deck is printed as Markdown. Every check
runs before anything is written. Nothing is saved unless ``--save`` is given.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from trackrecord.commands import rehearsals
from trackrecord.commands.base import (
    EXIT_OK,
    CommandContext,
    UserError,
    date_arg,
    write_stdout_bytes,
)
from trackrecord.core.errors import TrackRecordError
from trackrecord.core.rejections.stages import STAGES
from trackrecord.core.review.deck import Deck, build_deck
from trackrecord.core.review.interviews import (
    InterviewData,
    UpcomingInterviewService,
    parse_stages,
)
from trackrecord.core.review.render import render_markdown
from trackrecord.core.transfer.output_file import ExportWriteError, check_target, write_atomic

STDOUT = "-"
FORMATS = ("md", "pdf")


def register(sub: argparse._SubParsersAction[Any]) -> None:
    review = sub.add_parser(
        "review",
        help="the pre-interview review: a one-page confidence sheet (PDF) or Markdown",
        description="Build the review deck for an interview: your numbers, your strongest "
        "evidence for each stage, STAR stories for likely questions, what you are practising, "
        "reframes worth rereading and the energy checklist. Without -o it prints Markdown.",
    )
    review.add_argument("--stage", action="append", metavar="STAGE",
                        help=f"an expected stage; repeat for several ({', '.join(STAGES)})")
    review.add_argument("--company", default="", metavar="C")
    review.add_argument("--role", default="", metavar="R")
    review.add_argument("--date", type=date_arg, metavar="YYYY-MM-DD",
                        help="the day of the interview")
    review.add_argument("--notes", default="", metavar="TEXT")
    review.add_argument("--interview", metavar="ID",
                        help="use an interview saved in the app (an id or its first letters)")
    review.add_argument("--save", action="store_true",
                        help="also save the interview, so the app can reopen its deck")
    review.add_argument("-o", "--output", metavar="FILE",
                        help="write here: a .pdf file gets the one-page sheet; '-' prints "
                        "Markdown (the default)")
    review.add_argument("--format", "-f", choices=FORMATS,
                        help="md or pdf (default: from the file name, else md)")
    review.add_argument("--page-size", default="A4", metavar="A4|Letter",
                        help="PDF page size (default A4)")
    review.set_defaults(handler=_review)
    # review stories | rehearsed | told: rehearsing the deck's stories (none: the sheet).
    rehearsals.register(review.add_subparsers(dest="review_action", metavar="ACTION"))


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    if args.output and args.output != STDOUT and Path(args.output).suffix.lower() == ".pdf":
        return "pdf"
    return "md"


def _interview(args: argparse.Namespace, ctx: CommandContext) -> InterviewData:
    """The interview to build the deck for: saved, or described on the command line."""
    service = UpcomingInterviewService(ctx.store)
    try:
        if args.interview:
            saved = service.get(service.resolve_id(args.interview))
            if args.stage:
                saved = InterviewData(**{**saved.__dict__, "stages": parse_stages(args.stage)})
            return saved
        if not args.stage:
            raise UserError("give at least one --stage (or --interview ID)")
        if args.date is not None and args.date < dt.date.today():
            # Still built (and saved with --save): reviewing a past interview has its uses.
            print(f"trackrecord: note: the interview date {args.date.isoformat()} is in the "
                  "past; the review is built all the same", file=sys.stderr)
        values = {"company": args.company, "role": args.role, "date": args.date,
                  "notes": args.notes}
        if args.save:
            return service.create(args.stage, **values)
        return InterviewData(id="", stages=parse_stages(args.stage), company=args.company.strip(),
                             role=args.role.strip(), date=args.date, notes=args.notes)
    except TrackRecordError as exc:
        raise UserError(str(exc)) from exc


def _review(args: argparse.Namespace, ctx: CommandContext) -> int:
    fmt = _format(args)
    to_stdout = not args.output or args.output == STDOUT
    if fmt == "pdf" and to_stdout:
        raise UserError("a PDF cannot be written to standard output; give -o FILE")
    page_size = _page_size(args.page_size) if fmt == "pdf" else "A4"
    if args.stage:  # check the stages before touching the store
        try:
            parse_stages(args.stage)
        except TrackRecordError as exc:
            raise UserError(str(exc)) from exc
    target = None if to_stdout else Path(args.output).expanduser()
    if target is not None:
        try:
            check_target(target, ctx.paths)
        except ExportWriteError as exc:
            raise UserError(str(exc)) from exc
    deck = _deck(args, ctx)
    if fmt == "md":
        data = render_markdown(deck).encode("utf-8")
        if target is None:
            write_stdout_bytes(data)
            return EXIT_OK
        _write(target, data, ctx)
    else:
        from trackrecord.pdf.sheet import render_sheet  # Qt only when a PDF is asked for

        assert target is not None
        data, _fit = render_sheet(deck, page_size)
        _write(target, data, ctx)
    if args.save and deck.interview.id:
        print(f"saved interview {deck.interview.id}")
    print(f"wrote {target}")
    return EXIT_OK


def _deck(args: argparse.Namespace, ctx: CommandContext) -> Deck:
    interview = _interview(args, ctx)
    try:
        return build_deck(ctx.store, interview)
    except TrackRecordError as exc:
        raise UserError(str(exc)) from exc


def _page_size(value: str) -> str:
    for name in ("A4", "Letter"):
        if value.strip().casefold() == name.casefold():
            return name
    raise UserError(f"{value!r} is not a page size: use A4 or Letter")


def _write(target: Path, data: bytes, ctx: CommandContext) -> None:
    try:
        write_atomic(target, data, protect=ctx.paths)
    except ExportWriteError as exc:
        raise UserError(str(exc)) from exc


