"""Reading a job tracker's CSV of applications as rejections.

Trackers (Huntr, Teal, Simplify, a spreadsheet kept by hand) name their columns differently,
so headers are matched leniently — case, spacing, punctuation and synonyms — and the result is
shown as a column mapping the person can change before anything is written. Stage values are
read the same way ("Rejected after HM" is the hiring-manager stage); one that cannot be read
becomes "other" with a warning. Rows that are plainly not rejections (an accepted offer, a job
only bookmarked) and rows without a company are skipped, each with its reason.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Mapping, Sequence

from trackrecord.core.errors import ValidationError
from trackrecord.core.rejections.data import validate
from trackrecord.core.rejections.stages import parse_stage
from trackrecord.core.transfer.dates import numeric_order_hint, parse_cell_date
from trackrecord.core.transfer.import_base import (
    CSV_FIELDS,
    SKIP,
    CsvMapping,
    ImportFileError,
    ParsedImport,
    PreviewRow,
    RejectionDraft,
    WarningList,
    clean_text,
    decode_text,
    encoding_warning,
    short_title,
)

# Header synonyms per field, best first (compared after _norm).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "company": ("company", "company name", "employer", "organization", "organisation", "org",
                "business"),
    "role": ("role", "job title", "title", "position", "job position", "role title",
             "position title", "job role", "job", "job name"),
    "level": ("level", "seniority", "job level", "grade"),
    "stage": ("stage", "stage reached", "rejection stage", "interview stage", "pipeline stage",
              "status", "application status", "job status", "state", "list"),
    "date": ("rejection date", "date rejected", "rejected on", "rejected at", "rejected",
             "date", "last updated", "updated", "date updated", "updated at", "status date",
             "last status change", "date applied", "applied", "applied on", "applied date",
             "application date", "created", "created at", "date added", "date saved"),
    "feedback": ("feedback", "rejection feedback", "rejection reason", "reason",
                 "interviewer feedback", "why"),
    "own_read": ("notes", "note", "comments", "comment", "my notes", "own read", "your read",
                 "thoughts", "reflection", "description"),
}
# Stage words, first match wins (more specific phrases before the general ones).
_STAGE_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("hiring-manager", ("hiring manager", "hm", "manager")),
    ("team-match", ("team match", "team matching")),
    ("system-design", ("system design", "systems design", "architecture")),
    ("take-home", ("take home", "takehome", "home assignment", "assignment", "homework",
                   "coding challenge", "challenge", "test task")),
    ("recruiter", ("recruiter", "hr screen", "hr call", "hr", "talent", "intro call")),
    ("phone-screen", ("phone screen", "phone", "tech screen", "technical screen", "screening",
                      "screen")),
    ("onsite", ("onsite", "on site", "virtual onsite", "final round", "final", "loop",
                "superday")),
    ("behavioral", ("behavioral", "behavioural", "culture", "values", "bar raiser")),
    ("coding", ("coding", "live coding", "pair programming", "technical interview",
                "technical", "leetcode", "algorithms")),
    ("offer", ("offer",)),
    ("application", ("applied", "application", "resume", "cv", "no response", "ghosted",
                     "auto reject", "not selected")),
)
# Statuses that say the row is not a rejection at all.
_NOT_REJECTED = ("accepted", "offer accepted", "hired", "wishlist", "bookmarked", "saved",
                 "to apply", "interested", "planned", "draft")
DELIMITERS = (",", ";", "\t", "|")


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).replace("_", " ").split())


def _listed(headers: Sequence[str]) -> str:
    shown = [short_title(h, 30) or "(no header)" for h in headers[:12]]
    return ", ".join(shown) + (", ..." if len(headers) > 12 else "")


def guess_fields(headers: Sequence[str]) -> tuple[str | None, ...]:
    """Each column's field by its header: exact synonyms first, then headers containing one."""
    normed = [_norm(h) for h in headers]
    chosen: dict[int, str] = {}
    for name in ("company", "role", "stage", "date", "feedback", "own_read", "level"):
        best: tuple[int, int, int] | None = None
        for col, header in enumerate(normed):
            if col in chosen or not header:
                continue
            for rank, synonym in enumerate(SYNONYMS[name]):
                if header == synonym:
                    score = (0, rank, col)
                elif f" {synonym} " in f" {header} ":
                    score = (1, rank, col)
                else:
                    continue
                if best is None or score < best:
                    best = score
                break
        if best is not None:
            chosen[best[2]] = name
    fields = [chosen.get(col) for col in range(len(headers))]
    if "feedback" not in fields and "own_read" in fields:
        # Trackers have notes, not a feedback column; notes is where what was said goes.
        fields[fields.index("own_read")] = "feedback"
    return tuple(fields)


def map_stage(value: str) -> tuple[str, str | None]:
    """Our stage for a tracker's stage/status value, and a warning when it is a guess."""
    text = value.strip()
    if not text:
        return "other", "no stage given; set to Other"
    try:
        return parse_stage(text), None
    except ValidationError:
        pass
    words = f" {_norm(text)} "
    for stage, phrases in _STAGE_WORDS:
        if any(f" {p} " in words for p in phrases):
            return stage, None
    return "other", f"stage {short_title(text, 40)!r} not recognised; set to Other"


def _not_rejected(value: str) -> bool:
    return _norm(value) in _NOT_REJECTED


def _sniff(text: str) -> str:
    """The delimiter that splits the first lines into the most, equally long, columns."""
    sample = "\n".join(text.split("\n", 21)[:20])
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        try:
            rows = [r for r in csv.reader(io.StringIO(sample), delimiter=delimiter) if any(r)]
        except csv.Error:
            continue
        if not rows:
            continue
        widths = [len(r) for r in rows[:-1] or rows]  # the last line may be cut short
        score = (int(len(set(widths)) == 1 and widths[0] > 1), len(rows[0]))
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _columns(
    headers: Sequence[str], guessed: tuple[str | None, ...],
    overrides: Mapping[str, int | str | None] | None,
) -> tuple[str | None, ...]:
    if not overrides:
        return guessed
    fields = list(guessed)
    normed = [_norm(h) for h in headers]
    for name, column in overrides.items():
        if name not in CSV_FIELDS:
            raise ImportFileError(f"unknown field {name!r}: use one of {', '.join(CSV_FIELDS)}")
        index: int | None
        if column is None or isinstance(column, int):
            index = column
        elif _norm(column) in normed:
            index = normed.index(_norm(column))
        else:
            raise ImportFileError(
                f"no column {short_title(column, 40)!r} in the file; its columns are "
                f"{_listed(headers)}"
            )
        if index is not None and not 0 <= index < len(headers):
            raise ImportFileError(f"there is no column {index + 1} in the file")
        fields = [None if f == name else f for f in fields]
        if index is not None:
            fields[index] = name
    return tuple(fields)


def parse_csv(
    data: bytes, source: str, *,
    columns: Mapping[str, int | str | None] | None = None,
    today: dt.date | None = None,
) -> ParsedImport:
    """``columns`` overrides the guessed mapping: field -> column index, header, or None."""
    today = today or dt.date.today()
    text, encoding = decode_text(data)
    text = clean_text(text)
    warnings = WarningList()
    note = encoding_warning(encoding)
    if note:
        warnings.items.append(note)
    delimiter = _sniff(text)
    try:
        reader = csv.reader(io.StringIO(text), delimiter=delimiter)
        rows = [(reader.line_num, row) for row in reader]
    except csv.Error as exc:
        raise ImportFileError(f"{source} cannot be read as CSV: {exc}") from None
    rows = [(n, [c.strip() for c in row]) for n, row in rows if any(c.strip() for c in row)]
    if not rows:
        raise ImportFileError(f"{source} has no rows")
    header_line, headers = rows[0]
    body = rows[1:]
    fields = _columns(headers, guess_fields(headers), columns)
    samples = tuple(
        next((row[i] for _, row in body if i < len(row) and row[i]), "")
        for i in range(len(headers))
    )
    mapping = CsvMapping(tuple(headers), fields, samples, delimiter, encoding)
    problem = ""
    if "company" not in fields:
        problem = ("no column is the company; choose which column holds it (the columns are: "
                   f"{_listed(headers)})")
    elif "date" not in fields:
        warnings.add("", "no column is the date; every rejection is dated today")
    order = _date_order(body, mapping.column_for("date"), warnings)
    items: list[RejectionDraft | PreviewRow] = []
    if not problem:
        for line, row in body:
            items.append(_row(line, row, mapping, order, today, warnings))
    return ParsedImport("csv", source, tuple(items), warnings.freeze(), mapping, problem)


def _date_order(
    body: Sequence[tuple[int, list[str]]], column: int | None, warnings: WarningList
) -> str:
    """Day-first or month-first for numeric dates, decided once for the whole file."""
    if column is None:
        return "mdy"
    hints = [numeric_order_hint(row[column]) for _, row in body if column < len(row)]
    dmy, mdy = hints.count("dmy"), hints.count("mdy")
    if dmy or mdy:
        return "dmy" if dmy > mdy else "mdy"
    if any(re.match(r"^\s*\d{1,2}/\d{1,2}/\d", row[column])
           for _, row in body if column < len(row)):
        warnings.add("", "dates like 03/04/2024 were read month first (US style)")
    return "mdy"


def _row(
    line: int, row: list[str], mapping: CsvMapping, order: str, today: dt.date,
    warnings: WarningList,
) -> RejectionDraft | PreviewRow:
    where = f"line {line}"
    cell = {
        name: row[i] if i is not None and i < len(row) else ""
        for name in CSV_FIELDS
        for i in [mapping.column_for(name)]
    }
    company, role = cell["company"], cell["role"]
    title = short_title(f"{company} \u2014 {role}" if role else company) or "(blank)"
    if not company:
        return PreviewRow(SKIP, "rejection", short_title(role) or "(no company)",
                          reason="no company", where=where)
    if _not_rejected(cell["stage"]):
        return PreviewRow(SKIP, "rejection", title,
                          reason=f"not a rejection (status {short_title(cell['stage'], 30)!r})",
                          where=where)
    stage, note = map_stage(cell["stage"])
    if note and mapping.column_for("stage") is not None:
        warnings.add(where, note)
    date = parse_cell_date(cell["date"], order) if cell["date"] else None
    if date is None:
        if mapping.column_for("date") is not None:
            said = f"date {short_title(cell['date'], 30)!r} not understood" if cell["date"] \
                else "no date"
            warnings.add(where, f"{said}; dated today ({today.isoformat()})")
        date = today
    values = {
        "company": company, "role": role, "level": cell["level"], "stage": stage,
        "feedback": cell["feedback"], "own_read": cell["own_read"],
    }
    try:
        clean = validate(values)
    except ValidationError as exc:
        return PreviewRow(SKIP, "rejection", title, reason=str(exc), where=where)
    clean["date"] = date
    return RejectionDraft(where, clean)
