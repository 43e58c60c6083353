"""``rejection thought ID``: a rejection's thought record from the shell.

With no option it prints the record (``--json`` for scripts: the shape of the backup's
``thought_records``, with the traps' labels and the rejection's company). Options write the
parts they name, checked whole first, so a bad value writes nothing:

    trackrecord rejection thought 1f3a --thought "I always freeze" \\
        --emotion ashamed=80 --emotion anxious=60 --trap overgeneralising
    trackrecord rejection thought 1f3a --balanced "One round went badly..." --after ashamed=40

Why the command line at all: the record is private writing, and some people keep their
journal in a terminal; and ``--json`` lets a script read it (an export, a personal tracker).
"""

from __future__ import annotations

import argparse
from typing import Any

from trackrecord.commands.base import (
    EXIT_OK,
    CommandContext,
    UserError,
    for_terminal,
    print_json,
    read_text_arg,
    wrap,
)
from trackrecord.core.errors import TrackRecordError
from trackrecord.core.rejections.service import RejectionService
from trackrecord.core.rejections.thoughts import Emotion, ThoughtRecordData, ThoughtService
from trackrecord.core.rejections.traps import suggest_traps, trap_registry


def register(actions: argparse._SubParsersAction[Any]) -> None:
    thought = actions.add_parser(
        "thought", help="show or write a rejection's thought record",
        description="The thought record after a rejection: the automatic thought, emotions "
        "rated 0-100 before and after, thinking traps, evidence for and against, and a "
        "balanced thought you write. Without options it prints the record.")
    thought.add_argument("id", help="the rejection (an id or its first letters)")
    thought.add_argument("--thought", metavar="TEXT", help="the automatic thought, in your "
                         "words ('-' reads stdin)")
    thought.add_argument("--emotion", action="append", metavar="NAME=0-100",
                         help="an emotion and how strong it is; repeat for several (replaces "
                         "the list)")
    thought.add_argument("--after", action="append", metavar="NAME=0-100",
                         help="how strong an emotion already named is now")
    traps = ", ".join(trap_registry().keys)
    thought.add_argument("--trap", action="append", metavar="TRAP",
                         help=f"a thinking trap; repeat for several (replaces them): {traps}")
    thought.add_argument("--evidence-for", metavar="TEXT")
    thought.add_argument("--evidence-against", metavar="TEXT")
    thought.add_argument("--balanced", metavar="TEXT", help="the balanced thought you wrote")
    thought.add_argument("--json", action="store_true")
    thought.set_defaults(handler=_thought)


def _rating(given: str, option: str) -> tuple[str, str]:
    name, sep, value = given.rpartition("=")
    if not sep or not name.strip():
        raise UserError(f"{option} {given!r}: write it NAME=0-100, e.g. ashamed=70")
    return name.strip(), value.strip()


def _changes(args: argparse.Namespace, current: ThoughtRecordData | None) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    for name in ("thought", "evidence_for", "evidence_against", "balanced"):
        value = getattr(args, name)
        if value is not None:
            changes[name] = read_text_arg(value) if name == "thought" else value
    emotions: list[dict[str, Any]] = [
        e.to_json() for e in (current.emotions if current else ())]
    if args.emotion:
        emotions = [{"name": n, "before": v or None}
                    for n, v in (_rating(g, "--emotion") for g in args.emotion)]
    if args.after:
        for given in args.after:
            name, value = _rating(given, "--after")
            match = next((e for e in emotions if e["name"].casefold() == name.casefold()), None)
            if match is None:
                raise UserError(f"--after {given!r}: name the emotion first (--emotion "
                                f"{name}=...); nothing was saved")
            match["after"] = value or None
    if args.emotion or args.after:
        changes["emotions"] = emotions
    if args.trap:
        changes["traps"] = args.trap
    return changes


def _thought(args: argparse.Namespace, ctx: CommandContext) -> int:
    rejections, thoughts = RejectionService(ctx.store), ThoughtService(ctx.store)
    try:
        rejection = rejections.get(rejections.resolve_id(args.id))
        record = thoughts.get(rejection.id)
        changes = _changes(args, record)
        if changes:
            record = thoughts.save(rejection.id, **changes)
    except TrackRecordError as exc:
        raise UserError(f"{exc}; nothing was saved" if "nothing" not in str(exc)
                        else str(exc)) from exc
    if args.json:
        out = record.to_json() if record else None
        if out is not None:
            out["trap_labels"] = list(record.trap_labels) if record else []
            out["company"] = rejection.company
            out["suggested_traps"] = [{"trap": h.trap, "words": h.words}
                                      for h in suggest_traps(out["thought"])]
        print_json(out)
        return EXIT_OK
    if record is None:
        print(for_terminal(f"{rejection.company}: no thought record yet. Start one with "
                           f"--thought \"...\" (or in the app, under the rejection's form)."))
        return EXIT_OK
    if changes:
        print(f"saved the thought record for {rejection.company}\n")
    print(for_terminal(format_thought(record, rejection.company)))
    return EXIT_OK


def _emotion(e: Emotion) -> str:
    def shown(v: int | None) -> str:
        return "?" if v is None else str(v)
    after = f" \u2192 {shown(e.after)}" if e.after is not None else ""
    return f"  {e.name}: {shown(e.before)}{after}"


def format_thought(r: ThoughtRecordData, company: str) -> str:
    out = [f"Thought record \u00b7 {company}"]
    if r.thought.strip():
        out += ["", "The thought:", wrap(r.thought.strip(), "  ")]
    if r.emotions:
        out += ["", "Emotions (0-100, before \u2192 after):", *(_emotion(e) for e in r.emotions)]
    if r.traps:
        registry = trap_registry()
        out += ["", "Thinking traps:"] + [
            wrap(f"- {registry[t].label}: {registry[t].explains}", "  ")
            for t in r.traps]
    else:
        hints = suggest_traps(r.thought)
        if hints:
            out += ["", "Thinking traps its words suggest (none ticked):"] + [
                f"  - {trap_registry()[h.trap].label} (\u201c{h.words}\u201d)" for h in hints]
    for title, value in (("Evidence for the thought:", r.evidence_for),
                         ("Evidence against it:", r.evidence_against),
                         ("A balanced thought:", r.balanced)):
        if value.strip():
            out += ["", title, wrap(value.strip(), "  ")]
    return "\n".join(out)
