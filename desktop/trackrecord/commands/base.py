"""What every sub-command shares: the open store, errors, dates and output helpers."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trackrecord.commands import EXIT_OK, EXIT_USAGE  # noqa: F401  (re-exported)
from trackrecord.core.errors import ValidationError
from trackrecord.core.store.db import Store, open_store
from trackrecord.core.store.file_state import StoreError
from trackrecord.core.store.input_rules import parse_day
from trackrecord.paths import DataPaths

if TYPE_CHECKING:
    import tempfile


class UserError(Exception):
    """Bad input or an unusable store: one line on stderr, exit status 2, nothing written."""


class CommandContext:
    """Opens the store on first use, so ``--help`` and bad arguments never touch it."""

    def __init__(self, paths: DataPaths) -> None:
        self.paths = paths
        self._store: Store | None = None
        self._scratch: tempfile.TemporaryDirectory[str] | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            try:
                # (A read-only folder still lists, shows and exports; writes are refused.)
                self._store = open_store(self.paths, read_only_ok=True)
            except StoreError as exc:
                raise UserError(str(exc)) from exc
        return self._store

    def store_to_compare(self) -> Store:
        """The store, for a command that only reads and compares (``import --dry-run``):
        where there is no database yet, an empty one in a temporary folder, so that nothing
        is created in the data folder (nor the folder itself)."""
        if self.paths.database.exists():
            return self.store
        if self._scratch is None:
            import tempfile

            self._scratch = tempfile.TemporaryDirectory(prefix="trackrecord-preview-")
            try:
                self._store = open_store(DataPaths(Path(self._scratch.name) / "data"))
            except StoreError as exc:
                raise UserError(str(exc)) from exc
        assert self._store is not None
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
        if self._scratch is not None:
            self._scratch.cleanup()
            self._scratch = None


def date_arg(value: str) -> dt.date:
    """argparse type: a YYYY-MM-DD date (only that: not 20240301 or 2024-W10-1), with a
    message people understand."""
    try:
        return parse_day(value)
    except ValidationError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date written YYYY-MM-DD") from None


_TERMINAL_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def for_terminal(text: str) -> str:
    """Text as printed on a terminal: control characters shown as ``\\x1b`` rather than
    sent. The store never takes them now, but a file written by an older version or by
    another program may still hold some, and ESC would reach the terminal as an escape."""
    return _TERMINAL_CONTROLS.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False, sort_keys=False)
    sys.stdout.write("\n")


def read_text_arg(value: str | None) -> str | None:
    """``-`` means: read the text from standard input, which must be UTF-8 text."""
    if value != "-":
        return value
    raw = getattr(sys.stdin, "buffer", None)
    if raw is None:  # (a test's StringIO: already text)
        return sys.stdin.read()
    data = raw.read()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserError(
            f"standard input is not UTF-8 text (byte {data[exc.start]:#04x} at position "
            f"{exc.start}); nothing was saved") from None




ENV_PASSPHRASE = "TRACKRECORD_PASSPHRASE"


def passphrase(*, confirm: bool) -> str:
    """A sealed backup's passphrase: from TRACKRECORD_PASSPHRASE (for scripts), else asked on
    the terminal without echo (twice when sealing, so a typo does not lock the file)."""
    import getpass
    import os

    given = os.environ.get(ENV_PASSPHRASE)
    if given:
        return given
    if not sys.stdin.isatty():
        raise UserError(f"a sealed backup needs a passphrase: set {ENV_PASSPHRASE} or run "
                        "this in a terminal")
    try:
        first = getpass.getpass("Passphrase: ")
        if confirm and getpass.getpass("The same passphrase again: ") != first:
            raise UserError("the two passphrases differ; nothing was written")
    except (EOFError, KeyboardInterrupt):
        raise UserError("no passphrase given; nothing was written") from None
    return first


def write_stdout_bytes(data: bytes) -> None:
    """Documents go out as the UTF-8 bytes they are, whatever the terminal's encoding."""
    sys.stdout.flush()
    raw = getattr(sys.stdout, "buffer", None)
    if raw is None:
        sys.stdout.write(data.decode("utf-8"))
    else:
        raw.write(data)
        raw.flush()


TERMINAL_WIDTH = 88


def wrap(text: str, indent: str = "") -> str:
    """Paragraphs wrapped for the terminal; a "- " bullet's lines hang under its text."""
    import textwrap

    lines: list[str] = []
    for paragraph in text.split("\n"):
        bullet = paragraph.startswith("- ")
        lines += textwrap.wrap(
            paragraph, TERMINAL_WIDTH, initial_indent=indent,
            subsequent_indent=indent + ("  " if bullet else ""),
        ) or [""]
    return "\n".join(lines)
