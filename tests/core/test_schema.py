"""The revisions, the models and what start-up assumes about them all agree."""

from __future__ import annotations

import json
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

import trackrecord.core.store.migrations as migrations
from trackrecord.core.store.db import Store
from trackrecord.core.store.fulltext import FTS_TABLES
from trackrecord.core.store.models import Base
from trackrecord.core.store.revisions import HEAD_REVISION, KNOWN_REVISIONS


def _scripts() -> ScriptDirectory:
    return ScriptDirectory(str(Path(migrations.__file__).parent))


def test_one_head_and_it_is_the_one_start_up_expects() -> None:
    assert _scripts().get_heads() == [HEAD_REVISION]


def test_known_revisions_are_the_whole_chain_in_order() -> None:
    chain = [rev.revision for rev in _scripts().walk_revisions()]
    assert list(KNOWN_REVISIONS) == list(reversed(chain))


def test_models_match_what_the_migrations_build(store: Store) -> None:
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diffs = compare_metadata(context, Base.metadata)
    # FTS5 creates shadow tables that the models deliberately do not describe.
    diffs = [d for d in diffs if not (d[0] == "remove_table" and d[1].name.startswith(FTS_TABLES))]
    assert diffs == []


def test_the_shipped_schema_shapes_are_what_the_migrations_build() -> None:
    """Backups are checked against schema_shapes.json; after a new revision it must be made
    again (``python -m trackrecord.core.store.schema_shape``), or good backups are refused."""
    from trackrecord.core.store.schema_shape import expected_shapes, shapes_from_migrations

    built = shapes_from_migrations()
    assert set(built) == set(KNOWN_REVISIONS)
    assert json.loads(json.dumps(built)) == expected_shapes()
