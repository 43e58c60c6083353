"""``trackrecord check``: is the database file sound? Read-only, never writes."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from trackrecord.core.store.fulltext import FTS_TABLES
from trackrecord.core.store.read_only import connect_read_only
from trackrecord.core.store.revisions import APPLICATION_ID, KNOWN_REVISIONS
from trackrecord.core.store.schema_shape import check_shape


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    detail: str


@dataclass(frozen=True)
class CheckReport:
    path: Path
    results: tuple[CheckResult, ...]

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.results)


def check_database(path: Path) -> CheckReport:
    """quick_check, integrity_check, foreign_key_check, the application id, the schema
    version and shape, and the search index, in that order."""
    if not path.exists():
        return CheckReport(path, (CheckResult("file", False, "there is no database file"),))
    if not path.is_file():
        what = "a folder" if path.is_dir() else "not a regular file"
        return CheckReport(path, (CheckResult("file", False, f"{path} is {what}, not a "
                                              "database file"),))
    results: list[CheckResult] = []
    try:
        conn = connect_read_only(path)
        conn.execute("PRAGMA trusted_schema = OFF")
    except sqlite3.DatabaseError as exc:
        return CheckReport(path, (CheckResult("open", False, str(exc)),))
    try:
        for pragma in ("quick_check", "integrity_check"):
            results.append(_pragma_check(conn, pragma))
        results.append(_foreign_keys(conn))
        results.append(_application_id(conn))
        version, revision = _schema_version(conn)
        results.append(version)
        results.append(_schema_shape(conn, revision))
        results.append(_search_index(conn))
    finally:
        conn.close()
    return CheckReport(path, tuple(results))


def _pragma_check(conn: sqlite3.Connection, pragma: str) -> CheckResult:
    try:
        rows = [str(r[0]) for r in conn.execute(f"PRAGMA {pragma}")]
    except sqlite3.DatabaseError as exc:
        return CheckResult(pragma, False, str(exc))
    ok = rows == ["ok"]
    return CheckResult(pragma, ok, "ok" if ok else "; ".join(rows[:5]))


def _foreign_keys(conn: sqlite3.Connection) -> CheckResult:
    try:
        rows = conn.execute("PRAGMA foreign_key_check").fetchall()
    except sqlite3.DatabaseError as exc:
        return CheckResult("foreign_key_check", False, str(exc))
    if not rows:
        return CheckResult("foreign_key_check", True, "ok")
    tables = sorted({str(r[0]) for r in rows})
    return CheckResult(
        "foreign_key_check", False, f"{len(rows)} broken reference(s) in {', '.join(tables)}"
    )


def search_index_problems(conn: sqlite3.Connection) -> list[str]:
    """Whether each search index covers every entry, in words (empty when it does).

    Read-only connections cannot run the FTS5 'integrity-check' command (it is an INSERT),
    so this compares how many rows each index holds with the entries it should cover.
    """
    try:
        rows = conn.execute("SELECT count(*) FROM entries").fetchone()[0]
        problems = []
        for table in FTS_TABLES:
            indexed = conn.execute(f"SELECT count(*) FROM {table}_docsize").fetchone()[0]
            if indexed != rows:
                problems.append(f"the search index {table} covers {indexed} of {rows} entries")
    except sqlite3.DatabaseError as exc:
        return [f"the search index cannot be read: {exc}"]
    return problems


def _search_index(conn: sqlite3.Connection) -> CheckResult:
    problems = search_index_problems(conn)
    return CheckResult("search_index", not problems, "; ".join(problems) or "ok")


def _application_id(conn: sqlite3.Connection) -> CheckResult:
    try:
        found = int(conn.execute("PRAGMA application_id").fetchone()[0])
    except sqlite3.DatabaseError as exc:
        return CheckResult("application_id", False, str(exc))
    if found != APPLICATION_ID:
        return CheckResult("application_id", False, f"{found:#x}: an SQLite database from "
                           "another program, not Track Record's")
    return CheckResult("application_id", True, "Track Record")


def _schema_version(conn: sqlite3.Connection) -> tuple[CheckResult, str | None]:
    """The migration table says which schema the file has; without it nothing can tell,
    and the app refuses to open (or upgrade) the file."""
    try:
        has_table = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                                 "AND name = 'alembic_version'").fetchone()
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone() if (
            has_table) else None
    except sqlite3.DatabaseError as exc:
        return CheckResult("schema_version", False, str(exc)), None
    if not has_table:
        return CheckResult("schema_version", False, "the alembic_version table is missing, so "
                           "the file's schema version is unknown"), None
    if row is None:
        return CheckResult("schema_version", False, "the alembic_version table is empty, so "
                           "the file's schema version is unknown"), None
    revision = str(row[0])
    if revision not in KNOWN_REVISIONS:
        return CheckResult("schema_version", False, f"{revision}, written by a newer version "
                           "of Track Record"), None
    return CheckResult("schema_version", True, revision), revision


def _schema_shape(conn: sqlite3.Connection, revision: str | None) -> CheckResult:
    if revision is None:
        return CheckResult("schema", False, "cannot be compared: the schema version is unknown")
    try:
        problems = check_shape(conn, revision)
    except sqlite3.DatabaseError as exc:
        return CheckResult("schema", False, str(exc))
    return CheckResult("schema", not problems,
                       "; ".join(problems) or "as Track Record's migrations make it")
