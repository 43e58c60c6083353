"""The Export page's choices, remembered between sessions as one JSON value.

Kept in the store's settings table (``core.store.settings``) under ``SETTINGS_KEY``. Reading is
lenient: a value that is missing, from an older version or hand-edited falls back to its
default one field at a time, so a bad setting never stops the page from opening.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, fields, replace
from typing import Any, cast

from trackrecord.core.bragdoc.document import PRESETS, preset_range
from trackrecord.core.bragdoc.model import (
    DEFAULT_TITLE,
    GROUPS,
    PAGE_SIZES,
    BragOptions,
    Grouping,
)
from trackrecord.core.record.kinds import KINDS
from trackrecord.core.store.db import Store
from trackrecord.core.store.settings import get_json, set_json
from trackrecord.core.transfer.export_formats import BRAG_FORMATS

SETTINGS_KEY = "export.brag_document"
MAX_TEXT = 200


@dataclass(frozen=True)
class ExportPrefs:
    format: str = "pdf"
    group: str = "sections"
    preset: str = "all"
    since: dt.date | None = None  # the custom range
    until: dt.date | None = None
    kinds: tuple[str, ...] = KINDS
    tags: tuple[str, ...] = ()
    only_with_impact: bool = False
    details: bool = False
    organisation: bool = True
    star: bool = False
    mentee_initials: bool = True
    name: str = ""
    role: str = ""
    title: str = DEFAULT_TITLE
    page_size: str = "A4"

    def period(self, today: dt.date) -> tuple[dt.date | None, dt.date | None]:
        return preset_range(self.preset, today, self.since, self.until)

    def options(self, today: dt.date) -> BragOptions:
        """The document options for ``today`` (a custom range given backwards is swapped)."""
        since, until = self.period(today)
        if since and until and since > until:
            since, until = until, since
        return BragOptions(
            group=cast(Grouping, self.group),
            since=since,
            until=until,
            kinds=frozenset(self.kinds),
            tags=frozenset(self.tags),
            only_with_impact=self.only_with_impact,
            details=self.details,
            organisation=self.organisation,
            star=self.star,
            mentee_initials=self.mentee_initials,
            name=self.name,
            role=self.role,
            title=self.title,
            prepared_on=today,
        )

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("since", "until"):
            value = data[key]
            data[key] = value.isoformat() if value else None
        data["kinds"] = list(self.kinds)
        data["tags"] = list(self.tags)
        return data

    @classmethod
    def from_json(cls, data: object) -> ExportPrefs:
        prefs = cls()
        if not isinstance(data, dict):
            return prefs
        changes: dict[str, Any] = {}
        for f in fields(cls):
            if f.name not in data:
                continue
            value = _clean(f.name, data[f.name], getattr(prefs, f.name))
            if value is not _INVALID:
                changes[f.name] = value
        return replace(prefs, **changes)


_INVALID = object()
_CHOICES: dict[str, tuple[str, ...]] = {
    "format": BRAG_FORMATS, "group": GROUPS, "preset": PRESETS, "page_size": PAGE_SIZES,
}


def _clean(name: str, value: object, default: object) -> object:
    if name in _CHOICES:
        return value if value in _CHOICES[name] else _INVALID
    if name in ("since", "until"):
        if value is None:
            return None
        try:
            return dt.date.fromisoformat(value) if isinstance(value, str) else _INVALID
        except ValueError:
            return _INVALID
    if name in ("kinds", "tags"):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return _INVALID
        if name == "kinds":
            return tuple(k for k in KINDS if k in value)
        return tuple(v.strip()[:MAX_TEXT] for v in value if v.strip())
    if isinstance(default, bool):
        return value if isinstance(value, bool) else _INVALID
    if isinstance(default, str):
        return value[:MAX_TEXT] if isinstance(value, str) else _INVALID
    return _INVALID


def load_prefs(store: Store) -> ExportPrefs | None:
    """The remembered choices, or None when nothing was saved yet."""
    data = get_json(store, SETTINGS_KEY)
    return None if data is None else ExportPrefs.from_json(data)


def save_prefs(store: Store, prefs: ExportPrefs) -> None:
    set_json(store, SETTINGS_KEY, prefs.to_json())
