"""Writing an exported file: private, atomic, never half-written, and never over your data.

The data goes to a temporary file in the target's own folder (so the final rename stays on
one file system), is flushed to disk, and then replaces the target in one step. The file is
owner-only from its first byte, like every file Track Record creates.

Every file the app writes on request (brag documents, the JSON backup, the confidence sheet,
a backup copied elsewhere) goes where ``check_target`` allows, and nowhere else: not over
the live database or its ``-wal``/``-shm`` files, not into the backups folder, not over
anything that is not a plain file (a folder, ``/dev/full``, a pipe, a symbolic link — the
rename would replace the link, or the device, with a regular file), and not over any file
that is a Track Record database, wherever it is.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from trackrecord.core.store.revisions import APPLICATION_ID
from trackrecord.paths import PRIVATE_FILE_MODE, DataPaths

SQLITE_MAGIC = b"SQLite format 3\x00"
# The data folder's own files, besides the database (see ui.shell.single_instance, paths).
_APP_FILES = (".trackrecord.lock", "ui-state.ini")


class ExportWriteError(OSError):
    """The file could not be written; the message names the file and the reason."""


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
    except ValueError:
        return False
    return True


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def protected_reason(path: Path, data: DataPaths) -> str | None:
    """Why writing ``path`` would harm Track Record's own files, or None."""
    real = Path(os.path.realpath(path))
    root = Path(os.path.realpath(data.root))
    db = data.database
    own = [db.with_name(db.name + suffix) for suffix in ("", "-wal", "-shm", "-journal")]
    for name, live in zip(("Track Record's own database",
                           "the -wal file of Track Record's database",
                           "the -shm file of Track Record's database",
                           "the journal of Track Record's database"),
                          own, strict=True):
        if real == Path(os.path.realpath(live)) or _same_file(path, live):
            return f"it is {name}"
    if real.parent == root and (real.name in _APP_FILES or real.name.startswith(db.name)):
        return "it is one of Track Record's own files in the data folder"
    if _inside(real, Path(os.path.realpath(data.backups))):
        return "it is in the backups folder, which holds only Track Record's own copies"
    return None


def _is_track_record_database(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            header = fh.read(72)
    except OSError:
        return False
    return (header.startswith(SQLITE_MAGIC) and len(header) == 72
            and int.from_bytes(header[68:72], "big") == APPLICATION_ID)


def check_target(path: Path, protect: DataPaths) -> None:
    """Refuse, before any work, a destination that cannot or must not be written.

    ``protect`` is the data folder in use: its database, the database's side files and the
    backups folder are never written over.
    """
    why = protected_reason(path, protect)
    if why is not None:
        raise ExportWriteError(f"{path} cannot be written: {why}; choose another file "
                               "(nothing was written)")
    try:
        st = path.lstat()
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise ExportWriteError(f"cannot write {path}: {exc.strerror or exc}") from exc
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise ExportWriteError(f"{path} is a folder; give a file name")
        if stat.S_ISLNK(st.st_mode):
            raise ExportWriteError(f"{path} is a symbolic link; give the file it points to, or "
                                   "a new name (nothing was written)")
        if not stat.S_ISREG(st.st_mode):
            raise ExportWriteError(f"{path} is not a regular file (a device or a pipe?); give "
                                   "a file name (nothing was written)")
        if _is_track_record_database(path):
            raise ExportWriteError(f"{path} is a Track Record database; writing over it would "
                                   "destroy it. Choose another file (nothing was written)")
    if not path.parent.is_dir():
        raise ExportWriteError(f"the folder {path.parent} does not exist")


def write_atomic(path: Path, data: bytes, *, protect: DataPaths) -> None:
    """Write ``data`` to ``path`` in one step, once ``check_target`` allows it."""
    check_target(path, protect)
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
        check_target(path, protect)  # (again: the folder may have changed meanwhile)
        os.replace(temp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        reason = exc.strerror or str(exc)
        if isinstance(exc, ExportWriteError):
            raise
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
