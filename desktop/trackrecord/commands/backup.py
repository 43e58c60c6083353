"""``backup``, ``backups``, ``restore``, ``check``: keeping the store safe from the shell."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from trackrecord.commands.base import EXIT_OK, CommandContext, UserError, print_json
from trackrecord.commands.window_lock import no_window_open
from trackrecord.core.backup.copies import BackupError, list_backups, make_backup
from trackrecord.core.backup.restore import restore_backup
from trackrecord.core.store.file_state import StoreError, inspect_file
from trackrecord.core.store.integrity import check_database
from trackrecord.core.transfer.output_file import ExportWriteError, check_target

EXIT_CHECK_FAILED = 1


def register(sub: argparse._SubParsersAction[Any]) -> None:
    backup = sub.add_parser("backup", help="take a verified backup now")
    backup.add_argument("--to", type=Path, metavar="FILE", help="write it here instead")
    backup.set_defaults(handler=_backup)

    backups = sub.add_parser("backups", help="list backups, newest first")
    backups.add_argument("--json", action="store_true")
    backups.set_defaults(handler=_backups)

    restore = sub.add_parser("restore", help="replace your data with a backup (kept safe first)")
    restore.add_argument("backup", type=Path, help="a file from 'trackrecord backups'")
    restore.set_defaults(handler=_restore)

    check = sub.add_parser("check", help="check the database; exit 0 only if all is well")
    check.set_defaults(handler=_check)


def _backup(args: argparse.Namespace, ctx: CommandContext) -> int:
    ctx.paths.ensure()
    target: Path | None = args.to.expanduser() if args.to is not None else None
    try:
        if target is not None:
            check_target(target, ctx.paths)  # never over the data, a device, a link...
        db = ctx.paths.database
        if db.exists() or db.is_symlink():
            inspect_file(db)  # a store the app would refuse is refused here, in its words
        info = make_backup(ctx.paths, "manual", target=target)
    except (BackupError, ExportWriteError, StoreError) as exc:
        raise UserError(str(exc)) from exc
    if not info.ok:
        raise UserError(f"the backup at {info.path} failed verification: {info.problem}")
    total = sum(info.counts.values())
    print(f"{info.path}  ({_size(info.size)}, {total} rows, verified)")
    return EXIT_OK


def _backups(args: argparse.Namespace, ctx: CommandContext) -> int:
    found = list_backups(ctx.paths)
    if args.json:
        print_json([b.to_json() for b in found])
        return EXIT_OK
    for b in found:
        state = "ok" if b.offered else f"NOT USABLE: {b.problem}"
        counts = ", ".join(f"{n} {table}" for table, n in b.counts.items() if n)
        when = b.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
        print(f"{when}  {b.reason:<13} {_size(b.size):>8}  {state}  {counts}\n    {b.path}")
        if b.offered and b.note:
            print(f"    note: {b.note}")
    if not found:
        print("no backups yet")
    return EXIT_OK


def _restore(args: argparse.Namespace, ctx: CommandContext) -> int:
    ctx.paths.ensure()
    given: Path = args.backup
    backup = given if given.exists() else ctx.paths.backups / given.name
    if not backup.exists():
        raise UserError(f"no backup at {given}")
    with no_window_open(ctx.paths, "restoring a backup", "File ▸ Backups…"):
        try:
            restored, safety = restore_backup(ctx.paths, backup)
        except BackupError as exc:
            raise UserError(str(exc)) from exc
    if safety is not None:
        print(f"what was there before is kept in {safety.path}")
    print(f"restored {restored.path.name} ({sum(restored.counts.values())} rows)")
    if restored.note:
        print(f"note: {restored.note}")
    return EXIT_OK


def _check(args: argparse.Namespace, ctx: CommandContext) -> int:
    report = check_database(ctx.paths.database)
    for result in report.results:
        print(f"{'ok  ' if result.ok else 'FAIL'}  {result.name}: {result.detail}")
    print("the database is sound" if report.ok else "the database has problems (see above)")
    return EXIT_OK if report.ok else EXIT_CHECK_FAILED


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB"):
        if n < 1024:
            return f"{n:.0f} {unit}"
        n //= 1024
    return f"{n} GB"
