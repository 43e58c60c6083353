"""``export``: the brag document as Markdown, HTML or PDF, to a file or standard output.

Formats are a table of writers, so another module can add one (the JSON backup) with
``add_format(ExportFormat(...))`` before the parser is built; ``--format`` reads its choices
from the table. Every check runs before anything is written, and files are written
atomically and private to their owner.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trackrecord.commands.base import (
    EXIT_OK,
    CommandContext,
    UserError,
    date_arg,
    write_stdout_bytes,
)
from trackrecord.core.bragdoc.document import (
    GROUPS,
    PRESETS,
    BragDocument,
    BragOptions,
    build_document,
    preset_range,
    render_html,
    render_markdown,
)
from trackrecord.core.bragdoc.model import PAGE_SIZES
from trackrecord.core.errors import ValidationError
from trackrecord.core.record.entries import EntryService
from trackrecord.core.store.constants import KINDS
from trackrecord.core.transfer.output_file import ExportWriteError, check_target, write_atomic

STDOUT = "-"


@dataclass(frozen=True)
class ExportFormat:
    """One ``--format``: how to make the bytes, and whether they may go to standard output."""

    name: str
    description: str
    produce: Callable[[argparse.Namespace, CommandContext], bytes]
    to_stdout: bool = True  # binary formats (PDF) refuse ``-o -``


FORMATS: dict[str, ExportFormat] = {}


def add_format(fmt: ExportFormat) -> None:
    FORMATS[fmt.name] = fmt


# -- brag document formats ---------------------------------------------------------------


def _page_size(value: str) -> str:
    for name in PAGE_SIZES:
        if value.casefold() == name.casefold():
            return name
    raise argparse.ArgumentTypeError(f"{value!r} is not a page size: use A4 or Letter")


def brag_options(args: argparse.Namespace, today: dt.date | None = None) -> BragOptions:
    today = today or dt.date.today()
    since, until = args.since, args.until
    if args.period:
        if since or until:
            raise UserError("give either --period or --since/--until, not both")
        since, until = preset_range(args.period.replace("-", "_"), today)
    try:
        return BragOptions(
            group=args.group,
            since=since,
            until=until,
            kinds=frozenset(args.kind or ()),
            tags=frozenset(args.tag or ()),
            only_with_impact=args.only_impact,
            details=args.details,
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


def brag_document(args: argparse.Namespace, ctx: CommandContext) -> BragDocument:
    options = brag_options(args)
    with _no_cycle_collection():
        doc = build_document(EntryService(ctx.store).all(), options)
    if not doc.sections:
        print("trackrecord: no entries match; the document says so", file=sys.stderr)
    return doc


def _markdown(args: argparse.Namespace, ctx: CommandContext) -> bytes:
    return render_markdown(brag_document(args, ctx)).encode("utf-8")


def _html(args: argparse.Namespace, ctx: CommandContext) -> bytes:
    return render_html(brag_document(args, ctx)).encode("utf-8")


def _pdf(args: argparse.Namespace, ctx: CommandContext) -> bytes:
    from trackrecord.pdf.bragdoc import render_pdf  # Qt only when a PDF is asked for

    data, _pages = render_pdf(brag_document(args, ctx), args.page_size)
    return data


add_format(ExportFormat("md", "Markdown brag document", _markdown))
add_format(ExportFormat("html", "self-contained HTML brag document", _html))
add_format(ExportFormat("pdf", "PDF brag document", _pdf, to_stdout=False))


def _json(args: argparse.Namespace, ctx: CommandContext) -> bytes:
    # A backup of everything (the rejection log too), not a brag document: filters would
    # silently leave data out, so they are refused.
    from trackrecord.core.transfer.json_export import dump_backup

    if any((args.since, args.until, args.period, args.kind, args.tag, args.only_impact)):
        raise UserError("--format json backs up everything; drop the date, kind and tag filters")
    return dump_backup(ctx.store)


add_format(ExportFormat("json", "full backup of all your data (see docs/backup-format.md)", _json))


# -- the command -------------------------------------------------------------------------


def register(sub: argparse._SubParsersAction[Any]) -> None:
    exp = sub.add_parser(
        "export",
        help="write your brag document (Markdown, HTML or PDF), or a full JSON backup",
        description="Write your brag document; the rejection log is never in it. "
        "--format json is different: a backup of everything, rejection log included.",
    )
    # ``choices`` is the live table, so formats added by other modules are accepted too.
    exp.add_argument("--format", "-f", required=True, choices=FORMATS, metavar="FORMAT",
                     help="one of: %(choices)s")
    exp.add_argument("-o", "--output", required=True, metavar="FILE",
                     help="the file to write; '-' writes Markdown or HTML to standard output")
    exp.add_argument("--since", type=date_arg, metavar="YYYY-MM-DD")
    exp.add_argument("--until", type=date_arg, metavar="YYYY-MM-DD")
    exp.add_argument("--period", choices=[p.replace("_", "-") for p in PRESETS
                                          if p not in ("all", "custom")],
                     help="a period ending today, instead of --since/--until")
    exp.add_argument("--kind", action="append", choices=KINDS, help="repeat for several")
    exp.add_argument("--tag", action="append", metavar="TAG",
                     help="entries with any of these tags; repeat for several")
    exp.add_argument("--group", choices=GROUPS, default="sections",
                     help="brag-doc sections (default), year, or kind")
    exp.add_argument("--details", action="store_true",
                     help="add role, organisation, kind-specific facts, links and notes")
    exp.add_argument("--star", action="store_true", help="add STAR stories")
    exp.add_argument("--only-impact", action="store_true",
                     help="only entries with impact or metrics written down")
    exp.add_argument("--full-mentee-names", action="store_true",
                     help="show mentees' names as written (default: initials)")
    exp.add_argument("--name", metavar="TEXT", help="your name, for the header")
    exp.add_argument("--role", metavar="TEXT", help="your role, for the header")
    exp.add_argument("--title", metavar="TEXT", help="the document title")
    exp.add_argument("--page-size", type=_page_size, default="A4", metavar="A4|Letter",
                     help="PDF page size (default A4)")
    exp.set_defaults(handler=_export)


def _export(args: argparse.Namespace, ctx: CommandContext) -> int:
    fmt = FORMATS[args.format]
    to_stdout = args.output == STDOUT
    if to_stdout and not fmt.to_stdout:
        raise UserError(f"{fmt.name} cannot be written to standard output; give -o FILE")
    target = None if to_stdout else Path(args.output).expanduser()
    if target is not None:
        try:
            check_target(target, ctx.paths)
        except ExportWriteError as exc:
            raise UserError(str(exc)) from exc
    data = fmt.produce(args, ctx)
    if target is None:
        write_stdout_bytes(data)
        return EXIT_OK
    try:
        write_atomic(target, data, protect=ctx.paths)
    except ExportWriteError as exc:
        raise UserError(str(exc)) from exc
    print(f"wrote {target}")
    return EXIT_OK


