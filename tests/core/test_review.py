"""The review deck in the core: which evidence, which stories, which gaps, which numbers."""

from __future__ import annotations

import datetime as dt

import pytest

from trackrecord.core.demo import demo_entries, load_demo
from trackrecord.core.matching.query import MatchQuery
from trackrecord.core.matching.vocabulary import skills
from trackrecord.core.record.entries import EntryService
from trackrecord.core.rejections.analysis import analyse_rejection
from trackrecord.core.rejections.practice import PracticeLog
from trackrecord.core.rejections.service import RejectionService
from trackrecord.core.review.content import energy_items, questions, questions_for
from trackrecord.core.review.deck import (
    EnergyCard,
    IntroCard,
    NumbersCard,
    PracticeCard,
    ReframesCard,
    StageCard,
    StoryCard,
    build_deck,
    story_gaps,
    when_text,
)
from trackrecord.core.review.interviews import InterviewData, UpcomingInterviewService
from trackrecord.core.store.db import Store

TODAY = dt.date(2026, 11, 26)
STAR = {"situation": "s", "task": "t", "action": "a", "result": "r"}


@pytest.fixture
def demo(store: Store) -> Store:
    load_demo(store)
    return store


def interview(*stages: str, **values: object) -> InterviewData:
    return InterviewData(id="", stages=stages, **values)  # type: ignore[arg-type]


def star_titles() -> set[str]:
    return {e["title"] for e in demo_entries() if all(e.get(k) for k in STAR)}


# -- the question bank and the words -------------------------------------------------------------


def test_the_question_bank_is_big_enough_and_every_question_names_known_skills() -> None:
    bank = questions()
    assert len(bank) >= 25
    assert {q.type for q in bank} == {"behavioural", "technical"}
    assert sum(q.type == "technical" for q in bank) >= 8
    known = skills()
    for q in bank:
        assert q.skills and all(s in known for s in q.skills), q.id
        assert q.text.endswith(("?", ".")) and q.hint, q.id
    assert len({q.id for q in bank}) == len(bank)


def test_questions_for_several_stages_take_turns_so_each_stage_gets_its_share() -> None:
    picked = questions_for(("system-design", "behavioral"))
    first_six = picked[:6]
    assert sum("system-design" in q.stages for q in first_six) >= 3
    assert sum("behavioral" in q.stages for q in first_six) >= 3
    assert len({q.id for q in picked}) == len(picked)


def test_the_energy_checklist_has_what_the_evening_before_needs() -> None:
    ids = [i.id for i in energy_items()]
    assert {"sleep", "water", "food", "break", "no-cramming"} <= set(ids)


def test_when_text_says_tomorrow_and_today_plainly() -> None:
    assert when_text(TODAY, TODAY).startswith("Today, Thursday 26 November 2026")
    assert when_text(TODAY + dt.timedelta(days=1), TODAY) == "Tomorrow, Friday 27 November 2026"
    assert when_text(TODAY + dt.timedelta(days=3), TODAY).startswith("In 3 days, ")
    assert when_text(None, TODAY) == ""


# -- the deck with the demo data -----------------------------------------------------------------


def test_the_deck_for_system_design_and_behavioural_with_the_demo_data(demo: Store) -> None:
    target = interview("system-design", "behavioral", company="Northwind", role="Staff engineer",
                       date=TODAY + dt.timedelta(days=1))
    deck = build_deck(demo, target, TODAY)
    kinds = [c.kind for c in deck.cards]
    assert kinds[:4] == ["intro", "numbers", "stage", "stage"]
    assert kinds[-3:] == ["practice", "reframes", "energy"]
    assert kinds.count("story") == 6

    intro = deck.cards[0]
    assert isinstance(intro, IntroCard)
    assert intro.title == "System design + Behavioural · Staff engineer at Northwind"
    assert intro.when.startswith("Tomorrow")
    assert "9 years" in intro.lines[1]

    numbers = deck.numbers
    assert numbers.per_kind == (("shipped", 14), ("incident", 10), ("mentoring", 7), ("other", 11),
                               ("praise", 0))
    assert (numbers.first_year, numbers.last_year, numbers.years) == (2017, 2026, "9 years")
    assert numbers.stories == len(star_titles())
    assert numbers.organisations == 3

    design, behavioural = deck.stage_cards
    assert (design.stage, behavioural.stage) == ("system-design", "behavioral")
    assert "trade-off" in design.tip
    design_titles = [e.title for e in design.evidence]
    assert len(design_titles) == 3
    assert "Merchant ledger v2" in design_titles
    assert all(e.kind in ("shipped", "other") for e in design.evidence)
    # Each stage shows its own strongest evidence, not the same entries twice.
    assert not {e.entry_id for e in design.evidence} & {e.entry_id for e in behavioural.evidence}
    assert {e.kind for e in behavioural.evidence} & {"mentoring", "incident"}
    for item in (*design.evidence, *behavioural.evidence):
        assert item.why and item.impact  # explainable, and says what the work achieved
    # The card does not repeat one reason for every entry when others say more.
    assert len({e.why[0] for e in design.evidence}) > 1


def test_a_staff_backend_round_gets_finished_backend_work_of_the_kind_each_stage_asks_for(
    demo: Store,
) -> None:
    """Issue 17: a Staff Backend system-design round got a React page, a mentoring entry
    and the unfinished "Practitioner calendar sync - Aims to ..." as its evidence."""
    target = interview("system-design", "coding", "behavioral", company="Northwind",
                       role="Staff Backend Engineer")
    deck = build_deck(demo, target, TODAY)
    design, coding, behavioural = deck.stage_cards
    design_titles = [e.title for e in design.evidence]
    assert {"Merchant ledger v2", "Event-driven payout scheduler"} <= set(design_titles)
    assert "Merchant dashboard payouts page" not in design_titles  # a React page
    assert all(e.kind in ("shipped", "other", "incident") for e in design.evidence)
    assert all(e.kind in ("shipped", "incident") for e in coding.evidence)
    frontend = {e["title"] for e in demo_entries() if "react" in e["tags"]}
    ongoing = {e["title"] for e in demo_entries() if not e["end_date"]}
    assert "Practitioner calendar sync" in ongoing
    for card in (design, coding, behavioural):
        titles = {e.title for e in card.evidence}
        assert len(titles) == 3
        assert not titles & ongoing, card.stage  # a plan is not evidence
        assert not titles & frontend, card.stage
        for item in card.evidence:
            assert not item.impact.startswith("Aims to")
            assert "\u2026" not in item.impact  # whole, never cut
    # The stories, too: finished work of the role's own area where there is some.
    told = {s.title for s in deck.stories if s.ready}
    assert not told & ongoing and not told & frontend
    # For a frontend role the same record offers its frontend work first.
    front = build_deck(demo, interview("system-design", role="Senior Frontend Engineer"), TODAY)
    assert {e.title for e in front.stage_cards[0].evidence} <= frontend


def test_every_story_is_an_entry_with_a_star_written_and_answers_its_question(
    demo: Store,
) -> None:
    deck = build_deck(demo, interview("system-design", "behavioral"), TODAY)
    stories = deck.stories
    assert [s.question_id for s in stories] == [
        "architecture-walkthrough", "disagreement", "trade-off", "under-pressure", "scaling",
        "end-to-end",
    ]
    assert all(s.ready for s in stories) and story_gaps(deck) == []
    with_star = star_titles()
    for story in stories:
        assert story.title in with_star
        assert story.situation and story.task and story.action and story.result
        assert story.why and story.why[0].startswith(("shows ", "its summary"))
    by_id = {s.question_id: s.title for s in stories}
    assert by_id["architecture-walkthrough"] == "Scheduling API v3"
    assert by_id["disagreement"] == "RFC: modular monolith for scheduling"
    assert by_id["under-pressure"] in {e["title"] for e in demo_entries()
                                       if e["kind"] == "incident"}
    # Stories spread over the track record: no entry answers more than two questions.
    titles = [s.title for s in stories]
    assert max(titles.count(t) for t in titles) <= 2
    cards = [c for c in deck.cards if isinstance(c, StoryCard)]
    assert [(c.number, c.of) for c in cards] == [(i, 6) for i in range(1, 7)]


def test_the_deck_never_names_an_entry_that_is_not_in_the_store(demo: Store) -> None:
    ids = {e.id for e in EntryService(demo).all()}
    for stages in (("coding",), ("hiring-manager", "onsite"), ("take-home", "recruiter")):
        deck = build_deck(demo, interview(*stages), TODAY)
        named = {e.entry_id for c in deck.stage_cards for e in c.evidence}
        named |= {s.entry_id for s in deck.stories if s.entry_id}
        named |= {s.candidate_id for s in deck.stories if s.candidate_id}
        assert named <= ids


# -- gaps: honest when the track record has no story -----------------------------------------


def test_a_question_without_a_star_story_says_so_and_points_at_the_nearest_entry(
    entries: EntryService, store: Store,
) -> None:
    incident = entries.create("incident", "Queue backlog on Black Friday",
                              start_date="2023-11-24", tags=["incident-response", "debugging"])
    entries.create("shipped", "Sharded the routing service", start_date="2022-03-01",
                   end_date="2022-09-30", tags=["system-design", "scalability"], **STAR)
    deck = build_deck(store, interview("behavioral"), TODAY)
    stories = {s.question_id: s for s in deck.stories}
    pressure = stories["under-pressure"]
    assert not pressure.ready and pressure.entry_id is None
    assert pressure.candidate_id == incident.id
    assert pressure.candidate_title == "Queue backlog on Black Friday"
    # A question nothing answers says that too, without a candidate: a side skill alone
    # (the design entry, for a question about disagreeing) does not make a story.
    disagreement = stories["disagreement"]
    assert not disagreement.ready and disagreement.candidate_id is None
    assert disagreement in story_gaps(deck)
    assert stories["trade-off"].title == "Sharded the routing service"


def test_an_empty_track_record_gives_a_deck_that_says_what_to_do(store: Store) -> None:
    deck = build_deck(store, interview("coding"), TODAY)
    assert deck.numbers.total == 0 and deck.numbers.years == ""
    assert isinstance(deck.cards[0], IntroCard)
    assert "empty" in deck.cards[0].lines[1]
    assert all(not c.evidence for c in deck.stage_cards)
    assert len(deck.stories) == 3  # the likely questions, not a wall of "no story yet"
    assert all(not s.ready and s.candidate_id is None for s in deck.stories)
    assert isinstance(deck.reframes, ReframesCard) and deck.reframes.perspective
    assert isinstance(deck.practice, PracticeCard) and not deck.practice.items
    assert len(deck.practice.in_the_room) >= 3


# -- practice, reframes, energy ------------------------------------------------------------------


def _reject(store: Store, company: str, stage: str, date: str, before: int, after: int,
            feedback: str = "", debrief: dict[str, str] | None = None) -> str:
    analysis = analyse_rejection(store, MatchQuery(stage=stage, company=company,
                                                   feedback=feedback), debrief)
    return RejectionService(store).create(
        company, stage, date=date, feedback=feedback, sting_before=before, sting_after=after,
        debrief=debrief or {}, snapshot=analysis.to_snapshot(),
    ).id


def test_reframes_to_reread_prefer_the_interview_stages_and_the_ones_that_helped(
    demo: Store,
) -> None:
    coding = _reject(demo, "Ardent", "coding", "2026-10-01", 50, 45)
    design = _reject(demo, "Hollis", "system-design", "2026-06-01", 80, 30,
                     "More depth on trade-offs, please.")
    _reject(demo, "Quillon", "behavioral", "2026-11-01", 40, 35)
    RejectionService(demo).create("Nosnap", "system-design", date="2026-11-20")  # no snapshot
    deck = build_deck(demo, interview("system-design"), TODAY)
    items = deck.reframes.items
    assert [i.rejection_id for i in items][0] == design
    assert coding not in [i.rejection_id for i in items[:1]]
    assert len(items) == 2
    first = items[0]
    assert first.headline and first.excerpt and "\n" not in first.excerpt
    assert first.context == "Hollis · System design · Jun 2026 · sting 80 → 30"
    # Your own words come first of all.
    RejectionService(demo).add_reframe("I was tested on one afternoon", "Not on six years.",
                                       stage="system-design")
    items = build_deck(demo, interview("system-design"), TODAY).reframes.items
    assert items[0].own and items[0].headline == "I was tested on one afternoon"


def test_the_practice_card_puts_what_to_practise_next_first(demo: Store) -> None:
    rid = _reject(demo, "Hollis", "system-design", "2026-09-01", 70, 40,
                  debrief={"narration": "no", "trade-offs": "partly"})
    _reject(demo, "Quillon", "coding", "2026-10-01", 70, 40, debrief={"narration": "partly"})
    log = PracticeLog(demo)
    habit = log.add_habit("Narrate while I code")
    log.log(habit.id, TODAY - dt.timedelta(days=3))
    from_debrief = RejectionService(demo).add_practice("Say the trade-off out loud", rid)
    other = log.add_habit("Two clarifying questions first")
    card = build_deck(demo, interview("system-design"), TODAY).practice
    assert [i.item_id for i in card.items] == [from_debrief.id, other.id, habit.id]
    assert card.items[0].source == "from the Hollis system design debrief"
    assert card.items[2].last_practised == "last practised 3 days ago"
    assert card.debrief_topics == ("narrating the approach",)


def test_energy_ticks_are_kept_with_the_interview(store: Store) -> None:
    service = UpcomingInterviewService(store)
    saved = service.create(["onsite"], company="Acme")
    service.set_tick(saved.id, "sleep")
    service.set_tick(saved.id, "water")
    service.set_tick(saved.id, "water", False)
    deck = build_deck(store, service.get(saved.id), TODAY)
    assert isinstance(deck.energy, EnergyCard)
    assert {t.id for t in deck.energy.items if t.ticked} == {"sleep"}


def test_cards_are_plain_frozen_data(demo: Store) -> None:
    deck = build_deck(demo, interview("onsite"), TODAY)
    with pytest.raises(AttributeError):
        deck.numbers.per_kind = ()  # type: ignore[misc]
    assert all(isinstance(c, NumbersCard | StageCard) for c in deck.cards[1:3])
