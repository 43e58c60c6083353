"""``capture`` (the weekly "what did you get done?" in a terminal) and ``git-scan`` (wins
proposed from local git history, kept as entries unless ``--dry-run``)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from trackrecord.commands.base import EXIT_OK, CommandContext, UserError, date_arg, print_json
from trackrecord.core.errors import TrackRecordError
from trackrecord.core.record.kinds import KIND_LABELS, KINDS

PIECES = ("branch", "release", "run", "week")


def register(sub: argparse._SubParsersAction[Any]) -> None:
    cap = sub.add_parser(
        "capture", help="what did you get done this week? a few one-line wins become entries",
        description="The weekly prompt in a terminal: type one win a line (an empty line "
        "ends). Each becomes an entry dated today, its kind guessed from its words; start a "
        "line with a kind and a colon to choose it ('incident: fixed the login outage'). "
        "In a terminal it asks to confirm each kind and offers to add a number.")
    cap.add_argument("--win", action="append", metavar="TEXT",
                     help="a win, instead of typing them; repeat for several")
    cap.add_argument("--date", type=date_arg, metavar="YYYY-MM-DD", help="default today")
    cap.add_argument("--json", action="store_true", help="print the entries made as JSON")
    cap.set_defaults(handler=_capture)

    git = sub.add_parser(
        "git-scan", help="propose wins from local git history (read-only, offline)",
        description="Read your commits in local repositories (or folders holding them) "
        "and propose entries: merged branches, release tags, runs of work on one area, and "
        "the rest week by week, with their numbers. Repositories are only read, never "
        "changed, and nothing goes over the network. Without --dry-run the drafts are kept "
        "as entries; a draft kept before is never proposed again.")
    git.add_argument("repo", nargs="+", metavar="REPO", type=Path)
    git.add_argument("--since", type=date_arg, metavar="YYYY-MM-DD")
    git.add_argument("--until", type=date_arg, metavar="YYYY-MM-DD")
    git.add_argument("--author", action="append", metavar="EMAIL",
                     help="whose commits (default: each repository's user.email); repeat "
                     "for several identities")
    git.add_argument("--only", action="append", choices=PIECES,
                     help="keep only these pieces of work; repeat for several")
    git.add_argument("--dry-run", action="store_true", help="list the drafts, keep nothing")
    git.add_argument("--json", action="store_true")
    git.set_defaults(handler=_git_scan)


# -- capture -----------------------------------------------------------------------------


def _ask(prompt: str) -> str | None:
    try:
        return input(prompt)
    except EOFError:
        return None


def _read_wins(interactive: bool) -> list[str]:
    if not interactive:
        return [line.strip() for line in sys.stdin.read().splitlines() if line.strip()]
    print("What did you get done this week? One win a line; an empty line ends.")
    lines = []
    while (line := _ask("  win: ")) is not None and line.strip():
        lines.append(line.strip())
    return lines


def _choose(text: str, interactive: bool) -> tuple[str, str, str]:
    """(kind, title, metrics) for one line."""
    from trackrecord.core.capture.numbers import number_examples
    from trackrecord.core.capture.quick import guess_kind, split_kind

    chosen, title = split_kind(text)
    guess = guess_kind(title)
    kind = chosen or guess.kind
    if not interactive:
        return kind, title, ""
    why = f" (from \u201c{guess.word}\u201d)" if guess.word and not chosen else ""
    answer = _ask(f"  \u201c{title}\u201d: {KIND_LABELS[kind]}{why}. Enter to keep, or type "
                  f"{'/'.join(KINDS)}: ") or ""
    if answer.strip():
        from trackrecord.core.record.kinds import KIND_REGISTRY

        kind = KIND_REGISTRY.parse(answer)
    examples = number_examples(kind, "", "")
    metrics = ""
    if examples:
        metrics = _ask(f"    a number for it? e.g. {'; '.join(examples)} (Enter to skip): ") or ""
    return kind, title, metrics


def _capture(args: argparse.Namespace, ctx: CommandContext) -> int:
    from trackrecord.core.capture.quick import MAX_WINS, Win, capture_wins
    from trackrecord.core.capture.weekly import WeeklyNudge
    from trackrecord.core.record.entries import EntryService

    interactive = not args.win and sys.stdin.isatty()
    lines = list(args.win or ()) or _read_wins(interactive)
    if not lines:
        print("nothing captured")
        return EXIT_OK
    if len(lines) > MAX_WINS:
        raise UserError(f"at most {MAX_WINS} wins at a time; nothing was saved")
    try:
        wins = [Win(title, kind, metrics)
                for kind, title, metrics in (_choose(line, interactive) for line in lines)]
        made = capture_wins(EntryService(ctx.store), wins, args.date or dt.date.today())
        WeeklyNudge(ctx.store).answered()
    except TrackRecordError as exc:
        raise UserError(f"{exc}; nothing was saved") from exc
    if args.json:
        print_json([e.to_json() for e in made])
        return EXIT_OK
    for entry in made:
        print(f"added {entry.id[:8]} \u00b7 {KIND_LABELS[entry.kind]} \u00b7 {entry.title}")
    return EXIT_OK


# -- git-scan ----------------------------------------------------------------------------


def _git_scan(args: argparse.Namespace, ctx: CommandContext) -> int:
    from trackrecord.core.capture.git_keep import keep, scan

    if args.since and args.until and args.since > args.until:
        raise UserError("--since is after --until")
    try:
        result = scan(ctx.store, args.repo, authors=args.author or (), since=args.since,
                      until=args.until)
    except TrackRecordError as exc:
        raise UserError(str(exc)) from exc
    for problem in result.problems:
        print(f"trackrecord: {problem}", file=sys.stderr)
    drafts = [d for d in result.drafts if not args.only or d.piece in args.only]
    made = []
    if drafts and not args.dry_run:
        try:
            made = keep(ctx.store, drafts)
        except TrackRecordError as exc:
            raise UserError(f"{exc}; nothing was kept") from exc
    if args.json:
        print_json({"commits_read": result.commits_read, "kept": not args.dry_run,
                    "problems": list(result.problems),
                    "authors": {k: list(v) for k, v in result.authors.items()},
                    "drafts": [{"key": d.key, "piece": d.piece, "repository": d.repository,
                                "commits": len(d.commits), "metrics": d.metrics,
                                **{k: (v.isoformat() if isinstance(v, dt.date) else v)
                                   for k, v in d.values().items()}} for d in drafts]})
        return EXIT_OK
    for d in drafts:
        print(f"  {d.piece:<8} {d.start_date} {KIND_LABELS[d.kind]:<16} {d.title} \u00b7 "
              f"{d.metrics}")
    who = "; ".join(f"{Path(k).name}: {', '.join(v)}" for k, v in result.authors.items())
    print(f"read {result.commits_read} commits ({who or 'no repository read'}); "
          f"{len(drafts)} drafts " + ("(dry run: nothing was kept)" if args.dry_run
                                      else f"kept as {len(made)} entries"))
    return EXIT_OK
