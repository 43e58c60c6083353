"""What every sub-command shares: the open store, errors, dates and output helpers."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import Any

from trackrecord.commands import EXIT_OK, EXIT_USAGE  # noqa: F401  (re-exported)
from trackrecord.core.store.db import Store, StoreError, open_store
from trackrecord.paths import DataPaths


class UserError(Exception):
    """Bad input or an unusable store: one line on stderr, exit status 2, nothing written."""


class CommandContext:
    """Opens the store on first use, so ``--help`` and bad arguments never touch it."""

    def __init__(self, paths: DataPaths) -> None:
        self.paths = paths
        self._store: Store | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            try:
                self._store = open_store(self.paths)
            except StoreError as exc:
                raise UserError(str(exc)) from exc
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


def date_arg(value: str) -> dt.date:
    """argparse type: a YYYY-MM-DD date, with a message people understand."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date written YYYY-MM-DD") from None


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False, sort_keys=False)
    sys.stdout.write("\n")


def read_text_arg(value: str | None) -> str | None:
    """``-`` means: read the text from standard input."""
    if value == "-":
        return sys.stdin.read()
    return value




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
