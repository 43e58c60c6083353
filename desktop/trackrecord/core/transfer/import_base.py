"""What every importer shares: its error, the preview it produces, and reading files safely.

An import is three steps. *Parse* reads the file and needs no database; *preview* says what
would happen, in a read-only unit of work; *commit* does it in one transaction. Parse and
commit raise only :class:`ImportFileError` (or another TrackRecordError), with a message fit
to show as-is, and nothing is written when they do.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trackrecord.core.errors import TrackRecordError

if TYPE_CHECKING:
    from trackrecord.core.transfer.json_export import BackupDocument

MAX_IMPORT_BYTES = 50 * 1024 * 1024
MODES: tuple[str, ...] = ("merge", "replace")

# What the preview says will happen to each record.
ADD, UPDATE, UNCHANGED, SKIP = "add", "update", "unchanged", "skip"
ACTIONS: tuple[str, ...] = (ADD, UPDATE, UNCHANGED, SKIP)
COUNT_NAMES: dict[str, str] = {
    ADD: "added", UPDATE: "updated", UNCHANGED: "unchanged", SKIP: "skipped",
}
# Tallies that are nouns, counted several ("4 goals", "2 offers").
_PLURALS = {"goal": "goals", "offer": "offers", "placeholder": "placeholders"}


class ImportFileError(TrackRecordError):
    """The file cannot be imported as it is; nothing was written."""


@dataclass(frozen=True)
class ImportWarning:
    """Something the person should know about one place in the file (it was still imported)."""

    where: str  # "line 12", "row 4", "entry 3", ...
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


@dataclass(frozen=True)
class PreviewRow:
    """One record of the file and what happens to it."""

    action: str  # one of ACTIONS
    record: str  # "entry", "rejection", "goal", "practice item", "custom reframe", "setting"
    title: str
    detail: str = ""  # kind and dates, company and stage, ...
    reason: str = ""  # why it is skipped, updated or unchanged; or what was guessed
    where: str = ""
    # A few words that count it with others like it in the summary ("pending", "offer").
    tally: str = ""
    # None: nothing to choose; True or False: the person may tick or untick it.
    chosen: bool | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "action": self.action, "record": self.record, "title": self.title,
            "detail": self.detail, "reason": self.reason, "where": self.where,
            "tally": self.tally, "chosen": self.chosen,
        }


@dataclass(frozen=True)
class EntryDraft:
    """A new track-record entry read from a file; ``values`` already passed validate_changes.

    ``chosen`` is the reader's guess of whether it belongs in the track record (a journal's
    bad day does not); ``guess`` says why, in a few words the preview shows, and ``tally``
    counts it with the others left out for the same reason."""

    where: str
    values: Mapping[str, Any]
    chosen: bool = True
    guess: str = ""
    tally: str = ""


@dataclass(frozen=True)
class RejectionDraft:
    """A new rejection read from a file; ``values`` already passed rejection_data.validate
    (plus ``date``, and ``category`` when the file settles it, e.g. no answer at all)."""

    where: str
    values: Mapping[str, Any]
    chosen: bool = True
    guess: str = ""
    tally: str = ""


@dataclass(frozen=True)
class GoalDraft:
    """A goal read from a brag document's Goals section: its title and period (checked),
    what else was written under it (``notes``), and the entry drafts of the same file that
    its sub-items name (``serves``: their places), linked to it when imported."""

    where: str
    title: str
    start_date: dt.date
    end_date: dt.date
    notes: str = ""
    serves: tuple[str, ...] = ()
    chosen: bool = True
    guess: str = ""
    tally: str = ""


Draft = EntryDraft | RejectionDraft | GoalDraft


# Column fields a CSV of rejections can fill, in the order the mapping preview shows them.
CSV_FIELDS: tuple[str, ...] = (
    "company", "role", "level", "status", "result", "stage", "reached", "date", "response_date",
    "feedback", "own_read",
)
CSV_FIELD_LABELS: dict[str, str] = {
    "company": "Company",
    "role": "Role",
    "level": "Level",
    "status": "Status",
    "result": "Result",
    "stage": "Stage",
    "reached": "A stage, when filled in",
    "date": "Date applied",
    "response_date": "Date of the answer",
    "feedback": "Feedback (their words)",
    "own_read": "Your notes",
}
# Fields several columns may fill at once: a sheet with one column per stage.
CSV_MULTI_FIELDS: frozenset[str] = frozenset({"reached"})
# field -> the column (index or header; None for none), or a list of them for a multi field
CsvColumns = Mapping[str, int | str | None | list[int | str]]


@dataclass(frozen=True)
class CsvMapping:
    """Which field each column of a CSV fills (None: the column is ignored)."""

    headers: tuple[str, ...]
    fields: tuple[str | None, ...]
    samples: tuple[str, ...]  # the first non-empty value of each column, for the preview
    delimiter: str = ","
    encoding: str = "utf-8"

    def column_for(self, name: str) -> int | None:
        return self.fields.index(name) if name in self.fields else None

    def columns_for(self, name: str) -> list[int]:
        return [i for i, f in enumerate(self.fields) if f == name]

    def overrides(self) -> dict[str, int | None | list[int | str]]:
        """This mapping as the ``csv_columns`` argument of a new parse."""
        out: dict[str, int | None | list[int | str]] = {}
        for name in CSV_FIELDS:
            if name in CSV_MULTI_FIELDS:
                out[name] = list(self.columns_for(name))
            else:
                out[name] = self.column_for(name)
        return out

    def describe(self) -> list[str]:
        out = []
        for header, name in zip(self.headers, self.fields, strict=True):
            target = CSV_FIELD_LABELS[name] if name else "(ignored)"
            out.append(f"{short_title(header, 40) or '(no header)'} -> {target}")
        return out


@dataclass(frozen=True)
class ParsedImport:
    """A file read and checked, not yet compared with the store."""

    format: str
    source: str
    # In file order: drafts to add, and rows refused while reading (PreviewRow, action SKIP).
    items: tuple[EntryDraft | RejectionDraft | GoalDraft | PreviewRow, ...] = ()
    warnings: tuple[ImportWarning, ...] = ()
    mapping: CsvMapping | None = None
    problem: str = ""  # set when the file cannot be committed as read (e.g. no company column)
    backup: BackupDocument | None = None  # the JSON backup, validated
    # Sentences about the whole file the preview shows above its rows (a section skipped,
    # the year every undated item was given).
    notices: tuple[str, ...] = ()

    def with_choices(self, choices: Mapping[str, bool]) -> ParsedImport:
        """The same file with the drafts at these places ticked (True) or not (False)."""
        items = tuple(
            replace(item, chosen=choices[item.where])
            if not isinstance(item, PreviewRow) and item.where in choices else item
            for item in self.items
        )
        return replace(self, items=items)

    def choose_all(self, tally: str, chosen: bool) -> ParsedImport:
        """Tick (or untick) every draft counted under ``tally``."""
        return self.with_choices({
            item.where: chosen for item in self.items
            if not isinstance(item, PreviewRow) and item.tally == tally
        })


@dataclass(frozen=True)
class ImportReport:
    """What an import would do (a preview) or did (committed)."""

    format: str
    source: str
    mode: str
    rows: tuple[PreviewRow, ...]
    warnings: tuple[ImportWarning, ...] = ()
    mapping: CsvMapping | None = None
    problem: str = ""
    committed: bool = False
    backup: Path | None = None  # the automatic backup taken before a replace
    replaced: int = 0  # records that were in the store before a replace
    notices: tuple[str, ...] = ()

    @property
    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(COUNT_NAMES.values(), 0)
        for row in self.rows:
            out[COUNT_NAMES[row.action]] += 1
        return out

    def skipped_by_reason(self) -> list[tuple[str, int]]:
        """Skipped rows counted by their tally, most first ("pending": 66, "offer": 1)."""
        counted = Counter(row.tally or "other reasons" for row in self.rows
                          if row.action == SKIP)
        return sorted(counted.items(), key=lambda item: (-item[1], item[0]))

    def choices(self) -> list[tuple[str, int, int]]:
        """(tally, ticked, all) for each group of rows the person may tick or untick that
        the reader left out or guessed about, in the order they first appear."""
        groups: dict[str, list[int]] = {}
        for row in self.rows:
            if row.chosen is not None and row.tally:
                counts = groups.setdefault(row.tally, [0, 0])
                counts[0] += int(row.chosen)
                counts[1] += 1
        return [(tally, n[0], n[1]) for tally, n in groups.items()]

    @property
    def writes(self) -> int:
        """How many records a commit changes (0: committing would do nothing)."""
        counts = self.counts
        return counts["added"] + counts["updated"] + self.replaced

    def summary(self) -> str:
        """"12 added, 67 skipped (66 pending, 1 offer)"; "6 added (4 entries, 2 goals)"."""
        counts = self.counts
        parts = [f"{n} {name}" for name, n in counts.items() if n or name == "added"]
        reasons = self.skipped_by_reason()
        if counts["skipped"]:  # "skipped" is the last of the counts, so the last part
            parts[-1] += " (" + ", ".join(
                f"{n} {_PLURALS.get(tally, tally) if n > 1 else tally}" for tally, n in reasons
            ) + ")"
        added = Counter(row.record for row in self.rows if row.action == ADD)
        if added["goal"] and set(added) <= {"entry", "goal"}:  # a brag document's goals
            parts[0] += " (" + ", ".join(f"{n} {_noun(record, n)}"
                                         for record, n in added.items()) + ")"
        text = ", ".join(parts)
        if self.mode == "replace" and self.replaced:
            text += f"; {self.replaced} records there before were replaced"
        return text

    def to_json(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "source": self.source,
            "mode": self.mode,
            "committed": self.committed,
            "counts": self.counts,
            "replaced": self.replaced,
            "backup": str(self.backup) if self.backup else None,
            "problem": self.problem or None,
            "mapping": (
                {h: f for h, f in zip(self.mapping.headers, self.mapping.fields, strict=True)}
                if self.mapping else None
            ),
            "rows": [r.to_json() for r in self.rows],
            "warnings": [{"where": w.where, "message": w.message} for w in self.warnings],
            "notices": list(self.notices),
        }


def _noun(record: str, n: int) -> str:
    if n == 1:
        return record
    return record[:-1] + "ies" if record.endswith("y") and record[-2:-1] not in "aeiou" else (
        record + "s")


# -- reading files ------------------------------------------------------------------------


def read_import_file(path: Path) -> bytes:
    """The file's bytes, refusing anything over MAX_IMPORT_BYTES before reading it all."""
    limit_mb = MAX_IMPORT_BYTES // (1024 * 1024)
    try:
        if path.is_dir():
            raise ImportFileError(f"{path} is a folder, not a file")
        if path.exists() and not path.is_file():  # a device or a pipe: reading could hang
            raise ImportFileError(f"{path} is not a regular file (a device or a pipe?)")
        size = path.stat().st_size
        if size > MAX_IMPORT_BYTES:
            raise ImportFileError(
                f"{path.name} is {size / (1024 * 1024):.0f} MB; files over {limit_mb} MB "
                "are not imported"
            )
        with path.open("rb") as fh:
            data = fh.read(MAX_IMPORT_BYTES + 1)
    except OSError as exc:
        raise ImportFileError(f"cannot read {path}: {exc.strerror or exc}") from exc
    check_size(data, path.name)
    return data


def check_size(data: bytes, source: str) -> None:
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportFileError(
            f"{source} is larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MB; "
            "files that large are not imported"
        )


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_text(data: bytes) -> tuple[str, str]:
    """Text and the encoding it was read with: a BOM's, else UTF-8, else Windows-1252, else
    Latin-1 (which reads any bytes, so a file is never refused for its encoding)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                break
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"


def load_json(data: bytes, source: str, duplicates: list[str] | None = None) -> Any:
    """Parse JSON text; NaN, Infinity and numbers too large for a float are refused. Keys an
    object names twice (JSON readers disagree on which wins) are listed in ``duplicates``."""
    text, _ = decode_text(data)

    def refuse(name: str) -> Any:
        raise ImportFileError(f"{source} contains {name}, which is not valid JSON")

    def finite(value: str) -> float:
        number = float(value)
        if number != number or number in (float("inf"), float("-inf")):
            refuse(value)
        return number

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        out = dict(items)
        if len(out) < len(items) and duplicates is not None:
            seen: set[str] = set()
            for key, _ in items:
                if key in seen:
                    duplicates.append(key)
                seen.add(key)
        return out

    try:
        return json.loads(text, parse_constant=refuse, parse_float=finite,
                          object_pairs_hook=pairs if duplicates is not None else None)
    except RecursionError:
        raise ImportFileError(f"{source} is nested too deeply to be a real export") from None
    except ValueError as exc:  # JSONDecodeError, and integers with thousands of digits
        raise ImportFileError(f"{source} is not valid JSON: {exc}") from None


def encoding_warning(encoding: str) -> ImportWarning | None:
    if encoding in ("utf-8", "utf-8-sig", "utf-16"):
        return None
    name = {"cp1252": "Windows-1252", "latin-1": "Latin-1"}[encoding]
    return ImportWarning("", f"the file is not UTF-8; it was read as {name}")


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """Text from another tool, safe to store: Unix newlines, no control characters, no lone
    surrogates (which SQLite cannot store)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _SURROGATE.sub("\ufffd", _CONTROL.sub("", text))


def short_title(text: str, limit: int = 80) -> str:
    """One line of at most ``limit`` characters, cut at a word where possible."""
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    cut = line[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-\u2013\u2014") + "\u2026"


@dataclass
class WarningList:
    """Collects warnings while a file is read (a mutable helper for the parsers)."""

    items: list[ImportWarning] = field(default_factory=list)

    def add(self, where: str, message: str) -> None:
        self.items.append(ImportWarning(where, message))

    def freeze(self) -> tuple[ImportWarning, ...]:
        return tuple(self.items)
