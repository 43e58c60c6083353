"""Data Track Record ships: sample data, vocabularies, reframes, styles (read via importlib.resources)."""
