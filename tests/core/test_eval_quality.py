"""Reading rejection feedback, measured on the labelled sets in tests/data/eval.

feedback_dev.json (development) and feedback_holdout.json (held out, scored once at the end
of issue 15) were written and labelled before any tuning; tests/core/feedback_eval.py says
how each figure is counted. Run with ``-s`` to see the figures.
"""

from __future__ import annotations

import pytest
from feedback_eval import fill, load, names, precision_at_3, score

from trackrecord.core.matching.gaps import Gap
from trackrecord.core.store.db import Store

# Floors, set honestly below what the reading reaches (see the figures printed with -s).
DEV_FLOORS = {"category": 0.75, "precision_at_3": 0.35}


@pytest.fixture
def eval_store(store: Store) -> Store:
    return fill(store)


def test_the_sets_are_what_they_claim() -> None:
    titles = {e["title"] for e in load("entries.json")["entries"]}
    for name, least in (("feedback_dev.json", 150), ("feedback_holdout.json", 50)):
        cases = load(name)["cases"]
        assert len(cases) >= least
        assert len({c["id"] for c in cases}) == len(cases)
        for c in cases:
            assert set(c["expected"]) <= titles, c["id"]
            assert len(c["expected"]) <= 5, c["id"]
            assert c["category"] in {"fit", "signal-gap", "external-noise", "unknown"}
            assert c["content"] or c["category"] == "unknown" or c.get("also") == "unknown"
    dev = {c["feedback"] for c in load("feedback_dev.json")["cases"]}
    held = {c["feedback"] for c in load("feedback_holdout.json")["cases"]}
    assert not (dev & held) - {""}  # no text is in both


def test_development_set(eval_store: Store) -> None:
    s = score(eval_store, "development set", load("feedback_dev.json")["cases"])
    print("\n" + s.report())
    assert s.category_accuracy >= DEV_FLOORS["category"]
    assert s.precision_at_3 >= DEV_FLOORS["precision_at_3"]


def test_scoring_helpers() -> None:
    assert precision_at_3(["a", "b", "c"], {"a", "b", "c", "d"}) == 1.0
    assert precision_at_3(["a", "x", "y"], {"a"}) == 1.0
    assert precision_at_3(["x", "a", "y"], {"a", "b"}) == 0.5
    assert precision_at_3(["x", "y", "z"], {"a"}) == 0.0
    gap = Gap("mobile development", ("iOS", "Swift"), "mobile")
    assert names("ios", gap) and names("swift", gap) and not names("android", gap)
    assert names("incident", Gap("incidents", ("incidents",)))
    assert not names("ml", Gap("html", ("html",)))
