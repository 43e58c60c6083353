"""The checks every field of a JSON backup goes through (json_check and json_reflection share
them): text, ids, dates, timestamps, choices, and the record's keys.

A problem raises ``Bad`` with the place it was found (``entries[3].start_date: ...``);
json_check turns it into the sentence that refuses the file.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from trackrecord.core.errors import TrackRecordError
from trackrecord.core.store.input_rules import clean_block, has_controls

MAX_DEPTH = 64  # how deeply a snapshot may nest (ours nest four levels)
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Where control characters were taken out while checking (json_check sets and reads it).
CLEANED: ContextVar[list[str] | None] = ContextVar("CLEANED", default=None)


def stamp(moment: dt.datetime) -> str:
    """A stored (naive UTC) timestamp as the document spells it."""
    return moment.replace(tzinfo=dt.UTC).isoformat()


class Bad(Exception):
    pass


def fail(where: str, message: str) -> Bad:
    return Bad(f"{where}: {message}" if where else message)


def record_keys(record: object, where: str, *, required: tuple[str, ...],
                optional: tuple[str, ...] = ()) -> dict[str, Any]:
    if not isinstance(record, dict):
        raise fail(where, "must be an object")
    missing = [k for k in required if k not in record]
    if missing:
        raise fail(where, f"{shown(missing[0])} is missing")
    unknown = sorted(set(record) - set(required) - set(optional))
    if unknown:
        raise fail(where, f"unknown field {shown(unknown[0])} (this version of Track Record "
                          "does not know it, and will not drop it silently)")
    return record


def unique_ids(name: str, records: tuple[dict[str, Any], ...]) -> None:
    seen: set[str] = set()
    for i, record in enumerate(records):
        if record["id"] in seen:
            raise fail(f"{name}[{i}].id", f"{record['id']} appears more than once")
        seen.add(record["id"])


def text_value(value: object, where: str, *, nullable: bool = False) -> str | None:
    if value is None and nullable:
        return None
    if not isinstance(value, str):
        raise fail(where, f"must be text, not {what_is(value)}")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise fail(where, "contains an invalid character (a lone surrogate)") from None
    if has_controls(value, line=False):
        # NUL, ESC and the like are never stored (see core.store.input_rules): taken out,
        # and the import says where.
        cleaned = CLEANED.get()
        if cleaned is not None:
            cleaned.append(where)
    return clean_block(value)


def shown(value: object) -> str:
    """A value quoted in a message: short, on one line."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def what_is(value: object) -> str:
    return {bool: "true/false", int: "a number", float: "a number", list: "a list",
            dict: "an object", type(None): "null", str: "text"}.get(type(value), "a value")


def id_value(value: object, where: str) -> str:
    text = text_value(value, where)
    try:
        ok = text is not None and str(uuid.UUID(text)) == text
    except ValueError:
        ok = False
    if not ok:
        raise fail(where, f"{shown(value)} is not an id (a lowercase UUID)")
    return str(text)


def day_value(value: object, where: str, *, nullable: bool = False) -> dt.date | None:
    if value is None and nullable:
        return None
    if isinstance(value, str) and _DAY.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise fail(where, f"{shown(value)} is not a date written YYYY-MM-DD")


def moment_value(value: object, where: str, *, nullable: bool = False) -> dt.datetime | None:
    """A timestamp; stored as naive UTC (a timestamp without an offset is taken as UTC)."""
    if value is None and nullable:
        return None
    if isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}", value):
        try:
            moment = dt.datetime.fromisoformat(value)
            if moment.tzinfo is not None:
                moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
        except (ValueError, OverflowError):  # (year 1 at +14:00 is before the calendar)
            pass
        else:
            return moment
    raise fail(where, f"{shown(value)} is not a timestamp "
                      "(ISO 8601, e.g. 2024-03-01T09:30:00+00:00)")


def choice_value(value: object, allowed: tuple[str, ...], where: str, *,
                 nullable: bool = False) -> str | None:
    if value is None and nullable:
        return None
    if not isinstance(value, str) or value not in allowed:
        raise fail(where, f"{shown(value)} is not one of {', '.join(allowed)}")
    return value


def bool_value(value: object, where: str) -> bool:
    if not isinstance(value, bool):
        raise fail(where, f"must be true or false, not {what_is(value)}")
    return value


def checked(where: str, fn: Callable[[], Any]) -> Any:
    try:
        return fn()
    except TrackRecordError as exc:
        raise fail(where, str(exc)) from None


def plain_json(value: object, where: str, depth: int) -> None:
    """Nothing SQLite's JSON cannot hold: no lone surrogates, no absurd nesting."""
    if depth > MAX_DEPTH:
        raise fail(where, "is nested too deeply")
    if isinstance(value, str):
        text_value(value, where)
    elif isinstance(value, dict):
        for key, inner in value.items():
            text_value(key, where)
            plain_json(inner, where, depth + 1)
    elif isinstance(value, list):
        for inner in value:
            plain_json(inner, where, depth + 1)
