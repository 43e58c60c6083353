"""Errors the services raise; their messages are written for the person using the app."""

from __future__ import annotations


class TrackRecordError(Exception):
    """Base for errors that carry a message fit to show as-is."""


class ValidationError(TrackRecordError, ValueError):
    """Input that cannot be stored; nothing was written."""


class NotFoundError(TrackRecordError, LookupError):
    """No record with that id (or id prefix)."""


class StorageError(TrackRecordError):
    """The database could not be read or written (locked, read-only, disk full, damaged).

    Whatever the unit of work was doing was rolled back: nothing half-written remains.
    """
