"""Importing a Markdown brag document: sections to kinds, bullets to entries, dates in the
forms people write, duplicates skipped with the reason, and our own export read back whole."""

from __future__ import annotations

import datetime as dt

import pytest

from store_helpers import DATA, db_state
from trackrecord.core.bragdoc.document import BragOptions, build_document, render_markdown
from trackrecord.core.bragdoc.sections import default_scheme
from trackrecord.core.demo import load_demo
from trackrecord.core.record.entries import EntryData, EntryService
from trackrecord.core.store.db import Store
from trackrecord.core.transfer.dates import find_period
from trackrecord.core.transfer.import_base import EntryDraft, PreviewRow
from trackrecord.core.transfer.imports import commit_import, parse_import, preview_import
from trackrecord.core.transfer.markdown_brag import _SECTION_TAGS, heading_kind
from trackrecord.paths import DataPaths

TODAY = dt.date(2024, 6, 1)
D = dt.date


def _drafts(text: str, today: dt.date = TODAY) -> list[EntryDraft]:
    parsed = parse_import(text.encode("utf-8"), "doc.md", "md", today=today)
    return [i for i in parsed.items if isinstance(i, EntryDraft)]


@pytest.mark.parametrize(("text", "start", "end"), [
    ("2024-03", D(2024, 3, 1), D(2024, 3, 31)),
    ("2024-03-15", D(2024, 3, 15), D(2024, 3, 15)),
    ("March 2024", D(2024, 3, 1), D(2024, 3, 31)),
    ("Mar 2024", D(2024, 3, 1), D(2024, 3, 31)),
    ("Sept. 2023", D(2023, 9, 1), D(2023, 9, 30)),
    ("15 March 2024", D(2024, 3, 15), D(2024, 3, 15)),
    ("March 15, 2024", D(2024, 3, 15), D(2024, 3, 15)),
    ("Q1 2024", D(2024, 1, 1), D(2024, 3, 31)),
    ("2024 Q4", D(2024, 10, 1), D(2024, 12, 31)),
    ("H2 2023", D(2023, 7, 1), D(2023, 12, 31)),
    ("2023–2024", D(2023, 1, 1), D(2024, 12, 31)),
    ("2023-2024", D(2023, 1, 1), D(2024, 12, 31)),
    ("2019-20", D(2019, 1, 1), D(2020, 12, 31)),
    ("Feb – Sep 2024", D(2024, 2, 1), D(2024, 9, 30)),
    ("Dec – Feb 2024", D(2023, 12, 1), D(2024, 2, 29)),
    ("Dec 2019 – Jan 2020", D(2019, 12, 1), D(2020, 1, 31)),
    ("Q3 2023 to Q1 2024", D(2023, 7, 1), D(2024, 3, 31)),
    ("Jan 2026 – present", D(2026, 1, 1), None),
    ("(2023)", D(2023, 1, 1), D(2023, 12, 31)),
])
def test_date_forms(text: str, start: dt.date, end: dt.date | None) -> None:
    found = find_period(f"Did a thing {text}")
    assert found is not None and (found.start, found.end) == (start, end)


@pytest.mark.parametrize("text", [
    "handled 2000 requests a second", "cut costs by 2024 dollars", "v2.2024.1 released",
    "ticket PROJ-2023 closed", "may I say", "1000-2000 rps", "2024-13",
])
def test_numbers_that_are_not_dates(text: str) -> None:
    assert find_period(text) is None


def test_a_bare_year_counts_in_a_heading() -> None:
    assert find_period("2023", bare_years=True) is not None
    assert find_period("Highlights of 2023", bare_years=True) is not None


@pytest.mark.parametrize(("heading", "kind"), [
    ("Projects", "shipped"), ("Shipped", "shipped"), ("Shipped systems", "shipped"),
    ("Incidents", "incident"), ("On-call", "incident"), ("Operations", "incident"),
    ("Incidents & operations", "incident"), ("Mentoring", "mentoring"),
    ("Collaboration & mentorship", "mentoring"), ("People mentored", "mentoring"),
    ("Design & documentation", None), ("What I learned", None), ("2023", None),
])
def test_heading_kinds(heading: str, kind: str | None) -> None:
    assert heading_kind(heading) == kind


def test_section_tags_belong_to_their_sections() -> None:
    by_key = {rule.key: rule for rule in default_scheme().sections}
    for key, tag in _SECTION_TAGS.items():
        assert tag in by_key[key].tags


def test_the_sample_brag_document() -> None:
    parsed = parse_import((DATA / "brag-doc.md").read_bytes(), "brag-doc.md", today=TODAY)
    drafts = {d.values["title"]: d.values for d in parsed.items if isinstance(d, EntryDraft)}
    payments = drafts["Payments API v2"]
    assert payments["kind"] == "shipped"
    assert payments["summary"] == "moved card payments to the new idempotent API"
    assert (payments["start_date"], payments["end_date"]) == (D(2024, 3, 1), D(2024, 3, 31))
    assert payments["impact"] == "duplicate charges went from ~40 a week to zero"
    assert payments["metrics"] == "p99 latency 420ms -> 180ms"
    assert payments["notes"] == (
        "- Worked closely with the mobile team on the retry contract\n"
        "  - wrote the client-side retry guide"
    )
    search = drafts["Led the migration of search to OpenSearch"]
    assert search["summary"] == (
        "Led the migration of search to OpenSearch: zero downtime, 3x faster queries")
    assert search["start_date"] == D(2024, 1, 1)
    dark = drafts["Shipped dark mode for the merchant dashboard (design doc)"]
    assert dark["links"] == ("https://docs.example.internal/dark-mode",)
    assert dark["start_date"] == dark["end_date"] == D(2024, 5, 15)
    payout = drafts["Rebuilt the payout scheduler"]
    assert payout["end_date"] is None, "2023–2024 has not ended on 1 June 2024"
    checkout = drafts["Fixed the checkout outage caused by a connection-pool leak"]
    assert checkout["kind"] == "incident" and checkout["start_date"] == D(2023, 7, 1)
    assert checkout["time_to_mitigate"] == "38 minutes"
    assert checkout["root_cause"] == "pool not released on a timeout path"
    paged = drafts["Paged at 3am for the primary database failover, led the recovery"]
    assert paged["start_date"] == D(2023, 11, 1)
    assert drafts["Mentored Alex through their first on-call rotation"]["kind"] == "mentoring"
    assert drafts["Wrote the onboarding guide for new backend engineers"]["tags"] == (
        "documentation",)
    assert drafts["Wrote the RFC for event sourcing in the ledger"]["tags"] == ()
    meetup = drafts["Spoke at the regional Go meetup about idempotent payouts"]
    assert (meetup["kind"], meetup["start_date"]) == ("other", D(2023, 1, 1))
    course = drafts["Took a course on distributed systems"]
    assert course["start_date"] == TODAY
    assert [str(w) for w in parsed.warnings] == [
        "line 7: text outside a list was not imported (only list items are)",
        "line 46: no date found; dated today (2024-06-01)",
    ]


def test_the_sample_imports_then_skips_itself(store: Store, data_paths: DataPaths) -> None:
    parsed = parse_import((DATA / "brag-doc.md").read_bytes(), "brag-doc.md", today=TODAY)
    first = commit_import(store, parsed)
    assert first.counts == {"added": 13, "updated": 0, "unchanged": 0, "skipped": 1}
    repeat = next(r for r in first.rows if r.action == "skip")
    assert repeat.where == "line 47" and repeat.reason == "repeats line 16 of this file"
    assert len(EntryService(store).all()) == 13
    before = db_state(data_paths)
    second = preview_import(store, parsed)
    assert second.counts["added"] == 0 and second.counts["skipped"] == 14
    assert "already in your track record" in second.rows[0].reason
    assert commit_import(store, parsed).writes == 0
    assert db_state(data_paths) == before
    assert len(EntryService(store).all()) == 13


def test_duplicates_of_existing_entries_are_skipped_and_said_why(entries: EntryService) -> None:
    entries.create("shipped", "Payments API v2", start_date=D(2024, 3, 20))
    entries.create("other", "Talk", summary="Spoke at GopherCon about retries",
                   start_date=D(2020, 1, 1))
    text = (
        "## Projects\n"
        "- **payments api V2** (Mar 2024) — same title, any case, same month\n"
        "- **Payments API v2** (Apr 2024) — a later month is a new entry\n"
        "## Other\n"
        "- Spoke at GopherCon about retries\n"
    )
    parsed = parse_import(text.encode(), "doc.md", today=TODAY)
    rows = preview_import(entries._store, parsed).rows
    assert [r.action for r in rows] == ["skip", "add", "skip"]
    assert rows[0].reason == "already in your track record: \u201cPayments API v2\u201d (Mar 2024)"
    assert "the same summary as \u201cTalk\u201d" in rows[2].reason


def test_nested_bullets_code_and_labels() -> None:
    text = (
        "## Projects\n"
        "1. Built the importer (2024-02)\n"
        "   continued on the next line\n"
        "   - Skills: python, sqlite\n"
        "   - **Links:** <https://a.example>, [b](https://b.example)\n"
        "   - **STAR story**\n"
        "     - **Situation:** no way in\n"
        "     - **Result:** a way in\n"
        "   ```\n"
        "   # a comment, not a heading\n"
        "   ```\n"
        "- [x] A done task, Mar 2024\n"
        "* * *\n"
        "```\n"
        "- not an entry\n"
        "```\n"
    )
    drafts = _drafts(text)
    assert len(drafts) == 2
    built = drafts[0].values
    assert built["title"] == "Built the importer continued on the next line"
    assert built["tags"] == ("python", "sqlite")
    assert built["links"] == ("https://a.example", "https://b.example")
    assert (built["situation"], built["result"]) == ("no way in", "a way in")
    assert built["notes"] == "```\n# a comment, not a heading\n```"
    assert drafts[1].values["title"] == "A done task"


def test_a_bullet_with_only_a_date_is_skipped_with_the_reason() -> None:
    parsed = parse_import(b"## Projects\n- (2024-03)\n", "d.md", today=TODAY)
    assert parsed.items == (PreviewRow("skip", "entry", "(2024-03)",
                                       reason="no words left once the date is removed",
                                       where="line 2"),)


def test_our_own_markdown_export_reads_back_whole(store: Store, tmp_path: object) -> None:
    """Every field the export writes comes back (dates to the month, as the export shows)."""
    load_demo(store)
    original = EntryService(store).all()
    text = render_markdown(build_document(original, BragOptions(
        details=True, star=True, mentee_initials=False)))
    from trackrecord.core.store.db import open_store

    other = open_store(DataPaths(store.paths.root.parent / "other"))
    try:
        report = commit_import(other, parse_import(text.encode(), "brag.md",
                                                   today=D(2026, 11, 26)))
        assert report.counts["added"] == len(original) and not report.warnings
        back = {e.title: e for e in EntryService(other).all()}
    finally:
        other.close()
    for entry in original:
        got = back[entry.title]
        for name in ("kind", "summary", "impact", "metrics", "organisation", "team", "role",
                     "scale", "stack", "severity", "time_to_mitigate", "root_cause", "mentee",
                     "duration", "outcome", "situation", "task", "action", "result", "notes",
                     "links"):
            assert getattr(got, name) == getattr(entry, name), (entry.title, name)
        assert _month(got.start_date) == _month(entry.start_date)
        assert (got.end_date is None) == (entry.end_date is None)
        assert {t.casefold() for t in got.tags} == {t.casefold() for t in entry.tags}


def _month(day: dt.date) -> tuple[int, int]:
    return day.year, day.month


def test_an_import_keeps_entries_in_their_brag_doc_section(store: Store) -> None:
    text = "## Design & documentation\n- Organised the launch party (2024-01)\n"
    commit_import(store, parse_import(text.encode(), "d.md", today=TODAY))
    entry = EntryService(store).all()[0]
    assert default_scheme().section_for(entry) == "design"
    assert isinstance(entry, EntryData)
