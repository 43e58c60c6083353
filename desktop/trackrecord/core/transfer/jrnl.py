"""Reading a jrnl journal exported with ``jrnl --format json``.

Each journal entry becomes an "other win", or the kind its tags suggest (@incident, @oncall →
incident solved; @mentoring → person mentored; @shipped, @launch → shipped system). Tags are
kept without their "@"; a starred entry is also tagged "starred". The journal's title is the
entry's title and summary, its body the notes. An entry that cannot be read is skipped with
the reason; only a file that is not a jrnl export at all is refused.
"""

from __future__ import annotations

import datetime as dt
import re

from trackrecord.core.errors import ValidationError
from trackrecord.core.record.entries import MAX_TAG_LENGTH
from trackrecord.core.record.validation import validate_changes
from trackrecord.core.transfer.import_base import (
    SKIP,
    EntryDraft,
    ImportFileError,
    ParsedImport,
    PreviewRow,
    WarningList,
    clean_text,
    load_json,
    short_title,
)

# Tag (without "@", any case) -> kind; the first of an entry's tags that names a kind wins.
TAG_KINDS: dict[str, str] = {
    "incident": "incident", "incidents": "incident", "oncall": "incident",
    "on-call": "incident", "outage": "incident", "sev": "incident",
    "mentoring": "mentoring", "mentor": "mentoring", "mentee": "mentoring",
    "shipped": "shipped", "ship": "shipped", "launch": "shipped", "launched": "shipped",
    "release": "shipped", "released": "shipped",
}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def looks_like_jrnl(doc: object) -> bool:
    return isinstance(doc, dict) and isinstance(doc.get("entries"), list) and (
        "tags" in doc or any(isinstance(e, dict) and "body" in e for e in doc["entries"][:5])
    )


def parse_jrnl(data: bytes, source: str, *, today: dt.date | None = None) -> ParsedImport:
    return jrnl_from_json(load_json(data, source), source, today=today)


def jrnl_from_json(doc: object, source: str, *, today: dt.date | None = None) -> ParsedImport:
    if not isinstance(doc, dict) or not isinstance(doc.get("entries"), list):
        raise ImportFileError(
            f"{source} is not a jrnl export: expected an object with a list of \"entries\" "
            "(made by jrnl --format json)"
        )
    warnings = WarningList()
    items: list[EntryDraft | PreviewRow] = []
    for number, raw in enumerate(doc["entries"], start=1):
        items.append(_entry(raw, f"entry {number}", today or dt.date.today(), warnings))
    return ParsedImport("jrnl", source, tuple(items), warnings.freeze())


def _text(value: object) -> str:
    return clean_text(value) if isinstance(value, str) else ""


def _entry(
    raw: object, where: str, today: dt.date, warnings: WarningList
) -> EntryDraft | PreviewRow:
    if not isinstance(raw, dict):
        return PreviewRow(SKIP, "entry", "(not an entry)", reason="not a jrnl entry", where=where)
    title_text = " ".join(_text(raw.get("title")).split())
    body = _text(raw.get("body")).strip("\n")
    label = short_title(title_text or body) or "(untitled)"
    date_text = raw.get("date")
    if not isinstance(date_text, str) or not _DATE.match(date_text.strip()):
        return PreviewRow(SKIP, "entry", label, reason="no date", where=where)
    try:
        day = dt.date.fromisoformat(date_text.strip())
    except ValueError:
        return PreviewRow(SKIP, "entry", label, reason=f"bad date {short_title(date_text, 30)!r}",
                          where=where)
    tags = _tags(raw.get("tags"), where, warnings)
    if raw.get("starred") is True:
        tags.append("starred")
    kind = next((TAG_KINDS[t.casefold()] for t in tags if t.casefold() in TAG_KINDS), "other")
    # jrnl keeps the @tags in the text; the tags say it already.
    words = {f"@{t.casefold()}" for t in tags}
    sentence = " ".join(w for w in title_text.split() if w.casefold().rstrip(".,;:!?") not in words)
    sentence = sentence or title_text
    if not sentence:
        if not body:
            return PreviewRow(SKIP, "entry", label, reason="no title or text", where=where)
        sentence = body.split("\n", 1)[0]
    if day > today:
        warnings.add(where, f"dated in the future ({day.isoformat()})")
    values = {
        "kind": kind, "title": short_title(sentence.removesuffix(".")), "summary": sentence,
        "notes": body, "tags": tags, "start_date": day, "end_date": day,
    }
    try:
        return EntryDraft(where, validate_changes(values))
    except ValidationError as exc:
        return PreviewRow(SKIP, "entry", label, reason=str(exc), where=where)


def _tags(raw: object, where: str, warnings: WarningList) -> list[str]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        warnings.add(where, "its tags are not a list; they were left out")
        return []
    tags = []
    for value in raw:
        tag = _text(value).strip().lstrip("@#").strip()
        if not tag:
            continue
        if len(tag) > MAX_TAG_LENGTH:
            warnings.add(where, f"the tag {short_title(tag, 30)!r} is too long; left out")
            continue
        tags.append(tag)
    return tags
