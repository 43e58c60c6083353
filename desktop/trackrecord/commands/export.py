"""``export``: the brag document as Markdown, HTML or PDF, or the full JSON backup, to a file
or standard output.

The formats are the core's table (``core/transfer/export_formats.py``); ``--format`` reads
its choices from it. Every check runs before anything is written, and files are written
atomically and private to their owner.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from trackrecord.commands.base import (
    EXIT_OK,
    CommandContext,
    UserError,
    date_arg,
    passphrase,
    write_stdout_bytes,
)
from trackrecord.core.bragdoc.document import (
    GROUPS,
    PRESETS,
    BragDocument,
    BragOptions,
    build_document,
    preset_range,
)
from trackrecord.core.bragdoc.model import PAGE_SIZES
from trackrecord.core.errors import TrackRecordError, ValidationError
from trackrecord.core.record.entries import EntryService
from trackrecord.core.record.kinds import KINDS
from trackrecord.core.transfer.export_formats import EXPORT_FORMATS, ExportJob
from trackrecord.core.transfer.output_file import ExportWriteError, check_target, write_atomic

STDOUT = "-"


# -- brag document formats ---------------------------------------------------------------


def _page_size(value: str) -> str:
    for name in PAGE_SIZES:
        if value.casefold() == name.casefold():
            return name
    raise argparse.ArgumentTypeError(f"{value!r} is not a page size: use A4 or Letter")


def brag_options(args: argparse.Namespace, today: dt.date | None = None,
                 cycle: tuple[dt.date, dt.date] | None = None) -> BragOptions:
    """``cycle``: the dates of the review cycle --cycle or --since-last-review named."""
    today = today or dt.date.today()
    since, until = args.since, args.until
    if args.period:
        if since or until:
            raise UserError("give either --period or --since/--until, not both")
        since, until = preset_range(args.period.replace("-", "_"), today)
    if cycle is not None:
        since, until = cycle
    try:
        return BragOptions(
            group=args.group,
            since=since,
            until=until,
            kinds=frozenset(args.kind or ()),
            tags=frozenset(args.tag or ()),
            only_with_impact=args.only_impact,
            details=args.details,
            organisation=not args.no_organisation,
            star=args.star,
            mentee_initials=not args.full_mentee_names,
            name=args.name or "",
            role=args.role or "",
            title=args.title or "",
            prepared_on=today,
        )
    except ValidationError as exc:
        raise UserError(str(exc)) from exc


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Entries and the brag document are trees of frozen values without reference cycles:
    reference counting frees all of it, and the cyclic collector would only walk every entry
    again and again as they grow (a sixth of reading 100,000 entries, a third of the build
    with --details)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _cycle_range(args: argparse.Namespace, ctx: CommandContext,
                 today: dt.date) -> tuple[dt.date, dt.date] | None:
    """The period --cycle NAME or --since-last-review stands for (None without them)."""
    if not (args.cycle or args.since_last_review):
        return None
    if args.cycle and args.since_last_review:
        raise UserError("give either --cycle or --since-last-review, not both")
    if args.period or args.since or args.until:
        raise UserError("a review cycle sets the period: drop --period, --since and --until")
    from trackrecord.core.goals.service import CycleService

    cycles = CycleService(ctx.store)
    try:
        if args.since_last_review:
            return cycles.since_last_review(today)
        found = cycles.find(args.cycle)
    except TrackRecordError as exc:
        raise UserError(str(exc)) from exc
    return found.start_date, found.end_date


def brag_document(args: argparse.Namespace, ctx: CommandContext) -> BragDocument:
    from trackrecord.core.goals.service import GoalService

    today = dt.date.today()
    options = brag_options(args, today, _cycle_range(args, ctx, today))
    service = EntryService(ctx.store)
    try:
        picked = {service.resolve_id(given) for given in args.entry or ()}
    except TrackRecordError as exc:
        raise UserError(str(exc)) from exc
    with _no_cycle_collection():
        entries = service.all()
        if picked:
            entries = [e for e in entries if e.id in picked]
        doc = build_document(entries, options, goals=GoalService(ctx.store).list())
    if not doc.sections:
        print("trackrecord: no entries match; the document says so", file=sys.stderr)
    return doc


def _draw_with_qt(key: str, doc: BragDocument, page_size: str) -> bytes:
    from trackrecord.pdf.draw import draw_with_qt  # Qt only when a PDF or ODT is asked for

    return draw_with_qt(key, doc, page_size)


# -- the command -------------------------------------------------------------------------


def register(sub: argparse._SubParsersAction[Any]) -> None:
    exp = sub.add_parser(
        "export",
        help="write your brag document (Markdown, HTML or PDF), or a full JSON backup",
        description="Write your brag document; the rejection log is never in it. "
        "--format json is different: a backup of everything, rejection log included.",
    )
    exp.add_argument("--format", "-f", required=True, choices=EXPORT_FORMATS.keys,
                     metavar="FORMAT", help="; ".join(
                         f"{f.key}: {f.description}" for f in EXPORT_FORMATS))
    exp.add_argument("-o", "--output", required=True, metavar="FILE",
                     help="the file to write; '-' writes Markdown or HTML to standard output")
    exp.add_argument("--since", type=date_arg, metavar="YYYY-MM-DD")
    exp.add_argument("--until", type=date_arg, metavar="YYYY-MM-DD")
    exp.add_argument("--period", choices=[p.replace("_", "-") for p in PRESETS
                                          if p not in ("all", "custom")],
                     help="a period ending today, instead of --since/--until")
    exp.add_argument("--cycle", metavar="NAME",
                     help="the period of this review cycle (see 'trackrecord cycle list')")
    exp.add_argument("--since-last-review", action="store_true",
                     help="from the end of your last review cycle to today")
    exp.add_argument("--kind", action="append", choices=KINDS, help="repeat for several")
    exp.add_argument("--tag", action="append", metavar="TAG",
                     help="entries with any of these tags; repeat for several")
    exp.add_argument("--group", choices=GROUPS, default="sections",
                     help="brag-doc sections (default), year, or kind")
    exp.add_argument("--details", action="store_true",
                     help="add role, organisation, kind-specific facts, links and notes")
    exp.add_argument("--no-organisation", action="store_true",
                     help="leave out where each entry was done (shown by default)")
    exp.add_argument("--star", action="store_true", help="add STAR stories")
    exp.add_argument("--only-impact", action="store_true",
                     help="only entries with impact or metrics written down")
    exp.add_argument("--full-mentee-names", action="store_true",
                     help="show mentees' names as written (default: initials)")
    exp.add_argument("--name", metavar="TEXT", help="your name, for the header")
    exp.add_argument("--role", metavar="TEXT", help="your role, for the header")
    exp.add_argument("--title", metavar="TEXT", help="the document title")
    exp.add_argument("--entry", action="append", metavar="ID",
                     help="only this entry (an id or a unique start of one); repeat to pick "
                     "several, e.g. for --format cv")
    exp.add_argument("--encrypt", action="store_true",
                     help="with --format json: seal the backup with a passphrase (asked on "
                     "the terminal, or read from TRACKRECORD_PASSPHRASE)")
    exp.add_argument("--page-size", type=_page_size, default="A4", metavar="A4|Letter",
                     help="PDF page size (default A4)")
    exp.set_defaults(handler=_export)


def _export(args: argparse.Namespace, ctx: CommandContext) -> int:
    fmt = EXPORT_FORMATS[args.format]
    if args.encrypt:
        if not fmt.whole_store:
            raise UserError("--encrypt seals a full backup: use it with --format json")
        fmt = next(f for f in EXPORT_FORMATS if f.whole_store and f.sealed)
    to_stdout = args.output == STDOUT
    if to_stdout and fmt.binary:
        raise UserError(f"{fmt.key} cannot be written to standard output; give -o FILE")
    if fmt.whole_store and any((args.since, args.until, args.period, args.kind, args.tag,
                                args.entry, args.only_impact, args.cycle,
                                args.since_last_review)):
        # A backup of everything: filters would silently leave data out.
        raise UserError(f"--format {fmt.key} backs up everything; drop the date, kind and "
                        "tag filters")
    target = None if to_stdout else Path(args.output).expanduser()
    if target is not None:
        try:
            check_target(target, ctx.paths)
        except ExportWriteError as exc:
            raise UserError(str(exc)) from exc
    secret = passphrase(confirm=True) if fmt.sealed else None
    try:
        data = fmt.produce(ExportJob(
            document=lambda: brag_document(args, ctx), store=ctx.store,
            page_size=args.page_size, draw=_draw_with_qt, passphrase=secret))
    except TrackRecordError as exc:
        raise UserError(str(exc)) from exc
    if target is None:
        write_stdout_bytes(data)
        return EXIT_OK
    try:
        write_atomic(target, data, protect=ctx.paths)
    except ExportWriteError as exc:
        raise UserError(str(exc)) from exc
    print(f"wrote {target}")
    return EXIT_OK


