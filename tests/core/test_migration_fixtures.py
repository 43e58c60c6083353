"""Migrations, pytest-alembic style, and old databases full of data upgraded to head."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

import trackrecord.core.store.migrations as migrations
from trackrecord.core.backup.copies import row_counts
from trackrecord.core.record.entries import EntryService
from trackrecord.core.store import fts
from trackrecord.core.store.connections import make_engine
from trackrecord.core.store.db import open_store
from trackrecord.core.store.revisions import HEAD_REVISION, KNOWN_REVISIONS
from trackrecord.paths import DataPaths

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "schemas"


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(Path(migrations.__file__).parent))
    return config


def _rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every user row of every table, by table, in a stable order."""
    conn = sqlite3.connect(path)
    try:
        return {
            table: sorted(conn.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)
            for table in row_counts(conn)
        }
    finally:
        conn.close()


def _columns(path: Path, table: str) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
    finally:
        conn.close()


def test_every_released_schema_has_a_fixture_full_of_data() -> None:
    for revision in KNOWN_REVISIONS:
        fixture = FIXTURES / f"{revision}.sqlite3"
        assert fixture.exists(), f"run tests/data/schemas/make_fixtures.py {revision}"
        assert _rows(fixture)["entries"], revision


@pytest.mark.parametrize("revision", [r for r in KNOWN_REVISIONS
                                      if (FIXTURES / f"{r}.sqlite3").exists()])
def test_an_old_database_upgrades_with_every_row_intact(revision: str, tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "data").ensure()
    shutil.copy(FIXTURES / f"{revision}.sqlite3", paths.database)
    before = _rows(paths.database)
    old_columns = {t: _columns(paths.database, t) for t in before}

    with open_store(paths) as store:
        with store.read() as s:
            fts.check(s)
        titles = {e.title for e in EntryService(store).list()}
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
            assert conn.exec_driver_sql(
                "SELECT version_num FROM alembic_version").scalar() == HEAD_REVISION

    conn = sqlite3.connect(paths.database)
    try:
        for table, rows in before.items():
            cols = ", ".join(f'"{c}"' for c in old_columns[table])
            after = sorted(conn.execute(f'SELECT {cols} FROM "{table}"').fetchall(), key=repr)
            assert after == rows, table
    finally:
        conn.close()
    assert len(titles) == len(before["entries"])
    if revision != HEAD_REVISION:
        assert list(paths.backups.glob(f"pre-migration-{revision}-*.sqlite3"))


def test_thought_records_and_rehearsals_read_back_after_the_upgrade(tmp_path: Path) -> None:
    """The 0005 fixture's rows as the services hand them out; and a database from before
    0005 upgrades with none, ready to take them."""
    from trackrecord.core.rejections.thoughts import Emotion, ThoughtService
    from trackrecord.core.review.rehearsals import RehearsalService

    paths = DataPaths(tmp_path / "data").ensure()
    shutil.copy(FIXTURES / "0006_thoughts_rehearsals.sqlite3", paths.database)
    larkspur = "10000000-0000-4000-8000-000000000002"
    with open_store(paths) as store:
        record = ThoughtService(store).get(larkspur)
        assert record is not None and record.thought == "I always freeze when it matters"
        assert record.traps == ("overgeneralising", "labelling")
        assert record.emotions == (Emotion("ashamed", 80, 40),
                                   Emotion("worried about money", 60, None))
        rehearsals = RehearsalService(store)
        assert [(r.went, r.seconds) for r in rehearsals.history()] == [
            ("smooth", None), ("okay", 130)]
        interview = "40000000-0000-4000-8000-000000000001"
        assert rehearsals.told_in(interview) == {"00000000-0000-4000-8000-000000000001",
                                                 "00000000-0000-4000-8000-000000000003"}

    older = DataPaths(tmp_path / "older").ensure()
    shutil.copy(FIXTURES / "0004_entry_kind_dates.sqlite3", older.database)
    with open_store(older) as store:
        assert ThoughtService(store).all() == [] and RehearsalService(store).history() == []
        saved = ThoughtService(store).save(larkspur, thought="They could tell I was lost",
                                           traps=["mind-reading"])
        assert saved.traps == ("mind-reading",)


def test_single_head_and_up_down_up_is_consistent(tmp_path: Path) -> None:
    assert len(ScriptDirectory.from_config(_config()).get_heads()) == 1
    engine = make_engine(tmp_path / "updown.sqlite3")
    config = _config()
    schemas = []
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        for revision in KNOWN_REVISIONS:
            command.upgrade(config, revision)
            schemas.append(_schema(conn))
        for index in range(len(KNOWN_REVISIONS) - 1, 0, -1):
            command.downgrade(config, KNOWN_REVISIONS[index - 1])
            assert _schema(conn) == schemas[index - 1], KNOWN_REVISIONS[index]
        command.downgrade(config, "base")
        assert _schema(conn) == []
        command.upgrade(config, "head")
        assert _schema(conn) == schemas[-1]
    engine.dispose()


def _schema(conn) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    rows = conn.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' "
        "AND name != 'alembic_version' ORDER BY name"
    ).fetchall()
    return [(str(n), str(s)) for n, s in rows]
