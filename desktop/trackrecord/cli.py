"""The ``trackrecord`` command: no sub-command opens the app; sub-commands script the store.

Sub-commands live in ``trackrecord.commands``; each module registers its own parsers and
calls the same core services as the GUI.
"""

from __future__ import annotations

import argparse
import importlib
import os
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from trackrecord import APP_NAME, __version__
from trackrecord.commands import COMMANDS, EXIT_USAGE
from trackrecord.core.errors import TrackRecordError
from trackrecord.paths import DataDirError, DataPaths, is_text, resolve_data_dir, undecodable


def command_modules(command: str | None = None) -> list[ModuleType]:
    """The modules that register the sub-commands, imported only when one is wanted: just
    the named command's module when it is known (the others import most of the core), all
    of them otherwise (``--help`` lists them, and a typo is answered with the choices)."""
    if command is not None and command in COMMANDS:
        names = [COMMANDS[command]]
    else:
        names = list(dict.fromkeys(COMMANDS.values()))
    return [importlib.import_module(f"trackrecord.commands.{name}") for name in names]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        # One clear line and exit 2, like every other bad input.
        self.exit(EXIT_USAGE, f"trackrecord: {message}\n")


def build_parser(
    *, with_commands: bool = True, command: str | None = None
) -> argparse.ArgumentParser:
    """The parser; ``command`` (a word from the command line) limits the sub-commands built
    to the one it names, when it names one."""
    parser = _Parser(
        prog="trackrecord",
        description=f"{APP_NAME}: your track record and rejection log, offline. "
        "With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"trackrecord {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        type=_data_dir,
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
    # For the start-up benchmark: exit at the window's first paint (before the store is
    # open), or once the entries are painted and SQLAlchemy has loaded.
    parser.add_argument("--exit-at", choices=("painted", "settled"), help=argparse.SUPPRESS)
    if with_commands:
        sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
        for module in command_modules(command):
            module.register(sub)
    return parser


def _data_dir(value: str) -> str:
    try:
        resolve_data_dir(value)
    except DataDirError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return value


def undecodable_argument(argv: Sequence[str]) -> str | None:
    """A sentence about the first argument that is not UTF-8 text, if any.

    Python hands such bytes over as lone surrogates, which no database or file can store: a
    title, a tag or a file name made of them is refused here, before anything is read.
    """
    for number, word in enumerate(argv, start=1):
        if not is_text(word):
            return (f"argument {number} holds bytes that are not UTF-8 text "
                    f"({undecodable(word)}); Track Record reads its arguments as UTF-8 "
                    "(nothing was changed)")
    return None


def _first_word(argv: Sequence[str]) -> str | None:
    """The first word that is not one of the app's own options: a sub-command (or a typo),
    or ``-h``/``--help``. None when the app alone is wanted."""
    words = iter(argv)
    for word in words:
        if word in ("--data-dir", "--exit-at"):  # (options that take a value)
            next(words, None)
        elif word in ("-h", "--help") or not word.startswith("-"):
            return word
    return None


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    refused = undecodable_argument(words)
    if refused is not None:
        print(f"trackrecord: {refused}", file=sys.stderr)
        return EXIT_USAGE
    try:
        first = _first_word(words)
        args = build_parser(with_commands=first is not None, command=first).parse_args(words)
    except SystemExit as exited:  # --help, --version, or a usage error already printed
        return int(exited.code or 0)
    if getattr(args, "command", None) is None:
        return _run_gui(args)
    if args.demo:
        return _run_demo_command(args)
    try:
        paths = DataPaths(resolve_data_dir(args.data_dir))
    except DataDirError as exc:
        print(f"trackrecord: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return _run_command(args, paths)


def _run_command(args: argparse.Namespace, paths: DataPaths) -> int:
    from trackrecord.commands.base import CommandContext, UserError, for_terminal

    context = CommandContext(paths)
    try:
        return int(args.handler(args, context))
    except BrokenPipeError:
        # The reader went away (`trackrecord list | head`): nothing more to say to it.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except (UserError, DataDirError, TrackRecordError) as exc:
        # (A message may quote a file's own bytes: none of them reaches the terminal raw.)
        print(f"trackrecord: {for_terminal(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    finally:
        context.close()


def _run_gui(args: argparse.Namespace) -> int:
    from trackrecord.ui.shell.app import run_gui  # Qt is imported only when a window is wanted

    if not args.demo:
        try:
            paths = DataPaths(resolve_data_dir(args.data_dir))
        except DataDirError as exc:
            print(f"trackrecord: {exc}", file=sys.stderr)
            return EXIT_USAGE
        return run_gui(paths, exit_when_ready=args.exit_when_ready, exit_at=args.exit_at)
    demo_root = Path(tempfile.mkdtemp(prefix="trackrecord-demo-"))
    try:
        paths = DataPaths(demo_root / "data")
        _fill_demo(paths)
        return run_gui(paths, exit_when_ready=args.exit_when_ready, demo=True)
    finally:
        shutil.rmtree(demo_root, ignore_errors=True)


def _run_demo_command(args: argparse.Namespace) -> int:
    """``trackrecord --demo COMMAND``: the command on a throwaway copy of the sample data, as
    the window does with --demo, so every example can be tried before typing anything of your
    own (``--demo review --stage coding -o sheet.pdf``). Files it writes elsewhere (-o) are
    kept; the copy itself, and any change to it, is gone when the command ends."""
    if args.data_dir:
        print("trackrecord: --demo uses a throwaway copy of the sample data; leave out "
              "--data-dir, or --demo to use your own", file=sys.stderr)
        return EXIT_USAGE
    demo_root = Path(tempfile.mkdtemp(prefix="trackrecord-demo-"))
    try:
        paths = DataPaths(demo_root / "data")
        _fill_demo(paths)
        print("trackrecord: demo data (a throwaway copy of the sample track record: "
              "nothing it changes is kept)", file=sys.stderr)
        return _run_command(args, paths)
    finally:
        shutil.rmtree(demo_root, ignore_errors=True)


def _fill_demo(paths: DataPaths) -> None:
    from trackrecord.core.demo import load_demo
    from trackrecord.core.store.db import open_store

    with open_store(paths) as store:
        load_demo(store, with_rejections=True)


if __name__ == "__main__":
    raise SystemExit(main())
