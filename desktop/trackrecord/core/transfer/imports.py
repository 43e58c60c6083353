"""Importing into the store: one entry point for every format, GUI and CLI alike.

``load_import`` (or ``parse_import``) reads a file into a :class:`ParsedImport` without
touching the store; ``preview_import`` says what a commit would do; ``commit_import`` does it
in one transaction, deciding again under the write lock (the store may have changed since the
preview). A replace takes a verified backup first. Duplicates of what is already here are
skipped and reported: an entry with the same kind, title (any case) and start month, or the
same summary; a rejection from the same company for the same role on the same day; a goal
with the same title and period (``import_goals``, which also links goals to entries).

Rejections from a CSV are analysed on the way in (``analyse_rejection``), so each one opens
like a rejection logged in the app, with the evidence and reframe that were shown — here,
shown at import time — kept in its snapshot. Its category stays a suggestion, unconfirmed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from trackrecord.core.backup.copies import BackupError, make_backup, rotate
from trackrecord.core.bragdoc.model import format_period
from trackrecord.core.errors import TrackRecordError
from trackrecord.core.matching.query import MatchQuery
from trackrecord.core.record.kinds import KIND_LABELS
from trackrecord.core.record.writes import write_fields
from trackrecord.core.rejections.analysis import analyse_rejection
from trackrecord.core.rejections.categorise import suggest_category
from trackrecord.core.rejections.data import apply_changes, validate
from trackrecord.core.rejections.stages import STAGE_LABELS
from trackrecord.core.store import fts
from trackrecord.core.store.db import Store
from trackrecord.core.store.models import Entry, Rejection, utc_naive
from trackrecord.core.transfer.import_base import (
    ADD,
    MODES,
    SKIP,
    UPDATE,
    CsvColumns,
    EntryDraft,
    GoalDraft,
    ImportFileError,
    ImportReport,
    ParsedImport,
    PreviewRow,
    RejectionDraft,
    check_size,
    load_json,
    read_import_file,
    short_title,
)
from trackrecord.core.transfer.import_formats import IMPORT_FORMATS, ImportInput
from trackrecord.core.transfer.import_goals import apply_goals, goals_here, plan_goal
from trackrecord.core.transfer.jrnl import jrnl_folder
from trackrecord.core.transfer.json_restore import apply_backup, count_records, plan_backup


def guess_format(name: str, data: bytes) -> str | None:
    """A format by its first bytes or its file name, else a text format by its first line;
    None for JSON, which is told apart by its content once loaded."""
    if data.startswith(b"SQLite format 3\x00"):
        raise ImportFileError(f"{name} is a database file, not a file to import; to bring back "
                              "a backup of your data use 'trackrecord restore' (or File ▸ "
                              "Backups…)")
    for fmt in IMPORT_FORMATS:
        if fmt.magic and data.startswith(fmt.magic):
            return fmt.key
    suffix = Path(name).suffix.casefold()
    for fmt in IMPORT_FORMATS:
        if suffix in fmt.suffixes:
            return fmt.key
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if suffix == ".json" or head[:1] in (b"{", b"["):
        return None
    for fmt in IMPORT_FORMATS:
        if fmt.claims_text is not None and fmt.claims_text(data):
            return fmt.key
    raise ImportFileError(f"cannot tell what kind of file {name} is; choose the format "
                          f"({', '.join(IMPORT_FORMATS.keys)})")


def parse_import(
    data: bytes, source: str, fmt: str | None = None, *,
    csv_columns: CsvColumns | None = None, today: dt.date | None = None,
    passphrase: str | None = None,
) -> ParsedImport:
    """Read ``data`` (the file called ``source``) without touching the store. A sealed
    backup needs ``passphrase`` (sealed.PassphraseNeeded says so when it is missing)."""
    source = short_title(source, 120)  # it is quoted in messages: one line, not too long
    check_size(data, source)
    if fmt is not None and fmt not in IMPORT_FORMATS:
        raise ImportFileError(
            f"unknown format {fmt!r}: choose one of {', '.join(IMPORT_FORMATS.keys)}")
    fmt = fmt or guess_format(source, data)
    given = ImportInput(data, source, today, csv_columns, passphrase=passphrase)
    if fmt is not None and not IMPORT_FORMATS[fmt].is_json:
        return IMPORT_FORMATS[fmt].read(given)
    duplicates: list[str] = []
    doc = load_json(data, source, duplicates)
    given = replace(given, doc=doc, duplicates=duplicates)
    if fmt is not None:
        return IMPORT_FORMATS[fmt].read(given)
    for candidate in IMPORT_FORMATS:
        if candidate.claims_json is not None and candidate.claims_json(doc):
            return candidate.read(given)
    raise ImportFileError(f"{source} is neither a Track Record backup nor a jrnl export")


def load_import(
    path: Path, fmt: str | None = None, *, csv_columns: CsvColumns | None = None,
    today: dt.date | None = None, passphrase: str | None = None,
) -> ParsedImport:
    """Read the file at ``path``; a folder is the per-entry export of jrnl (one entry a
    file, as ``jrnl --format json --file DIR/`` writes)."""
    if path.is_dir():
        if fmt not in (None, "jrnl"):
            raise ImportFileError(f"{path} is a folder; only a folder of jrnl entries "
                                  "(jrnl --format json --file DIR/) can be imported")
        return jrnl_folder(path, today=today)
    return parse_import(read_import_file(path), path.name, fmt, csv_columns=csv_columns,
                        today=today, passphrase=passphrase)


def _check(parsed: ParsedImport, mode: str) -> None:
    if mode not in MODES:
        raise ImportFileError(f"unknown mode {mode!r}: choose merge or replace")
    if mode == "replace" and not IMPORT_FORMATS[parsed.format].replaces:
        raise ImportFileError("replace is only for a Track Record JSON backup; other files "
                              "are merged into what is here")


def preview_import(store: Store, parsed: ParsedImport, mode: str = "merge") -> ImportReport:
    """What a commit would do now. Reads only."""
    _check(parsed, mode)
    replaced = 0
    with store.read() as s:
        if parsed.backup is not None:
            rows = [d.row for d in plan_backup(s, parsed.backup, mode)]
            replaced = count_records(s) if mode == "replace" else 0
        else:
            rows = [row for row, _ in _plan_drafts(s, parsed)]
    return ImportReport(parsed.format, parsed.source, mode, tuple(rows), parsed.warnings,
                        parsed.mapping, parsed.problem, replaced=replaced,
                        notices=parsed.notices)


def commit_import(store: Store, parsed: ParsedImport, mode: str = "merge") -> ImportReport:
    """Import in one transaction; raises (having written nothing) if it cannot."""
    _check(parsed, mode)
    if parsed.problem:
        raise ImportFileError(parsed.problem)
    if parsed.backup is not None:
        return _commit_backup(store, parsed, mode)
    with store.read() as s:
        planned = _plan_drafts(s, parsed)
    adding = [d for row, d in planned if row.action == ADD and d is not None]
    saved = None
    if adding:  # (with nothing to add, the store is not even opened for writing)
        snapshots = _analyses(store, adding)
        saved = _backup_before_import(store)
        with store.write() as s:
            here: dict[str, int] = {}
            planned = _plan_drafts(s, parsed, here)
            _apply_drafts(s, planned, snapshots, here)
    return ImportReport(parsed.format, parsed.source, mode, tuple(r for r, _ in planned),
                        parsed.warnings, parsed.mapping, committed=True, backup=saved,
                        notices=parsed.notices)


def _backup_before_import(store: Store) -> Path | None:
    """Every import that writes into a store with data is preceded by a verified backup."""
    with store.read() as s:
        if count_records(s) == 0:
            return None  # an empty store has nothing to lose
    try:
        info = make_backup(store.paths, "pre-import")
    except BackupError as exc:
        raise ImportFileError(f"the backup before importing failed: {exc}; "
                              "nothing was imported") from exc
    if not info.ok:
        raise ImportFileError(f"the backup before importing failed its check "
                              f"({info.problem}); nothing was imported")
    with contextlib.suppress(OSError):
        rotate(store.paths)  # older copies taken before imports go on their schedule
    return info.path


def _commit_backup(store: Store, parsed: ParsedImport, mode: str) -> ImportReport:
    assert parsed.backup is not None
    if mode == "merge":
        with store.read() as s:
            planned = plan_backup(s, parsed.backup, mode)
        if not any(d.row.action in (ADD, UPDATE) for d in planned):
            # Nothing to write: no backup is taken, and the store is not opened for writing.
            return ImportReport(parsed.format, parsed.source, mode,
                                tuple(d.row for d in planned), parsed.warnings, committed=True)
    saved = _backup_before_import(store)
    with store.write() as s:
        replaced = count_records(s) if mode == "replace" else 0
        decisions = plan_backup(s, parsed.backup, mode)
        apply_backup(s, store, decisions, mode)
    return ImportReport(parsed.format, parsed.source, mode, tuple(d.row for d in decisions),
                        parsed.warnings, committed=True, backup=saved, replaced=replaced)


# -- drafts from md, csv and jrnl ------------------------------------------------------------


def _entry_keys(kind: str, title: str, start: dt.date) -> tuple[str, str, int, int]:
    return kind, " ".join(title.split()).casefold(), start.year, start.month


def _rejection_key(company: str, role: str, date: dt.date) -> tuple[str, str, dt.date]:
    return company.casefold(), role.casefold(), date


Planned = list[tuple[PreviewRow, EntryDraft | RejectionDraft | GoalDraft | None]]


def _plan_drafts(s: Session, parsed: ParsedImport, here: dict[str, int] | None = None) -> Planned:
    """Each item of the file with what happens to it. ``here`` is filled with the place of
    each entry skipped as one already here, and that entry's pk (a goal links to it)."""
    drafts = [i for i in parsed.items if not isinstance(i, PreviewRow)]
    entries: dict[Any, str] = {}
    summaries: dict[str, str] = {}
    pks: dict[Any, int] = {}
    if any(isinstance(d, EntryDraft) for d in drafts):
        for pk, kind, title, start, summary in s.execute(
            select(Entry.pk, Entry.kind, Entry.title, Entry.start_date, Entry.summary)
        ):
            entries[_entry_keys(kind, title, start)] = f"\u201c{title}\u201d"
            pks.setdefault(_entry_keys(kind, title, start), pk)
            if summary.strip():
                summaries.setdefault(summary.strip(), f"\u201c{title}\u201d")
                pks.setdefault(summary.strip(), pk)
    rejections: dict[Any, str] = {}
    if any(isinstance(d, RejectionDraft) for d in drafts):
        for company, role, date in s.execute(
            select(Rejection.company, Rejection.role, Rejection.date)
        ):
            rejections[_rejection_key(company, role, date)] = "here"
    seen: dict[Any, str] = {}
    here = {} if here is None else here
    out: Planned = [(item, None) if isinstance(item, PreviewRow) else (_LATER, item)
                    for item in parsed.items]
    for i, (_, item) in enumerate(out):
        if isinstance(item, EntryDraft):
            row = _plan_entry(item, entries, summaries, seen)
            v = item.values
            key = _entry_keys(v["kind"], v["title"], v["start_date"])
            found = pks.get(key, pks.get(str(v.get("summary", "")).strip()))
            if row.tally == _HERE and found is not None:
                here[item.where] = found
            out[i] = (row, item)
        elif isinstance(item, RejectionDraft):
            out[i] = (_plan_rejection(item, rejections, seen), item)
    if any(isinstance(d, GoalDraft) for d in drafts):  # after the entries they link to
        rows = {draft.where: row for row, draft in out if isinstance(draft, EntryDraft)}
        existing = goals_here(s)
        for i, (_, item) in enumerate(out):
            if isinstance(item, GoalDraft):
                out[i] = (plan_goal(item, existing, rows, here, seen), item)
    return out


_LATER = PreviewRow(SKIP, "", "")  # (a place held for a draft, until it is planned)
_HERE, _TWICE = "already here", "repeated in the file"


def _plan_entry(draft: EntryDraft, entries: dict[Any, str], summaries: dict[str, str],
                seen: dict[Any, str]) -> PreviewRow:
    v = draft.values
    start: dt.date = v["start_date"]
    end: dt.date | None = v.get("end_date")
    detail = f"{KIND_LABELS[v['kind']]} \u00b7 {format_period(start, end)}"
    if v.get("tags"):
        detail += " \u00b7 " + ", ".join(v["tags"])
    key = _entry_keys(v["kind"], v["title"], start)
    summary = str(v.get("summary", "")).strip()
    reason = tally = ""
    if key in entries:
        reason, tally = f"already in your track record: {entries[key]} ({start:%b %Y})", _HERE
    elif summary and summary in summaries:
        reason = f"the same summary as {summaries[summary]}, already in your track record"
        tally = _HERE
    elif key in seen:
        reason, tally = f"repeats {seen[key]} of this file", _TWICE
    elif summary and ("summary", summary) in seen:
        reason, tally = f"repeats {seen[('summary', summary)]} of this file", _TWICE
    if reason:
        return PreviewRow(SKIP, "entry", v["title"], detail, reason, draft.where, tally)
    if not draft.chosen:
        return PreviewRow(SKIP, "entry", v["title"], detail, draft.guess, draft.where,
                          draft.tally, chosen=False)
    seen.setdefault(key, draft.where)
    if summary:
        seen.setdefault(("summary", summary), draft.where)
    return PreviewRow(ADD, "entry", v["title"], detail, draft.guess, draft.where, draft.tally,
                      chosen=True)


def _plan_rejection(draft: RejectionDraft, rejections: dict[Any, str],
                    seen: dict[Any, str]) -> PreviewRow:
    v = draft.values
    title = v["company"] + (f" \u2014 {v['role']}" if v.get("role") else "")
    detail = f"{STAGE_LABELS[v['stage']]} \u00b7 {v['date'].isoformat()}"
    if v.get("category") == "unknown":
        detail += " \u00b7 no response"
    key = _rejection_key(v["company"], v.get("role", ""), v["date"])
    reason = tally = ""
    if key in rejections:
        reason = "already in your rejection log (same company, role and date)"
        tally = _HERE
    elif key in seen:
        reason, tally = f"repeats {seen[key]} of this file", _TWICE
    if reason:
        return PreviewRow(SKIP, "rejection", title, detail, reason, draft.where, tally)
    if not draft.chosen:
        return PreviewRow(SKIP, "rejection", title, detail, draft.guess, draft.where,
                          draft.tally, chosen=False)
    seen.setdefault(key, draft.where)
    return PreviewRow(ADD, "rejection", title, detail, draft.guess, draft.where, draft.tally,
                      chosen=True)


def _analyses(
    store: Store, drafts: Sequence[EntryDraft | RejectionDraft | GoalDraft]
) -> dict[str, dict[str, Any]]:
    """What each new rejection opens with, computed before the write transaction begins."""
    out: dict[str, dict[str, Any]] = {}
    for draft in drafts:
        if not isinstance(draft, RejectionDraft):
            continue
        v = draft.values
        query = MatchQuery(stage=v["stage"], role=v.get("role", ""), level=v.get("level", ""),
                           company=v["company"], feedback=v.get("feedback", ""),
                           own_read=v.get("own_read", ""))
        try:
            analysis = analyse_rejection(store, query)
        except TrackRecordError:
            continue  # logged without a snapshot; the category is still suggested below
        out[draft.where] = {
            "category": analysis.category,
            "suggested_category": analysis.suggested_category,
            "category_trigger": analysis.suggested_trigger,
            "snapshot": validate({"snapshot": analysis.to_snapshot()})["snapshot"],
        }
    return out


def _apply_drafts(s: Session, planned: Planned, snapshots: dict[str, dict[str, Any]],
                  here: dict[str, int]) -> None:
    now = utc_naive()
    added: dict[str, Entry] = {}
    with s.no_autoflush:  # one flush at the end, not one per tag looked up
        _add_drafts(s, planned, snapshots, now, added)
    s.flush()
    fts.index(s, [e.pk for e in added.values()])
    goals = [(row, d) for row, d in planned if isinstance(d, GoalDraft)]
    if goals:
        rows = {d.where: row for row, d in planned if isinstance(d, EntryDraft)}
        apply_goals(s, goals, rows, {w: e.pk for w, e in added.items()}, here)


def _add_drafts(
    s: Session, planned: Planned, snapshots: dict[str, dict[str, Any]], now: dt.datetime,
    added: dict[str, Entry],
) -> None:
    for row, draft in planned:
        if row.action != ADD or draft is None or isinstance(draft, GoalDraft):
            continue
        if isinstance(draft, EntryDraft):
            entry = Entry(id=str(uuid.uuid4()), created_at=now, updated_at=now, links=[])
            write_fields(s, entry, draft.values)
            s.add(entry)
            added[draft.where] = entry
            continue
        clean = dict(draft.values)
        settled = clean.pop("category", None)  # the file said: no answer at all
        found = snapshots.get(draft.where)
        if found is None:
            suggestion = suggest_category(clean.get("feedback", ""), clean["stage"],
                                          clean.get("own_read", ""))
            found = {"category": suggestion.category,
                     "suggested_category": suggestion.category,
                     "category_trigger": suggestion.trigger}
        clean.update(found, category_confirmed=False)
        if settled:
            clean["category"] = settled
        rejection = Rejection(id=str(uuid.uuid4()), created_at=now, updated_at=now)
        apply_changes(rejection, clean)
        s.add(rejection)
