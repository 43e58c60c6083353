"""Verified copies of the store: taking, listing, rotating and restoring them.

A backup is made with SQLite's online backup API (consistent even while the app writes, WAL
included), then checked — integrity_check, our application_id, a schema this build knows,
and the same row counts as the source had at that moment — before it counts. What was found
is written next to it in a small JSON file, so listing never has to reopen every copy.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from trackrecord.core.store.fulltext import FTS_TABLES
from trackrecord.core.store.read_only import connect_read_only
from trackrecord.core.store.revisions import APPLICATION_ID, KNOWN_REVISIONS
from trackrecord.paths import PRIVATE_FILE_MODE, DataPaths, ensure_private_dir

INFO_FORMAT = "trackrecord-backup-info"
# Backups rotation may delete; manual, pre-migration and pre-restore copies are kept forever.
ROTATED_REASONS = frozenset({"auto", "start", "quit"})
_NAME = re.compile(r"^backup-(?P<stamp>\d{8}T\d{6}\d{6}Z)-(?P<reason>[a-z-]+)\.sqlite3$")
_STAMP = "%Y%m%dT%H%M%S%fZ"


class BackupError(Exception):
    """A backup could not be made or used; the message is meant for people."""


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
        }


def _user_tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name != 'alembic_version' ORDER BY name"
    ).fetchall()
    # The search indexes (and their shadow tables) are derived data, not the user's rows.
    return [str(r[0]) for r in rows if not str(r[0]).startswith(FTS_TABLES)]


def row_counts(conn: sqlite3.Connection) -> dict[str, int]:
    tables = _user_tables(conn)
    return {t: int(conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]) for t in tables}


def fingerprint(conn: sqlite3.Connection) -> str:
    """Changes whenever rows are added, removed or edited (edits move updated_at)."""
    parts: dict[str, list[object]] = {}
    for table in _user_tables(conn):
        cols = {r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')}
        latest = "max(updated_at)" if "updated_at" in cols else "NULL"
        count, newest = conn.execute(f'SELECT count(*), {latest} FROM "{table}"').fetchone()
        parts[table] = [count, newest]
    return json.dumps(parts, sort_keys=True)


def _schema(conn: sqlite3.Connection) -> str | None:
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        return None
    return str(row[0]) if row else None


def verify(path: Path, expected_counts: dict[str, int] | None = None) -> BackupInfo:
    """Check a backup file thoroughly; the result says whether it may be offered."""
    created, reason = _parse_name(path)
    size = path.stat().st_size if path.exists() else 0
    base = BackupInfo(path=path, created_at=created, reason=reason, size=size)
    if size == 0:
        return _flag(base, "the file is empty")
    try:
        conn = connect_read_only(path)
        try:
            if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                return _flag(base, "not a Track Record database")
            result = conn.execute("PRAGMA integrity_check").fetchone()[0]
            if result != "ok":
                return _flag(base, f"integrity check failed: {result}")
            schema = _schema(conn)
            counts = row_counts(conn)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return _flag(base, f"cannot be read: {exc}")
    info = BackupInfo(path, created, reason, size, counts, schema, ok=True)
    if schema not in KNOWN_REVISIONS:
        return _flag(info, f"written by a newer version of Track Record (schema {schema})")
    if expected_counts is not None and counts != expected_counts:
        return _flag(info, "row counts differ from the database it was copied from")
    if sum(counts.values()) == 0:
        return _flag(info, "it holds no data")
    return info


def _flag(info: BackupInfo, problem: str) -> BackupInfo:
    return BackupInfo(
        info.path, info.created_at, info.reason, info.size, info.counts, info.schema,
        ok=False, problem=problem,
    )


# -- making backups -----------------------------------------------------------------------


def _parse_name(path: Path) -> tuple[dt.datetime, str]:
    found = _NAME.match(path.name)
    if found:
        stamp = dt.datetime.strptime(found["stamp"], _STAMP).replace(tzinfo=dt.UTC)
        return stamp, found["reason"]
    modified = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC) if path.exists() else (
        dt.datetime.fromtimestamp(0, dt.UTC)
    )
    reason = "pre-migration" if path.name.startswith("pre-migration-") else "other"
    return modified, reason


def _info_path(backup: Path) -> Path:
    return backup.with_name(backup.name + ".json")


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _private_new_file(path: Path) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    os.close(fd)


def copy_database(source: Path, target: Path) -> tuple[dict[str, int], str]:
    """Copy ``source`` into the new file ``target`` (0600) and return its counts and print.

    The counts are read inside the same read transaction the copy is made from, so they
    describe exactly what was copied.
    """
    _private_new_file(target)
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
    return paths.backups / f"backup-{moment.strftime(_STAMP)}-{reason}.sqlite3"


def make_backup(
    paths: DataPaths,
    reason: str = "manual",
    *,
    target: Path | None = None,
    now: dt.datetime | None = None,
) -> BackupInfo:
    """Back up the store now; returns the verified result (``ok`` False if it failed checks)."""
    if not paths.database.exists():
        raise BackupError("there is no Track Record database here to back up yet")
    if target is None:
        target = new_backup_path(paths, reason, now)
    if target.exists():
        raise BackupError(f"{target} already exists; choose another name")
    try:
        counts, print_ = copy_database(paths.database, target)
    except (sqlite3.DatabaseError, OSError) as exc:
        target.unlink(missing_ok=True)
        raise BackupError(f"the backup could not be written: {exc}") from exc
    info = verify(target, expected_counts=counts)
    _write_info(info, print_)
    _fsync_dir(target.parent)
    return info


def _write_info(info: BackupInfo, print_: str) -> None:
    document = {"format": INFO_FORMAT, "version": 1, **info.to_json(), "fingerprint": print_}
    path = _info_path(info.path)
    tmp = path.with_name(path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    _private_new_file(tmp)
    tmp.write_text(json.dumps(document, indent=2, sort_keys=True), encoding="utf-8")
    os.replace(tmp, path)


def _read_info(backup: Path) -> BackupInfo | None:
    try:
        doc = json.loads(_info_path(backup).read_text(encoding="utf-8"))
        if doc.get("format") != INFO_FORMAT:
            return None
        return BackupInfo(
            path=backup,
            created_at=dt.datetime.fromisoformat(doc["created_at"]),
            reason=str(doc["reason"]),
            size=backup.stat().st_size,
            counts={str(k): int(v) for k, v in doc["counts"].items()},
            schema=doc.get("schema"),
            ok=bool(doc["ok"]) and backup.stat().st_size == int(doc["size"]),
            problem=str(doc.get("problem", "")),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def list_backups(paths: DataPaths) -> list[BackupInfo]:
    """Every backup in the data folder, newest first; unrecorded ones are verified now."""
    if not paths.backups.is_dir():
        return []
    found = []
    for file in paths.backups.glob("*.sqlite3"):
        found.append(_read_info(file) or verify(file))
    return sorted(found, key=lambda b: b.created_at, reverse=True)


def latest_fingerprint(paths: DataPaths) -> str | None:
    for info in list_backups(paths):
        if info.ok:
            try:
                doc = json.loads(_info_path(info.path).read_text(encoding="utf-8"))
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
    """Delete automatic backups the schedule no longer needs; returns what was removed."""
    moment = now or dt.datetime.now(dt.UTC)
    rotated = [b for b in list_backups(paths) if b.reason in ROTATED_REASONS and b.ok]
    keep = backups_to_keep((b.created_at for b in rotated), moment)
    removed = []
    for info in rotated:
        if info.created_at not in keep:
            info.path.unlink(missing_ok=True)
            _info_path(info.path).unlink(missing_ok=True)
            removed.append(info.path)
    return removed
