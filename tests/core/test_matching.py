"""Evidence matching: what it finds, why it says it found it, and the gaps it admits to."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from sqlalchemy import text

from trackrecord.core.errors import ValidationError
from trackrecord.core.matching.evidence import match_evidence
from trackrecord.core.matching.pool import RANK_WINDOW
from trackrecord.core.matching.query import MatchQuery
from trackrecord.core.matching.vocabulary import skills
from trackrecord.core.record.entries import EntryService
from trackrecord.core.rejections.debrief import DebriefAnswer
from trackrecord.core.store import fts
from trackrecord.core.store.db import Store

TODAY = dt.date(2025, 11, 1)


def _add(entries: EntryService, kind: str, title: str, **values: Any) -> str:
    values.setdefault("start_date", "2023-01-01")
    return entries.create(kind, title, **values).id


@pytest.fixture
def record(entries: EntryService) -> dict[str, str]:
    """A small track record with one clear answer for each kind of question."""
    return {
        "routing": _add(entries, "shipped", "Sharded the routing service",
                        summary="Re-architected routing for a tenfold traffic increase",
                        tags=["distributed-systems", "go", "performance"],
                        metrics="25k req/s at peak; p99 120ms", start_date="2022-01-10"),
        "k8s": _add(entries, "shipped", "Kubernetes platform for 60 services",
                    tags=["kubernetes", "platform", "ci-cd"], impact="Teams deploy on their own",
                    start_date="2021-08-02"),
        "outage": _add(entries, "incident", "Region-wide outage from an expired certificate",
                       tags=["incident-response", "on-call", "communication"],
                       impact="Restored in 52 minutes", start_date="2022-11-08"),
        "mentee": _add(entries, "mentoring", "Coaching a senior engineer into the staff role",
                       tags=["mentoring", "coaching"], outcome="Promoted to staff engineer",
                       start_date="2023-01-09"),
        "doc": _add(entries, "other", "Design doc: splitting the claims monolith",
                    tags=["system-design", "technical-writing"],
                    summary="The trade-offs of three ways to split a monolith",
                    start_date="2019-03-11"),
        "pipeline": _add(entries, "shipped", "Real-time tracking pipeline",
                         tags=["data-pipelines", "kafka"], metrics="3M events an hour",
                         start_date="2022-05-02"),
    }


def _match(store: Store, **query: Any) -> Any:
    return match_evidence(store, MatchQuery(**query), today=TODAY)


def test_feedback_skills_match_tags_and_say_so(store: Store, record: dict[str, str]) -> None:
    result = _match(store, stage="system-design", role="Backend Engineer",
                    feedback="We wanted more depth on scaling.")
    top = result.evidence[0]
    assert top.entry_id == record["routing"]
    # The tag shows the skill the feedback named, not the word it used: the card says so.
    assert ("the feedback asks about *scaling*; this entry shows scale and distributed systems "
            "(tagged distributed-systems)") in top.reasons
    assert any(r.startswith("system-design stage: shipped systems count") for r in top.reasons)
    assert any(r.startswith("has measured impact: 25k req/s") for r in top.reasons)
    assert [n.skill for n in result.skills_named if n.source == "feedback"] == ["scalability"]


def test_synonyms_and_abbreviations_expand_the_query(store: Store, record: dict[str, str]) -> None:
    result = _match(store, stage="onsite", feedback="Your k8s answers were thin.")
    assert result.evidence[0].entry_id == record["k8s"]
    assert any("*k8s*; this entry is tagged kubernetes" in r for r in result.evidence[0].reasons)


def test_every_entry_comes_with_reasons_and_from_the_store(
    store: Store, entries: EntryService, record: dict[str, str]
) -> None:
    for stage in ("coding", "behavioral", "offer", "other"):
        for feedback in ("", "hiring freeze", "You went quiet and ran out of time."):
            result = _match(store, stage=stage, feedback=feedback)
            assert result.evidence, (stage, feedback)
            for e in result.evidence:
                assert e.reasons and all(r.strip() for r in e.reasons)
                assert entries.get(e.entry_id).title == e.title
            scores = [e.score for e in result.evidence]
            assert scores == sorted(scores, reverse=True)


def test_empty_feedback_still_shows_the_strongest_evidence_for_stage_and_role(
    store: Store, record: dict[str, str]
) -> None:
    design = _match(store, stage="system-design")
    assert design.evidence[0].kind == "shipped"
    assert not design.gaps
    people = _match(store, stage="behavioral", role="Engineering Manager")
    assert people.evidence[0].entry_id == record["mentee"]
    assert any(r.startswith("the role (Engineering Manager) calls for people leadership")
               for r in people.evidence[0].reasons)
    data = _match(store, stage="phone-screen", role="Data Engineer")
    assert data.evidence[0].entry_id == record["pipeline"]


def test_gaps_are_reported_plainly(store: Store, record: dict[str, str]) -> None:
    result = _match(store, stage="system-design",
                    feedback="We need someone with more iOS and Swift experience.")
    [gap] = result.gaps
    assert gap.skill == "mobile"
    assert gap.missing == ("iOS", "Swift")
    assert gap.message == (
        "The feedback names iOS and Swift (mobile development); nothing in your track record "
        "shows them yet."
    )
    # The nearest evidence is still offered, and said to be the nearest.
    assert result.evidence


def test_words_outside_the_vocabulary_can_be_gaps_too(
    store: Store, entries: EntryService, record: dict[str, str]
) -> None:
    result = _match(store, stage="coding", feedback="We wanted more Zig experience.")
    assert [g.label for g in result.gaps] == ["Zig"]
    _add(entries, "other", "Learning Zig on weekends", tags=["learning"])
    assert _match(store, stage="coding", feedback="We wanted more Zig experience.").gaps == ()


def test_a_tagged_entry_closes_a_gap(store: Store, entries: EntryService) -> None:
    feedback = "We need more mobile experience."
    assert [g.skill for g in _match(store, stage="coding", feedback=feedback).gaps] == ["mobile"]
    _add(entries, "shipped", "Driver app offline mode", tags=["ios"])
    assert _match(store, stage="coding", feedback=feedback).gaps == ()


def test_process_words_are_never_gaps(store: Store, entries: EntryService) -> None:
    _add(entries, "shipped", "Checkout service", tags=["backend"])
    result = _match(store, stage="coding",
                    feedback="Hard to follow; you did not ask clarifying questions.")
    assert result.gaps == ()
    assert {n.skill for n in result.skills_named} >= {"communication", "ambiguity"}


def test_decision_phrases_are_not_read_as_skills(store: Store, record: dict[str, str]) -> None:
    result = _match(store, stage="recruiter", feedback="The role is on hold: hiring freeze.")
    assert not [n for n in result.skills_named if n.source == "feedback"]
    assert not any("*hiring" in r for e in result.evidence for r in e.reasons)


def test_two_named_skills_are_both_answered(store: Store, record: dict[str, str]) -> None:
    result = _match(store, stage="behavioral",
                    feedback="We wanted more on incidents and on mentoring.")
    top_two = {e.entry_id for e in result.evidence[:2]}
    assert top_two == {record["outage"], record["mentee"]}


def test_debrief_and_level_add_their_own_reasons(store: Store, record: dict[str, str]) -> None:
    result = _match(store, stage="coding", level="Staff",
                    debrief=(DebriefAnswer("trade-offs", "no"),))
    reasons = [r for e in result.evidence for r in e.reasons]
    said = "you answered \u201cno\u201d on signalling trade-offs"
    assert any(r.startswith(said) for r in reasons)
    assert any(r.startswith("Staff level:") for r in reasons)


def test_empty_store_and_bad_stage(store: Store) -> None:
    result = _match(store, stage="coding", feedback="More Kubernetes experience, please.")
    assert result.evidence == ()
    assert [g.skill for g in result.gaps] == ["kubernetes"]
    with pytest.raises(ValidationError, match="unknown stage"):
        _match(store, stage="lunch")


def test_the_same_question_gets_the_same_answer(store: Store, record: dict[str, str]) -> None:
    query = MatchQuery("onsite", role="Senior SRE", feedback="on-call and incidents")
    assert match_evidence(store, query, today=TODAY) == match_evidence(store, query, today=TODAY)


def test_the_vocabulary_is_broad_enough() -> None:
    catalogue = skills()
    assert len(catalogue) >= 25
    for name in ("kubernetes", "incident-response", "people-leadership", "scalability",
                 "system-design", "communication", "testing", "performance", "security",
                 "data-pipelines", "frontend"):
        assert name in catalogue
    assert {"k8s", "kubernetes"} <= set(catalogue["kubernetes"].terms)
    assert {"on-call", "incident response", "production issues", "outage"} <= set(
        catalogue["incident-response"].terms
    )


def _bulk(store: Store, count: int, first_pk: int) -> None:
    """Filler entries written the fast way (as the benchmark does), then one FTS rebuild."""
    now = dt.datetime(2025, 1, 1)
    rows = [
        {"pk": first_pk + i, "id": str(uuid.uuid4()), "kind": "shipped",
         "title": f"Backend service {i}", "start_date": "2015-01-01", "summary": "backend work",
         "tag_text": "backend", "created_at": now, "updated_at": now}
        for i in range(count)
    ]
    with store.write() as s:
        s.execute(text(
            "INSERT INTO entries (pk, id, kind, title, start_date, summary, tag_text, "
            "created_at, updated_at) VALUES (:pk, :id, :kind, :title, :start_date, :summary, "
            ":tag_text, :created_at, :updated_at)"), rows)
        fts.rebuild(s)


def test_an_old_entry_is_still_found_beyond_the_ranking_window(
    store: Store, entries: EntryService
) -> None:
    old = _add(entries, "other", "Rust rewrite of the label printer", tags=["rust"],
               start_date="2014-01-01")
    _bulk(store, RANK_WINDOW + 500, first_pk=10)
    result = _match(store, stage="coding", feedback="We wanted more Rust experience.")
    assert result.evidence[0].entry_id == old
    assert result.gaps == ()


def test_a_failing_query_surfaces_as_the_stores_own_error(store: Store) -> None:
    from trackrecord.core.errors import StorageError
    from trackrecord.core.matching.text import raw_cursor

    with pytest.raises(StorageError, match="no such table"), store.read() as s:
        raw_cursor(s).rows("SELECT * FROM no_such_table")


def test_with_nothing_said_about_you_the_work_most_of_the_role_leads(
    store: Store, entries: EntryService
) -> None:
    """A freeze says nothing about you: the strongest answer for a mobile role is the work
    that is mobile through and through, not the newer entry that touches it once."""
    whole = _add(entries, "shipped", "Offline-first workout logging",
                 tags=["ios", "swift", "android", "core-data"], start_date="2018-02-01",
                 end_date="2018-09-01")
    once = _add(entries, "shipped", "Experimentation SDK", tags=["ios", "analytics", "sdk"],
                start_date="2024-02-01", end_date="2024-09-01")
    query = dict(stage="hiring-manager", role="Senior Mobile Engineer")
    frozen = _match(store, feedback="We have paused all hiring until next year.", **query)
    order = [e.entry_id for e in frozen.evidence]
    assert order.index(whole) < order.index(once)
    assert ("the role (Senior Mobile Engineer) calls for mobile development; most of this "
            "entry is that work (tagged ios, swift, android)") in frozen.evidence[0].reasons
    # ...and it is the only line about the role: the plain one would say half of it again.
    assert sum("the role (Senior Mobile Engineer)" in r for r in frozen.evidence[0].reasons) == 1
    # "Most" only when it is: two of an entry's five tags are said as such.
    _add(entries, "shipped", "Crash reporting pipeline",
         tags=["ios", "android", "kafka", "python", "sql"], start_date="2019-01-01",
         end_date="2019-06-01")
    again = _match(store, feedback="We have paused all hiring until next year.", **query)
    assert any(r.endswith("2 of this entry's 5 tags are that work (ios, android)")
               for e in again.evidence for r in e.reasons)
    # Feedback about your work decides by what it says instead: no such line.
    said = _match(store, feedback="We wanted more experimentation and analytics.", **query)
    assert not any("most of this entry" in r for e in said.evidence for r in e.reasons)


def test_a_managers_strongest_work_is_what_their_teams_shipped(
    store: Store, entries: EntryService
) -> None:
    """For an engineering manager's role, with nothing said about them, the system their
    team shipped under them comes before one person they coached."""
    shipped = _add(entries, "shipped", "Unified checkout service",
                   tags=["people-management", "checkout", "migration"], metrics="12 teams moved",
                   start_date="2023-03-01", end_date="2024-02-01")
    _add(entries, "mentoring", "Coached a senior engineer into tech lead",
                   tags=["mentoring", "coaching", "technical-leadership"], start_date="2024-05-01")
    frozen = _match(store, stage="recruiter", role="Engineering Manager",
                    feedback="The position has been filled.")
    assert [e.entry_id for e in frozen.evidence][0] == shipped


def test_the_team_after_the_comma_is_the_work_to_show(
    store: Store, entries: EntryService
) -> None:
    """"Tech Lead, Order Management": with nothing said about you, work on orders comes
    first, and "Management" there is the team's name, not a manager's level."""
    orders = _add(entries, "shipped", "Order management service rewrite",
                  tags=["kotlin", "system-design"], start_date="2019-01-01",
                  end_date="2019-10-01")
    _add(entries, "shipped", "Promotions rules engine", tags=["kotlin", "system-design"],
         start_date="2024-01-01", end_date="2024-08-01")
    result = _match(store, stage="onsite", role="Tech Lead, Order Management",
                    feedback="The role went to someone already on the team, who has been "
                             "acting as lead.")
    assert result.evidence[0].entry_id == orders
    assert ("the role is on the Order Management team, and this entry is that work"
            in result.evidence[0].reasons)
    assert not any(n.source == "level" and n.phrase == "Management" for n in result.skills_named)


def test_coaching_someone_in_a_skill_is_not_the_roles_own_work(
    store: Store, entries: EntryService
) -> None:
    """A security engineer's strongest work is the security they did, not the champion they
    coached (for a manager's role, coaching is the role's work: see above)."""
    coached = _add(entries, "mentoring", "Coached a security champion",
                   tags=["mentoring", "appsec", "threat-modeling", "security"],
                   start_date="2024-06-01")
    shipped = _add(entries, "shipped", "Threat modelling process for product teams",
                   tags=["threat-modeling", "appsec"], start_date="2021-01-01",
                   end_date="2021-06-01")
    result = _match(store, stage="recruiter", role="Security Engineer",
                    feedback="The team-matching window closed without a match.")
    order = [e.entry_id for e in result.evidence]
    assert order.index(shipped) < order.index(coached)


def test_a_tech_leads_strongest_work_is_the_system_they_led(
    store: Store, entries: EntryService
) -> None:
    """A tech lead leads the technical work: the system they designed comes before the
    engineer they coached (who still counts, as a tech lead's work)."""
    system = _add(entries, "shipped", "Scheduling API v3", tags=["system-design", "python"],
                  metrics="310 clinics migrated", start_date="2023-01-01", end_date="2023-09-01")
    _add(entries, "mentoring", "Sponsoring a new incident commander",
         tags=["mentoring", "people-leadership"], start_date="2025-01-01")
    result = _match(store, stage="onsite", role="Tech Lead",
                    feedback="We filled the role from inside.")
    assert result.evidence[0].entry_id == system


@pytest.mark.parametrize(("role", "tags"), [
    # A reliability role calls for what shows a system's health, not only failover work...
    ("Senior Site Reliability Engineer", ["prometheus", "thanos", "observability"]),
    # ...and an infrastructure role for the clusters and the platform, not only the cloud.
    ("Senior Infrastructure Engineer", ["kubernetes", "operators", "go"]),
    # ...and a data engineering role for the streams, the lakehouse and the data's quality.
    ("Senior Data Engineer", ["flink", "stream-processing", "java"]),
    ("Staff Data Platform Engineer", ["data-contracts", "data-quality", "python"]),
])
def test_a_role_calls_for_the_work_its_family_does(
    store: Store, entries: EntryService, role: str, tags: list[str]
) -> None:
    family = _add(entries, "shipped", "The family's own work", tags=tags,
                  start_date="2022-01-01", end_date="2022-09-01")
    _add(entries, "shipped", "Checkout redesign", tags=["react", "typescript", "css"],
         start_date="2022-01-01", end_date="2022-09-01")
    frozen = _match(store, stage="recruiter", role=role,
                    feedback="We have paused all hiring until next year.")
    assert frozen.evidence[0].entry_id == family
    assert any(r.startswith(f"the role ({role}) calls for") for r in frozen.evidence[0].reasons)


def test_what_the_role_names_leads_the_rest_of_its_skill(
    store: Store, entries: EntryService
) -> None:
    """An Android role: Android work answers it before iOS work, though both are mobile."""
    ios = _add(entries, "shipped", "Accessible lock-screen widgets",
               tags=["ios", "accessibility"],
               start_date="2023-01-01", end_date="2023-09-01")
    android = _add(entries, "shipped", "Faster cold start", tags=["android", "performance"],
                   start_date="2023-01-01", end_date="2023-09-01")
    role = "Senior Android Engineer"
    frozen = _match(store, stage="recruiter", role=role,
                    feedback="We have paused all hiring until next year.")
    order = [e.entry_id for e in frozen.evidence]
    assert order.index(android) < order.index(ios)
    assert f"the role ({role}) names Android; this entry is tagged android" in \
        frozen.evidence[0].reasons


def test_the_tag_that_names_what_was_said_is_the_closer_link(
    store: Store, entries: EntryService
) -> None:
    """"Accessibility" is shown by the work tagged accessibility before work that is only
    frontend through its react tag, and that looser card says which skill links it."""
    react = _add(entries, "shipped", "Order history page", tags=["react"],
                 start_date="2023-01-01", end_date="2023-09-01")
    a11y = _add(entries, "shipped", "Screen-reader support for checkout",
                tags=["accessibility"], start_date="2023-01-01", end_date="2023-09-01")
    result = _match(store, stage="hiring-manager", role="Staff Engineer",
                    feedback="We wanted deeper accessibility experience for this team.")
    order = [e.entry_id for e in result.evidence]
    assert order.index(a11y) < order.index(react)
    cards = {e.entry_id: e.reasons for e in result.evidence}
    assert "the feedback asks about *accessibility*; this entry is tagged accessibility" in \
        cards[a11y]
    assert ("the feedback asks about *accessibility*; this entry shows frontend and React "
            "(tagged react)") in cards[react]


def test_a_word_that_starts_alike_is_not_the_thing_named(
    store: Store, entries: EntryService
) -> None:
    """The review's counter-example: "Admin access controls" does not name accessibility."""
    access = _add(entries, "shipped", "Admin access controls", tags=["react"],
                  start_date="2023-01-01", end_date="2023-09-01")
    result = _match(store, stage="hiring-manager", role="Staff Engineer",
                    feedback="We wanted more accessibility experience.")
    card = next(e for e in result.evidence if e.entry_id == access)
    assert ("the feedback asks about *accessibility*; this entry shows frontend and React "
            "(tagged react)") in card.reasons


def test_a_card_never_says_an_entry_shows_what_the_page_names_as_a_gap(
    store: Store, entries: EntryService
) -> None:
    """"Kubernetes operators" is a gap beside Kubernetes work: the card calls that work the
    nearest, not a show of what is missing."""
    k8s = _add(entries, "shipped", "Payments services onto Kubernetes", tags=["kubernetes"],
               start_date="2023-01-01", end_date="2023-09-01")
    result = _match(store, stage="onsite", role="Senior Backend Engineer",
                    feedback="We needed to see more depth on Kubernetes operators.")
    assert [g.label for g in result.gaps] == ["Kubernetes operators"]
    card = next(e for e in result.evidence if e.entry_id == k8s)
    assert ("the feedback asks about *Kubernetes operators*, which nothing in your track "
            "record names yet; the nearest is this entry's Kubernetes (tagged kubernetes)"
            ) in card.reasons
