"""The ``trackrecord`` command: no sub-command opens the app; sub-commands script the store.

Sub-commands live in ``trackrecord.commands``; each module registers its own parsers and
calls the same core services as the GUI.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from trackrecord import APP_NAME, __version__
from trackrecord.commands import backup as backup_commands
from trackrecord.commands import entries as entry_commands
from trackrecord.commands import export as export_commands
from trackrecord.commands import import_ as import_commands
from trackrecord.commands import rejections as rejection_commands
from trackrecord.commands import review as review_commands
from trackrecord.commands.base import EXIT_USAGE, CommandContext, UserError
from trackrecord.core.errors import TrackRecordError
from trackrecord.paths import DataDirError, DataPaths, resolve_data_dir

COMMAND_MODULES = (
    entry_commands, backup_commands, export_commands, import_commands, rejection_commands,
    review_commands,
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        # One clear line and exit 2, like every other bad input.
        self.exit(EXIT_USAGE, f"trackrecord: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="trackrecord",
        description=f"{APP_NAME}: your track record and rejection log, offline. "
        "With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"trackrecord {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="use this data folder (default: $TRACKRECORD_DATA_DIR, else the platform's)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open a throwaway copy of the sample track record (your data is not touched)",
    )
    parser.add_argument(
        "--exit-when-ready",
        action="store_true",
        help="open the window, list the entries, and exit once they are painted",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exited:  # --help, --version, or a usage error already printed
        return int(exited.code or 0)
    if args.command is None:
        return _run_gui(args)
    context = CommandContext(DataPaths(resolve_data_dir(args.data_dir)))
    try:
        return int(args.handler(args, context))
    except (UserError, DataDirError, TrackRecordError) as exc:
        print(f"trackrecord: {exc}", file=sys.stderr)
        return EXIT_USAGE
    finally:
        context.close()


def _run_gui(args: argparse.Namespace) -> int:
    from trackrecord.ui.app import run_gui  # Qt is imported only when a window is wanted

    if not args.demo:
        paths = DataPaths(resolve_data_dir(args.data_dir))
        return run_gui(paths, exit_when_ready=args.exit_when_ready)
    demo_root = Path(tempfile.mkdtemp(prefix="trackrecord-demo-"))
    try:
        paths = DataPaths(demo_root / "data")
        _fill_demo(paths)
        return run_gui(paths, exit_when_ready=args.exit_when_ready, demo=True)
    finally:
        shutil.rmtree(demo_root, ignore_errors=True)


def _fill_demo(paths: DataPaths) -> None:
    from trackrecord.core.db import open_store
    from trackrecord.core.demo import load_demo

    with open_store(paths) as store:
        load_demo(store)


if __name__ == "__main__":
    raise SystemExit(main())
