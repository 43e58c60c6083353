"""What this build knows about the store's schema, without importing Alembic.

Start-up reads these to decide whether a migration is needed at all, so the common case
(database already at head) never pays for importing Alembic. A test checks they agree with
the revisions in ``migrations/versions``.
"""

from __future__ import annotations

# "TRKR": marks a SQLite file as a Track Record store (PRAGMA application_id).
APPLICATION_ID = 0x54524B52

# Every revision this build can open, oldest first; the last is the head.
KNOWN_REVISIONS: tuple[str, ...] = (
    "0001_initial", "0002_rejections", "0003_review", "0004_entry_kind_dates",
    "0005_capture", "0006_thoughts_rehearsals",
)
HEAD_REVISION = KNOWN_REVISIONS[-1]
