"""Track Record: your track record and your rejection log, side by side, offline."""

__version__ = "0.1.0"
APP_NAME = "Track Record"
APP_ID = "io.github.trackrecord.TrackRecord"
