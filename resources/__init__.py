"""Data Track Record ships: sample data, vocabularies, reframes, styles (found through
trackrecord.resource_files)."""
