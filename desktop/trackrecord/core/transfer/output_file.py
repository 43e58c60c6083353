"""Writing an exported file: private, atomic, and never half-written.

The data goes to a temporary file in the target's own folder (so the final rename stays on
one file system), is flushed to disk, and then replaces the target in one step. The file is
owner-only from its first byte, like every file Track Record creates.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from trackrecord.paths import PRIVATE_FILE_MODE


class ExportWriteError(OSError):
    """The file could not be written; the message names the file and the reason."""


def check_target(path: Path) -> None:
    """Refuse before any work when the file cannot be written where asked."""
    if path.is_dir():
        raise ExportWriteError(f"{path} is a folder; give a file name")
    if not path.parent.is_dir():
        raise ExportWriteError(f"the folder {path.parent} does not exist")


def write_atomic(path: Path, data: bytes) -> None:
    check_target(path)
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise ExportWriteError(f"could not write {path}: {exc.strerror or exc}") from exc
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(temp, PRIVATE_FILE_MODE)  # mkstemp already does; be explicit about it
        os.replace(temp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        reason = exc.strerror or str(exc)
        raise ExportWriteError(f"could not write {path}: {reason}") from exc
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows it (POSIX)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
