"""Checking what a person or a file gives as an entry's fields, before anything is written.

Shared by the service (``entries``) and the ORM writes (``writes``); raises ValidationError
with a message fit to show, and changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from trackrecord.core.errors import ValidationError
from trackrecord.core.record.data import EDITABLE_FIELDS, MAX_TAG_LENGTH
from trackrecord.core.record.kinds import KINDS
from trackrecord.core.store.input_rules import clean_block, clean_line, parse_day

# Fields that are one line (a list shows them as such); the rest may hold paragraphs.
LINE_FIELDS = frozenset({"title", "organisation", "team", "role"})


def parse_date(value: object, what: str = "date") -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return parse_day(value, what)
    raise ValidationError(f"{what} must be a date written YYYY-MM-DD, not {value!r}")


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Trim and de-duplicate tags case-insensitively, keeping the first spelling."""
    seen: dict[str, str] = {}
    for raw in tags:
        if not isinstance(raw, str):
            raise ValidationError(f"a tag must be text, not {raw!r}")
        tag = " ".join(clean_line(raw, "a tag").split()).lstrip("#")
        if not tag:
            continue
        if len(tag) > MAX_TAG_LENGTH:
            raise ValidationError(f"the tag {tag[:20]!r}... is longer than {MAX_TAG_LENGTH}")
        seen.setdefault(tag.casefold(), tag)
    return tuple(seen.values())


def check_dates(start: dt.date | None, end: dt.date | None) -> None:
    """An entry cannot end before it starts."""
    if start is not None and end is not None and end < start:
        raise ValidationError("the end date is before the start date")


def validate_changes(changes: Mapping[str, Any]) -> dict[str, Any]:
    """Check and normalise field values; raises ValidationError naming the first problem."""
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise ValidationError(f"unknown field: {sorted(unknown)[0]}")
    clean: dict[str, Any] = {}
    for name, value in changes.items():
        if name == "kind":
            if value not in KINDS:
                raise ValidationError(
                    f"unknown kind {value!r}: choose one of {', '.join(KINDS)}"
                )
            clean[name] = value
        elif name == "start_date":
            clean[name] = parse_date(value, "the start date")
        elif name == "end_date":
            is_blank = value is None or (isinstance(value, str) and not value.strip())
            clean[name] = None if is_blank else parse_date(value, "the end date")
        elif name == "tags":
            clean[name] = clean_tags(value)
        elif name == "links":
            links = (clean_line(str(v), "a link").strip() for v in value)
            clean[name] = tuple(link for link in links if link)
        else:
            if not isinstance(value, str):
                raise ValidationError(f"{name} must be text")
            what = f"the {name.replace('_', ' ')}"
            value = clean_line(value, what) if name in LINE_FIELDS else clean_block(value, what)
            clean[name] = value.strip() if name == "title" else value
    if "title" in clean and not clean["title"]:
        raise ValidationError("the title cannot be empty")
    return clean
