"""Matching and category quality on the labelled evaluation set in tests/data/eval.

The set was written before the matcher was tuned: 44 entries of one fictional engineer and 20
rejections, each labelled with its category and the 1-4 entries a thoughtful person would pick
as evidence. Run with ``-s`` to see the figures.

precision@3: for each rejection, the share of the top three that are in the expected set, with
min(3, |expected|) as the denominator; averaged over rejections.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from trackrecord.core.matching.evidence import match_evidence
from trackrecord.core.matching.query import MatchQuery
from trackrecord.core.record.entries import EntryService
from trackrecord.core.rejections.categorise import suggest_category
from trackrecord.core.store.db import Store

EVAL = Path(__file__).resolve().parents[1] / "data" / "eval"
TODAY = dt.date(2025, 11, 1)  # recency is a tie-break: fix "today" so the figures are stable

# Thresholds, set honestly below what the matcher reaches, with room for small changes:
# measured precision@3 0.700 and category accuracy 1.00 (main set) / 0.93 (held-out round 2).
MIN_PRECISION_AT_3 = 0.6
MIN_CATEGORY_ACCURACY = 0.85
MIN_HELD_OUT_ACCURACY = 0.8


def _load(name: str) -> Any:
    return json.loads((EVAL / name).read_text(encoding="utf-8"))


@pytest.fixture
def eval_store(store: Store) -> Store:
    service = EntryService(store)
    for values in _load("entries.json")["entries"]:
        values = dict(values)
        service.create(values.pop("kind"), values.pop("title"), **values)
    return store


def precision_at_3(found: list[str], expected: set[str]) -> float:
    top = found[:3]
    return sum(title in expected for title in top) / min(3, len(expected))


def test_the_evaluation_set_is_what_it_claims() -> None:
    entries = _load("entries.json")["entries"]
    rejections = _load("rejections.json")["rejections"]
    titles = {e["title"] for e in entries}
    assert len(entries) >= 40 and len(titles) == len(entries)
    assert len(rejections) >= 15
    for r in rejections:
        assert 1 <= len(r["expected"]) <= 4
        assert set(r["expected"]) <= titles, r["company"]
    assert {r["category"] for r in rejections} == {"fit", "signal-gap", "external-noise",
                                                    "unknown"}


def test_precision_at_3_and_category_accuracy(eval_store: Store) -> None:
    rejections = _load("rejections.json")["rejections"]
    precisions: list[float] = []
    correct = 0
    for r in rejections:
        query = MatchQuery(r["stage"], r["role"], r["level"], r["company"], r["feedback"])
        found = [e.title for e in match_evidence(eval_store, query, limit=3, today=TODAY).evidence]
        precisions.append(precision_at_3(found, set(r["expected"])))
        correct += suggest_category(r["feedback"], r["stage"]).category == r["category"]
    p_at_3 = sum(precisions) / len(precisions)
    accuracy = correct / len(rejections)

    held_out = _load("category_holdout.json")["cases"]
    by_round: dict[int, list[bool]] = {}
    for case in held_out:
        hit = suggest_category(case["feedback"], case["stage"]).category == case["category"]
        by_round.setdefault(case["round"], []).append(hit)
    round_accuracy = {k: sum(v) / len(v) for k, v in sorted(by_round.items())}

    print(f"\nprecision@3 = {p_at_3:.3f} over {len(rejections)} rejections")
    print(f"category accuracy = {accuracy:.3f} ({correct}/{len(rejections)})")
    for k, v in round_accuracy.items():
        print(f"held-out category accuracy, round {k} = {v:.3f} ({sum(by_round[k])}/"
              f"{len(by_round[k])})")
    assert p_at_3 >= MIN_PRECISION_AT_3
    assert accuracy >= MIN_CATEGORY_ACCURACY
    # Round 1 was used to extend the vocabulary after it was measured; round 2 was not.
    assert round_accuracy[2] >= MIN_HELD_OUT_ACCURACY


def test_precision_helper() -> None:
    assert precision_at_3(["a", "b", "c"], {"a", "b", "c", "d"}) == 1.0
    assert precision_at_3(["a", "x", "y"], {"a"}) == 1.0
    assert precision_at_3(["x", "a", "y"], {"a", "b"}) == 0.5
    assert precision_at_3(["x", "y", "z"], {"a"}) == 0.0
