"""The files people really keep, one fixture per shape (tests/data/import/shapes/*), each with
the records it must produce in the JSON file of the same name.

A shape's JSON says what the file is like and where the shape comes from; its expectations:
``rejections`` (ticked rejections, by line), ``offered`` (rows offered unticked), ``entries``
(ticked entries, by title), ``unticked`` (entries offered unticked), ``goals`` (ticked goals:
title, ``start``, ``end``, and the titles of the entries it ``serves``), ``skipped`` (skipped
rows counted by their tally) and ``notices`` (sentences the preview must show, in part). What
is listed must be there, and nothing else may be ticked.

The fixtures in tests/data/import/holdout/ are scored, not required, by
test_import_holdout.py: they were written before the readers were tuned and not looked at
while tuning.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from store_helpers import DATA
from trackrecord.core.transfer.import_base import GoalDraft, ParsedImport, PreviewRow
from trackrecord.core.transfer.imports import load_import

SHAPES = DATA / "shapes"


EXPECT = ".expect.json"


def shape_files(folder: Path) -> list[Path]:
    """Every ``<name>.expect.json`` in ``folder`` (its file is ``<name>.<ext>`` or ``<name>/``)."""
    return sorted(folder.glob("*" + EXPECT))


def _source(expect: Path) -> Path:
    name = expect.name.removesuffix(EXPECT)
    found = [p for p in expect.parent.iterdir()
             if p != expect and (p.name == name or p.name.startswith(name + "."))
             and not p.name.endswith(EXPECT)]
    assert len(found) == 1, f"{expect.name}: expected one file or folder called {name}"
    return found[0]


def read_shape(expect: Path) -> tuple[dict[str, Any], ParsedImport]:
    spec = json.loads(expect.read_text(encoding="utf-8"))
    parsed = load_import(_source(expect), spec.get("format"),
                         today=dt.date.fromisoformat(spec["today"]))
    return spec, parsed


def _value(draft: Any, name: str) -> Any:
    names = {"start": "start_date", "end": "end_date"}
    value = draft.values.get(names.get(name, name), None if name in names else "")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def check_record(draft: Any, wanted: dict[str, Any]) -> list[str]:
    """What differs between a draft and what it should be (empty: all as it should be).

    Besides field names (``start`` and ``end`` for the dates): ``title_has`` and
    ``title_lacks`` (a part of the title), ``notes_has`` (a part of the notes), ``mentions``
    (in the title, summary or notes),
    ``tags_has`` and ``tags_lack`` (tags, any case), ``tally``."""
    out = []
    values = draft.values
    tags = {t.casefold() for t in values.get("tags", ())}
    text = " ".join(str(values.get(n, "")) for n in ("title", "summary", "notes"))
    for name, expected in wanted.items():
        if name in ("where", "tally", "title"):
            if name == "title" and values.get("title") != expected:
                out.append(f"title: {values.get('title')!r}, expected {expected!r}")
            continue
        if name == "title_has":
            if expected not in values.get("title", ""):
                out.append(f"title {values.get('title')!r} lacks {expected!r}")
        elif name == "title_lacks":
            if expected in values.get("title", ""):
                out.append(f"title {values.get('title')!r} has {expected!r}")
        elif name == "notes_has":
            if expected not in values.get("notes", ""):
                out.append(f"notes {values.get('notes')!r} lack {expected!r}")
        elif name == "mentions":
            if expected not in text:
                out.append(f"{expected!r} is not in the title, summary or notes: {text!r}")
        elif name == "tags_has":
            missing = [t for t in expected if t.casefold() not in tags]
            if missing:
                out.append(f"tags {sorted(tags)} lack {missing}")
        elif name == "tags_lack":
            present = [t for t in expected if t.casefold() in tags]
            if present:
                out.append(f"tags {sorted(tags)} have {present}")
        else:
            got = _value(draft, name)
            if got != expected:
                out.append(f"{name}: {got!r}, expected {expected!r}")
    if "tally" in wanted and draft.tally != wanted["tally"]:
        out.append(f"tally: {draft.tally!r}, expected {wanted['tally']!r}")
    return out


def _find(drafts: list[Any], pool: dict[str, Any], wanted: dict[str, Any]) -> Any:
    if "where" in wanted:
        return pool.get(wanted["where"])
    for draft in drafts:
        title = draft.values.get("title", "")
        if ("title" in wanted and title == wanted["title"]) or (
                "title_has" in wanted and wanted["title_has"] in title):
            return draft if draft.where in pool else None
    return None


def _goals(spec: dict[str, Any], parsed: ParsedImport) -> tuple[int, int, list[str]]:
    titles = {d.where: d.values.get("title") for d in parsed.items
              if not isinstance(d, PreviewRow | GoalDraft)}
    goals = {g.title: g for g in parsed.items if isinstance(g, GoalDraft) and g.chosen}
    problems, matched = [], 0
    for wanted in spec.get("goals", []):
        goal = goals.pop(wanted["title"], None)
        got = goal and {"title": goal.title, "start": goal.start_date.isoformat(),
                        "end": goal.end_date.isoformat(),
                        "serves": [titles[w] for w in goal.serves]}
        if got is None or any(got[k] != v for k, v in wanted.items()):
            problems.append(f"goal {wanted['title']!r}: {got}, expected {wanted}")
        else:
            matched += 1
    if goals:
        problems.append(f"goals ticked but not expected: {sorted(goals)}")
    return len(spec.get("goals", [])), matched, problems


def compare(spec: dict[str, Any], parsed: ParsedImport) -> tuple[int, int, list[str]]:
    """(records expected, records as expected, problems) for one shape."""
    expected, matched, problems = _goals(spec, parsed)
    drafts = [i for i in parsed.items if not isinstance(i, PreviewRow | GoalDraft)]
    ticked = {d.where: d for d in drafts if d.chosen}
    unticked = {d.where: d for d in drafts if not d.chosen}
    claimed: set[str] = set()
    for key, pool in (("rejections", ticked), ("offered", unticked), ("entries", ticked),
                      ("unticked", unticked)):
        for wanted in spec.get(key, []):
            expected += 1
            draft = _find(drafts, pool, wanted)
            label = wanted.get("where") or wanted.get("title") or wanted.get("title_has")
            if draft is None:
                problems.append(f"{key}: missing {label}")
                continue
            claimed.add(draft.where)
            wrong = check_record(draft, wanted)
            if wrong:
                problems.append(f"{key} {draft.where}: " + "; ".join(wrong))
            else:
                matched += 1
    extra = sorted(set(ticked) - claimed)
    if extra:
        titles = [ticked[w].values.get("title") or ticked[w].values.get("company") for w in extra]
        problems.append(f"ticked but not expected: {list(zip(extra, titles, strict=True))}")
    skipped = Counter(i.tally for i in parsed.items if isinstance(i, PreviewRow))
    for tally, n in spec.get("skipped", {}).items():
        expected += 1
        if skipped.get(tally, 0) == n:
            matched += 1
        else:
            problems.append(f"skipped {tally!r}: {skipped.get(tally, 0)}, expected {n}")
    for part in spec.get("notices", []):
        expected += 1
        if any(part in notice for notice in parsed.notices):
            matched += 1
        else:
            problems.append(f"no notice with {part!r} in {parsed.notices}")
    return expected, matched, problems


@pytest.mark.parametrize("expect", shape_files(SHAPES), ids=lambda p: p.stem)
def test_each_shape_gives_what_it_must(expect: Path) -> None:
    spec, parsed = read_shape(expect)
    assert not parsed.problem, parsed.problem
    _, _, problems = compare(spec, parsed)
    assert problems == []
