"""Commands that replace the data never run behind an open window's back.

``restore`` swaps the database file, and ``import --mode replace`` empties it: a window open
on the folder would go on showing (and saving into) what was there, and what it saved after
a restore would reach only the old, deleted file. The window holds a lock file in the data
folder (``ui.shell.single_instance``); these commands take the same lock for as long as they
work. While a window holds it they refuse, naming it; while they hold it, no window opens.

(Handing the work to the window instead was considered: the command could not then say
truthfully what happened, and the swap would land under whatever the person was typing.
The window's own File ▸ Backups… and File ▸ Import… do the same thing safely.)
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from trackrecord.commands.base import UserError
from trackrecord.paths import DataPaths, make_private


@contextmanager
def no_window_open(paths: DataPaths, doing: str, instead: str) -> Iterator[None]:
    """Hold the data folder's lock while the body runs; UserError if a window has it.

    ``doing`` says what would be replaced ("restoring a backup"), ``instead`` where to do
    it in the window ("File ▸ Backups…").
    """
    if not paths.root.is_dir():  # no folder: no window either (the command explains)
        yield
        return
    from PySide6.QtCore import QLockFile  # Qt's own lock, so both sides read it alike

    from trackrecord.ui.shell.single_instance import LOCK_NAME

    lock = QLockFile(str(paths.root / LOCK_NAME))
    lock.setStaleLockTime(0)  # as the window does: a live owner keeps it (a dead one does not)
    if not lock.tryLock(0):
        if lock.error() == QLockFile.LockError.LockFailedError:
            pid, host, _app = lock.getLockInfo()
            owner = f"process {pid}" + (f" on {host}" if host else "") if pid else "it"
            raise UserError(
                f"a Track Record window is open on {paths.root} ({owner}), and {doing} would "
                f"replace the data under it. Quit the window and run this again, or use "
                f"{instead} in it (nothing was changed; if no window is open, another restore "
                "or import is running: wait for it)")
        raise UserError(f"cannot take the lock of the data folder {paths.root} (is it "
                        "read-only?); nothing was changed")
    try:
        make_private(paths.root / LOCK_NAME)
        yield
    finally:
        lock.unlock()
