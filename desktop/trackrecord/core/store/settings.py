"""Small preferences kept in the store's ``settings`` table as JSON values.

They belong with the data rather than the window: a ``--data-dir`` or ``--demo`` store keeps
its own, and a backup carries them along.

Reading is one line of plain SQL (``Store.query``), so a command that only reads a setting
never loads SQLAlchemy; writing goes through the ORM like every other change.
"""

from __future__ import annotations

import json
from typing import Any

from trackrecord.core.store.db import Store

MAX_KEY_LENGTH = 120


def get_json(store: Store, key: str, default: Any = None) -> Any:
    """The stored value, or ``default`` when it is missing or not valid JSON."""
    with store.query() as conn:
        row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    raw = row[0] if row is not None else None
    if raw is None:
        return default
    try:
        return json.loads(raw)
    except ValueError:
        return default


def set_json(store: Store, key: str, value: Any) -> None:
    from trackrecord.core.store.models import Setting  # the ORM only for writes

    if not key or len(key) > MAX_KEY_LENGTH:
        raise ValueError(f"a setting key must have 1 to {MAX_KEY_LENGTH} characters")
    raw = json.dumps(value, sort_keys=True, ensure_ascii=False, allow_nan=False)
    with store.write() as s:
        row = s.get(Setting, key)
        if row is None:
            s.add(Setting(key=key, value=raw))
        elif row.value != raw:
            row.value = raw
