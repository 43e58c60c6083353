"""The person's corrections (issue 15, point 4), in the core: pinned and removed cards for one
rejection, "not relevant" links and synonyms for every later match, all kept in the store
(the rejection's snapshot and the settings table) and carried in a backup."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import sqlalchemy as sa

from trackrecord.core.errors import ValidationError
from trackrecord.core.matching.evidence import match_evidence
from trackrecord.core.matching.learned import NOT_RELEVANT_KEY, SYNONYMS_KEY
from trackrecord.core.matching.pins import EarlierPin, PinLift, pin_lifts
from trackrecord.core.matching.query import MatchQuery
from trackrecord.core.matching.text import NamedSkill
from trackrecord.core.record.entries import EntryService
from trackrecord.core.rejections.analysis import Analysis, analyse_rejection
from trackrecord.core.rejections.corrections import Corrections, LearningService
from trackrecord.core.rejections.data import MAX_TEXT
from trackrecord.core.rejections.service import RejectionService
from trackrecord.core.store.db import Store
from trackrecord.core.store.settings import get_json

TODAY = dt.date(2025, 11, 1)


@pytest.fixture
def record(entries: EntryService) -> dict[str, str]:
    def add(kind: str, title: str, **values: object) -> str:
        values.setdefault("start_date", "2022-01-01")
        values.setdefault("end_date", "2022-06-01")
        return entries.create(kind, title, **values).id

    return {
        "dst": add("incident", "Premium off by a day", tags=["debugging", "testing"],
                   end_date=None),
        "suite": add("other", "Unit test coverage drive", tags=["testing", "ci-cd"]),
        "settle": add("shipped", "Merchant settlement engine", tags=["go"],
                      summary="Settles every merchant's money each night"),
    }


def test_corrections_read_back_and_change_one_thing_at_a_time() -> None:
    fixes = Corrections().pin("a").pin("b").remove("c")
    assert Corrections.from_json(json.loads(json.dumps(fixes.to_json()))) == fixes
    assert fixes.remove("a") == Corrections(("b",), ("c", "a"))
    assert fixes.pin("c") == Corrections(("a", "b", "c"), ())
    assert Corrections.from_json({"pinned": [1, "x", "x"], "removed": "nonsense"}) == \
        Corrections(("x",), ())
    assert not Corrections() and fixes


def test_pinned_comes_first_and_removed_never_shows(store: Store,
                                                   record: dict[str, str]) -> None:
    query = MatchQuery("coding", feedback="There were bugs you didn't catch with tests.")
    plain = match_evidence(store, query, today=TODAY)
    assert record["settle"] not in [e.entry_id for e in plain.evidence[:2]]
    fixed = match_evidence(store, query, today=TODAY, pinned=[record["settle"]],
                           removed=[record["dst"]])
    ids = [e.entry_id for e in fixed.evidence]
    assert ids[0] == record["settle"] and record["dst"] not in ids
    assert fixed.evidence[0].pinned
    assert fixed.evidence[0].reasons[0] == "you pinned it to this rejection"


def test_not_relevant_links_stop_counting_in_later_matches(store: Store,
                                                          record: dict[str, str]) -> None:
    query = MatchQuery("onsite", feedback="We needed more testing depth.")
    before = match_evidence(store, query, today=TODAY)
    suite = next(e for e in before.evidence if e.entry_id == record["suite"])
    assert "skill:testing" in suite.links
    LearningService(store).not_relevant(record["suite"], ["skill:testing"])
    assert get_json(store, NOT_RELEVANT_KEY) == [
        {"entry": record["suite"], "links": ["skill:testing"]}]
    after = match_evidence(store, query, today=TODAY)
    again = next((e for e in after.evidence if e.entry_id == record["suite"]), None)
    assert again is None or not any("testing" in r and "feedback" in r for r in again.reasons)
    # Other entries still answer testing.
    assert any("*testing*" in r for e in after.evidence for r in e.reasons)
    LearningService(store).relevant_again(record["suite"])
    assert match_evidence(store, query, today=TODAY).evidence[0].entry_id in {
        record["suite"], record["dst"]}


def test_a_synonym_answers_a_gap_in_every_later_match(store: Store,
                                                      record: dict[str, str]) -> None:
    query = MatchQuery("hiring-manager", feedback="We need someone with fintech experience.")
    assert [g.label for g in match_evidence(store, query, today=TODAY).gaps] == [
        "payments and fintech"]
    learning = LearningService(store)
    assert learning.add_synonyms("Fintech", "settles,  merchant money ,fintech") == [
        "settles", "merchant money"]
    assert get_json(store, SYNONYMS_KEY) == {"fintech": ["settles", "merchant money"]}
    result = match_evidence(store, query, today=TODAY)
    assert result.gaps == ()
    assert result.evidence[0].entry_id == record["settle"]
    assert any("(payments and fintech)" in r for r in result.evidence[0].reasons)
    # A word of the person's own, out of the vocabulary, works the same way.
    elixir = MatchQuery("hiring-manager", feedback="We needed someone with Elixir experience.")
    assert match_evidence(store, elixir, today=TODAY).gaps
    learning.add_synonyms("elixir", ["settlement engine"])
    assert match_evidence(store, elixir, today=TODAY).gaps == ()
    learning.remove_synonym("elixir", "settlement engine")
    assert "elixir" not in learning.synonyms()


@pytest.mark.parametrize(("word", "said"), [("", "x"), ("fintech", ""), ("fintech", " , "),
                                             ("fintech", "x" * 61), ("x" * 61, "y")])
def test_synonyms_are_checked_before_anything_is_written(store: Store, word: str,
                                                         said: str) -> None:
    with pytest.raises(ValidationError):
        LearningService(store).add_synonyms(word, said)
    assert get_json(store, SYNONYMS_KEY) is None


def test_the_snapshot_keeps_corrections_and_the_second_reading_and_stays_small(
        store: Store, record: dict[str, str]) -> None:
    mixed = ("You'd be a strong senior hire, but we're looking for staff and we didn't see "
             "enough cross-team influence.")
    fixes = Corrections((record["settle"],), (record["dst"],))
    analysis = analyse_rejection(store, MatchQuery("onsite", feedback=mixed),
                                 corrections=fixes, today=TODAY)
    again = Analysis.from_snapshot(json.loads(json.dumps(analysis.to_snapshot())))
    assert again.corrections == fixes
    assert (again.second_category, again.second_trigger) == ("signal-gap", "didn't see enough")
    assert again.topics == ("level",)
    assert again.evidence[0].entry_id == record["settle"] and again.evidence[0].pinned
    # A paste at the limit still makes a small snapshot: one named skill per skill, a few gaps.
    long = ("We needed strong Rust, Elixir, COBOL, Haskell and embedded experience; "
            "the design was slow to emerge. ") * (MAX_TEXT // 110)
    big = analyse_rejection(store, MatchQuery("onsite", feedback=long[:MAX_TEXT]), today=TODAY)
    assert len(json.dumps(big.to_snapshot())) < 20_000
    assert len(big.gaps) <= 5


def test_feedback_longer_than_anyone_pastes_is_refused_with_a_sentence(store: Store) -> None:
    service = RejectionService(store)
    with pytest.raises(ValidationError, match="more than feedback ever is"):
        service.create("Acme", "onsite", feedback="x" * (MAX_TEXT + 1))
    made = service.create("Acme", "onsite", feedback="x" * MAX_TEXT)
    with pytest.raises(ValidationError, match="your own read is"):
        service.update(made.id, own_read="y" * (MAX_TEXT + 1))
    assert service.get(made.id).own_read == ""


def _log_with_pin(store: Store, feedback: str, pinned: str) -> str:
    """A rejection saved the way the window saves one: its snapshot keeps its pins."""
    query = MatchQuery("onsite", role="Backend Engineer", feedback=feedback)
    analysis = analyse_rejection(store, query, corrections=Corrections((pinned,)), today=TODAY)
    saved = RejectionService(store).create("Acme", "onsite", role="Backend Engineer",
                                           feedback=feedback, snapshot=analysis.to_snapshot())
    return saved.id


def test_what_you_pinned_before_leads_a_later_rejection_about_the_same_thing(
        store: Store, entries: EntryService, record: dict[str, str]) -> None:
    # Newer, so it leads the settlement engine while nothing says otherwise.
    entries.create("shipped", "Cache warm-up job", start_date="2024-01-01",
                   end_date="2024-06-01")
    asked = MatchQuery("onsite", feedback="We needed more testing depth.")
    before = [e.title for e in match_evidence(store, asked, today=TODAY).evidence]
    assert before.index("Cache warm-up job") < before.index("Merchant settlement engine")
    first = _log_with_pin(store, "The panel wanted more unit testing.", record["settle"])
    _log_with_pin(store, "We needed to see stronger unit testing.", record["settle"])
    after = match_evidence(store, asked, today=TODAY).evidence
    titles = [e.title for e in after]
    assert titles.index("Merchant settlement engine") < titles.index("Cache warm-up job")
    settle = next(e for e in after if e.entry_id == record["settle"])
    assert "you pinned it to 2 other rejections about testing" in settle.reasons
    # Not for a rejection about something else...
    other = match_evidence(store, MatchQuery("onsite", feedback="We needed Kubernetes."),
                           today=TODAY).evidence
    assert not any("pinned" in r for e in other for r in e.reasons)
    # ...nor counted again for the rejection it was pinned to...
    own = match_evidence(store, MatchQuery("onsite", feedback="We needed more testing depth.",
                                           rejection_id=first), today=TODAY).evidence
    assert any("pinned it to another rejection" in r for e in own for r in e.reasons)
    # ...and a deleted rejection takes its pins with it.
    RejectionService(store).delete(first)
    again = match_evidence(store, asked, today=TODAY).evidence
    assert any("pinned it to another rejection" in r for e in again for r in e.reasons)


def test_pins_are_read_again_whenever_a_rejection_changes(store: Store,
                                                           record: dict[str, str]) -> None:
    rid = _log_with_pin(store, "The panel wanted more unit testing.", record["settle"])
    asked = MatchQuery("onsite", feedback="We needed more testing depth.")

    def lifted() -> bool:
        return any("pinned it to another rejection" in r
                   for e in match_evidence(store, asked, today=TODAY).evidence
                   for r in e.reasons)

    assert lifted()
    # Where the feedback names nothing, a card pinned for the same kind of role is lifted.
    silent = match_evidence(store, MatchQuery("onsite", role="Senior Backend Engineer"),
                            today=TODAY).evidence
    assert any("pinned it to another rejection for a role that calls for backend services"
               in r for e in silent for r in e.reasons)
    RejectionService(store).create("Globex", "onsite", feedback="No feedback.")  # newer
    assert lifted()
    # A restore brings back an older copy of that rejection, without the pin: though the
    # newest rejection and the number of them are as they were, it is read again.
    with store.write() as s:
        s.execute(sa.text(
            "UPDATE rejections SET updated_at = '2001-01-01 00:00:00.000000', snapshot_json = "
            "json_set(snapshot_json, '$.corrections.pinned', json('[]')) WHERE id = :id"),
            {"id": rid})
    assert not lifted()


def test_a_card_pinned_many_times_is_lifted_no_more_than_five_times_over() -> None:
    pins = [EarlierPin("card", f"r{n}", frozenset({"testing"})) for n in range(40)]
    asked = [NamedSkill("testing", "testing", "tests", "feedback")]
    assert pin_lifts(pins, asked)["card"] == PinLift(5, "testing")
    # The role counts only where nothing else is named, and then only against roles.
    role = NamedSkill("testing", "testing", "QA Engineer", "role")
    assert pin_lifts(pins, [role]) == {}
    assert pin_lifts(pins, [*asked, role])["card"].by_role is False
