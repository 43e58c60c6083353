"""Reading jrnl: a journal exported with ``jrnl --format json``, one entry of the per-entry
export (``--file DIR/``: a bare entry per file), or a folder of those.

Each journal entry becomes an "other win", or the kind its tags suggest (@incident, @oncall →
incident solved; @mentoring → person mentored; @shipped, @launch → shipped system). The title
is kept whole, @words and all, as jrnl wrote it; the tags are kept too, without their "@",
except names of people ("met with @dan"), which are not skills (a mentoring entry takes its
person as the mentee). A starred entry is also tagged "starred". The body is the notes.

A journal also holds hard days. An entry that reads as one ("Bad day, felt useless in
standup") and shows no sign of a win is offered unticked, and the preview says why; the
words it goes by are data (resources/imports/journal.toml). An entry that cannot be read is
skipped with the reason; only a file that is not jrnl's at all is refused.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from trackrecord.core.errors import ValidationError
from trackrecord.core.record.entries import MAX_TAG_LENGTH
from trackrecord.core.record.validation import validate_changes
from trackrecord.core.transfer.import_base import (
    MAX_IMPORT_BYTES,
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
from trackrecord.core.transfer.import_words import first_phrase, load_words, norm

_WORDS = load_words("journal")
# Tag (without "@", any case) -> kind; the first of an entry's tags that names a kind wins.
TAG_KINDS: dict[str, str] = {
    tag: kind for kind, tags in _WORDS["kinds"].items() for tag in tags
}
_PEOPLE_BEFORE = frozenset(_WORDS["people"]["before"])
_MOOD = tuple(_WORDS["mood"]["words"])
_WIN_VERBS = frozenset(_WORDS["wins"]["verbs"])
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
NOT_A_WIN = "not a win"
MAX_FILES = 20_000


def _is_entry(doc: object) -> bool:
    return isinstance(doc, dict) and "date" in doc and ("title" in doc or "body" in doc)


def looks_like_jrnl(doc: object) -> bool:
    """A journal (``{"tags": ..., "entries": [...]}``) or one bare entry of it."""
    if _is_entry(doc):
        return True
    return isinstance(doc, dict) and isinstance(doc.get("entries"), list) and (
        "tags" in doc or any(isinstance(e, dict) and "body" in e for e in doc["entries"][:5])
    )


def parse_jrnl(data: bytes, source: str, *, today: dt.date | None = None) -> ParsedImport:
    return jrnl_from_json(load_json(data, source), source, today=today)


def jrnl_from_json(doc: object, source: str, *, today: dt.date | None = None) -> ParsedImport:
    if _is_entry(doc):
        doc = {"entries": [doc]}
    if not isinstance(doc, dict) or not isinstance(doc.get("entries"), list):
        raise ImportFileError(
            f"{source} is not a jrnl export: expected an object with a list of \"entries\" "
            "(made by jrnl --format json), or one entry (made by --file DIR/)"
        )
    warnings = WarningList()
    items: list[EntryDraft | PreviewRow] = []
    for number, raw in enumerate(doc["entries"], start=1):
        items.append(_entry(raw, f"entry {number}", today or dt.date.today(), warnings))
    return ParsedImport("jrnl", source, tuple(items), warnings.freeze(),
                        notices=_notices(items))


def jrnl_folder(folder: Path, *, today: dt.date | None = None) -> ParsedImport:
    """The folder ``jrnl --format json --file DIR/`` writes: a bare entry per .json file."""
    try:
        files = sorted(p for p in folder.iterdir() if p.suffix.casefold() == ".json"
                       and p.is_file())
    except OSError as exc:
        raise ImportFileError(f"cannot read {folder}: {exc.strerror or exc}") from exc
    if not files:
        raise ImportFileError(f"{folder.name} has no .json files: choose the folder jrnl "
                              "wrote with --format json --file")
    if len(files) > MAX_FILES:
        raise ImportFileError(f"{folder.name} holds {len(files)} files; folders of more than "
                              f"{MAX_FILES} are not imported")
    today = today or dt.date.today()
    warnings = WarningList()
    items: list[EntryDraft | PreviewRow] = []
    total = 0
    for path in files:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ImportFileError(f"cannot read {path.name}: {exc.strerror or exc}") from exc
        total += len(data)
        if total > MAX_IMPORT_BYTES:
            raise ImportFileError(f"{folder.name} holds more than "
                                  f"{MAX_IMPORT_BYTES // (1024 * 1024)} MB of entries; "
                                  "that is not imported")
        name = short_title(path.name, 60)
        try:
            doc = load_json(data, name)
        except ImportFileError as exc:
            items.append(PreviewRow(SKIP, "entry", name, reason=str(exc), where=name,
                                    tally="not an entry"))
            continue
        entries = [doc] if _is_entry(doc) else doc.get("entries") if isinstance(doc, dict) \
            else None
        if not isinstance(entries, list):
            items.append(PreviewRow(SKIP, "entry", name, reason="not a jrnl entry",
                                    where=name, tally="not an entry"))
            continue
        for number, raw in enumerate(entries, start=1):
            where = name if len(entries) == 1 else f"{name}, entry {number}"
            items.append(_entry(raw, where, today, warnings))
    if not any(isinstance(item, EntryDraft) for item in items) and all(
            isinstance(item, PreviewRow) and item.tally == "not an entry" for item in items):
        raise ImportFileError(f"{folder.name} holds no jrnl entries: choose the folder jrnl "
                              "wrote with --format json --file (nothing was imported)")
    return ParsedImport("jrnl", folder.name, tuple(items), warnings.freeze(),
                        notices=_notices(items))


def _notices(items: list[EntryDraft | PreviewRow]) -> tuple[str, ...]:
    n = sum(1 for i in items if isinstance(i, EntryDraft) and i.tally == NOT_A_WIN)
    if not n:
        return ()
    return (f"{n} {'entry reads' if n == 1 else 'entries read'} like a hard day rather than "
            f"a win, and {'is' if n == 1 else 'are'} left unticked: tick any you want in "
            "your track record.",)


def _text(value: object) -> str:
    return clean_text(value) if isinstance(value, str) else ""


def _entry(
    raw: object, where: str, today: dt.date, warnings: WarningList
) -> EntryDraft | PreviewRow:
    if not isinstance(raw, dict):
        return PreviewRow(SKIP, "entry", "(not an entry)", reason="not a jrnl entry",
                          where=where, tally="not an entry")
    title_text = " ".join(_text(raw.get("title")).split())
    body = _text(raw.get("body")).strip("\n")
    label = short_title(title_text or body) or "(untitled)"
    date_text = raw.get("date")
    if not isinstance(date_text, str) or not _DATE.match(date_text.strip()):
        return PreviewRow(SKIP, "entry", label, reason="no date", where=where, tally="no date")
    try:
        day = dt.date.fromisoformat(date_text.strip())
    except ValueError:
        return PreviewRow(SKIP, "entry", label, reason=f"bad date {short_title(date_text, 30)!r}",
                          where=where, tally="no date")
    sentence = title_text or body.split("\n", 1)[0].strip()
    if not sentence:
        return PreviewRow(SKIP, "entry", label, reason="no title or text", where=where,
                          tally="empty")
    people = _people(f"{title_text}\n{body}")
    found = _tags(raw.get("tags"), where, warnings)
    tags = [t for t in found if t.casefold() not in people]
    starred = raw.get("starred") is True
    if starred:
        tags.append("starred")
    kind = next((TAG_KINDS[t.casefold()] for t in tags if t.casefold() in TAG_KINDS), "other")
    if day > today:
        warnings.add(where, f"dated in the future ({day.isoformat()})")
    values: dict[str, object] = {
        "kind": kind, "title": short_title(sentence.removesuffix("."), 120),
        "summary": sentence, "notes": body, "tags": tags, "start_date": day, "end_date": day,
    }
    if kind == "mentoring" and people:
        values["mentee"] = next(p for p in _people_in_order(f"{title_text}\n{body}"))
    sign = "starred" if starred else "" if kind == "other" else next(
        f"tagged @{t}" for t in tags if t.casefold() in TAG_KINDS)
    chosen, guess = _win(sentence, body, sign)
    try:
        return EntryDraft(where, validate_changes(values), chosen, guess,
                          "" if chosen else NOT_A_WIN)
    except ValidationError as exc:
        return PreviewRow(SKIP, "entry", label, reason=str(exc), where=where,
                          tally="not readable")


_MENTION = re.compile(r"(?<![\w@.])@([\w][\w+#/.-]*[\w+#]|\w)")


def _people_in_order(text: str) -> list[str]:
    out = []
    for m in _MENTION.finditer(text):
        before = text[:m.start()].rstrip().rsplit(None, 1)
        if before and before[-1].casefold().strip("(,") in _PEOPLE_BEFORE:
            out.append(m[1])
    return out


def _people(text: str) -> set[str]:
    """Names after "with", "thanks" and the like, lower-cased as jrnl writes tags."""
    return {p.casefold() for p in _people_in_order(text)}


def _win(title: str, body: str, why: str) -> tuple[bool, str]:
    """Whether an entry reads as a win, and what the preview says about that guess. ``why``
    is a sure sign of one (a star, a tag that names a kind), or ""."""
    if why:
        return True, f"a win: {why}"
    first = norm(title).split(" ", 1)[0]
    mood = first_phrase(title, _MOOD)
    if mood is None and first not in _WIN_VERBS:
        mood = first_phrase(body, _MOOD)
    if mood is not None and not (first in _WIN_VERBS and first_phrase(title, _MOOD) is None):
        return False, f"reads like a hard day (\u201c{mood}\u201d), not a win: tick it to keep it"
    if first in _WIN_VERBS:
        return True, f"a win: it says what you did (\u201c{title.split(' ', 1)[0]}\u201d)"
    return True, "taken as a win: nothing says otherwise"


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
