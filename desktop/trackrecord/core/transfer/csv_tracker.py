"""Reading a job tracker's CSV: which column holds what, then each row (``csv_rows``).

Trackers (Huntr, Teal, Simplify, a spreadsheet kept by hand) name their columns differently,
so headers are matched leniently — case, spacing, punctuation and synonyms, all data in
resources/imports/tracker.toml — and the result is shown as a column mapping the person can
change before anything is written. A sheet may keep one column per stage ("Coding
Challenge", "Phone", "Onsite"), filled in when that stage was reached: each such column is
mapped as a stage column. Only rows whose status or result says rejected become rejections;
the rest are counted by what they say (``csv_rows``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Sequence

from trackrecord.core.errors import ValidationError
from trackrecord.core.rejections.stages import parse_stage
from trackrecord.core.transfer.csv_rows import DATE_FIELDS, RowReader, split_dates, stage_in
from trackrecord.core.transfer.dates import numeric_order_hint
from trackrecord.core.transfer.import_base import (
    CSV_FIELDS,
    CSV_MULTI_FIELDS,
    CsvColumns,
    CsvMapping,
    ImportFileError,
    ParsedImport,
    WarningList,
    clean_text,
    decode_text,
    encoding_warning,
    short_title,
)
from trackrecord.core.transfer.import_words import load_words, norm

# Header synonyms per field, best first (compared after ``norm``).
SYNONYMS: dict[str, tuple[str, ...]] = {
    name: tuple(norm(h) for h in headers)
    for name, headers in load_words("tracker")["headers"].items() if isinstance(headers, list)
}
_NOT_A_STAGE = tuple(load_words("tracker")["headers"]["not_a_stage"]["words"])
# Fields in the order they claim a header: a result before a status, a date of the answer
# before the date applied.
_CLAIM_ORDER = ("company", "role", "result", "status", "stage", "response_date", "date",
                "feedback", "own_read", "level")
DELIMITERS = (",", ";", "\t", "|")


def _listed(headers: Sequence[str]) -> str:
    shown = [short_title(h, 30) or "(no header)" for h in headers[:12]]
    return ", ".join(shown) + (", ..." if len(headers) > 12 else "")


def map_stage(value: str) -> tuple[str, str | None]:
    """Our stage for a tracker's stage value, and a warning when it is a guess."""
    text = value.strip()
    if not text:
        return "other", "no stage given; set to Other"
    try:
        return parse_stage(text), None
    except ValidationError:
        pass
    found = stage_in(text)
    if found is not None:
        return found, None
    return "other", f"stage {short_title(text, 40)!r} not recognised; set to Other"


def _stage_column(header: str) -> bool:
    """A header that names a stage, as a sheet with one column per stage has them."""
    normed = f" {norm(header)} "
    if not normed.strip() or any(f" {w} " in normed for w in _NOT_A_STAGE):
        return False
    return stage_in(header) not in (None, "application")


def guess_fields(headers: Sequence[str]) -> tuple[str | None, ...]:
    """Each column's field by its header: exact synonyms first (any field), then headers
    containing one; then columns named after a stage."""
    normed = [norm(h) for h in headers]
    candidates: list[tuple[int, int, int, int, str]] = []
    for order, name in enumerate(_CLAIM_ORDER):
        for col, header in enumerate(normed):
            if not header:
                continue
            for rank, synonym in enumerate(SYNONYMS[name]):
                if header == synonym:
                    candidates.append((0, order, rank, col, name))
                    break
                if f" {synonym} " in f" {header} ":
                    candidates.append((1, order, rank, col, name))
                    break
    chosen: dict[int, str] = {}
    for _, _, _, col, name in sorted(candidates):
        if col not in chosen and name not in chosen.values():
            chosen[col] = name
    for col, header in enumerate(headers):
        if col not in chosen and _stage_column(header):
            chosen[col] = "reached"
    return tuple(chosen.get(col) for col in range(len(headers)))


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


def _index(headers: Sequence[str], column: int | str) -> int:
    if isinstance(column, int):
        if not 0 <= column < len(headers):
            raise ImportFileError(f"there is no column {column + 1} in the file")
        return column
    normed = [norm(h) for h in headers]
    if norm(column) in normed:
        return normed.index(norm(column))
    raise ImportFileError(f"no column {short_title(column, 40)!r} in the file; its columns are "
                          f"{_listed(headers)}")


def _columns(
    headers: Sequence[str], guessed: tuple[str | None, ...], overrides: CsvColumns | None,
) -> tuple[str | None, ...]:
    if not overrides:
        return guessed
    fields = list(guessed)
    for name, column in overrides.items():
        if name not in CSV_FIELDS:
            raise ImportFileError(f"unknown field {name!r}: use one of {', '.join(CSV_FIELDS)}")
        if isinstance(column, list):
            if name not in CSV_MULTI_FIELDS:
                raise ImportFileError(f"only one column can be the {name.replace('_', ' ')}")
            wanted = {_index(headers, c) for c in column}
        else:
            wanted = set() if column is None else {_index(headers, column)}
        fields = [None if f == name else f for f in fields]
        for index in sorted(wanted):
            fields[index] = name
    return tuple(fields)


def parse_csv(
    data: bytes, source: str, *, columns: CsvColumns | None = None,
    today: dt.date | None = None,
) -> ParsedImport:
    """``columns`` overrides the guessed mapping: field -> column index, header, or None (a
    list of them for the stage columns)."""
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
    _, headers = rows[0]
    body = rows[1:]
    fields = _columns(headers, guess_fields(headers), columns)
    samples = tuple(
        next((row[i] for _, row in body if i < len(row) and row[i]), "")
        for i in range(len(headers))
    )
    mapping = CsvMapping(tuple(headers), fields, samples, delimiter, encoding)
    if "company" not in fields:
        problem = ("no column is the company; choose which column holds it (the columns are: "
                   f"{_listed(headers)})")
        return ParsedImport("csv", source, (), warnings.freeze(), mapping, problem)
    order = _date_order(body, mapping, warnings)
    rows_reader = RowReader(mapping, order, today, warnings,
                            [stage_in(headers[i]) or "other" for i in range(len(headers))])
    items = tuple(rows_reader.read(line, row) for line, row in body)
    return ParsedImport("csv", source, items, warnings.freeze(), mapping,
                        notices=rows_reader.notices())


def _date_order(
    body: Sequence[tuple[int, list[str]]], mapping: CsvMapping, warnings: WarningList,
) -> str:
    """Day-first or month-first for numeric dates, decided once for the whole file."""
    columns = [i for name in (*DATE_FIELDS, "reached") for i in mapping.columns_for(name)]
    cells = [part for _, row in body for i in columns if i < len(row)
             for part in split_dates(row[i])]
    hints = [numeric_order_hint(cell) for cell in cells]
    dmy, mdy = hints.count("dmy"), hints.count("mdy")
    if dmy or mdy:
        return "dmy" if dmy > mdy else "mdy"
    if any(re.match(r"^\s*\d{1,2}/\d{1,2}/\d", cell) for cell in cells):
        warnings.add("", "dates like 03/04/2024 were read month first (US style)")
    return "mdy"
