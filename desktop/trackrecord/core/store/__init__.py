"""The store: the SQLite file, its schema and migrations, full-text index and checks."""
