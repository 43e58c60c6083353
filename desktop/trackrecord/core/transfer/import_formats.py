"""The files Track Record can import, declared once: the command line, the import dialog and
``imports.parse_import`` all read this table.

A format says what it is called, the file names that are surely it, how to recognise it by
its content, and how to read it. JSON formats are told apart after the JSON is loaded, by
``claims_json``. Adding one is a record here, its parser, and its tests
(docs/architecture.md, "Adding an import format").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from trackrecord.core.registry import Registry
from trackrecord.core.transfer.csv_tracker import parse_csv
from trackrecord.core.transfer.html_brag import looks_like_html, parse_html
from trackrecord.core.transfer.import_base import (
    CsvColumns,
    ImportFileError,
    ParsedImport,
    load_json,
)
from trackrecord.core.transfer.jrnl import jrnl_from_json, looks_like_jrnl
from trackrecord.core.transfer.json_check import backup_from_json, cleaning_warnings
from trackrecord.core.transfer.json_export import BACKUP_FORMAT
from trackrecord.core.transfer.markdown_brag import parse_markdown
from trackrecord.core.transfer.sealed import MAGIC, unseal


@dataclass(frozen=True)
class ImportInput:
    """One file to read, and what the person chose about it."""

    data: bytes
    source: str  # the file's name, quoted in messages
    today: dt.date | None = None
    csv_columns: CsvColumns | None = None
    # The JSON document, for JSON formats (loaded once, with any key named twice).
    doc: Any = None
    duplicates: list[str] = field(default_factory=list)
    passphrase: str | None = None  # for a sealed backup


@dataclass(frozen=True)
class ImportFormat:
    key: str  # --format
    label: str  # shown in the dialog (translated under "ImportDialog") and in reports
    read: Callable[[ImportInput], ParsedImport]
    suffixes: tuple[str, ...] = ()  # file names ending so are this format
    magic: bytes = b""  # files starting so are this format, whatever their name
    is_json: bool = False  # read only after the file was loaded as JSON
    claims_text: Callable[[bytes], bool] | None = None  # its first line says it is this
    claims_json: Callable[[Any], bool] | None = None  # the loaded document is this
    replaces: bool = False  # can replace everything here (a whole backup), not only merge
    columns: bool = False  # its columns are mapped to fields, and the person may change that


def _first_line(data: bytes) -> bytes:
    return data.lstrip(b"\xef\xbb\xbf \t\r\n").split(b"\n", 1)[0].strip()


def _markdown_list_or_heading(data: bytes) -> bool:
    """A heading or a list item first, front matter, or a title over ``===`` / ``---``."""
    if _first_line(data).startswith((b"#", b"- ", b"* ", b"+ ", b"---")):
        return True
    lines = [ln.strip() for ln in data.lstrip(b"\xef\xbb\xbf \t\r\n").split(b"\n", 3)[:3]]
    return len(lines) > 1 and bool(lines[1]) and set(lines[1]) <= {ord("="), ord("-")}


def _delimited(data: bytes) -> bool:
    first = _first_line(data)
    return any(delimiter in first for delimiter in (b",", b";", b"\t"))


def _is_backup(doc: Any) -> bool:
    return isinstance(doc, dict) and doc.get("format") == BACKUP_FORMAT


def _sealed_backup(given: ImportInput) -> ParsedImport:
    plain = unseal(given.data, given.passphrase, given.source)
    duplicates: list[str] = []
    doc = load_json(plain, given.source, duplicates)
    if not _is_backup(doc):
        raise ImportFileError(f"{given.source} opened, but what it holds is not a backup")
    backup = backup_from_json(doc, given.source, duplicates)
    return ParsedImport("sealed", given.source, backup=backup,
                        warnings=cleaning_warnings(backup))


def _backup(given: ImportInput) -> ParsedImport:
    backup = backup_from_json(given.doc, given.source, given.duplicates)
    return ParsedImport("json", given.source, backup=backup, warnings=cleaning_warnings(backup))


IMPORT_FORMATS: Registry[ImportFormat] = Registry("format", (
    ImportFormat(
        "md", "Markdown brag document",
        lambda i: parse_markdown(i.data, i.source, today=i.today),
        suffixes=(".md", ".markdown", ".mdown", ".mkd", ".txt"),
        claims_text=_markdown_list_or_heading,
    ),
    ImportFormat(
        "html", "HTML brag document",
        lambda i: parse_html(i.data, i.source, today=i.today),
        suffixes=(".html", ".htm"), claims_text=looks_like_html,
    ),
    ImportFormat(
        "csv", "CSV of rejections (job tracker)",
        lambda i: parse_csv(i.data, i.source, columns=i.csv_columns, today=i.today),
        suffixes=(".csv", ".tsv"), claims_text=_delimited, columns=True,
    ),
    ImportFormat(
        "jrnl", "jrnl JSON export",
        lambda i: jrnl_from_json(i.doc, i.source, today=i.today),
        is_json=True, claims_json=looks_like_jrnl,
    ),
    ImportFormat(
        "json", "Track Record backup (JSON)",
        _backup,
        is_json=True, claims_json=_is_backup, replaces=True,
    ),
    ImportFormat(
        "sealed", "Sealed Track Record backup (passphrase)", _sealed_backup,
        suffixes=(".sealed",), magic=MAGIC, replaces=True,
    ),
))
