"""A brag document's Goals section read into goals: the shapes people write, the period each
goal gets, the entries its sub-items link, the preview, one transaction, no goal twice, and
our own export (Markdown and HTML) read back with its goals and their links."""

from __future__ import annotations

import datetime as dt

import pytest

from store_helpers import db_state
from trackrecord.core.bragdoc.document import (
    BragOptions,
    build_document,
    render_html,
    render_markdown,
)
from trackrecord.core.errors import TrackRecordError
from trackrecord.core.goals.service import GoalService
from trackrecord.core.record.entries import EntryService
from trackrecord.core.store.db import Store
from trackrecord.core.transfer.import_base import EntryDraft, GoalDraft, PreviewRow
from trackrecord.core.transfer.imports import commit_import, parse_import, preview_import
from trackrecord.paths import DataPaths

TODAY = dt.date(2026, 6, 1)
D = dt.date


def _goals(text: str, name: str = "notes.md") -> list[tuple[str, str, str, bool]]:
    parsed = parse_import(text.encode(), name, today=TODAY)
    return [(g.title, g.start_date.isoformat(), g.end_date.isoformat(), g.chosen)
            for g in parsed.items if isinstance(g, GoalDraft)]


def _year(year: int, title: str, chosen: bool = True) -> tuple[str, str, str, bool]:
    return title, f"{year}-01-01", f"{year}-12-31", chosen


@pytest.mark.parametrize("heading", ["Goals", "Goals for this year", "My goals", "Objectives",
                                     "Personal goals this year", "OKRs"])
def test_the_headings_people_give_their_goals(heading: str) -> None:
    text = (f"# Work log 2025\n\n## {heading}\n\n- Own the billing platform\n\n"
            "## Wins\n\n- Shipped X\n")
    assert _goals(text) == [_year(2025, "Own the billing platform")]


def test_goals_for_a_half_next_year_and_a_line_with_its_own_period() -> None:
    text = """# Review notes — 2026

## Goals for H1 2026

- Cut checkout p99 below 300ms
- Q2: hand the release train over to the new lead.

## Goals for next year

- Move towards a staff role
- Talk at a conference (H2 2027)
- Run the design review rota (1 Mar 2027 – 30 Sep 2027)
"""
    assert _goals(text) == [
        ("Cut checkout p99 below 300ms", "2026-01-01", "2026-06-30", True),
        ("Hand the release train over to the new lead", "2026-04-01", "2026-06-30", True),
        _year(2027, "Move towards a staff role"),
        ("Talk at a conference", "2027-07-01", "2027-12-31", True),
        ("Run the design review rota", "2027-03-01", "2027-09-30", True),
    ]


def test_the_year_comes_from_the_file_name_else_this_year_and_the_preview_says_so() -> None:
    text = "## Goals\n\n- Learn Rust well enough to review it\n"
    named = parse_import(text.encode(), "brag-2024.md", today=TODAY)
    (goal,) = [g for g in named.items if isinstance(g, GoalDraft)]
    assert (goal.start_date, goal.end_date) == (D(2024, 1, 1), D(2024, 12, 31))
    assert "1 goal names no period of its own: it is for 2024, the year in its file name." in (
        named.notices)
    unnamed = parse_import(text.encode(), "brag.md", today=TODAY)
    (goal,) = [g for g in unnamed.items if isinstance(g, GoalDraft)]
    assert goal.start_date == D(2026, 1, 1)
    assert any("it is for this year (2026)" in n for n in unnamed.notices)


def test_julia_evans_template_guidance_is_offered_unticked_and_filled_goals_are_not() -> None:
    text = """# Goals for this year

- List your major goals here! Sharing your goals with your manager helps them support you.
- [Goal 1]
- Become the person the team asks about the payments ledger
  - Wrote the ledger reconciliation runbook
  - Paired with the new hires on ledger tickets

# Projects

- **Wrote the ledger reconciliation runbook** (Feb 2025)
"""
    parsed = parse_import(text.encode(), "brag-2025.md", today=TODAY)
    goals = [g for g in parsed.items if isinstance(g, GoalDraft)]
    assert [(g.chosen, g.tally) for g in goals] == [
        (False, "template guidance"), (False, "placeholder"), (True, "")]
    ledger = goals[2]
    (entry,) = [d for d in parsed.items if isinstance(d, EntryDraft)]
    assert ledger.serves == (entry.where,), "the sub-item naming an entry of the file links it"
    assert ledger.notes == "- Paired with the new hires on ledger tickets", "the rest is kept"


def test_goals_written_one_a_line_under_their_year() -> None:
    text = """### Goals for this year

- 2024

      Move the search cluster to managed hosting.
      Write the on-call handbook with the SRE team
      and get it adopted.

- 2025

      Lead the storage rewrite.
"""
    assert _goals(text, "x.md") == [
        _year(2024, "Move the search cluster to managed hosting"),
        _year(2024, "Write the on-call handbook with the SRE team and get it adopted"),
        _year(2025, "Lead the storage rewrite"),
    ]


def test_a_to_do_list_is_offered_unticked_and_a_bare_period_is_refused_with_a_reason() -> None:
    text = "# 2026\n\n## To do\n\n- Fix the flaky deploy test\n\n## Goals\n\n- H2 2026\n"
    parsed = parse_import(text.encode(), "x.md", today=TODAY)
    (todo,) = [g for g in parsed.items if isinstance(g, GoalDraft)]
    assert (todo.title, todo.chosen, todo.tally) == ("Fix the flaky deploy test", False, "a to-do")
    (refused,) = [r for r in parsed.items if isinstance(r, PreviewRow)]
    assert (refused.record, refused.reason) == ("goal", "a goal needs words, not only a period")


DOC = """# Brag document 2026

## Goals for this year

- Become the go-to person for billing
  - Rewrote the invoice service
  - Ran billing on-call for a quarter
- **Ship search v2** (H1 2026)

## Projects

- **Rewrote the invoice service** (Mar 2026) — cut failed invoices by 80%
- **Search v2 beta** (May 2026) — first customers on the new ranking
"""


def test_the_preview_lists_goals_then_commit_adds_them_with_links_once(
        store: Store, data_paths: DataPaths) -> None:
    parsed = parse_import(DOC.encode(), "brag.md", today=TODAY)
    preview = preview_import(store, parsed)
    goals = [r for r in preview.rows if r.record == "goal"]
    assert [(r.action, r.title, r.detail, r.reason) for r in goals] == [
        ("add", "Become the go-to person for billing",
         "2026 \u00b7 linked to 1 entry of this file",
         "notes: - Ran billing on-call for a quarter"),
        ("add", "Ship search v2", "H1 2026", "")]
    assert preview.summary() == "4 added (2 goals, 2 entries)"
    assert GoalService(store).list() == [], "a preview writes nothing"

    report = commit_import(store, parsed)
    assert report.summary() == "4 added (2 goals, 2 entries)"
    by_title = {g.title: g for g in GoalService(store).list()}
    assert set(by_title) == {"Become the go-to person for billing", "Ship search v2"}
    billing = by_title["Become the go-to person for billing"]
    assert (billing.start_date, billing.end_date) == (D(2026, 1, 1), D(2026, 12, 31))
    assert billing.notes == "- Ran billing on-call for a quarter"
    titles = {e.id: e.title for e in EntryService(store).all()}
    assert [titles[i] for i in billing.entry_ids] == ["Rewrote the invoice service"]
    assert by_title["Ship search v2"].period == "H1 2026"

    before = db_state(data_paths)
    again = commit_import(store, parsed)
    assert again.writes == 0 and again.counts["added"] == 0
    assert {r.reason for r in again.rows if r.record == "goal"} == {
        "already in your goals (the same title and period)"}
    assert db_state(data_paths) == before, "a second import of the same file writes nothing"


def test_a_goal_links_an_entry_already_here_and_new_entries_join_a_goal_already_here(
        store: Store) -> None:
    entries, goals = EntryService(store), GoalService(store)
    old = entries.create("shipped", "Rewrote the invoice service", start_date=D(2026, 3, 4))
    kept = goals.add("Ship search v2", D(2026, 1, 1), D(2026, 6, 30))
    text = DOC.replace("- **Ship search v2** (H1 2026)\n",
                        "- **Ship search v2** (H1 2026)\n  - Search v2 beta\n")
    report = commit_import(store, parse_import(text.encode(), "brag.md", today=TODAY))
    assert report.summary().startswith("2 added (1 goal, 1 entry), 2 skipped")
    linked = {g.title: g.entry_ids for g in goals.list()}
    assert linked["Become the go-to person for billing"] == (old.id,)
    beta = next(e for e in entries.all() if e.title == "Search v2 beta")
    assert linked[kept.title] == (beta.id,)


def test_bad_input_changes_nothing(store: Store, data_paths: DataPaths,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    parsed = parse_import(DOC.encode(), "brag.md", today=TODAY)
    before = db_state(data_paths)

    def broken(*args: object, **kwargs: object) -> None:
        raise TrackRecordError("the disk is full")

    monkeypatch.setattr("trackrecord.core.transfer.import_goals.link_pks", broken)
    with pytest.raises(TrackRecordError):
        commit_import(store, parsed)
    assert db_state(data_paths) == before, "entries and goals of the file go in together or not"
    assert GoalService(store).list() == [] and EntryService(store).all() == []


@pytest.mark.parametrize("render", [render_markdown, render_html], ids=["md", "html"])
def test_our_own_export_reads_back_with_its_goals_and_their_entries(
        render, store: Store, tmp_path, data_paths: DataPaths) -> None:  # type: ignore[no-untyped-def]
    from trackrecord.core.store.db import open_store

    entries, goals = EntryService(store), GoalService(store)
    invoice = entries.create("shipped", "Rewrote the invoice service", start_date=D(2026, 3, 4),
                             end_date=D(2026, 4, 20), summary="cut failed invoices by 80%")
    pager = entries.create("incident", "Led the <queue> outage recovery",
                           start_date=D(2026, 2, 11))
    entries.create("other", "Spoke at the ops meetup", start_date=D(2026, 5, 2))
    billing = goals.add("Become the go-to person for billing", D(2026, 1, 1), D(2026, 12, 31))
    search = goals.add("Ship search v2 (beta)", D(2026, 1, 1), D(2026, 6, 30))
    goals.add("Run the design review rota", D(2026, 3, 1), D(2026, 9, 30))
    goals.link(invoice.id, billing.id)
    goals.link(pager.id, billing.id)
    goals.link(invoice.id, search.id)
    doc = build_document(entries.all(), BragOptions(details=True), goals=goals.list())
    text = render(doc)
    suffix = ".md" if render is render_markdown else ".html"

    other = DataPaths(tmp_path / "other")
    fresh = open_store(other)
    try:
        commit_import(fresh, parse_import(text.encode(), "brag" + suffix, today=TODAY))

        def shape(store_: Store) -> set[tuple[str, str, tuple[str, ...]]]:
            titles = {e.id: e.title for e in EntryService(store_).all()}
            return {(g.title, g.period, tuple(sorted(titles[i] for i in g.entry_ids)))
                    for g in GoalService(store_).list()}

        assert shape(fresh) == shape(store)
        assert len(EntryService(fresh).all()) == 3
    finally:
        fresh.close()
