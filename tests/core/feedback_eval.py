"""Scoring the reading of rejection feedback against the labelled sets in tests/data/eval.

Shared by tests/core/test_eval_quality.py; the labels are described in the "about" of
feedback_dev.json. Figures:

- category accuracy: the suggested category is the label's category or its defensible second
  ("also");
- silence: texts with content (label ``content``) suggested as Unknown (must be 0);
- precision@3: of the top three evidence cards, the share in the expected set, with
  min(3, |expected|) as the denominator, averaged over the texts that list expected entries
  ("strict": only the entries a thoughtful person would pick first);
- acceptable precision@3: the same against expected plus ``acceptable`` (entries the person
  would accept as relevant evidence, if not their first pick), labelled blind like the rest;
  where a case has no ``acceptable`` list the strict figure is used for it;
- gap precision: named gaps that are expected or acceptable, over all named gaps; gap recall:
  expected gap words found in a named gap, over all expected gap words;
- invented gaps: named gaps that are neither expected nor acceptable; reversed gaps: named gaps
  for something the feedback says the person has. Of the invented, ``partial`` lists those
  that name part of a labelled gap ("fraud" where the label is "fraud detection"): still
  counted invented, and reported apart so a reader can tell wording from invention.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trackrecord.core.matching.gaps import Gap
from trackrecord.core.matching.query import MatchQuery
from trackrecord.core.record.entries import EntryService
from trackrecord.core.rejections.analysis import Analysis, analyse_rejection
from trackrecord.core.store.db import Store

EVAL = Path(__file__).resolve().parents[1] / "data" / "eval"
TODAY = dt.date(2025, 11, 1)  # recency is a tie-break: fix "today" so the figures are stable


def load(name: str) -> Any:
    return json.loads((EVAL / name).read_text(encoding="utf-8"))


def fill(store: Store, entries: str = "entries.json") -> Store:
    """The store with one person's track record: entries.json for every set but the
    second person's (persona2_entries.json)."""
    service = EntryService(store)
    for values in load(entries)["entries"]:
        values = dict(values)
        service.create(values.pop("kind"), values.pop("title"), **values)
    return store


def precision_at_3(found: list[str], expected: set[str]) -> float:
    top = found[:3]
    return sum(title in expected for title in top) / min(3, len(expected))


def _said(gap: Gap) -> str:
    return " | ".join([gap.label, *gap.missing, gap.skill or ""]).casefold()


def _words(text: str) -> list[str]:
    """Words compared one by one: a hyphen is a space ("ad-tech" is "ad tech"), a plural is
    its singular ("design systems" is "design system"), and "-ed" and "-ing" are one word
    ("managed managers" is "managing managers")."""
    out = []
    for w in re.findall(r"[\w+#.]+|\|", text.casefold().replace("-", " ").replace("_", " ")):
        w = w.strip(".")
        if w.endswith("es") and len(w) > 4 and w[-3] in "sxz":
            w = w[:-2]
        elif w.endswith("s") and len(w) > 3 and not w.endswith("ss"):
            w = w[:-1]
        if w.endswith("ing") and len(w) > 5:
            w = w[:-3]
        elif w.endswith("ed") and len(w) > 4:
            w = w[:-2]
        if w:
            out.append(w)
    return out


def names(word: str, gap: Gap) -> bool:
    """Does this named gap name ``word`` (a label from the set), as a run of whole words?"""
    want, said = _words(word), _words(_said(gap))
    n = len(want)
    return n > 0 and any(said[i:i + n] == want for i in range(len(said) - n + 1))


def part_of(said: str, label: str) -> bool:
    """Are the words a gap says a run inside a label ("fraud" in "fraud detection")?"""
    part, whole = _words(said), _words(label)
    n = len(part)
    return n > 0 and any(whole[i:i + n] == part for i in range(len(whole) - n + 1))


@dataclass
class Scores:
    name: str
    cases: int = 0
    category_right: int = 0
    silence: list[str] = field(default_factory=list)
    precisions: list[float] = field(default_factory=list)
    acceptable_precisions: list[float] = field(default_factory=list)
    gaps_named: int = 0
    gaps_fine: int = 0
    gap_words: int = 0
    gap_words_found: int = 0
    invented: list[str] = field(default_factory=list)
    partial: list[str] = field(default_factory=list)  # invented, but part of a labelled gap
    reversed: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    @property
    def category_accuracy(self) -> float:
        return self.category_right / self.cases

    @property
    def precision_at_3(self) -> float:
        return sum(self.precisions) / len(self.precisions)

    @property
    def acceptable_precision_at_3(self) -> float:
        return sum(self.acceptable_precisions) / len(self.acceptable_precisions)

    @property
    def gap_precision(self) -> float:
        return self.gaps_fine / self.gaps_named if self.gaps_named else 1.0

    @property
    def gap_recall(self) -> float:
        return self.gap_words_found / self.gap_words if self.gap_words else 1.0

    def report(self) -> str:
        return "\n".join([
            f"{self.name}: {self.cases} texts",
            f"  category accuracy (counting defensible seconds) = {self.category_accuracy:.3f}"
            f" ({self.category_right}/{self.cases})",
            f"  texts with content read as silence = {len(self.silence)} {self.silence}",
            f"  evidence precision@3 = {self.precision_at_3:.3f} over {len(self.precisions)} texts"
            f" (acceptable: {self.acceptable_precision_at_3:.3f})",
            f"  gap precision = {self.gap_precision:.3f} ({self.gaps_fine}/{self.gaps_named}), "
            f"gap recall = {self.gap_recall:.3f} ({self.gap_words_found}/{self.gap_words})",
            f"  invented gaps = {len(self.invented)} {self.invented}",
            f"    of which name part of a labelled gap = {len(self.partial)} {self.partial}",
            f"  reversed gaps = {len(self.reversed)} {self.reversed}",
        ])


def analyse(store: Store, case: dict[str, Any], today: dt.date = TODAY) -> Analysis:
    query = MatchQuery(case["stage"], case["role"], case["level"], case["company"],
                       case["feedback"], case.get("own_read", ""))
    return analyse_rejection(store, query, today=today)


def score(store: Store, name: str, cases: list[dict[str, Any]],
          today: dt.date = TODAY) -> Scores:
    """``today``: a set whose record runs later than TODAY says its own (its "today" key)."""
    out = Scores(name)
    for case in cases:
        analysis = analyse(store, case, today)
        score_one(out, case, analysis)
    return out


def score_one(out: Scores, case: dict[str, Any], analysis: Analysis) -> None:
    cid = case["id"]
    out.cases += 1
    said = analysis.suggested_category
    if said in (case["category"], case.get("also")):
        out.category_right += 1
    else:
        out.misses.append(f"{cid} category {said} (label {case['category']}"
                          f"{'/' + case['also'] if case.get('also') else ''}) "
                          f"from {analysis.suggested_trigger!r}")
    if case["content"] and said == "unknown":
        out.silence.append(cid)
    if case["expected"]:
        found = [e.title for e in analysis.evidence]
        p = precision_at_3(found, set(case["expected"]))
        out.precisions.append(p)
        fine = set(case["expected"]) | set(case.get("acceptable", []))
        out.acceptable_precisions.append(precision_at_3(found, fine))
        if p < 1:
            out.misses.append(f"{cid} p@3 {p:.2f}: {found[:3]}")
    wanted, fine, has = case["gaps"], case.get("ok_gaps", []), case.get("has", [])
    for gap in analysis.gaps:
        out.gaps_named += 1
        # Reversed by what the page says (its label and words), not by the skill's internal
        # name: "GKE" beside a credit for Kubernetes names GKE, not Kubernetes.
        if any(names(w, Gap(gap.label, gap.missing)) for w in has):
            out.reversed.append(f"{cid}:{gap.label}")
        elif any(names(w, gap) for w in [*wanted, *fine]):
            out.gaps_fine += 1
        else:
            out.invented.append(f"{cid}:{gap.label}")
            if any(part_of(said, w) for said in (gap.label, *gap.missing)
                   for w in [*wanted, *fine]):
                out.partial.append(f"{cid}:{gap.label}")
    for w in wanted:
        out.gap_words += 1
        if any(names(w, gap) for gap in analysis.gaps):
            out.gap_words_found += 1
        else:
            out.misses.append(f"{cid} gap {w!r} not named ({[g.label for g in analysis.gaps]})")
