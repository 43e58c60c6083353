"""Alembic environment and revisions for the Track Record store."""
