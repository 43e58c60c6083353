"""Composing a reframe: the library in resources/reframes, the person's own evidence, their
debrief answers, and any reframes they wrote themselves.

The composer never invents evidence: every entry it names comes from the match result it is
given, and the ids it names are listed in ``Reframe.cited`` so a test can hold it to that.
"""

from __future__ import annotations

import datetime as dt
import functools
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from trackrecord.core.matching.evidence import Evidence, MatchResult
from trackrecord.core.matching.vocabulary import load_toml
from trackrecord.core.rejections.categories import CATEGORIES, CATEGORY_REGISTRY
from trackrecord.core.rejections.debrief import DEBRIEF_TOPICS, DebriefAnswer
from trackrecord.core.rejections.stages import STAGE_LABELS

MAX_EVIDENCE_NAMED = 3
MAX_QUESTIONS = 8
MAX_PRACTICE = 5
MAX_CUSTOM = 2
IMPACT_WIDTH = 160


@dataclass(frozen=True)
class CustomReframe:
    """A reframe the person wrote; ``category`` or ``stage`` None means it fits any."""

    id: str
    headline: str
    body: str
    category: str | None = None
    stage: str | None = None
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None

    def applies(self, category: str, stage: str) -> bool:
        return self.category in (None, category) and self.stage in (None, stage)

    @property
    def specificity(self) -> float:
        # Used to pick the headline: the person's own words win over ours at equal precision.
        return {(True, True): 4.0, (True, False): 2.0, (False, True): 1.0}.get(
            (self.category is not None, self.stage is not None), 0.5
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "category": self.category, "stage": self.stage,
            "headline": self.headline, "body": self.body,
            "created_at": self.created_at.isoformat() if self.created_at else None,
            "updated_at": self.updated_at.isoformat() if self.updated_at else None,
        }


@dataclass(frozen=True)
class Reframe:
    headline: str
    body: str
    questions: tuple[str, ...]
    practice: tuple[str, ...]
    gap_note: str | None = None
    cited: tuple[str, ...] = field(default=())  # ids of the entries the body names

    def to_json(self) -> dict[str, Any]:
        """The documented shape: headline, body, questions, practice."""
        return {
            "headline": self.headline,
            "body": self.body,
            "questions": list(self.questions),
            "practice": list(self.practice),
        }


@dataclass(frozen=True)
class _Text:
    headline: str = ""
    perspective: tuple[str, ...] = ()
    process_question: str = ""
    questions: tuple[str, ...] = ()
    practice: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Library:
    categories: dict[str, _Text]
    stages: dict[tuple[str, str], _Text]
    process_question: str
    energy: tuple[str, ...]
    debrief_questions: dict[str, str]
    debrief_practice: dict[str, str]
    templates: dict[str, str]


def _text(raw: dict[str, Any]) -> _Text:
    return _Text(
        headline=str(raw.get("headline", "")),
        perspective=tuple(raw.get("perspective", ())),
        process_question=str(raw.get("process_question", "")),
        questions=tuple(raw.get("questions", ())),
        practice=tuple(raw.get("practice", ())),
    )


@functools.cache
def library() -> _Library:
    common = load_toml("reframes", "common.toml")
    categories: dict[str, _Text] = {}
    stages: dict[tuple[str, str], _Text] = {}
    for category in CATEGORIES:
        raw = load_toml("reframes", f"{category}.toml")
        categories[category] = _text(raw)
        for stage, stage_raw in raw.get("stage", {}).items():
            if stage not in STAGE_LABELS:
                raise ValueError(f"reframes/{category}.toml: unknown stage {stage!r}")
            stages[(category, stage)] = _text(stage_raw)
    debrief = common.get("debrief", {})
    return _Library(
        categories=categories,
        stages=stages,
        process_question=str(common["process_question"]),
        energy=tuple(common.get("energy", ())),
        debrief_questions={t: debrief[t]["question"] for t in DEBRIEF_TOPICS},
        debrief_practice={t: debrief[t]["practice"] for t in DEBRIEF_TOPICS},
        templates=dict(common["templates"]),
    )


def debrief_question(topic: str) -> str:
    """The question for one debrief topic, phrased so that "yes" is the good answer."""
    return library().debrief_questions[topic]


def compose_reframe(
    category: str,
    stage: str,
    match_result: MatchResult,
    debrief: Sequence[DebriefAnswer] = (),
    custom_reframes: Iterable[CustomReframe] = (),
    *,
    seed: str = "",
) -> Reframe:
    """A reframe for this category and stage, built around the person's own evidence.

    ``seed`` (the company, say) varies which lines are picked between rejections, while the
    same rejection always reads the same as it is being typed.
    """
    lib = library()
    base = lib.categories[category]
    staged = lib.stages.get((category, stage), _Text())
    mine = sorted(
        (c for c in custom_reframes if c.applies(category, stage)),
        key=lambda c: (-c.specificity, -_when(c)),
    )
    turn = zlib.crc32(f"{seed}|{category}|{stage}".encode())

    headline = _headline(base, staged, mine)
    paragraphs: list[str] = []
    lines = list(staged.perspective[:1]) + _rotate(base.perspective, turn)[:1]
    paragraphs.append(" ".join(lines))

    evidence = match_result.evidence[:MAX_EVIDENCE_NAMED]
    paragraphs.append(_evidence_paragraph(lib, stage, evidence))

    gap_note = _gap_note(lib, match_result)
    if gap_note:
        paragraphs.append(gap_note)

    for own in mine[:MAX_CUSTOM]:
        said = ". ".join(p for p in (own.headline.strip().rstrip("."), own.body.strip()) if p)
        paragraphs.append(f"{lib.templates['custom_intro']} {said}")

    process = staged.process_question or base.process_question or lib.process_question
    paragraphs.append(process)
    paragraphs += _rotate(lib.energy, turn)[:1]

    return Reframe(
        headline=headline,
        body="\n\n".join(p for p in paragraphs if p),
        questions=_questions(lib, category, base, staged, process, debrief),
        practice=_practice(lib, category, base, staged, match_result, debrief),
        gap_note=gap_note,
        cited=tuple(e.entry_id for e in evidence),
    )


def _when(c: CustomReframe) -> float:
    moment = c.updated_at or c.created_at
    return moment.timestamp() if moment else 0.0


def _headline(base: _Text, staged: _Text, mine: Sequence[CustomReframe]) -> str:
    options: list[tuple[float, str]] = [(1.5, base.headline)]
    if staged.headline:
        options.append((3.0, staged.headline))
    options += [(c.specificity, c.headline.strip()) for c in mine if c.headline.strip()]
    return max(options, key=lambda o: o[0])[1]


def _rotate(items: Sequence[str], turn: int) -> list[str]:
    if not items:
        return []
    start = turn % len(items)
    return list(items[start:]) + list(items[:start])


def _evidence_paragraph(lib: _Library, stage: str, evidence: Sequence[Evidence]) -> str:
    t = lib.templates
    opening = t["stage"].format(stage=STAGE_LABELS[stage].lower())
    if not evidence:
        return f"{opening} {t['no_evidence']}"
    items = []
    for e in evidence:
        said = _first_sentence(e.impact or e.metrics or e.summary)
        impact = t["impact"].format(impact=said) if said else ""
        items.append("- " + t["evidence_one"].format(
            title=e.title, year=e.start_date.year, impact=impact))
    return f"{opening} {t['evidence_intro']}\n" + "\n".join(items)


def _first_sentence(value: str) -> str:
    value = " ".join(value.split()).rstrip(".")
    if len(value) <= IMPACT_WIDTH:
        return value
    cut = value[:IMPACT_WIDTH]
    stop = cut.rfind(". ")
    return cut[:stop] if stop > 40 else cut.rstrip() + "\u2026"


def _gap_note(lib: _Library, match_result: MatchResult) -> str | None:
    if not match_result.gaps:
        return None
    t = lib.templates
    said = " ".join(g.message for g in match_result.gaps)
    goal = t["growth"].format(skill=match_result.gaps[0].label)
    return f"{t['gap'].format(gaps=said)} {goal}"


def _questions(
    lib: _Library,
    category: str,
    base: _Text,
    staged: _Text,
    process: str,
    debrief: Sequence[DebriefAnswer],
) -> tuple[str, ...]:
    out = [process, *staged.questions, *base.questions]
    if CATEGORY_REGISTRY[category].debrief_applies:
        answered = {a.topic for a in debrief if a.answer == "yes"}
        out += [lib.debrief_questions[t] for t in DEBRIEF_TOPICS if t not in answered]
    return tuple(_unique(out)[:MAX_QUESTIONS])


def _practice(
    lib: _Library,
    category: str,
    base: _Text,
    staged: _Text,
    match_result: MatchResult,
    debrief: Sequence[DebriefAnswer],
) -> tuple[str, ...]:
    out: list[str] = []
    for answer in debrief:
        if answer.needs_practice:
            item = lib.debrief_practice[answer.topic]
            note = answer.note.strip().rstrip(".")
            out.append(f"{item} (You noted: {note}.)" if note else item)
    for gap in match_result.gaps[:2]:
        goal = lib.templates["growth"].format(skill=gap.label).removeprefix("Growth goal: ")
        out.append(goal[:1].upper() + goal[1:])
    habits = [*staged.practice, *base.practice]
    if CATEGORY_REGISTRY[category].habit_first:
        out = out[: MAX_PRACTICE - 1] + habits  # always leave room for one habit
    else:
        out += habits
    return tuple(_unique(out)[:MAX_PRACTICE])


def _unique(items: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for item in items:
        if item and item not in seen:
            seen.add(item)
            out.append(item)
    return out
