"""Reading rejection feedback, measured on the labelled sets in tests/data/eval.

feedback_dev.json (development, 209 texts) and feedback_holdout.json (held out, 55 texts) were
written and labelled before any tuning; tests/core/feedback_eval.py says how each figure is
counted. The held-out set was scored once, at the end of issue 15, and has been looked at while
tuning since; feedback_holdout2.json (74 texts) is the new held-out set, written and labelled
blind (before the system was run on it). It is checked for shape here but not scored or given
floors: the lead scores it once, at the end.
Run with ``-s`` to see the figures.

Figures when the floors were set (issue 15):

| figure                                   | development | held-out | target (held-out) |
|------------------------------------------|-------------|----------|-------------------|
| category accuracy, defensible seconds    | 1.000       | 0.891    | >= 0.90 (missed)  |
| texts with content read as silence       | 0           | 4        | 0 (missed)        |
| evidence precision@3                     | 0.612       | 0.548    | >= 0.85 (missed)  |
| gap precision / recall                   | 1.00 / 1.00 | 0.88 / 0.75 |                 |
| invented gaps                            | 0           | 2        | 0 (missed)        |
| reversed gaps                            | 0           | 0        | 0                 |
"""

from __future__ import annotations

import itertools

import pytest
from feedback_eval import Scores, fill, load, names, precision_at_3, score

from trackrecord.core.matching.gaps import Gap
from trackrecord.core.store.db import Store

# Floors, honestly below what the reading reached (see the table above).
FLOORS = {
    "feedback_dev.json": dict(category=0.95, silence=0, precision_at_3=0.55, gap_precision=0.95,
                              gap_recall=0.95, invented=0, reversed=0),
    "feedback_holdout.json": dict(category=0.85, silence=4, precision_at_3=0.50,
                                  gap_precision=0.80, gap_recall=0.70, invented=2, reversed=0),
}


@pytest.fixture
def eval_store(store: Store) -> Store:
    return fill(store)


def test_the_sets_are_what_they_claim() -> None:
    titles = {e["title"] for e in load("entries.json")["entries"]}
    sets = (("feedback_dev.json", 150), ("feedback_holdout.json", 50),
            ("feedback_holdout2.json", 50))
    for name, least in sets:
        cases = load(name)["cases"]
        assert len(cases) >= least
        assert len({c["id"] for c in cases}) == len(cases)
        for c in cases:
            assert set(c["expected"]) <= titles, c["id"]
            assert set(c.get("acceptable", [])) <= titles, c["id"]
            assert len(c["expected"]) <= 5, c["id"]
            assert c["category"] in {"fit", "signal-gap", "external-noise", "unknown"}
            assert c["content"] or c["category"] == "unknown" or c.get("also") == "unknown"
    texts = {name: {c["feedback"] for c in load(name)["cases"]} for name, _ in sets}
    for a, b in itertools.combinations(texts, 2):
        assert not (texts[a] & texts[b]) - {""}, (a, b)  # no text is in two sets


def _check(s: Scores, floors: dict[str, float]) -> None:
    assert s.category_accuracy >= floors["category"]
    assert len(s.silence) <= floors["silence"]
    assert s.precision_at_3 >= floors["precision_at_3"]
    assert s.gap_precision >= floors["gap_precision"]
    assert s.gap_recall >= floors["gap_recall"]
    assert len(s.invented) <= floors["invented"]
    assert len(s.reversed) <= floors["reversed"]


@pytest.mark.parametrize("name", list(FLOORS))
def test_reading_quality(eval_store: Store, name: str) -> None:
    s = score(eval_store, name.removesuffix(".json"), load(name)["cases"])
    print("\n" + s.report())
    _check(s, FLOORS[name])


def test_scoring_helpers() -> None:
    assert precision_at_3(["a", "b", "c"], {"a", "b", "c", "d"}) == 1.0
    assert precision_at_3(["a", "x", "y"], {"a"}) == 1.0
    assert precision_at_3(["x", "a", "y"], {"a", "b"}) == 0.5
    assert precision_at_3(["x", "y", "z"], {"a"}) == 0.0
    gap = Gap("mobile development", ("iOS", "Swift"), "mobile")
    assert names("ios", gap) and names("swift", gap) and not names("android", gap)
    assert names("incident", Gap("incidents", ("incidents",)))
    assert not names("ml", Gap("html", ("html",)))
