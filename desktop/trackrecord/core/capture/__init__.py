"""Capture: the weekly nudge and quick capture, guessing a win's kind, the nudge to add a
number, and wins proposed from local git history."""
