"""Building the brag document: what goes in, where it is filed, and in what order."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from trackrecord.core.bragdoc.document import (
    BragOptions,
    Fact,
    build_document,
    filter_entries,
    mentee_initials,
    preset_range,
    render_markdown,
)
from trackrecord.core.bragdoc.sections import default_scheme, parse_scheme
from trackrecord.core.errors import ValidationError
from trackrecord.core.record.entries import EntryData
from trackrecord.core.record.kinds import KIND_REGISTRY

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "golden" / "brag_entries.json"
DAY = dt.date(2026, 11, 26)


def sample_entries() -> list[EntryData]:
    raw = json.loads(SAMPLES.read_text(encoding="utf-8"))["entries"]
    made = []
    for values in raw:
        values = dict(values)
        values["start_date"] = dt.date.fromisoformat(values["start_date"])
        end = values.get("end_date")
        values["end_date"] = dt.date.fromisoformat(end) if end else None
        values["tags"] = tuple(values.get("tags", ()))
        values["links"] = tuple(values.get("links", ()))
        stamp = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
        made.append(EntryData(created_at=stamp, updated_at=stamp, **values))
    return made


def entry(title: str, start: str, end: str | None = None, **values: object) -> EntryData:
    return EntryData(
        id=f"id-{title}", kind=str(values.pop("kind", "shipped")), title=title,
        start_date=dt.date.fromisoformat(start),
        end_date=dt.date.fromisoformat(end) if end else None,
        **values,  # type: ignore[arg-type]
    )


def titles(doc_sections: object) -> dict[str, list[str]]:
    return {s.heading: [i.title for i in s.items] for s in doc_sections}  # type: ignore[attr-defined]


# -- sections ----------------------------------------------------------------------------


def test_kinds_go_to_their_sections_and_other_wins_are_filed_by_tags_and_words() -> None:
    doc = build_document(sample_entries())
    assert titles(doc.sections) == {
        "Projects": ["Billing ledger v2"],
        "Incidents & operations": ["Checkout outage from a slow card processor"],
        "Collaboration & mentorship": ["Mentoring P. into on-call"],
        "Design & documentation": ["Ledger v2 design doc"],
        "Company building": ["Interview loop redesign"],
        "What I learned": ["Distributed systems reading group"],
        "Outside work": ['Meetup talk: "Exactly-once" is a promise <you keep>'],
        "Other wins": ["Employee of the quarter"],
    }
    # Document order is the brag-doc order, with the catch-all last.
    assert [s.key for s in doc.sections] == [
        "projects", "incidents", "collaboration", "design", "company", "learning", "outside",
        "other",
    ]


def test_the_demo_track_record_files_every_other_win_under_a_real_section() -> None:
    from trackrecord.core.demo import demo_entries

    scheme = default_scheme()
    placed = {}
    for values in demo_entries():
        if values["kind"] == "other":
            made = entry(values["title"], values["start_date"], kind="other",
                         summary=values["summary"], tags=tuple(values["tags"]),
                         organisation=values["organisation"])
            placed[values["title"]] = scheme.section_for(made)
    assert "other" not in placed.values()
    assert placed["Meetup talk: exactly-once payouts"] == "outside"
    # Issue 17: open source built at a job, adopted by every team there, is that job's work.
    assert placed["Open-source Postgres migration linter"] == "company"
    assert placed["Backend interview loop redesign"] == "company"
    assert placed["Internal talk: reading EXPLAIN ANALYZE"] == "company"
    assert placed["Distributed systems paper reading group"] == "learning"
    assert placed["Ledger v2 design doc"] == "design"
    assert placed["On-call runbooks for the noisiest alerts"] == "design"


def test_open_source_is_outside_work_only_when_it_was_not_for_an_employer() -> None:
    scheme = default_scheme()
    tool = dict(kind="other", summary="Built and open-sourced a schema diff tool",
                tags=("open-source", "python"))
    assert scheme.section_for(entry("Schema diff tool", "2024-01-01", **tool)) == "outside"
    at_work = entry("Schema diff tool", "2024-01-01", organisation="Fernhollow", **tool)
    assert scheme.section_for(at_work) != "outside"
    talk = entry("Meetup talk on Kafka", "2024-01-01", kind="other", organisation="Fernhollow")
    assert scheme.section_for(talk) == "outside"  # a community talk is, whoever employs you


def test_keywords_match_whole_words_and_star_prefixes() -> None:
    scheme = parse_scheme(
        'other_match_order = ["a"]\nfallback = "z"\n'
        '[[section]]\nkey = "a"\nheading = "A"\nkeywords = ["process", "interview*"]\n'
        '[[section]]\nkey = "z"\nheading = "Z"\n'
    )
    assert scheme.section_for(entry("Improved the hiring process", "2024-01-01",
                                    kind="other")) == "a"
    assert scheme.section_for(entry("Trained interviewers", "2024-01-01", kind="other")) == "a"
    assert scheme.section_for(entry("Stream processing", "2024-01-01", kind="other")) == "z"


def test_every_kind_with_a_section_of_its_own_has_it_in_the_shipped_scheme() -> None:
    scheme = default_scheme()
    for kind in KIND_REGISTRY:
        if kind.bragdoc_section:
            assert scheme.heading(kind.bragdoc_section)
            made = entry(f"A {kind.label}", "2024-01-01", kind=kind.key)
            assert scheme.section_for(made) == kind.bragdoc_section


def test_a_section_file_naming_unknown_sections_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown"):
        parse_scheme('other_match_order = ["nope"]\nfallback = "a"\n'
                     '[[section]]\nkey = "a"\nheading = "A"\n')


# -- order and grouping ------------------------------------------------------------------


def test_newest_first_within_a_section_ties_by_title() -> None:
    doc = build_document([
        entry("Old", "2020-01-01"), entry("New b", "2024-05-01"), entry("New a", "2024-05-01"),
        entry("Middle", "2022-03-01"),
    ])
    assert titles(doc.sections) == {"Projects": ["New a", "New b", "Middle", "Old"]}


def test_group_by_year_newest_year_first() -> None:
    doc = build_document(sample_entries(), BragOptions(group="year"))
    assert [s.heading for s in doc.sections] == ["2024", "2023", "2022"]
    assert [i.title for i in doc.sections[0].items] == [
        "Checkout outage from a slow card processor", "Billing ledger v2",
    ]


def test_group_by_kind_in_kind_order() -> None:
    doc = build_document(sample_entries(), BragOptions(group="kind"))
    assert [s.heading for s in doc.sections] == [
        "Shipped systems", "Incidents solved", "People mentored", "Other wins",
    ]
    assert len(doc.sections[3].items) == 5


def test_the_same_input_gives_the_same_document_in_any_input_order() -> None:
    entries = sample_entries()
    options = BragOptions(details=True, star=True)
    assert build_document(entries, options) == build_document(entries[::-1], options)


# -- filters -----------------------------------------------------------------------------


def test_a_period_keeps_entries_that_overlap_it_and_ongoing_work() -> None:
    entries = [
        entry("Ended before", "2023-01-01", "2023-12-31"),
        entry("Spans the start", "2023-06-01", "2024-02-01"),
        entry("Inside", "2024-03-01", "2024-03-01"),
        entry("Ongoing since long ago", "2020-01-01"),
        entry("Starts after", "2024-07-01", "2024-08-01"),
    ]
    options = BragOptions(since=dt.date(2024, 1, 1), until=dt.date(2024, 6, 30))
    assert [e.title for e in filter_entries(entries, options)] == [
        "Spans the start", "Inside", "Ongoing since long ago",
    ]


def test_kind_tag_and_impact_filters() -> None:
    entries = sample_entries()
    only = filter_entries(entries, BragOptions(kinds=frozenset({"incident", "mentoring"})))
    assert {e.kind for e in only} == {"incident", "mentoring"}
    # Any of the tags, in any case.
    tagged = filter_entries(entries, BragOptions(tags=frozenset({"GO", "hiring"})))
    assert [e.title for e in tagged] == [
        "Billing ledger v2", "Checkout outage from a slow card processor",
        "Interview loop redesign",
    ]
    with_impact = filter_entries(entries, BragOptions(only_with_impact=True))
    assert "Employee of the quarter" not in [e.title for e in with_impact]
    assert "Distributed systems reading group" not in [e.title for e in with_impact]
    metrics_only = entry("Metrics only", "2024-01-01", metrics="p99 -40%")
    assert filter_entries([metrics_only], BragOptions(only_with_impact=True)) == [metrics_only]


@pytest.mark.parametrize(
    "values",
    [
        {"group": "month"},
        {"kinds": frozenset({"rejection"})},
        {"since": dt.date(2024, 2, 1), "until": dt.date(2024, 1, 1)},
    ],
)
def test_bad_options_are_refused_with_a_message(values: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        BragOptions(**values)  # type: ignore[arg-type]


def test_options_accept_lists_and_store_frozensets() -> None:
    options = BragOptions(kinds=["shipped"], tags=("go", " ", "go"))  # type: ignore[arg-type]
    assert options.kinds == frozenset({"shipped"})
    assert options.tags == frozenset({"go"})


@pytest.mark.parametrize(
    ("preset", "today", "expected"),
    [
        ("all", DAY, (None, None)),
        ("last_6_months", DAY, (dt.date(2026, 5, 26), DAY)),
        ("last_12_months", DAY, (dt.date(2025, 11, 26), DAY)),
        ("this_year", DAY, (dt.date(2026, 1, 1), DAY)),
        ("last_6_months", dt.date(2026, 8, 31), (dt.date(2026, 2, 28), dt.date(2026, 8, 31))),
        ("last_12_months", dt.date(2024, 2, 29), (dt.date(2023, 2, 28), dt.date(2024, 2, 29))),
        ("last_6_months", dt.date(2026, 3, 15), (dt.date(2025, 9, 15), dt.date(2026, 3, 15))),
    ],
)
def test_date_presets(
    preset: str, today: dt.date, expected: tuple[dt.date | None, dt.date | None]
) -> None:
    assert preset_range(preset, today) == expected


def test_custom_preset_returns_the_given_range_and_unknown_ones_fail() -> None:
    since, until = dt.date(2024, 1, 1), dt.date(2024, 6, 1)
    assert preset_range("custom", DAY, since, until) == (since, until)
    with pytest.raises(ValueError):
        preset_range("last_week", DAY)


# -- what an item shows ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "initials"),
    [
        ("Priya S.", "P. S."),
        ("priya sharma", "P. S."),
        ("Łukasz Nowak", "Ł. N."),
        ("Mary-Jane O'Neil", "M. O."),
        ("Ana & Bo Li", "A., B. L."),
        ("Tomasz W., Aisha K.", "T. W., A. K."),
        ("", ""),
    ],
)
def test_mentee_initials(name: str, initials: str) -> None:
    assert mentee_initials(name) == initials


def test_mentee_names_become_initials_in_every_field_of_the_entry() -> None:
    doc = build_document(sample_entries(), BragOptions(details=True, star=True))
    [item] = doc.sections[2].items
    assert item.title == "Mentoring P. into on-call"
    assert item.impact == "P. ran the team's incident reviews by October."
    facts = {f.label: f.value for f in (*item.details, *item.star)}
    assert facts["Mentee"] == "P. S."
    assert facts["Situation"] == "P. S. joined with no production experience."
    assert facts["Outcome"] == "P. now leads the on-call rotation."
    rendered = repr(doc)
    assert "Priya" not in rendered and "Sharma" not in rendered


def test_full_mentee_names_when_asked() -> None:
    doc = build_document(sample_entries(), BragOptions(details=True, mentee_initials=False))
    [item] = doc.sections[2].items
    assert item.title == "Mentoring Priya into on-call"
    assert ("Mentee", "Priya Sharma") in [(f.label, f.value) for f in item.details]


def test_details_and_star_only_when_asked() -> None:
    plain = build_document(sample_entries()).sections[0].items[0]
    # Where it was done is shown by default (issue 17), the rest only when asked.
    assert plain.details == (Fact("Organisation", "Copperleaf Pay · Ledger"),)
    assert (plain.star, plain.notes, plain.links) == ((), "", ())
    assert plain.summary.startswith("Led the move")
    assert plain.impact and plain.metrics and plain.period == "Feb 5 – Sep 27, 2024"
    full = build_document(sample_entries(), BragOptions(details=True, star=True))
    item = full.sections[0].items[0]
    assert [f.label for f in item.details] == [
        "Role", "Organisation", "Scale", "Stack", "Skills",
    ]
    assert [f.label for f in item.star] == ["Situation", "Task", "Action", "Result"]
    assert item.notes.startswith("## Migration phases")
    assert item.links[0] == "https://wiki.example.internal/ledger-v2"


def test_the_organisation_is_shown_by_default_and_can_be_left_out() -> None:
    """Issue 17: hidden by default, a nine-year, three-company document could not say
    where each project was."""
    by_title = {i.title: i for s in build_document(sample_entries()).sections
                for i in s.items}
    assert by_title["Checkout outage from a slow card processor"].details == (
        Fact("Organisation", "Copperleaf Pay · Payments"),)
    assert by_title["Employee of the quarter"].details == ()  # none written: nothing shown
    text = render_markdown(build_document(sample_entries()))
    assert "  - **Organisation:** Copperleaf Pay · Ledger" in text
    hidden = build_document(sample_entries(), BragOptions(organisation=False))
    assert all(i.details == () for s in hidden.sections for i in s.items)
    full = build_document(sample_entries(), BragOptions(details=True, organisation=False))
    assert "Organisation" not in [f.label for f in full.sections[0].items[0].details]


def test_an_entry_without_a_summary_uses_its_title_as_the_bullet() -> None:
    item = build_document([entry("Won an award", "2024-01-01")]).sections[0].items[0]
    assert item.bullet == "Won an award"


def test_header_period_counts_and_date() -> None:
    doc = build_document(sample_entries(), BragOptions(name="  Sam  Okafor ", role="Staff",
                                                       prepared_on=DAY))
    assert (doc.title, doc.name, doc.role) == ("Brag document", "Sam Okafor", "Staff")
    assert doc.period == "July 2022 – November 2024"
    assert doc.prepared == "26 November 2026"
    assert doc.counts == (
        "1 shipped system", "1 incident solved", "1 person mentored", "5 other wins",
    )
    ranged = build_document([], BragOptions(since=dt.date(2024, 1, 1), until=DAY))
    assert ranged.period == "1 January 2024 – 26 November 2026"
    assert ranged.sections == () and ranged.entry_count == 0
    ongoing = build_document([entry("Now", "2025-03-01")])
    assert ongoing.period == "March 2025 – present"


def test_item_periods_read_naturally_and_exactly() -> None:
    """Exact to the day (an export imported again keeps its dates), in the words people
    write; whole months that are over read as months."""
    spans = {
        "same day": ("2024-03-02", "2024-03-02", "Mar 2, 2024"),
        "same month": ("2024-03-02", "2024-03-30", "Mar 2 \u2013 30, 2024"),
        "same year": ("2024-03-03", "2024-04-12", "Mar 3 \u2013 Apr 12, 2024"),
        "across years": ("2019-12-20", "2020-01-05", "Dec 20, 2019 \u2013 Jan 5, 2020"),
        "whole month": ("2024-03-01", "2024-03-31", "Mar 2024"),
        "whole months": ("2024-02-01", "2024-09-30", "Feb \u2013 Sep 2024"),
        "whole months across years": ("2019-12-01", "2020-01-31", "Dec 2019 \u2013 Jan 2020"),
        "ongoing": ("2025-10-06", None, "Oct 6, 2025 \u2013 present"),
        "ongoing from a month": ("2025-10-01", None, "Oct 2025 \u2013 present"),
    }
    for name, (start, end, text) in spans.items():
        item = build_document([entry(name, start, end)]).sections[0].items[0]
        assert item.period == text, name
    this_month = build_document([entry("now", "2026-03-01", "2026-03-31")], BragOptions(
        prepared_on=dt.date(2026, 3, 10))).sections[0].items[0]
    assert this_month.period == "Mar 1 \u2013 31, 2026", "a month not over reads to the day"


def test_multi_line_fields_become_one_line() -> None:
    made = dataclasses.replace(entry("T", "2024-01-01"), impact="line one\n\nline   two")
    assert build_document([made]).sections[0].items[0].impact == "line one line two"


def test_a_long_document_can_be_cut_for_a_preview() -> None:
    doc = build_document(sample_entries())
    cut = doc.first_items(3)
    assert cut.entry_count == 3 and doc.entry_count == 8
    assert [s.heading for s in cut.sections] == [
        "Projects", "Incidents & operations", "Collaboration & mentorship",
    ]
    assert doc.first_items(100) == doc
