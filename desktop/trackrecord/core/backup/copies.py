"""Verified copies of the store: taking, listing and rotating them.

A backup is made with SQLite's online backup API (consistent even while the app writes, WAL
included), then checked (see ``verify``: sound pages, our application_id, exactly the schema
our migrations build, the same row counts as the source had at that moment) before it
counts. What was found, with a fingerprint of every table's content, is written next to it
in a small JSON file (see ``info``), so listing reads a copy again only when its file has
changed since — and then says how it differs.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from trackrecord.core.backup.info import (
    STAMP,
    BackupError,
    BackupInfo,
    Sidecar,
    file_stamp,
    info_path,
    private_new_file,
    read_sidecar,
    write_failure,
    write_sidecar,
)
from trackrecord.core.backup.verify import (
    content_digests,
    fingerprint,
    row_counts,
    verify,
    verify_with_content,
)
from trackrecord.core.store.read_only import connect_read_only
from trackrecord.paths import DataPaths, ensure_private_dir

__all__ = [
    "BackupError", "BackupInfo", "backups_to_keep", "changed_since_last_backup",
    "content_digests", "copy_database", "fingerprint", "latest_fingerprint", "list_backups",
    "make_backup", "new_backup_path", "rotate", "row_counts", "verify",
]

# Rotation may delete these, on its schedule; manual, pre-migration and pre-restore copies
# are kept forever. Copies taken before an import are rotated on the same schedule, apart
# from the automatic ones (so twenty imports do not leave twenty copies for ever, nor push
# the automatic ones out).
ROTATED_GROUPS: tuple[frozenset[str], ...] = (
    frozenset({"auto", "start", "quit"}),
    frozenset({"pre-import"}),
)
ROTATED_REASONS = frozenset().union(*ROTATED_GROUPS)


# -- making backups -----------------------------------------------------------------------


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def copy_database(source: Path, target: Path) -> tuple[dict[str, int], str]:
    """Copy ``source`` into the new file ``target`` (0600) and return its counts and print.

    The counts are read inside the same read transaction the copy is made from, so they
    describe exactly what was copied.
    """
    private_new_file(target)
    src = connect_read_only(source)
    dst = sqlite3.connect(target)
    try:
        src.execute("BEGIN")
        counts = row_counts(src)
        print_ = fingerprint(src)
        src.backup(dst)
        src.execute("COMMIT")
        dst.execute("PRAGMA journal_mode = DELETE")  # a backup is one self-contained file
    finally:
        dst.close()
        src.close()
    with target.open("rb") as fh:
        os.fsync(fh.fileno())
    return counts, print_


def new_backup_path(paths: DataPaths, reason: str, now: dt.datetime | None = None) -> Path:
    """Where a backup taken now for ``reason`` goes (the name carries time and reason)."""
    ensure_private_dir(paths.backups)
    moment = now or dt.datetime.now(dt.UTC)
    return paths.backups / f"backup-{moment.strftime(STAMP)}-{reason}.sqlite3"


def make_backup(
    paths: DataPaths,
    reason: str = "manual",
    *,
    target: Path | None = None,
    now: dt.datetime | None = None,
) -> BackupInfo:
    """Back up the store now; returns the verified result (``ok`` False if it failed checks).

    Raises BackupError when it cannot be written (``out_of_space`` when the disk is full);
    then nothing of it is left behind.
    """
    if not paths.database.exists():
        raise BackupError("there is no Track Record database here to back up yet")
    if not paths.database.is_file():
        what = "a folder" if paths.database.is_dir() else "not a regular file"
        raise BackupError(f"{paths.database} is {what}, not a database file, so it cannot be "
                          "backed up")
    if target is None:
        target = new_backup_path(paths, reason, now)
    if target.exists() or target.is_symlink():
        raise BackupError(f"{target} already exists; choose another name")
    try:
        counts, print_ = copy_database(paths.database, target)
    except (sqlite3.DatabaseError, OSError) as exc:
        target.unlink(missing_ok=True)
        raise write_failure("the backup", exc) from exc
    info, content = verify_with_content(target, expected_counts=counts)
    try:
        write_sidecar(info, fingerprint=print_, content=content)
        _fsync_dir(target.parent)
    except (BackupError, OSError) as exc:
        target.unlink(missing_ok=True)
        info_path(target).unlink(missing_ok=True)
        if isinstance(exc, BackupError):
            raise
        raise write_failure("the backup", exc) from exc
    return info


# -- listing ------------------------------------------------------------------------------


def describe(backup: Path) -> BackupInfo:
    """What is known of one backup now: its record, when the file is exactly as it was when
    checked; otherwise the result of checking it again against that record."""
    sidecar = read_sidecar(backup)
    if sidecar is not None and sidecar.content is not None and (
            sidecar.file is not None and sidecar.file == file_stamp(backup)):
        return sidecar.info
    info, content = verify_with_content(backup, sidecar)
    return _record(info, sidecar, content) if info.ok else info


def _record(info: BackupInfo, sidecar: Sidecar | None, content: dict[str, str]) -> BackupInfo:
    """Write what a check found into the record, so the next listing need not read the
    file again: the file's stamp, and its content when the record had none (a copy taken
    before a schema upgrade, or before records held content). A record that cannot be
    written is no loss: the file is checked again next time."""
    if sidecar is not None and sidecar.content is not None:
        since, digests = sidecar.content_since, sidecar.content
    else:
        since, digests = dt.datetime.now(dt.UTC).isoformat(), content
    if since:
        day = dt.datetime.fromisoformat(since).date().isoformat()
        before = ("only its row counts were on record, so a change that kept them could "
                  "not be seen" if sidecar is not None else "no record of it was kept")
        info = replace(info, note=f"its content has been on record only since {day}, when it "
                                  f"was first checked; before then {before}")
    with contextlib.suppress(BackupError):
        write_sidecar(info, fingerprint=sidecar.fingerprint if sidecar else None,
                      content=digests, content_since=since)
    return info


def list_backups(paths: DataPaths) -> list[BackupInfo]:
    """Every backup in the data folder, newest first, each checked against its record."""
    if not paths.backups.is_dir():
        return []
    found = [describe(file) for file in paths.backups.glob("*.sqlite3")]
    return sorted(found, key=lambda b: b.created_at, reverse=True)


def latest_fingerprint(paths: DataPaths) -> str | None:
    for info in list_backups(paths):
        if info.ok:
            try:
                doc = json.loads(info_path(info.path).read_text(encoding="utf-8"))
                return str(doc.get("fingerprint"))
            except (OSError, ValueError):
                return None
    return None


def changed_since_last_backup(paths: DataPaths) -> bool:
    if not paths.database.exists():
        return False
    conn = connect_read_only(paths.database)
    try:
        current = fingerprint(conn)
        counts = row_counts(conn)
    finally:
        conn.close()
    # Settings alone (a remembered export option) are not worth a copy of their own.
    has_data = any(n for table, n in counts.items() if table != "settings")
    return has_data and current != latest_fingerprint(paths)


# -- rotation -----------------------------------------------------------------------------


def backups_to_keep(created: Iterable[dt.datetime], now: dt.datetime) -> set[dt.datetime]:
    """Grandfather-father-son: the 12 newest, then the newest of each day for 14 days,
    each ISO week for 8 weeks and each month for 12 months."""
    newest_first = sorted(created, reverse=True)
    keep = set(newest_first[:12])
    seen: set[tuple[str, object]] = set()
    for moment in newest_first:
        age = now - moment
        for name, horizon, key in (
            ("day", dt.timedelta(days=14), moment.date()),
            ("week", dt.timedelta(weeks=8), moment.isocalendar()[:2]),
            ("month", dt.timedelta(days=366), (moment.year, moment.month)),
        ):
            if age <= horizon and (name, key) not in seen:
                seen.add((name, key))
                keep.add(moment)
    return keep


def rotate(paths: DataPaths, now: dt.datetime | None = None) -> list[Path]:
    """Delete automatic and pre-import backups the schedule no longer needs (each group on
    its own schedule); returns what was removed."""
    moment = now or dt.datetime.now(dt.UTC)
    listed = [b for b in list_backups(paths) if b.ok]
    removed = []
    for group in ROTATED_GROUPS:
        rotated = [b for b in listed if b.reason in group]
        keep = backups_to_keep((b.created_at for b in rotated), moment)
        for info in rotated:
            if info.created_at not in keep:
                info.path.unlink(missing_ok=True)
                info_path(info.path).unlink(missing_ok=True)
                removed.append(info.path)
    return removed
