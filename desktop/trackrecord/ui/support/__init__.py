"""Plumbing every page uses: work off the UI thread and saving as the person types."""
