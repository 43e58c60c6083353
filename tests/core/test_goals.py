"""Goals with the entries that served them, review cycles, praise in the brag document and as
evidence, and the 0005 fixture's goals after an upgrade."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from trackrecord.core.bragdoc.document import BragOptions, build_document, render_markdown
from trackrecord.core.errors import NotFoundError, ValidationError
from trackrecord.core.goals.data import describe_period, period_range
from trackrecord.core.goals.service import CycleService, GoalService
from trackrecord.core.matching.evidence import match_evidence
from trackrecord.core.matching.query import MatchQuery
from trackrecord.core.record.data import EntryFilter
from trackrecord.core.record.entries import EntryService
from trackrecord.core.store.db import Store, open_store
from trackrecord.paths import DataPaths

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "schemas"


def test_goal_periods_read_as_people_say_them() -> None:
    today = dt.date(2026, 5, 10)
    assert period_range("H1", today) == (dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    assert period_range("this year", today) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert describe_period(*period_range("h2", today)) == "H2 2026"
    assert describe_period(dt.date(2026, 3, 3), dt.date(2026, 9, 30)) == "3 Mar 2026 – 30 Sep 2026"
    assert describe_period(dt.date(2026, 7, 1), dt.date(2026, 9, 30)) == "Q3 2026"
    assert describe_period(dt.date(2026, 10, 1), dt.date(2026, 12, 31)) == "Q4 2026"
    assert describe_period(dt.date(2026, 7, 1), dt.date(2026, 9, 29)) == "1 Jul 2026 – 29 Sep 2026"
    with pytest.raises(ValidationError, match="unknown period"):
        period_range("Q5", today)


def test_goals_link_entries_and_lead_the_brag_document(store: Store) -> None:
    entries, goals = EntryService(store), GoalService(store)
    ship = entries.create("shipped", "Payments v2", start_date="2026-02-01")
    talk = entries.create("other", "Talk on retries", start_date="2026-09-01")
    lead = goals.add("Lead a cross-team project", "2026-01-01", "2026-06-30")
    speak = goals.add("Speak at a meetup", "2026-07-01", "2026-12-31")
    goals.add("Old goal", "2020-01-01", "2020-12-31")
    goals.link(ship.id, lead.id)
    goals.link(talk.id, speak.id)
    goals.link(talk.id, lead.id)
    goals.link(talk.id, lead.id, served=False)
    assert goals.goals_of(talk.id) == {speak.id}
    doc = build_document(entries.all(), BragOptions(since=dt.date(2026, 1, 1)),
                         goals=goals.list())
    assert [(g.title, g.period, g.served) for g in doc.goals] == [
        ("Lead a cross-team project", "H1 2026", ("Payments v2 (Feb 2026 – present)",)),
        ("Speak at a meetup", "H2 2026", ("Talk on retries (Sep 2026 – present)",)),
    ]
    text = render_markdown(doc)
    assert text.index("## Goals") < text.index("## Projects")
    assert "- **Lead a cross-team project** (H1 2026)\n  - Payments v2" in text
    entries.delete(ship.id)  # the link goes with the entry; the goal stays
    assert goals.get(lead.id).entry_ids == ()
    goals.delete(speak.id)
    assert entries.get(talk.id).title == "Talk on retries"
    with pytest.raises(ValidationError):
        goals.add("  ", "2026-01-01", "2026-02-01")
    with pytest.raises(ValidationError, match="before the start"):
        goals.add("Backwards", "2026-02-01", "2026-01-01")


def test_review_cycles_scope_by_name_and_since_the_last(store: Store) -> None:
    cycles = CycleService(store)
    cycles.add("2025 year-end", "2025-07-01", "2025-12-31")
    cycles.add("2026 mid-year", "2026-01-01", "2026-06-30")
    assert cycles.find("2026 MID-YEAR").start_date == dt.date(2026, 1, 1)
    with pytest.raises(ValidationError, match="already"):
        cycles.add("2026 Mid-Year", "2026-01-01", "2026-06-30")
    with pytest.raises(NotFoundError, match="2025 year-end"):
        cycles.find("2027")
    assert cycles.since_last_review(dt.date(2026, 9, 1)) == (dt.date(2026, 7, 1),
                                                             dt.date(2026, 9, 1))
    assert cycles.since_last_review(dt.date(2026, 3, 1)) == (dt.date(2026, 1, 1),
                                                             dt.date(2026, 3, 1))


def test_praise_is_quoted_in_its_own_section_and_is_evidence(store: Store) -> None:
    entries = EntryService(store)
    entries.create("praise", "Thanks after the outage", start_date="2026-03-01",
                   end_date="2026-03-01", praise_from="Dana, my manager",
                   praise_where="1:1", praise_words="Calm, clear incident communication",
                   tags=["communication"])
    doc = build_document(entries.all(), BragOptions(kinds=frozenset({"praise"})))
    assert [s.heading for s in doc.sections] == ["What others said"]
    assert doc.counts == ("1 praise",)
    item = doc.sections[0].items[0]
    assert (item.quote, item.quote_by) == ("Calm, clear incident communication",
                                           "Dana, my manager")
    assert "*\u201cCalm, clear incident communication\u201d* \u2014 Dana, my manager" in (
        render_markdown(doc))
    found = match_evidence(store, MatchQuery("behavioral", feedback="communication")).evidence
    praise = next(e for e in found if e.kind == "praise")
    assert any(r.startswith("Dana, my manager wrote: \u201cCalm") for r in praise.reasons)
    assert [e.title for e in entries.list(EntryFilter(search="Dana"))] == [
        "Thanks after the outage"]


def test_the_0005_fixture_keeps_its_goals_links_and_praise(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "data").ensure()
    shutil.copy(FIXTURES / "0005_capture.sqlite3", paths.database)
    with open_store(paths) as store:
        goals = {g.title: g for g in GoalService(store).list()}
        assert len(goals["Lead a cross-team project"].entry_ids) == 2
        assert CycleService(store).find("2025 mid-year").end_date == dt.date(2025, 6, 30)
        praise = [e for e in EntryService(store).all() if e.kind == "praise"]
        assert praise[0].praise_words == "Calm and thorough under pressure"


def test_an_upgraded_0004_store_takes_praise_and_finds_it(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "data").ensure()
    shutil.copy(FIXTURES / "0004_entry_kind_dates.sqlite3", paths.database)
    with open_store(paths) as store:
        entries = EntryService(store)
        tags_before = entries.tags()
        made = entries.create("praise", "Kudos", praise_from="Priya",
                              praise_words="unflappable during the migration")
        assert [e.id for e in entries.list(EntryFilter(search="unflappable"))] == [made.id]
        assert entries.tags() == tags_before  # the kind CHECK was widened in place


def test_insights_and_the_deck_scope_to_a_review_cycle(store: Store) -> None:
    from trackrecord.core.insights import build_insights
    from trackrecord.core.rejections.service import RejectionService
    from trackrecord.core.review.deck import build_deck
    from trackrecord.core.review.interviews import UpcomingInterviewService

    entries = EntryService(store)
    for entry in entries.list():
        entries.delete(entry.id)
    entries.create("shipped", "In the cycle", start_date="2026-02-01", end_date="2026-03-01",
                   tags=["system-design"], impact="Halved latency")
    entries.create("shipped", "Before it", start_date="2025-02-01", end_date="2025-03-01",
                   tags=["system-design"], impact="Doubled throughput")
    RejectionService(store).create("Acme", "coding", date="2026-04-02")
    RejectionService(store).create("Globex", "coding", date="2025-04-02")
    cycle = CycleService(store).add("2026 mid-year", "2026-01-01", "2026-06-30")
    today = dt.date(2026, 9, 1)
    scoped = build_insights(store, today, since=cycle.start_date, until=cycle.end_date)
    everything = build_insights(store, today)
    assert (scoped.rejections, everything.rejections) == (1, 2)
    assert sum(map(sum, scoped.track_record.values)) == 1
    interview = UpcomingInterviewService(store).create(["system-design"], company="Initech")
    deck = build_deck(store, interview, today, scope=(cycle.start_date, cycle.end_date))
    assert deck.numbers.count("shipped") == 1
    assert [e.title for e in deck.stage_cards[0].evidence] == ["In the cycle"]
    assert build_deck(store, interview, today).numbers.count("shipped") == 2


@pytest.mark.parametrize(("text", "goal"), [
    ("Lead the migration (H1 2026)", ("Lead the migration", "2026-01-01", "2026-06-30")),
    ("Q3: ship search", ("ship search", "2026-07-01", "2026-09-30")),
    ("Cut p99 by half, Q4 2025", ("Cut p99 by half", "2025-10-01", "2025-12-31")),
    ("Mentor two engineers", ("Mentor two engineers", "2026-01-01", "2026-12-31")),
])
def test_a_brag_docs_goal_line_reads_as_a_goal(text: str, goal: tuple[str, str, str]) -> None:
    from trackrecord.core.goals.data import goal_from_text

    title, start, end = goal_from_text(text, 2026)
    assert (title, start.isoformat(), end.isoformat()) == goal
    with pytest.raises(ValidationError):
        goal_from_text("H1 2026", 2026)
