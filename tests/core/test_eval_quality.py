"""Reading rejection feedback, measured on the labelled sets in tests/data/eval.

feedback_dev.json (development, 209 texts) and feedback_holdout.json (55 texts) were written
and labelled before any tuning; tests/core/feedback_eval.py says how each figure is counted.
The second set was held out for issue 15 round 1 and scored once at its end; from round 2 it
was tuned on like the first. feedback_holdout2.json (74 texts) was written and labelled blind
(before the system was run on it) and scored once, after round 3 (docs/performance.md has
those figures); from round 4 it was tuned on too. feedback_holdout3.json (65 texts) was written
and labelled blind in the same way and scored once, after round 4; from round 5 all four sets
are tuning material (round 5 checked every change set by set, and fitted the evidence weights
by leave-one-set-out cross-validation). feedback_holdout4.json (62 texts) was written and
labelled blind the same way and scored once, after round 5: the honest measure. Run with
``-s`` to see the figures.

Figures (r1-r5: issue 15 rounds 1-5; the round-1 set was tuned on from r2, the second
held-out set from r4, the third from r5; "set-2 r3" and "set-3 r4" are their blind scorings):

| figure               | dev r4  | dev r5  | set-1 r4 | set-1 r5 | set-2 r3 | set-2 r4 | set-2 r5 |
|----------------------|---------|---------|----------|----------|----------|----------|----------|
| category (+ seconds) | 1.000   | 1.000   | 1.000    | 1.000    | 0.824    | 1.000    | 1.000    |
| read as silence      | 0       | 0       | 0        | 0        | 1        | 0        | 0        |
| precision@3 (strict) | 0.658   | 0.653   | 0.594    | 0.624    | 0.498    | 0.518    | 0.511    |
| ... with acceptable  | 0.788   | 0.788   | 0.694    | 0.706    | 0.671    | 0.703    | 0.707    |
| gap prec. / recall   | 1. / 1. | 1. / 1. | 1. / .88 | 1. / .88 | .83/.36  | 1. / .96 | 1. / .96 |
| invented / reversed  | 0 / 0   | 0 / 0   | 0 / 0    | 0 / 0    | 3 / 0    | 0 / 0    | 0 / 0    |

| figure               | set-3 r4 (blind) | set-3 r5 | target |
|----------------------|------------------|----------|--------|
| category (+ seconds) | 0.800            | 0.862    | >= .90 |
| read as silence      | 0                | 0        | 0      |
| precision@3 (strict) | 0.492            | 0.529    |        |
| ... with acceptable  | 0.608            | 0.656    | >= .85 |
| gap prec. / recall   | .83 / .81        | .96 / .81|        |
| invented / reversed  | 4 / 1            | 0 / 1    | 0 / 0  |

(dev r1: category 1.000, precision@3 0.612; dev r2 0.628 / 0.759; set-1 r1 0.891 category,
0.548 precision@3, gaps .88 / .75 with 2 invented; acceptable labels were added after r2.)
"""

from __future__ import annotations

import itertools

import pytest
from feedback_eval import Scores, fill, load, names, precision_at_3, score

from trackrecord.core.matching.gaps import Gap
from trackrecord.core.store.db import Store

# Floors, honestly below what the reading reached (see the table above).
FLOORS = {
    "feedback_dev.json": dict(category=0.97, silence=0, precision_at_3=0.63, acceptable=0.76,
                              gap_precision=0.95, gap_recall=0.95, invented=0, reversed=0),
    "feedback_holdout.json": dict(category=0.95, silence=0, precision_at_3=0.60, acceptable=0.69,
                                  gap_precision=0.95, gap_recall=0.85, invented=0, reversed=0),
    # Scored once, blind, after round 3 (category 0.824, silence 1, precision@3 0.498,
    # acceptable 0.671, gaps 0.833 / 0.360, invented 3, reversed 0); tuned on from round 4,
    # so these floors (below the round-4 figures) are no longer a blind measure.
    "feedback_holdout2.json": dict(category=0.95, silence=0, precision_at_3=0.50,
                                   acceptable=0.69, gap_precision=0.95, gap_recall=0.90,
                                   invented=0, reversed=0),
    # Scored once, blind, after round 4: these were its figures as they came (category 0.800,
    # silence 0, precision@3 0.492, acceptable 0.608, gaps 0.833 / 0.810, invented 4,
    # reversed 1). Tuned on from round 5, so these floors (below the round-5 figures) are no
    # longer a blind measure. The reversed gap left is a role description read as a want
    # ("a pure AppSec position doing penetration testing", turned down for a preference).
    "feedback_holdout3.json": dict(category=0.84, silence=0, precision_at_3=0.51,
                                   acceptable=0.64, gap_precision=0.95, gap_recall=0.80,
                                   invented=0, reversed=1),
    # Scored once, blind, after round 5: its figures as they came (category 0.839, silence 0,
    # precision@3 0.489, acceptable 0.609, gaps 0.864 / 0.867, invented 3, reversed 0), and
    # the floors sit on them. Nothing was tuned on it.
    "feedback_holdout4.json": dict(category=0.83, silence=0, precision_at_3=0.48,
                                   acceptable=0.60, gap_precision=0.86, gap_recall=0.86,
                                   invented=3, reversed=0),
}


@pytest.fixture
def eval_store(store: Store) -> Store:
    return fill(store)


def test_the_sets_are_what_they_claim() -> None:
    titles = {e["title"] for e in load("entries.json")["entries"]}
    sets = (("feedback_dev.json", 150), ("feedback_holdout.json", 50),
            ("feedback_holdout2.json", 50), ("feedback_holdout3.json", 50),
            ("feedback_holdout4.json", 50))
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
    assert s.acceptable_precision_at_3 >= floors["acceptable"]
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
