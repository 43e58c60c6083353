"""``trackrecord check``: is the database file sound? Read-only, never writes."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from trackrecord.core.store.fulltext import FTS_TABLES
from trackrecord.core.store.read_only import connect_read_only


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
    """quick_check, integrity_check, foreign_key_check and the search index, in that order."""
    if not path.exists():
        return CheckReport(path, (CheckResult("file", False, "there is no database file"),))
    results: list[CheckResult] = []
    try:
        conn = connect_read_only(path)
    except sqlite3.DatabaseError as exc:
        return CheckReport(path, (CheckResult("open", False, str(exc)),))
    try:
        for pragma in ("quick_check", "integrity_check"):
            results.append(_pragma_check(conn, pragma))
        results.append(_foreign_keys(conn))
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


def _search_index(conn: sqlite3.Connection) -> CheckResult:
    # Read-only connections cannot run the FTS5 'integrity-check' command (it is an INSERT),
    # so compare how many rows each index holds with the entries it should cover.
    try:
        rows = conn.execute("SELECT count(*) FROM entries").fetchone()[0]
        problems = []
        for table in FTS_TABLES:
            indexed = conn.execute(f"SELECT count(*) FROM {table}_docsize").fetchone()[0]
            if indexed != rows:
                problems.append(f"{table} covers {indexed} of {rows} entries")
    except sqlite3.DatabaseError as exc:
        return CheckResult("search_index", False, str(exc))
    return CheckResult("search_index", not problems, "; ".join(problems) or "ok")
