"""Importing a jrnl JSON export: other wins, or the kind the tags suggest; tags kept without
the "@"; entries that cannot be read are skipped with the reason."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from store_helpers import DATA
from trackrecord.core.record.entries import EntryService
from trackrecord.core.store.db import Store
from trackrecord.core.transfer.import_base import EntryDraft, ImportFileError, PreviewRow
from trackrecord.core.transfer.imports import commit_import, parse_import

TODAY = dt.date(2024, 6, 1)


def _parse(doc: object) -> tuple[list[EntryDraft], list[PreviewRow]]:
    parsed = parse_import(json.dumps(doc).encode(), "journal.json", "jrnl", today=TODAY)
    drafts = [i for i in parsed.items if isinstance(i, EntryDraft)]
    return drafts, [i for i in parsed.items if isinstance(i, PreviewRow)]


def test_the_sample_export(store: Store) -> None:
    parsed = parse_import((DATA / "jrnl-export.json").read_bytes(), "jrnl-export.json",
                          today=TODAY)
    assert parsed.format == "jrnl", "recognised from its content"
    report = commit_import(store, parsed)
    assert report.counts == {"added": 5, "updated": 0, "unchanged": 0, "skipped": 1}
    assert report.rows[-1].reason == "no date"
    got = {e.title: e for e in EntryService(store).all()}
    launch = got["Launched the new billing page"]
    assert launch.kind == "shipped" and launch.tags == ("launch", "starred")
    assert launch.summary == "Launched the new billing page"
    assert launch.notes.startswith("Rolled out to 100%")
    assert launch.start_date == launch.end_date == dt.date(2024, 2, 12)
    queue = got["Woke up for the queue backlog page"]
    assert queue.kind == "incident" and set(queue.tags) == {"oncall", "incident"}
    assert got["First 1:1 with Sam as their mentor"].kind == "mentoring"
    assert got["Published the caching guidelines doc"].kind == "other"
    assert commit_import(store, parsed).counts["added"] == 0, "a second import adds nothing"


@pytest.mark.parametrize(("tags", "kind"), [
    (["@incident"], "incident"), (["@oncall"], "incident"), (["@On-Call"], "incident"),
    (["@mentoring"], "mentoring"), (["@shipped"], "shipped"), (["@launch"], "shipped"),
    (["@work", "@launch", "@incident"], "shipped"), (["@work"], "other"), ([], "other"),
])
def test_kinds_from_tags(tags: list[str], kind: str) -> None:
    (draft,), _ = _parse({"entries": [{"date": "2024-01-01", "title": "A day.", "tags": tags}]})
    assert draft.values["kind"] == kind
    assert draft.values["tags"] == tuple(t.lstrip("@") for t in tags)


def test_entries_that_cannot_be_read_are_skipped() -> None:
    drafts, skipped = _parse({"entries": [
        "just text", {"title": "no date"}, {"date": "2024-02-30", "title": "bad"},
        {"date": "2024-01-01", "title": "", "body": ""},
        {"date": "2024-01-01", "title": "", "body": "Body only\nsecond line"},
        {"date": "2024-01-01", "title": "Odd tags", "tags": "@x"},
        {"date": "2024-01-01", "title": "Long tag", "tags": ["@" + "x" * 90, "@ok"]},
    ]})
    assert [s.reason for s in skipped] == ["not a jrnl entry", "no date", "bad date '2024-02-30'",
                                           "no title or text"]
    assert [d.values["title"] for d in drafts] == ["Body only", "Odd tags", "Long tag"]
    assert drafts[2].values["tags"] == ("ok",)


@pytest.mark.parametrize("doc", [[], {"entries": {}}, {"tags": {}}, "x", 3])
def test_a_file_that_is_not_a_jrnl_export_is_refused(doc: object) -> None:
    with pytest.raises(ImportFileError, match="not a jrnl export"):
        _parse(doc)


def test_json_that_is_neither_a_backup_nor_a_journal() -> None:
    with pytest.raises(ImportFileError, match="neither a Track Record backup nor a jrnl"):
        parse_import(b'{"hello": 1}', "x.json")
