"""The weekly nudge and quick capture, capture preferences, and wins from git history."""
