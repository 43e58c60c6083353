"""Alembic runs only through trackrecord.core.store.db, which hands it an open connection."""

from __future__ import annotations

from alembic import context

from trackrecord.core.store.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite alters tables by copy-and-move
)
with context.begin_transaction():
    context.run_migrations()
