"""Importing a Markdown brag document: sections to kinds, bullets to entries, dates in the
forms people write, duplicates skipped with the reason, and our own export read back whole."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from store_helpers import DATA, db_state
from trackrecord.core.bragdoc.document import (
    BragOptions,
    build_document,
    render_html,
    render_markdown,
)
from trackrecord.core.bragdoc.sections import default_scheme
from trackrecord.core.demo import load_demo
from trackrecord.core.record.entries import EntryData, EntryService
from trackrecord.core.store.db import Store
from trackrecord.core.transfer.dates import find_period
from trackrecord.core.transfer.import_base import EntryDraft, GoalDraft, PreviewRow
from trackrecord.core.transfer.imports import commit_import, parse_import, preview_import
from trackrecord.core.transfer.markdown_context import _SECTION_TAGS, heading_kind
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
    search = drafts["Led the migration of search to OpenSearch: zero downtime, 3x faster queries"]
    assert search["summary"] == (
        "Led the migration of search to OpenSearch: zero downtime, 3x faster queries")
    assert search["start_date"] == D(2024, 1, 1)
    dark = drafts["Shipped dark mode for the merchant dashboard (design doc)"]
    assert dark["links"] == ("https://docs.example.internal/dark-mode",)
    assert dark["start_date"] == dark["end_date"] == D(2024, 5, 15)
    payout = drafts["Rebuilt the payout scheduler: payouts now run hourly instead of nightly"]
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
    (undated,) = [d for d in parsed.items if isinstance(d, EntryDraft) and d.guess]
    assert undated.guess == "no date in the file: dated today", "the preview flags it"
    assert parsed.warnings == ()
    assert parsed.notices == (
        "1 goal names no period, and the file gives no year: it is for this year (2024).",
        "1 item has no date, and the file gives no year: dated today (2024-06-01). Change "
        "the dates after importing, or add the year to the file and import it again.",
    )
    (goal,) = [r for r in parsed.items if isinstance(r, GoalDraft)]
    assert (goal.title, goal.where, goal.start_date, goal.end_date) == (
        "Grow into a staff role: own a cross-team project end to end", "line 7",
        D(2024, 1, 1), D(2024, 12, 31))
    assert not [r for r in parsed.items if isinstance(r, PreviewRow)]


def test_the_sample_imports_then_skips_itself(store: Store, data_paths: DataPaths) -> None:
    parsed = parse_import((DATA / "brag-doc.md").read_bytes(), "brag-doc.md", today=TODAY)
    first = commit_import(store, parsed)
    assert first.counts == {"added": 14, "updated": 0, "unchanged": 0, "skipped": 1}
    assert first.summary() == "14 added (1 goal, 13 entries), 1 skipped (1 repeated in the file)"
    repeat = next(r for r in first.rows if r.tally == "repeated in the file")
    assert repeat.where == "line 47" and repeat.reason == "repeats line 16 of this file"
    assert len(EntryService(store).all()) == 13
    before = db_state(data_paths)
    second = preview_import(store, parsed)
    assert second.counts["added"] == 0 and second.counts["skipped"] == 15
    assert "already in your track record" in second.rows[1].reason
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
                                       where="line 2", tally="no words"),)


ROUND_TRIP_FIELDS = (
    "kind", "summary", "impact", "metrics", "organisation", "team", "role", "scale", "stack",
    "severity", "time_to_mitigate", "root_cause", "mentee", "duration", "outcome", "situation",
    "task", "action", "result", "notes", "links", "start_date", "end_date",
)


@pytest.mark.parametrize(("render", "name", "group"), [
    (render_markdown, "brag.md", "sections"), (render_markdown, "brag.md", "year"),
    (render_html, "brag.html", "sections"), (render_html, "brag.html", "kind"),
])
def test_our_own_export_reads_back_whole_to_the_day(
    store: Store, render: Any, name: str, group: str,
) -> None:
    """Every field the export writes comes back, and the dates exactly, to the day."""
    load_demo(store)
    original = EntryService(store).all()
    text = render(build_document(original, BragOptions(
        group=group, details=True, star=True, mentee_initials=False)))
    from trackrecord.core.store.db import open_store

    other = open_store(DataPaths(store.paths.root.parent / "other"))
    try:
        report = commit_import(other, parse_import(text.encode(), name))
        assert report.counts["added"] == len(original)
        assert not report.warnings and not report.notices
        back = {e.title: e for e in EntryService(other).all()}
    finally:
        other.close()
    for entry in original:
        got = back[entry.title]
        for field in ROUND_TRIP_FIELDS:
            assert getattr(got, field) == getattr(entry, field), (entry.title, field)
        assert {t.casefold() for t in got.tags} == {t.casefold() for t in entry.tags}


def test_an_entry_of_this_month_comes_back_with_its_end(store: Store) -> None:
    today = D(2024, 6, 20)
    made = [EntryService(store).create("shipped", "June work", start_date=D(2024, 6, 3),
                                       end_date=D(2024, 6, 14)),
            EntryService(store).create("other", "Whole of May", start_date=D(2024, 5, 1),
                                       end_date=D(2024, 5, 31))]
    text = render_markdown(build_document(made, BragOptions(prepared_on=today)))
    assert "(Jun 3 \u2013 14, 2024)" in text and "(May 2024)" in text
    back = {d.values["title"]: d.values for d in _drafts(text, today)}
    assert (back["June work"]["start_date"], back["June work"]["end_date"]) == (
        D(2024, 6, 3), D(2024, 6, 14))
    assert back["Whole of May"]["end_date"] == D(2024, 5, 31)


def test_an_import_keeps_entries_in_their_brag_doc_section(store: Store) -> None:
    text = "## Design & documentation\n- Organised the launch party (2024-01)\n"
    commit_import(store, parse_import(text.encode(), "d.md", today=TODAY))
    entry = EntryService(store).all()[0]
    assert default_scheme().section_for(entry) == "design"
    assert isinstance(entry, EntryData)


def _one(text: str, today: dt.date = TODAY, source: str = "doc.md") -> list[EntryDraft]:
    parsed = parse_import(text.encode("utf-8"), source, "md", today=today)
    return [i for i in parsed.items if isinstance(i, EntryDraft)]


def test_setext_headings_are_headings() -> None:
    (design,) = _one("Notes\n=====\n\nDesign and Documentation\n------------------------\n\n"
                     "- Set up the review rota (Mar 2024)\n")
    assert design.values["kind"] == "other" and design.values["tags"] == ("documentation",)


@pytest.mark.parametrize("heading", ["What you learned", "What I learned", "Outside of work",
                                     "Company building", "Design & documentation"])
def test_julia_evans_section_names_as_written(heading: str) -> None:
    (draft,) = _one(f"## {heading}\n\n- Gardening club treasurer (2023)\n")
    assert draft.values["tags"], f"{heading!r} keeps the entry in its section"


def test_goals_are_read_as_goals_never_wins() -> None:
    parsed = parse_import(b"## Goals for this year\n\n- Lead a project\n  - with two teams\n"
                          b"- Write more\n\n## Projects\n\n- Shipped X (2024)\n", "g.md",
                          today=TODAY)
    goals = [i for i in parsed.items if isinstance(i, GoalDraft)]
    assert [(g.title, g.notes, g.serves) for g in goals] == [
        ("Lead a project", "- with two teams", ()), ("Write more", "", ())]
    assert [d.values["title"] for d in parsed.items if isinstance(d, EntryDraft)] == [
        "Shipped X"]


@pytest.mark.parametrize(("text", "source", "said"), [
    ("---\nyear: 2021\n---\n- Did a thing\n", "doc.md", "the year in its front matter"),
    ("# BRAG 2021\n\n- Did a thing\n", "doc.md", "the year in the title"),
    ("**BRAG 2021**\n\n- Did a thing\n", "doc.md", "the year in its first line"),
    ("- Did a thing\n", "brag2021.md", "the year in its file name"),
])
def test_the_year_comes_from_the_file_before_today(text: str, source: str, said: str) -> None:
    parsed = parse_import(text.encode(), source, "md", today=TODAY)
    (draft,) = [i for i in parsed.items if isinstance(i, EntryDraft)]
    assert (draft.values["start_date"], draft.values["end_date"]) == (D(2021, 1, 1),
                                                                      D(2021, 12, 31))
    assert any(said in notice and "2021" in notice for notice in parsed.notices)


@pytest.mark.parametrize(("line", "title", "start", "end"), [
    ("- Moved the cache (Aug-Dec 2024)", "Moved the cache", D(2024, 8, 1), D(2024, 12, 31)),
    ("- Shipped thing in March 2023", "Shipped thing in March 2023", D(2023, 3, 1),
     D(2023, 3, 31)),
    ("- Wrote the RFC, Oct 2023", "Wrote the RFC", D(2023, 10, 1), D(2023, 10, 31)),
    ("- Cut CI time by half: shards and a warm cache (2023)",
     "Cut CI time by half: shards and a warm cache", D(2023, 1, 1), D(2023, 12, 31)),
    ("- Rollout tooling - canary and rollback (2023)", "Rollout tooling - canary and rollback",
     D(2023, 1, 1), D(2023, 12, 31)),
    ("- Ran the offsite (Mar 3 \u2013 Apr 12, 2024)", "Ran the offsite", D(2024, 3, 3),
     D(2024, 4, 12)),
])
def test_dates_leave_a_title_only_when_it_still_reads(line: str, title: str, start: dt.date,
                                                     end: dt.date) -> None:
    (draft,) = _one(line)
    assert (draft.values["title"], draft.values["start_date"], draft.values["end_date"]) == (
        title, start, end)


def test_links_with_escaped_brackets() -> None:
    (draft,) = _one("- Wrote [the \\[draft\\] runbook](https://w.example/r_(x)) (2023)\n")
    assert draft.values["title"] == "Wrote the [draft] runbook"
    assert draft.values["links"] == ("https://w.example/r_(x)",)


def test_at_words_in_a_work_log_become_tags_and_people_stay_people() -> None:
    drafts = _one("## 2024-03-04\n- `@feature`: added CSV export\n- Fixed login @triage @ci\n"
                  "- Shipped the @payments retry\n- Paired with @dana on it\n"
                  "- Mailed ops@example.com\n")
    assert [(d.values["title"], d.values["tags"]) for d in drafts] == [
        ("Added CSV export", ("feature",)), ("Fixed login", ("triage", "ci")),
        ("Shipped the payments retry", ("payments",)), ("Paired with @dana on it", ()),
        ("Mailed ops@example.com", ()),
    ]


def test_a_heading_per_item_with_labelled_lines() -> None:
    drafts = _one("## Wins\n\n### Accomplishment: Cut costs (2023)\n**Impact**: 30% less\n"
                  "**Context**: the bill doubled\n**Result**: back to budget\n**Metrics**: $40k"
                  "\n**Skills**: finops, sql\nsome more words\n\n"
                  "### Accomplishment: Led hiring\n- **Impact:** 6 hires\n- **Outcome:** a team"
                  "\n\n## How to use\n\n- Add yours below\n- Keep them short\n")
    cut, hiring, *rest = drafts
    assert (cut.values["title"], cut.values["impact"], cut.values["situation"],
            cut.values["result"], cut.values["metrics"], cut.values["tags"],
            cut.values["notes"], cut.values["start_date"]) == (
        "Cut costs", "30% less", "the bill doubled", "back to budget", "$40k",
        ("finops", "sql"), "some more words", D(2023, 1, 1))
    assert (hiring.values["title"], hiring.values["result"]) == ("Led hiring", "a team")
    assert [(d.chosen, d.tally) for d in rest] == [(False, "template guidance")] * 2


def test_an_h3_keeps_its_project() -> None:
    drafts = _one("## Projects\n### Desktop plugin\n- **v5.5:**\n  - fixed the build\n"
                  "- TL;DR: simpler is better\n- Rewrote the settings screen from scratch\n")
    got = [(d.values["title"], d.values["summary"], d.values.get("notes", "")) for d in drafts]
    assert got == [
        ("Desktop plugin: v5.5", "v5.5", "- fixed the build"),
        ("Desktop plugin", "Simpler is better", ""),
        ("Rewrote the settings screen from scratch", "Rewrote the settings screen from scratch",
         "Project: Desktop plugin"),
    ]


def test_year_bullets_with_indented_bodies() -> None:
    drafts = _one("## Projects\n\n- 2021\n\n      Built the operator.\n      It set up "
                  "namespaces.\n\n      Improved the pipeline.\n")
    assert [(d.values["title"], d.values["start_date"]) for d in drafts] == [
        ("Built the operator", D(2021, 1, 1)), ("Improved the pipeline", D(2021, 1, 1))]
    assert drafts[0].values["summary"] == "Built the operator. It set up namespaces."


def test_the_templates_guidance_is_offered_unticked() -> None:
    drafts = _one("## Collaboration & mentorship\n\nExamples of things in this category:\n\n"
                  "- Mentoring interns\n- Giving a talk\n\n## Projects\n\n"
                  "- The impact of your work: who was it for?\n- Shipped the API (2023)\n")
    assert [(d.values["title"], d.chosen) for d in drafts] == [
        ("Mentoring interns", False), ("Giving a talk", False),
        ("The impact of your work: who was it for?", False), ("Shipped the API", True)]


def test_a_label_among_other_bullets_does_not_make_the_heading_one_item() -> None:
    drafts = _one("## Projects\n### Billing\n- TL;DR: moved invoices off the monolith\n"
                  "- **Dunning emails:**\n  - cut failed renewals by a third\n")
    assert [d.values["title"] for d in drafts] == ["Billing", "Billing: Dunning emails"]
    assert drafts[0].values["summary"] == "Moved invoices off the monolith"
