"""Importing a jrnl JSON export: other wins, or the kind the tags suggest; tags kept without
the "@"; entries that cannot be read are skipped with the reason."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from store_helpers import DATA
from trackrecord.core.record.entries import EntryService
from trackrecord.core.store.db import Store
from trackrecord.core.transfer.import_base import EntryDraft, ImportFileError, PreviewRow
from trackrecord.core.transfer.imports import commit_import, load_import, parse_import

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
    assert report.counts == {"added": 4, "updated": 0, "unchanged": 0, "skipped": 2}
    assert report.summary() == "4 added, 2 skipped (1 no date, 1 not a win)"
    assert report.rows[-1].reason == "no date"
    tired = report.rows[-2]
    assert (tired.title, tired.chosen, tired.tally) == ("Felt tired today", False, "not a win")
    assert tired.reason.startswith("reads like a hard day (\u201ctired\u201d), not a win")
    got = {e.title: e for e in EntryService(store).all()}
    launch = got["Launched the new billing page @launch"]
    assert launch.kind == "shipped" and launch.tags == ("launch", "starred")
    assert launch.summary == "Launched the new billing page @launch.", "kept whole"
    assert launch.notes.startswith("Rolled out to 100%")
    assert launch.start_date == launch.end_date == dt.date(2024, 2, 12)
    queue = got["Woke up for the queue backlog page"]
    assert queue.kind == "incident" and set(queue.tags) == {"oncall", "incident"}
    assert got["First 1:1 with Sam as their mentor"].kind == "mentoring"
    assert got["Published the caching guidelines doc"].kind == "other"
    assert commit_import(store, parsed).counts["added"] == 0, "a second import adds nothing"
    ticked = commit_import(store, parsed.choose_all("not a win", True))
    assert ticked.counts["added"] == 1 and "Felt tired today" in {
        e.title for e in EntryService(store).all()}


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


def test_titles_stay_whole_and_people_are_not_skills() -> None:
    (idea, met), _ = _parse({"entries": [
        {"date": "2013-04-09", "title": "I have an @idea:", "body": "(1) a @cli\n(2) ???",
         "tags": ["@idea", "@cli"]},
        {"date": "2013-06-10", "title": "I met with @dan.", "body": "He had an @idea.",
         "tags": ["@dan", "@idea"]},
    ]})
    assert (idea.values["title"], idea.values["tags"]) == ("I have an @idea:", ("idea", "cli"))
    assert (met.values["title"], met.values["tags"]) == ("I met with @dan", ("idea",))


def test_a_mentoring_entry_takes_its_person_as_the_mentee() -> None:
    (first,), _ = _parse({"entries": [{"date": "2024-03-01", "title": "1:1 with @sam.",
                                       "tags": ["@sam", "@mentoring"]}]})
    assert (first.values["kind"], first.values["mentee"], first.values["tags"]) == (
        "mentoring", "sam", ("mentoring",))


@pytest.mark.parametrize(("title", "body", "win"), [
    ("Bad day, felt useless in standup.", "", False),
    ("So tired.", "", False),
    ("Standup.", "Felt anxious the whole day.", False),
    ("Shipped the export.", "Tired but happy.", True),
    ("Fixed the login bug.", "", True),
    ("I met with @dan.", "", True),
])
def test_hard_days_are_offered_unticked(title: str, body: str, win: bool) -> None:
    (draft,), _ = _parse({"entries": [{"date": "2024-01-01", "title": title, "body": body}]})
    assert draft.chosen is win
    assert (draft.tally == "not a win") is not win


def test_the_per_entry_export_and_a_folder_of_it(tmp_path: Path) -> None:
    entry = {"title": "Shipped it.", "body": "", "date": "2024-02-12", "time": "17:45",
             "tags": ["@shipped"], "starred": False}
    one = parse_import(json.dumps(entry).encode(), "2024-02-12_shipped-it.json", today=TODAY)
    assert one.format == "jrnl" and [d.values["title"] for d in one.items] == ["Shipped it"]
    folder = tmp_path / "entries"
    folder.mkdir()
    (folder / "2024-02-12_shipped-it.json").write_text(json.dumps(entry), encoding="utf-8")
    (folder / "2024-02-13_sad.json").write_text(json.dumps(
        {**entry, "title": "Sad day.", "tags": []}), encoding="utf-8")
    (folder / "notes.txt").write_text("not json", encoding="utf-8")
    parsed = load_import(folder, today=TODAY)
    assert parsed.format == "jrnl" and parsed.source == "entries"
    assert [(i.where, i.chosen) for i in parsed.items] == [
        ("2024-02-12_shipped-it.json", True), ("2024-02-13_sad.json", False)]
    with pytest.raises(ImportFileError, match="only a folder of jrnl entries"):
        load_import(folder, "csv")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ImportFileError, match="has no .json files"):
        load_import(empty)
