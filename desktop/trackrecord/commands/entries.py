"""``add``, ``list``, ``show``, ``edit``, ``delete``: the track record from the shell."""

from __future__ import annotations

import argparse
from typing import Any

from trackrecord.commands.base import (
    EXIT_OK,
    CommandContext,
    UserError,
    date_arg,
    for_terminal,
    print_json,
    read_text_arg,
)
from trackrecord.core.errors import TrackRecordError
from trackrecord.core.record.entries import EntryData, EntryFilter, EntryService
from trackrecord.core.record.kinds import KIND_LABELS, KIND_REGISTRY, KINDS

# Text fields settable from the command line: option name -> entry field.
TEXT_OPTIONS: dict[str, str] = {
    "title": "title",
    "summary": "summary",
    "impact": "impact",
    "metrics": "metrics",
    "notes": "notes",
    "org": "organisation",
    "team": "team",
    "role": "role",
    # Each kind's own fields, from the kind registry: --scale, --praise-from, ...
    **{f.name.replace("_", "-"): f.name for kind in KIND_REGISTRY for f in kind.fields},
}


def register(sub: argparse._SubParsersAction[Any]) -> None:
    add = sub.add_parser("add", help="record a new entry and print its id")
    add.add_argument("kind", help=f"one of: {', '.join(KINDS)}")
    add.add_argument("--title", required=True)
    _add_field_options(add, with_title=False)
    add.add_argument("--json", action="store_true", help="print the whole entry as JSON")
    add.set_defaults(handler=_add)

    lst = sub.add_parser("list", help="list entries, newest first")
    lst.add_argument("--kind", action="append", choices=KINDS, help="repeat for several")
    lst.add_argument("--tag")
    lst.add_argument("--since", type=date_arg, metavar="YYYY-MM-DD")
    lst.add_argument("--until", type=date_arg, metavar="YYYY-MM-DD")
    lst.add_argument("--search", default="", metavar="WORDS", help="full-text search")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=_list)

    show = sub.add_parser("show", help="show one entry (a unique id prefix is enough)")
    show.add_argument("id")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=_show)

    edit = sub.add_parser("edit", help="change fields of an entry")
    edit.add_argument("id")
    edit.add_argument("--kind", choices=KINDS)
    _add_field_options(edit, with_title=True)
    edit.add_argument("--json", action="store_true")
    edit.set_defaults(handler=_edit)

    delete = sub.add_parser("delete", help="delete an entry")
    delete.add_argument("id")
    delete.set_defaults(handler=_delete)


def _add_field_options(parser: argparse.ArgumentParser, *, with_title: bool) -> None:
    for option in TEXT_OPTIONS:
        if option == "title" and not with_title:
            continue
        extra = " ('-' reads standard input)" if option == "notes" else ""
        parser.add_argument(f"--{option}", metavar="TEXT", help=f"{option}{extra}")
    parser.add_argument("--date", type=date_arg, metavar="YYYY-MM-DD", help="start date")
    parser.add_argument("--end", type=date_arg, metavar="YYYY-MM-DD", help="end date")
    parser.add_argument("--tag", action="append", metavar="TAG", help="repeat for several")


def _field_values(args: argparse.Namespace) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for option, field in TEXT_OPTIONS.items():
        value = getattr(args, option.replace("-", "_"), None)
        if value is not None:
            values[field] = read_text_arg(value) if option == "notes" else value
    if args.date is not None:
        values["start_date"] = args.date
    if args.end is not None:
        values["end_date"] = args.end
    if args.tag:
        values["tags"] = args.tag
    return values


def _add(args: argparse.Namespace, ctx: CommandContext) -> int:
    if args.kind not in KINDS:
        raise UserError(f"unknown kind {args.kind!r}: choose one of {', '.join(KINDS)}")
    values = _field_values(args)
    title = values.pop("title")
    try:
        entry = EntryService(ctx.store).create(args.kind, title, **values)
    except TrackRecordError as exc:
        raise UserError(str(exc)) from exc
    if args.json:
        print_json(entry.to_json())
    else:
        print(entry.id)
    return EXIT_OK


def _list(args: argparse.Namespace, ctx: CommandContext) -> int:
    flt = EntryFilter(
        kinds=frozenset(args.kind or ()),
        tag=args.tag,
        since=args.since,
        until=args.until,
        search=args.search,
    )
    rows = EntryService(ctx.store).list(flt)
    if args.json:
        print_json(
            [
                {
                    "id": r.id,
                    "kind": r.kind,
                    "title": r.title,
                    "start_date": r.start_date.isoformat(),
                    "end_date": r.end_date.isoformat() if r.end_date else None,
                    "organisation": r.organisation,
                    "summary": r.summary,
                }
                for r in rows
            ]
        )
        return EXIT_OK
    for r in rows:
        print(for_terminal(f"{r.id[:8]}  {r.start_date.isoformat()}  {r.kind:<9}  {r.title}"))
    return EXIT_OK


def _resolve(ctx: CommandContext, given: str) -> tuple[EntryService, str]:
    service = EntryService(ctx.store)
    try:
        return service, service.resolve_id(given)
    except TrackRecordError as exc:
        raise UserError(str(exc)) from exc


def _show(args: argparse.Namespace, ctx: CommandContext) -> int:
    service, entry_id = _resolve(ctx, args.id)
    entry = service.get(entry_id)
    if args.json:
        print_json(entry.to_json())
    else:
        print(for_terminal(format_entry(entry)))
    return EXIT_OK


def _edit(args: argparse.Namespace, ctx: CommandContext) -> int:
    service, entry_id = _resolve(ctx, args.id)
    values = _field_values(args)
    if args.kind is not None:
        values["kind"] = args.kind
    if not values:
        raise UserError("nothing to change: give at least one option such as --title")
    try:
        entry = service.update(entry_id, **values)
    except TrackRecordError as exc:
        raise UserError(str(exc)) from exc
    if args.json:
        print_json(entry.to_json())
    else:
        print(entry.id)
    return EXIT_OK


def _delete(args: argparse.Namespace, ctx: CommandContext) -> int:
    service, entry_id = _resolve(ctx, args.id)
    gone = service.delete(entry_id)
    print(for_terminal(f"deleted {gone.id}  {gone.title}"))
    return EXIT_OK


def format_entry(entry: EntryData) -> str:
    """A readable plain-text view of one entry, skipping empty fields."""
    period = entry.start_date.isoformat()
    if entry.end_date:
        period += f" – {entry.end_date.isoformat()}"
    lines = [entry.title, f"{KIND_LABELS[entry.kind]} · {period}", f"id: {entry.id}"]
    labelled = [
        ("Organisation", entry.organisation), ("Team", entry.team), ("Role", entry.role),
        ("Summary", entry.summary), ("Impact", entry.impact), ("Metrics", entry.metrics),
        ("Tags", ", ".join(entry.tags)), ("Links", "  ".join(entry.links)),
        ("Scale", entry.scale), ("Stack", entry.stack), ("Severity", entry.severity),
        ("Time to mitigate", entry.time_to_mitigate), ("Root cause", entry.root_cause),
        ("Mentee", entry.mentee), ("Duration", entry.duration), ("Outcome", entry.outcome),
        ("Situation", entry.situation), ("Task", entry.task), ("Action", entry.action),
        ("Result", entry.result),
    ]
    lines += [f"{label}: {value}" for label, value in labelled if value]
    if entry.notes:
        lines += ["", entry.notes]
    return "\n".join(lines)
