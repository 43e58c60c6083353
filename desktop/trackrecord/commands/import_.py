"""``import``: a Markdown or HTML brag document, a job tracker's CSV, a jrnl export (or a
folder of its per-entry files) or a JSON backup.

``--dry-run`` prints the preview (what would be added, what is skipped and why, warnings) and
writes nothing; without it the import is committed in one transaction. Rows the reader left
unticked (a tracker's rows with no answer, a journal's hard days) are added with
``--include "no answer"`` (what they are counted as) or ``--include "line 12"``; a row is
left out with ``--leave-out "line 12"``. A file that cannot be imported is refused with one
line and exit status 2, and the store is left as it was.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from trackrecord.commands.base import (
    EXIT_OK,
    CommandContext,
    UserError,
    passphrase,
    print_json,
)
from trackrecord.commands.window_lock import no_window_open
from trackrecord.core.errors import TrackRecordError
from trackrecord.core.transfer.import_base import (
    CSV_FIELDS,
    MODES,
    UNCHANGED,
    UPDATE,
    ImportReport,
    ParsedImport,
    PreviewRow,
)
from trackrecord.core.transfer.import_formats import IMPORT_FORMATS
from trackrecord.core.transfer.imports import commit_import, load_import, preview_import
from trackrecord.core.transfer.sealed import PassphraseNeeded

_VERBS = {"add": "add", "update": "update", "unchanged": "same", "skip": "skip"}


def register(sub: argparse._SubParsersAction[Any]) -> None:
    imp = sub.add_parser(
        "import",
        help="import a brag document (md), rejections (csv), a jrnl export or a JSON backup",
        description="Import a Markdown brag document, a job tracker's CSV of rejections, a "
        "jrnl JSON export, or a Track Record JSON backup. Duplicates of what is already here "
        "are skipped and reported. Use --dry-run first to see what would happen.",
    )
    imp.add_argument("file", type=Path,
                     help="the file to import (or a folder of jrnl's per-entry files)")
    imp.add_argument("--format", "-f", choices=IMPORT_FORMATS.keys, metavar="FORMAT",
                     help="one of: %(choices)s (default: guessed from the file)")
    imp.add_argument("--mode", choices=MODES, default="merge",
                     help="JSON backups: merge by id, the newer copy winning (default), or "
                     "replace everything here (an automatic backup is taken first)")
    imp.add_argument("--dry-run", "-n", action="store_true",
                     help="print what would be imported and write nothing")
    imp.add_argument("--map", action="append", metavar="FIELD=COLUMN", default=[],
                     help="CSV: the column (header or number; '-' for none) that fills FIELD, "
                     f"one of {', '.join(CSV_FIELDS)}; repeat for several")
    imp.add_argument("--include", action="append", metavar="WHAT", default=[],
                     help="also import the rows left unticked as WHAT (e.g. 'no answer', "
                     "'not a win') or at WHAT (e.g. 'line 12'); repeat for several")
    imp.add_argument("--leave-out", action="append", metavar="WHERE", default=[],
                     help="do not import the row at WHERE (e.g. 'line 12', 'entry 3')")
    imp.add_argument("--json", action="store_true", help="print the report as JSON")
    imp.set_defaults(handler=_import)


def _columns(pairs: list[str]) -> dict[str, int | str | None] | None:
    if not pairs:
        return None
    out: dict[str, int | str | None] = {}
    for pair in pairs:
        field, sep, column = pair.partition("=")
        field = field.strip().replace("-", "_").casefold()
        if not sep or field not in CSV_FIELDS:
            raise UserError(f"--map takes FIELD=COLUMN with FIELD one of {', '.join(CSV_FIELDS)}, "
                            f"not {pair!r}")
        column = column.strip()
        if column == "-":
            out[field] = None
        elif column.isdigit():
            out[field] = int(column) - 1
        else:
            out[field] = column
    return out


def _import(args: argparse.Namespace, ctx: CommandContext) -> int:
    columns = _columns(args.map)
    try:
        # Read and check the whole file before the store is even opened.
        path = args.file.expanduser()
        try:
            parsed = load_import(path, args.format, csv_columns=columns)
        except PassphraseNeeded:
            parsed = load_import(path, args.format, csv_columns=columns,
                                 passphrase=passphrase(confirm=False))
        if columns and parsed.format != "csv":
            raise UserError("--map is only for CSV files")
        parsed = _choose(parsed, args.include, args.leave_out)
        if args.dry_run:
            report = preview_import(ctx.store_to_compare(), parsed, args.mode)
        elif args.mode == "replace":
            with no_window_open(ctx.paths, "importing with --mode replace", "File ▸ Import…"):
                report = commit_import(ctx.store, parsed, args.mode)
        else:
            report = commit_import(ctx.store, parsed, args.mode)
    except TrackRecordError as exc:
        raise UserError(str(exc)) from exc
    if args.json:
        print_json(report.to_json())
    else:
        print(format_report(report))
    if report.problem:
        raise UserError(report.problem)
    return EXIT_OK


def _choose(parsed: ParsedImport, include: list[str], leave_out: list[str]) -> ParsedImport:
    drafts = [i for i in parsed.items if not isinstance(i, PreviewRow)]
    places = {d.where.casefold(): d.where for d in drafts}
    tallies = {d.tally.casefold(): d.tally for d in drafts if d.tally}
    for wanted in include:
        key = " ".join(wanted.split()).casefold()
        if key in tallies:
            parsed = parsed.choose_all(tallies[key], True)
        elif key in places:
            parsed = parsed.with_choices({places[key]: True})
        else:
            shown = ", ".join(repr(t) for t in sorted(set(tallies.values()))) or "none"
            raise UserError(f"--include {wanted!r}: no rows are left out as that, nor is "
                            f"there such a place (left out as: {shown})")
    for unwanted in leave_out:
        key = " ".join(unwanted.split()).casefold()
        if key not in places:
            raise UserError(f"--leave-out {unwanted!r}: no row to import is there")
        parsed = parsed.with_choices({places[key]: False})
    return parsed


def format_report(report: ImportReport) -> str:
    """The preview (dry run) or the result, as plain text."""
    label = IMPORT_FORMATS[report.format].label
    lines = [f"{label}: {report.source}" + (" (replace everything here)"
                                            if report.mode == "replace" else "")]
    for row in report.rows:
        if row.action == UNCHANGED or (report.committed and row.action not in ("skip", UPDATE)):
            continue
        where = f"{row.where}  " if row.where else ""
        text = f"  {_VERBS[row.action]:<6} {row.record:<9} {where}{row.title}"
        if row.detail:
            text += f"  \u00b7 {row.detail}"
        if row.reason:
            text += f"  \u2014 {row.reason}"
        lines.append(text)
    if report.mapping is not None:
        lines.append("Columns:")
        lines += [f"  {line}" for line in report.mapping.describe()]
    if report.warnings:
        lines.append("Warnings:")
        lines += [f"  {w}" for w in report.warnings]
    if report.notices:
        lines.append("Notes:")
        lines += [f"  {notice}" for notice in report.notices]
    left = [(tally, total - ticked) for tally, ticked, total in report.choices()
            if ticked < total]
    if left and not report.committed:
        lines.append("Left unticked (add them with --include): " + ", ".join(
            f"{n} {tally!r}" for tally, n in left))
    if report.committed:
        lines.append(f"Imported: {report.summary()}")
        if report.backup is not None:
            lines.append(f"what was there before is kept in {report.backup}")
    elif not report.problem:
        lines.append(f"Would import: {report.summary()} (dry run: nothing was written)")
    return "\n".join(lines)
