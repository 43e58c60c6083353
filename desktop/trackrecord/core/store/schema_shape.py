"""The shape of a store's schema, compared with what the app's own migrations build.

A copy of the database is only as trustworthy as its schema: a trigger someone added
(``AFTER INSERT ON entries BEGIN DELETE FROM entries ...``) would run inside the app on the
next change. So a backup is restored only when every table, index, trigger and view in it is
one the migrations make for its schema version, with the same columns, keys and indexes.

The shapes the migrations build are kept in ``schema_shapes.json`` (one per revision), so
checking a file needs no Alembic; a test builds them again from the migrations and fails when
the two differ (``python -m trackrecord.core.store.schema_shape`` writes the file anew).

Shapes are read through SQLite's own pragmas, not compared as the ``CREATE`` text, which
another SQLAlchemy version may word differently for the same table.
"""

from __future__ import annotations

import functools
import json
import re
import sqlite3
from importlib import resources
from pathlib import Path
from typing import Any

Shape = dict[str, Any]  # "table entries" -> what SQLite reports about it

SHAPES_FILE = "schema_shapes.json"
_SPACE = re.compile(r"\s+")


def read_shape(conn: sqlite3.Connection) -> Shape:
    """Every object in ``sqlite_master`` (but SQLite's statistics), with its details."""
    rows = conn.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master "
        "WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name").fetchall()
    shape: Shape = {}
    for kind, name, table, sql in rows:
        key = f"{kind} {name}"
        if kind == "table" and str(sql or "").upper().startswith("CREATE VIRTUAL TABLE"):
            shape[key] = {"virtual": _SPACE.sub(" ", str(sql)).strip()}
        elif kind == "table":
            shape[key] = _table(conn, name)
        elif kind == "index":
            shape[key] = _index(conn, name, table)
        else:  # trigger, view: the app makes none, so any is a difference
            shape[key] = {"on": table, "sql": _SPACE.sub(" ", str(sql or "")).strip()}
    return shape


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _table(conn: sqlite3.Connection, name: str) -> dict[str, Any]:
    columns = [list(r[1:]) for r in conn.execute(f"PRAGMA table_xinfo({_quoted(name)})")]
    keys = sorted(list(r[2:]) for r in conn.execute(
        f"PRAGMA foreign_key_list({_quoted(name)})"))
    return {"columns": columns, "foreign_keys": keys}


def _index(conn: sqlite3.Connection, name: str, table: str) -> dict[str, Any]:
    listed = {r[1]: list(r[2:]) for r in conn.execute(f"PRAGMA index_list({_quoted(table)})")}
    columns = [list(r[1:]) for r in conn.execute(f"PRAGMA index_xinfo({_quoted(name)})")]
    return {"on": table, "unique_origin_partial": listed.get(name), "columns": columns}


def _label(key: str) -> str:
    kind, _, name = key.partition(" ")
    return f"the {kind} {name}"


def differences(actual: Shape, expected: Shape) -> list[str]:
    """What differs, one phrase each, extra objects first (the dangerous ones)."""
    found = []
    for key in sorted(set(actual) - set(expected)):
        kind, _, name = key.partition(" ")
        on = actual[key].get("on") if kind in ("trigger", "index") else None
        where = f" on {on}" if on else ""
        found.append(f"an {kind} {name!r}{where} that Track Record never makes"
                     if kind == "index" else
                     f"a {kind} {name!r}{where} that Track Record never makes")
    for key in sorted(set(expected) - set(actual)):
        found.append(f"{_label(key)} is missing")
    for key in sorted(set(actual) & set(expected)):
        if _normal(actual[key]) != _normal(expected[key]):
            found.append(f"{_label(key)} is not as Track Record makes it")
    return found


def _normal(details: Any) -> Any:
    return json.loads(json.dumps(details))  # tuples and lists compare alike


@functools.cache
def expected_shapes() -> dict[str, Shape]:
    """The shape each revision's migrations build, as shipped with this build."""
    text = resources.files(__package__).joinpath(SHAPES_FILE).read_text("utf-8")
    shapes: dict[str, Shape] = json.loads(text)
    return shapes


def check_shape(conn: sqlite3.Connection, revision: str | None) -> list[str]:
    """Differences between the file's schema and what the migrations build for
    ``revision``; empty when it is exactly the app's."""
    shapes = expected_shapes()
    if revision not in shapes:
        return [f"its schema version ({revision}) is not one this Track Record knows"]
    return differences(read_shape(conn), shapes[revision])


def shapes_from_migrations() -> dict[str, Shape]:
    """Build each revision's schema in memory with the migrations (imports Alembic)."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    from trackrecord.core.store.migrations import __file__ as migrations_init
    from trackrecord.core.store.revisions import APPLICATION_ID, KNOWN_REVISIONS

    out: dict[str, Shape] = {}
    for revision in KNOWN_REVISIONS:
        config = Config()
        config.set_main_option("script_location", str(Path(migrations_init).parent))
        engine = create_engine("sqlite://")
        try:
            with engine.begin() as conn:
                config.attributes["connection"] = conn
                command.upgrade(config, revision)
                conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
                raw = conn.connection.driver_connection
                assert isinstance(raw, sqlite3.Connection)
                out[revision] = _normal(read_shape(raw))
        finally:
            engine.dispose()
    return out


def write_shapes_file() -> Path:
    """Write ``schema_shapes.json`` from the migrations (after adding a revision)."""
    target = Path(__file__).with_name(SHAPES_FILE)
    shapes = shapes_from_migrations()
    lines = ["{"]
    for i, (revision, shape) in enumerate(shapes.items()):
        lines.append(f"  {json.dumps(revision)}: {{")
        items = list(shape.items())
        for j, (key, details) in enumerate(items):
            comma = "," if j < len(items) - 1 else ""
            lines.append(f"    {json.dumps(key)}: {json.dumps(details, sort_keys=True)}{comma}")
        lines.append("  }" + ("," if i < len(shapes) - 1 else ""))
    lines.append("}")
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


if __name__ == "__main__":
    print(f"wrote {write_shapes_file()}")
