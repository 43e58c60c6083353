"""The thought record after a rejection: trap suggestions from the thought's own words, the
service (saved as typed, one per rejection, nothing written on bad input), the prefilled
evidence, and its round trip through the JSON backup."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from store_helpers import fill_store
from trackrecord.core.errors import NotFoundError, ValidationError
from trackrecord.core.matching.cards import Evidence
from trackrecord.core.rejections.service import RejectionService
from trackrecord.core.rejections.thoughts import (
    Emotion,
    ThoughtService,
    emotion_choices,
    evidence_against_prefill,
    evidence_for_prefill,
)
from trackrecord.core.rejections.traps import suggest_traps, trap_registry
from trackrecord.core.store.db import Store, open_store
from trackrecord.core.transfer.import_base import ImportFileError
from trackrecord.core.transfer.imports import commit_import, parse_import
from trackrecord.core.transfer.json_export import dump_backup
from trackrecord.paths import DataPaths


def _traps(thought: str) -> dict[str, str]:
    return {hint.trap: hint.words for hint in suggest_traps(thought)}


# -- the traps ------------------------------------------------------------------------------------


def test_the_six_common_traps_are_there_each_with_a_plain_explanation() -> None:
    registry = trap_registry()
    assert registry.keys == ("all-or-nothing", "overgeneralising", "mind-reading",
                             "fortune-telling", "labelling", "discounting-the-positive")
    for trap in registry:
        assert trap.label and trap.explains.endswith(".") and len(trap.explains) < 110


@pytest.mark.parametrize(("thought", "expected"), [
    # Written the way people write them after a "no".
    ("I always freeze in system design rounds", {"overgeneralising": "always"}),
    ("I’ll never get a staff role at this rate", {"fortune-telling": "I'll never"}),
    ("I am not good enough for senior roles", {"labelling": "I'm not good enough"}),
    ("im such a fraud. they must have thought i was wasting their time",
     {"labelling": "I'm such a fraud", "mind-reading": "they must have thought"}),
    ("I'm such a fraud", {"labelling": "I'm such a fraud"}),
    ("The interviewer could tell I didn't know Kafka",
     {"mind-reading": "the interviewer could tell"}),
    ("I blew it completely, the whole loop was a disaster",
     {"all-or-nothing": "blew it"}),
    ("The payments migration was just luck, anyone could have done it",
     {"discounting-the-positive": "just luck"}),
    ("Nobody will hire me and I'm an idiot",
     {"fortune-telling": "nobody will", "labelling": "I'm an idiot"}),
])
def test_traps_are_suggested_from_the_thoughts_own_words(thought: str,
                                                         expected: dict[str, str]) -> None:
    assert _traps(thought) == expected


@pytest.mark.parametrize("thought", [
    "I don't always explain my trade-offs clearly",  # already balanced
    "The design round went worse than the coding round",
    "I wish I had asked about the read/write ratio",
    "",
])
def test_no_trap_is_suggested_where_the_words_are_not_clear(thought: str) -> None:
    assert _traps(thought) == {}


def test_the_longer_trigger_wins_where_two_overlap() -> None:
    # "I'll never" is a prediction: not also "never" as a rule about the past.
    assert _traps("I will never pass a design interview") == {"fortune-telling": "I'll never"}


# -- the service ---------------------------------------------------------------------------------


@pytest.fixture
def rejection_id(store: Store) -> str:
    return RejectionService(store).create(
        "Northwind", "system-design", date="2026-03-02",
        feedback="We wanted more depth on the data model. Your communication was clear.").id


def test_a_thought_record_is_made_on_the_first_save_and_changed_after(
        store: Store, rejection_id: str) -> None:
    service = ThoughtService(store)
    assert service.get(rejection_id) is None
    first = service.save(rejection_id, thought="I'm not good enough for senior roles")
    assert first.thought == "I'm not good enough for senior roles" and first.emotions == ()
    second = service.save(rejection_id, emotions=[{"name": "ashamed", "before": 80},
                                                  {"name": "Worried ", "before": "60"}],
                          traps=["Labelling", "all-or-nothing"])
    assert second.id == first.id
    assert second.emotions == (Emotion("ashamed", 80), Emotion("Worried", 60))
    assert second.traps == ("all-or-nothing", "labelling")  # in the traps' own order
    assert second.trap_labels == ("All-or-nothing", "Labelling")
    unchanged = service.save(rejection_id, thought=first.thought)
    assert unchanged.updated_at == second.updated_at
    rerated = service.save(rejection_id, emotions=[{"name": "ashamed", "before": 80,
                                                    "after": 35}])
    assert rerated.emotions == (Emotion("ashamed", 80, 35),)
    assert service.get(rejection_id) == rerated


@pytest.mark.parametrize(("changes", "message"), [
    ({"emotions": [{"name": "sad", "before": 101}]}, "from 0 to 100"),
    ({"emotions": [{"name": "sad", "before": True}]}, "whole number"),
    ({"emotions": [{"name": "  "}]}, "needs a name"),
    ({"emotions": [{"name": "sad"}, {"name": "SAD"}]}, "named twice"),
    ({"traps": ["catastrophising"]}, "unknown thinking trap"),
    ({"balanced": 3}, "must be text"),
    ({"mood": "fine"}, "unknown field"),
])
def test_bad_input_says_why_and_writes_nothing(store: Store, rejection_id: str,
                                               changes: dict[str, object], message: str) -> None:
    service = ThoughtService(store)
    service.save(rejection_id, thought="They think I'm a fake")
    with pytest.raises(ValidationError, match=message):
        service.save(rejection_id, **{"thought": "changed", **changes})
    assert service.get(rejection_id).thought == "They think I'm a fake"  # type: ignore[union-attr]


def test_the_thought_record_goes_with_its_rejection(store: Store, rejection_id: str) -> None:
    service = ThoughtService(store)
    service.save(rejection_id, thought="x", emotions=[{"name": "sad", "before": 50}])
    RejectionService(store).delete(rejection_id)
    assert service.all() == []
    with pytest.raises(NotFoundError):
        service.get(rejection_id)


def test_the_evidence_columns_start_from_the_feedback_and_the_evidence_shown() -> None:
    said = evidence_for_prefill("We wanted more depth on the data model. Your communication "
                                "was clear.")
    assert said.splitlines() == [
        "- They said: “We wanted more depth on the data model.”",
        "- They said: “Your communication was clear.”",
    ]
    shown = evidence_against_prefill([
        Evidence("e1", "Payments ledger v2", "shipped", dt.date(2023, 4, 1),
                 "Cut reconciliation from 3 days to 4 hours", 2.0, ()),
        Evidence("e2", "On-call handbook", "other", dt.date(2021, 1, 1), "", 1.0, ()),
    ])
    assert shown.splitlines() == [
        "- Payments ledger v2 (2023): Cut reconciliation from 3 days to 4 hours",
        "- On-call handbook (2021)",
    ]
    assert evidence_for_prefill("   ") == ""
    assert "anxious" in emotion_choices()


# -- through the JSON backup --------------------------------------------------------------------


def fill_reflection(store: Store) -> str:
    """A thought record on the Acme rejection of ``fill_store``; returns its rejection id."""
    acme = next(r for r in RejectionService(store).list() if r.company == "Acme")
    ThoughtService(store).save(
        acme.id, thought="I always freeze when it matters. I'm a fraud",
        emotions=[{"name": "ashamed", "before": 80, "after": 40},
                  {"name": "worried about money", "before": 55}],
        traps=["overgeneralising", "labelling"],
        evidence_for="- They said the cache design lacked depth",
        evidence_against="- Payments ledger v2 (2023): shipped, on time",
        balanced="One round went badly; I have shipped hard systems and can practise "
                 "the telling.")
    return acme.id


def test_a_thought_record_goes_through_the_backup_and_back_byte_for_byte(
        store: Store, tmp_path: object) -> None:
    fill_store(store)
    rejection_id = fill_reflection(store)
    first = dump_backup(store)
    doc = json.loads(first)
    assert doc["version"] == 2
    (record,) = doc["thought_records"]
    assert record["rejection_id"] == rejection_id
    assert record["emotions"][1] == {"name": "worried about money", "before": 55, "after": None}
    with open_store(DataPaths(tmp_path / "other")) as other:  # type: ignore[operator]
        report = commit_import(other, parse_import(first, "backup.json"))
        assert report.counts["skipped"] == 0
        assert dump_backup(other) == first
        assert ThoughtService(other).get(rejection_id) == ThoughtService(store).get(rejection_id)


def test_a_version_1_backup_still_imports(store: Store, tmp_path: object) -> None:
    fill_store(store)
    doc = json.loads(dump_backup(store))
    doc["version"] = 1
    for name in ("thought_records", "rehearsals", "goals", "review_cycles"):
        del doc[name]
    for interview in doc["upcoming_interviews"]:
        del interview["told"]
    with open_store(DataPaths(tmp_path / "other")) as other:  # type: ignore[operator]
        commit_import(other, parse_import(json.dumps(doc).encode(), "old.json"))
        assert len(RejectionService(other).list()) == 2
        assert ThoughtService(other).all() == []


def test_a_merge_keeps_the_later_of_two_thought_records_for_one_rejection(
        store: Store, tmp_path: object) -> None:
    """Started on two machines: one record per rejection, so the later one wins, as with
    any record, and nothing is refused."""
    fill_store(store)
    rejection_id = fill_reflection(store)
    doc = json.loads(dump_backup(store))
    (record,) = doc["thought_records"]
    record["id"] = "0f0f0f0f-0000-4000-8000-000000000001"
    record["balanced"] = "Written later, on the other laptop"
    record["updated_at"] = "2099-01-01T00:00:00+00:00"
    commit_import(store, parse_import(json.dumps(doc).encode(), "laptop.json"))
    merged = ThoughtService(store).get(rejection_id)
    assert merged is not None and merged.balanced == "Written later, on the other laptop"
    assert merged.id == record["id"]
    record["balanced"], record["updated_at"] = "older", "2000-01-01T00:00:00+00:00"
    record["id"] = "0f0f0f0f-0000-4000-8000-000000000002"
    commit_import(store, parse_import(json.dumps(doc).encode(), "older.json"))
    assert ThoughtService(store).get(rejection_id).balanced == merged.balanced  # type: ignore[union-attr]


@pytest.mark.parametrize(("change", "message"), [
    (lambda r: r.update(rejection_id="0f0f0f0f-0000-4000-8000-00000000000f"),
     "is not a rejection in this file"),
    (lambda r: r["emotions"][0].update(before=140), "from 0 to 100"),
    (lambda r: r.update(traps=["doom"]), "unknown thinking trap"),
    (lambda r: r.update(mood="fine"), "unknown field 'mood'"),
])
def test_a_bad_thought_record_refuses_the_whole_file(store: Store, change: object,
                                                     message: str) -> None:
    fill_store(store)
    fill_reflection(store)
    doc = json.loads(dump_backup(store))
    change(doc["thought_records"][0])  # type: ignore[operator]
    with pytest.raises(ImportFileError, match=message):
        parse_import(json.dumps(doc).encode(), "bad.json")
