"""What is known about a backup: its name's time and reason, and the record kept beside it.

Each backup ``backup-….sqlite3`` has a small JSON file next to it (``….sqlite3.json``, the
sidecar) written when it was made: its row counts per table, a fingerprint of every table's
content, its schema version, and the file's size, inode and change time when it was
checked. A copy whose file is still exactly as then need not be read again to be listed; one
that changed is read and compared with what was recorded (see ``verify``).

Sidecars written before content fingerprints existed (version 1) hold the row counts and a
coarse fingerprint (row counts and newest change per table) only; docs/backup-format.md says
what is checked for them.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trackrecord.paths import PRIVATE_FILE_MODE

INFO_FORMAT = "trackrecord-backup-info"
INFO_VERSION = 2
_NAME = re.compile(r"^backup-(?P<stamp>\d{8}T\d{6}\d{6}Z)-(?P<reason>[a-z-]+)\.sqlite3$")
STAMP = "%Y%m%dT%H%M%S%fZ"
_NO_SPACE = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)


class BackupError(Exception):
    """A backup could not be made or used; the message is meant for people.

    ``out_of_space``: the disk (or quota) was full, so trying another way would not help.
    """

    def __init__(self, message: str, *, out_of_space: bool = False) -> None:
        super().__init__(message)
        self.out_of_space = out_of_space


def no_space(exc: BaseException) -> bool:
    """Whether ``exc`` (an OSError, or SQLite's own error) says the disk is full."""
    if isinstance(exc, OSError):
        return exc.errno in _NO_SPACE
    return isinstance(exc, sqlite3.Error) and "full" in str(exc).lower()


def write_failure(what: str, exc: BaseException) -> BackupError:
    """A BackupError saying why ``what`` could not be written, in words."""
    if no_space(exc):
        return BackupError(f"{what} could not be written: the disk is full; free some space "
                           "and try again (nothing was changed)", out_of_space=True)
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return BackupError(f"{what} could not be written: {reason} (nothing was changed)")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created_at: dt.datetime
    reason: str
    size: int
    counts: dict[str, int] = field(default_factory=dict)
    schema: str | None = None
    ok: bool = False
    problem: str = ""
    note: str = ""  # something worth knowing about how it was checked

    @property
    def offered(self) -> bool:
        """Only verified backups with something in them are ever offered for restore."""
        return self.ok and sum(self.counts.values()) > 0

    def to_json(self) -> dict[str, object]:
        return {
            "path": str(self.path),
            "created_at": self.created_at.isoformat(),
            "reason": self.reason,
            "size": self.size,
            "counts": self.counts,
            "schema": self.schema,
            "ok": self.ok,
            "offered": self.offered,
            "problem": self.problem,
            "note": self.note,
        }


@dataclass(frozen=True)
class Sidecar:
    """The record kept beside a backup."""

    info: BackupInfo
    version: int
    fingerprint: str | None  # coarse: tells "changed since the last backup" cheaply
    content: dict[str, str] | None  # per table; None in version 1 sidecars
    content_since: str | None  # when the content was recorded, if after the backup was made
    file: dict[str, int] | None  # the file's size, inode and change time when checked


def parse_name(path: Path) -> tuple[dt.datetime, str]:
    found = _NAME.match(path.name)
    if found:
        stamp = dt.datetime.strptime(found["stamp"], STAMP).replace(tzinfo=dt.UTC)
        return stamp, found["reason"]
    try:
        modified = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
    except OSError:
        modified = dt.datetime.fromtimestamp(0, dt.UTC)
    reason = "pre-migration" if path.name.startswith("pre-migration-") else "other"
    return modified, reason


def info_path(backup: Path) -> Path:
    return backup.with_name(backup.name + ".json")


def file_stamp(path: Path) -> dict[str, int] | None:
    """What changes whenever the file is written, renamed or replaced (ctime cannot be set
    back by hand, as mtime can)."""
    try:
        st = path.stat()
    except OSError:
        return None
    return {"size": st.st_size, "inode": st.st_ino, "ctime_ns": st.st_ctime_ns,
            "mtime_ns": st.st_mtime_ns}


def private_new_file(path: Path) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    os.close(fd)


def write_sidecar(info: BackupInfo, *, fingerprint: str | None, content: dict[str, str],
                  content_since: str | None = None) -> None:
    """Write (or rewrite) the record beside ``info.path``, atomically and private."""
    document: dict[str, Any] = {
        "format": INFO_FORMAT, "version": INFO_VERSION, **info.to_json(),
        "fingerprint": fingerprint, "content": content, "content_since": content_since,
        "file": file_stamp(info.path),
    }
    path = info_path(info.path)
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.unlink(missing_ok=True)
        private_new_file(tmp)
        tmp.write_text(json.dumps(document, indent=2, sort_keys=True), encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise write_failure(f"the record of {info.path.name}", exc) from exc


def read_sidecar(backup: Path) -> Sidecar | None:
    """The record beside ``backup``, or None when there is none (or it cannot be read)."""
    try:
        doc = json.loads(info_path(backup).read_text(encoding="utf-8"))
        if not isinstance(doc, dict) or doc.get("format") != INFO_FORMAT:
            return None
        version = int(doc.get("version", 1))
        info = BackupInfo(
            path=backup,
            created_at=dt.datetime.fromisoformat(doc["created_at"]),
            reason=str(doc["reason"]),
            size=int(doc["size"]),
            counts={str(k): int(v) for k, v in doc["counts"].items()},
            schema=doc.get("schema"),
            ok=bool(doc["ok"]),
            problem=str(doc.get("problem", "")),
            note=str(doc.get("note", "")),
        )
        content = doc.get("content") if version >= 2 else None
        stamp = doc.get("file") if version >= 2 else None
        return Sidecar(
            info=info, version=version,
            fingerprint=str(doc["fingerprint"]) if doc.get("fingerprint") else None,
            content={str(k): str(v) for k, v in content.items()} if content else None,
            content_since=doc.get("content_since"),
            file={str(k): int(v) for k, v in stamp.items()} if stamp else None,
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
