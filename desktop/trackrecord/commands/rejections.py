"""``reframe`` and ``rejection add|list|show|delete``: the rejection log from the shell.

``reframe`` prints the analysis and saves nothing; ``rejection add`` saves the rejection with
a snapshot of exactly what it printed. The JSON shape is documented in the README.
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from trackrecord.commands import thoughts
from trackrecord.commands.base import (
    EXIT_OK,
    TERMINAL_WIDTH,
    CommandContext,
    UserError,
    date_arg,
    for_terminal,
    print_json,
    read_text_arg,
    wrap,
)
from trackrecord.core.errors import TrackRecordError
from trackrecord.core.matching.query import MatchQuery
from trackrecord.core.record.kinds import KIND_LABELS
from trackrecord.core.rejections.analysis import Analysis, analyse_rejection
from trackrecord.core.rejections.categories import CATEGORIES, CATEGORY_LABELS, parse_category
from trackrecord.core.rejections.data import LONG_TEXT_NAMES, MAX_TEXT, too_long
from trackrecord.core.rejections.debrief import ANSWER_LABELS, DEBRIEF_LABELS
from trackrecord.core.rejections.service import RejectionData, RejectionService
from trackrecord.core.rejections.stages import STAGE_LABELS, STAGES, parse_stage
from trackrecord.core.rejections.thoughts import ThoughtService


def register(sub: argparse._SubParsersAction[Any]) -> None:
    reframe = sub.add_parser(
        "reframe", help="show evidence and a reframe for a rejection, without saving it"
    )
    _add_rejection_options(reframe, company_required=False)
    reframe.add_argument("--json", action="store_true")
    reframe.set_defaults(handler=_reframe)

    rejection = sub.add_parser("rejection",
                               help="the rejection log: add, list, show, delete, thought")
    actions = rejection.add_subparsers(dest="rejection_command", metavar="ACTION", required=True)

    add = actions.add_parser("add", help="log a rejection with its evidence and reframe")
    _add_rejection_options(add, company_required=True)
    add.add_argument("--date", type=date_arg, metavar="YYYY-MM-DD", help="default: today")
    add.add_argument("--sting-before", type=int, metavar="0-100")
    add.add_argument("--sting-after", type=int, metavar="0-100")
    add.add_argument("--keep-practice", action="store_true",
                     help="also put the reframe's practice items on your practice list")
    add.add_argument("--json", action="store_true")
    add.set_defaults(handler=_add)

    lst = actions.add_parser("list", help="list rejections, newest first")
    lst.add_argument("--category", metavar="K")
    lst.add_argument("--stage", metavar="STAGE")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=_list)

    show = actions.add_parser("show", help="show a rejection as it was saved")
    show.add_argument("id")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=_show)

    delete = actions.add_parser("delete", help="delete a rejection (its practice items stay; "
                                "its thought record goes with it)")
    delete.add_argument("id")
    delete.set_defaults(handler=_delete)

    thoughts.register(actions)  # rejection thought ID: the thought record


def _add_rejection_options(parser: argparse.ArgumentParser, *, company_required: bool) -> None:
    parser.add_argument("--stage", required=True, metavar="STAGE",
                        help=f"one of: {', '.join(STAGES)}")
    parser.add_argument("--company", required=company_required, metavar="C")
    parser.add_argument("--role", required=company_required, metavar="R")
    parser.add_argument("--level", default="", metavar="L")
    parser.add_argument("--feedback", metavar="TEXT", help="what they said ('-' reads stdin)")
    parser.add_argument("--own-read", metavar="TEXT", help="your own read of it")
    parser.add_argument("--category", metavar="K",
                        help=f"override the suggestion: one of {', '.join(CATEGORIES)}")


def _query(args: argparse.Namespace) -> tuple[MatchQuery, str | None]:
    """Check everything before touching the store: a bad value writes nothing."""
    try:
        stage = parse_stage(args.stage)
        category = parse_category(args.category) if args.category else None
    except TrackRecordError as exc:
        raise UserError(str(exc)) from exc
    company = (args.company or "").strip()
    if args.company is not None and not company:
        raise UserError("the company cannot be empty")
    query = MatchQuery(
        stage=stage, role=(args.role or "").strip(), level=args.level.strip(), company=company,
        feedback=read_text_arg(args.feedback) or "", own_read=args.own_read or "",
    )
    for name in LONG_TEXT_NAMES:
        value = getattr(query, name)
        if len(value) > MAX_TEXT:
            raise UserError(too_long(name, len(value)))
    return query, category


def _analyse(ctx: CommandContext, query: MatchQuery, category: str | None) -> Analysis:
    try:
        return analyse_rejection(ctx.store, query, category_override=category)
    except TrackRecordError as exc:
        raise UserError(str(exc)) from exc


def _reframe(args: argparse.Namespace, ctx: CommandContext) -> int:
    query, category = _query(args)
    analysis = _analyse(ctx, query, category)
    if args.json:
        print_json(analysis.to_json())
    else:
        print(for_terminal(format_analysis(analysis)))
    return EXIT_OK


def _add(args: argparse.Namespace, ctx: CommandContext) -> int:
    query, category = _query(args)
    if args.date is not None and args.date > dt.date.today():
        # A "no" cannot have come yet: most likely a typo (or day and month swapped).
        raise UserError(f"the date {args.date.isoformat()} is in the future; give the day the "
                        "rejection came (nothing was saved)")
    analysis = _analyse(ctx, query, category)
    service = RejectionService(ctx.store)
    try:
        saved = service.create(
            query.company, query.stage, role=query.role, level=query.level, date=args.date,
            feedback=query.feedback, own_read=query.own_read, category=analysis.category,
            category_confirmed=category is not None,
            suggested_category=analysis.suggested_category,
            category_trigger=analysis.suggested_trigger,
            sting_before=args.sting_before, sting_after=args.sting_after,
            snapshot=analysis.to_snapshot(),
        )
        if args.keep_practice:
            for item in analysis.reframe.practice:
                service.add_practice(item, saved.id)
    except TrackRecordError as exc:
        raise UserError(str(exc)) from exc
    if args.json:
        print_json({"id": saved.id, **analysis.to_json()})
    else:
        print(f"saved {saved.id}\n")
        print(for_terminal(format_analysis(analysis)))
    return EXIT_OK


def _list(args: argparse.Namespace, ctx: CommandContext) -> int:
    try:
        rows = RejectionService(ctx.store).list(category=args.category, stage=args.stage)
    except TrackRecordError as exc:
        raise UserError(str(exc)) from exc
    if args.json:
        print_json([
            {"id": r.id, "company": r.company, "role": r.role, "stage": r.stage,
             "category": r.category, "date": r.date.isoformat(),
             "sting_before": r.sting_before, "sting_after": r.sting_after}
            for r in rows
        ])
        return EXIT_OK
    for r in rows:
        sting = _sting(r.sting_before, r.sting_after)
        role = f" \u2014 {r.role}" if r.role else ""
        print(for_terminal(f"{r.id[:8]}  {r.date.isoformat()}  {r.company}{role}  \u00b7 "
                           f"{STAGE_LABELS[r.stage]} \u00b7 {CATEGORY_LABELS[r.category]}{sting}"))
    return EXIT_OK


def _resolve(ctx: CommandContext, given: str) -> tuple[RejectionService, RejectionData]:
    service = RejectionService(ctx.store)
    try:
        return service, service.get(service.resolve_id(given))
    except TrackRecordError as exc:
        raise UserError(str(exc)) from exc


def _show(args: argparse.Namespace, ctx: CommandContext) -> int:
    service, rejection = _resolve(ctx, args.id)
    saved = Analysis.from_snapshot(rejection.snapshot) if rejection.snapshot else None
    practice = service.practice_items(rejection_id=rejection.id)
    thought = ThoughtService(ctx.store).get(rejection.id)
    if args.json:
        out = rejection.to_json()
        snapshot = out.pop("snapshot")
        out["practice"] = [p.to_json() for p in practice]
        out["shown_at"] = snapshot.get("shown_at") if snapshot else None
        out["analysis"] = saved.to_json() if saved else None
        out["thought_record"] = thought.to_json() if thought else None
        print_json(out)
        return EXIT_OK
    print(for_terminal(format_rejection(rejection)))
    if practice:
        print("\nPractice list")
        for p in practice:
            print(for_terminal(f"  [{'x' if p.done else ' '}] {p.text}"))
    if thought:
        print("\n" + for_terminal(thoughts.format_thought(thought, rejection.company)))
    if saved:
        shown = (rejection.snapshot or {}).get("shown_at", "")[:10]
        print(f"\nWhat was shown when it was logged{f' ({shown})' if shown else ''}\n")
        print(for_terminal(format_analysis(saved)))
    return EXIT_OK


def _delete(args: argparse.Namespace, ctx: CommandContext) -> int:
    service, rejection = _resolve(ctx, args.id)
    service.delete(rejection.id)
    print(for_terminal(f"deleted {rejection.id}  {rejection.company}"))
    return EXIT_OK


# -- plain-text views ---------------------------------------------------------------------------


def _sting(before: int | None, after: int | None) -> str:
    if before is None and after is None:
        return ""
    show = [str(v) if v is not None else "?" for v in (before, after)]
    return f" \u00b7 sting {show[0]} \u2192 {show[1]}"


def format_analysis(a: Analysis) -> str:
    """A readable plain-text view of an analysis (live or saved)."""
    label = CATEGORY_LABELS[a.category]
    if a.category_trigger and a.by_stage:
        head = (f"Category: {label} (from \u201c{a.category_trigger}\u201d: no phrase names a "
                f"kind of no, so the stage suggested it)")
    elif a.category_trigger:
        head = f"Category: {label} (suggested by \u201c{a.category_trigger}\u201d)"
    elif a.category != a.suggested_category:
        head = (f"Category: {label} (your choice; the feedback suggested "
                f"{CATEGORY_LABELS[a.suggested_category]})")
    else:
        head = f"Category: {label} (nothing in the feedback to go on)"
    out = [head]
    if a.second_category and a.second_category != a.category:
        out.append(f"Also reads as: {CATEGORY_LABELS[a.second_category]} "
                   f"(\u201c{a.second_trigger}\u201d)")
    out += [f"Stage: {STAGE_LABELS[a.stage]}", "", "Your evidence"]
    if not a.evidence:
        out.append("  (nothing in your track record yet)")
    for i, e in enumerate(a.evidence, 1):
        out.append(f"  {i}. {e.title}  \u00b7 {KIND_LABELS[e.kind]}, {e.start_date.year}"
                   f"  \u00b7 score {e.score:.2f}")
        out += [wrap(f"- {why}", "     ") for why in e.reasons]
    if a.gaps:
        out += ["", "Gaps"] + [wrap(f"- {g.message}", "  ") for g in a.gaps]
    r = a.reframe
    out += ["", r.headline, "=" * min(len(r.headline), TERMINAL_WIDTH), wrap(r.body)]
    out += ["", "Questions to ask yourself"] + [wrap(f"- {q}", "  ") for q in r.questions]
    out += ["", "Practise next"] + [wrap(f"- {p}", "  ") for p in r.practice]
    return "\n".join(out)


def format_rejection(r: RejectionData) -> str:
    role = f" \u2014 {r.role}" if r.role else ""
    lines = [
        f"{r.company}{role}",
        f"{r.stage_label} \u00b7 {r.date.isoformat()} \u00b7 {r.category_label}"
        f"{'' if r.category_confirmed else ' (suggested)'}{_sting(r.sting_before, r.sting_after)}",
        f"id: {r.id}",
    ]
    if r.level:
        lines.append(f"Level: {r.level}")
    if r.category_trigger:
        lines.append(f"Suggested by: \u201c{r.category_trigger}\u201d")
    if r.feedback.strip():
        lines += ["", "Feedback:", wrap(r.feedback.strip(), "  ")]
    if r.own_read.strip():
        lines += ["", "Your read:", wrap(r.own_read.strip(), "  ")]
    answered = [a for a in r.debrief if a.answer or a.note]
    if answered:
        lines += ["", "Debrief:"]
        for a in answered:
            answer = ANSWER_LABELS[a.answer] if a.answer else "\u2014"
            note = f" ({a.note})" if a.note else ""
            lines.append(f"  {DEBRIEF_LABELS[a.topic]}: {answer}{note}")
    return "\n".join(lines)
