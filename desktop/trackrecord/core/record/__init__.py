"""The track record: entries, their reads and writes, and their notes as safe HTML."""
