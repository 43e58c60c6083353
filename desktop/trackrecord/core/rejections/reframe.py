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

from trackrecord.core.matching.cards import Evidence
from trackrecord.core.matching.evidence import MatchResult
from trackrecord.core.matching.gaps import Gap
from trackrecord.core.matching.text import FEEDBACK_SOURCES
from trackrecord.core.matching.vocabulary import load_toml, skills
from trackrecord.core.rejections.categories import CATEGORIES, CATEGORY_REGISTRY
from trackrecord.core.rejections.debrief import DEBRIEF_TOPICS, DebriefAnswer
from trackrecord.core.rejections.stages import STAGE_LABELS, STAGE_REGISTRY

MAX_EVIDENCE_NAMED = 3
MAX_QUESTIONS = 6
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
    topics: dict[tuple[str, str], _Text]
    process_question: str
    energy: tuple[str, ...]
    debrief_questions: dict[str, str]
    debrief_practice: dict[str, str]
    templates: dict[str, str]
    stage_lines: dict[str, str]
    growth: dict[str, str]
    gap_practice: dict[str, str]
    leadership_skills: frozenset[str]
    leadership_words: frozenset[str]


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
    topics: dict[tuple[str, str], _Text] = {}
    for category in CATEGORIES:
        raw = load_toml("reframes", f"{category}.toml")
        categories[category] = _text(raw)
        for stage, stage_raw in raw.get("stage", {}).items():
            if stage not in STAGE_LABELS:
                raise ValueError(f"reframes/{category}.toml: unknown stage {stage!r}")
            stages[(category, stage)] = _text(stage_raw)
        for topic, topic_raw in raw.get("topic", {}).items():
            topics[(category, topic)] = _text(topic_raw)
    debrief = common.get("debrief", {})
    kinds = common.get("gap_kinds", {})
    return _Library(
        categories=categories,
        stages=stages,
        topics=topics,
        process_question=str(common["process_question"]),
        energy=tuple(common.get("energy", ())),
        debrief_questions={t: debrief[t]["question"] for t in DEBRIEF_TOPICS},
        debrief_practice={t: debrief[t]["practice"] for t in DEBRIEF_TOPICS},
        templates=dict(common["templates"]),
        stage_lines=dict(common.get("stage_line", {})),
        growth=dict(common["growth"]),
        gap_practice=dict(common["gap_practice"]),
        leadership_skills=frozenset(kinds.get("leadership_skills", ())),
        leadership_words=frozenset(kinds.get("leadership_words", ())),
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
    topics: Sequence[str] = (),
) -> Reframe:
    """A reframe for this category and stage, built around the person's own evidence.

    ``topics`` (what the feedback said: a freeze, the level, how you came across) choose the
    paragraphs, so a hiring freeze is never answered with words about internal candidates.
    ``seed`` (the company, say) varies which lines are picked between rejections, while the
    same rejection always reads the same as it is being typed.
    """
    lib = library()
    base = lib.categories[category]
    staged = lib.stages.get((category, stage), _Text())
    said = [lib.topics[(category, t)] for t in topics if (category, t) in lib.topics]
    mine = sorted(
        (c for c in custom_reframes if c.applies(category, stage)),
        key=lambda c: (-c.specificity, -_when(c)),
    )
    turn = zlib.crc32(f"{seed}|{category}|{stage}".encode())

    headline = _headline(base, staged, said, mine)
    paragraphs: list[str] = []
    first = next((t.perspective[0] for t in said if t.perspective), None)
    lines = [first] if first else list(staged.perspective[:1])
    lines += _rotate(base.perspective, turn)[:1]
    paragraphs.append(" ".join(lines))

    # "It does not erase what you have done": only work that is done.
    evidence = [e for e in match_result.evidence if not e.unfinished][:MAX_EVIDENCE_NAMED]
    paragraphs.append(_evidence_paragraph(lib, stage, evidence, _asked_and_shown(match_result)))

    gap_note = _gap_note(lib, match_result)
    if gap_note:
        paragraphs.append(gap_note)

    for own in mine[:MAX_CUSTOM]:
        text = ". ".join(p for p in (own.headline.strip().rstrip("."), own.body.strip()) if p)
        paragraphs.append(f"{lib.templates['custom_intro']} {text}")

    # The process question is asked once, as the first question, never again in the body.
    process = staged.process_question or base.process_question or lib.process_question
    paragraphs += _rotate(lib.energy, turn)[:1]

    return Reframe(
        headline=headline,
        body="\n\n".join(p for p in paragraphs if p),
        questions=_questions(base, staged, said, process),
        practice=_practice(lib, category, base, staged, said, match_result, debrief),
        gap_note=gap_note,
        cited=tuple(e.entry_id for e in evidence),
    )


def _when(c: CustomReframe) -> float:
    moment = c.updated_at or c.created_at
    return moment.timestamp() if moment else 0.0


def _headline(
    base: _Text, staged: _Text, said: Sequence[_Text], mine: Sequence[CustomReframe]
) -> str:
    options: list[tuple[float, str]] = [(1.5, base.headline)]
    if staged.headline:
        options.append((3.0, staged.headline))
    topical = next((t.headline for t in said if t.headline), "")
    if topical:
        options.append((3.5, topical))  # what they said beats where it happened
    options += [(c.specificity, c.headline.strip()) for c in mine if c.headline.strip()]
    return max(options, key=lambda o: o[0])[1]


def _rotate(items: Sequence[str], turn: int) -> list[str]:
    if not items:
        return []
    start = turn % len(items)
    return list(items[start:]) + list(items[:start])


def stage_line(stage: str) -> str:
    """"This was the onsite: several conversations in one day" or "one conversation"."""
    lib = library()
    if stage in lib.stage_lines:
        return lib.stage_lines[stage]
    label = STAGE_LABELS[stage].lower()
    if not STAGE_REGISTRY[stage].named:
        return str(lib.templates["stage_unnamed"])
    key = "stage_rounds" if STAGE_REGISTRY[stage].several_rounds else "stage"
    return lib.templates[key].format(stage=label)


def _asked_and_shown(match_result: MatchResult) -> list[str]:
    """What the feedback asked for that the evidence shown answers ("fintech", when three
    payments entries are on the left)."""
    catalogue = skills()
    missing = {g.skill for g in match_result.gaps}
    # "managers" inside "managed managers", a gap of its own, is not what was answered.
    unanswered = " | ".join(m for g in match_result.gaps for m in g.missing).casefold()
    linked = {link for e in match_result.evidence[:MAX_EVIDENCE_NAMED] for link in e.links}
    out: list[str] = []
    for n in match_result.skills_named:
        if (n.source in FEEDBACK_SOURCES and n.polarity == "wanted" and n.skill not in missing
                and not catalogue[n.skill].process and f"skill:{n.skill}" in linked
                and n.phrase not in out and n.phrase.casefold() not in unanswered):
            out.append(n.phrase)
    return out


def _join(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _evidence_paragraph(
    lib: _Library, stage: str, evidence: Sequence[Evidence], asked: Sequence[str] = ()
) -> str:
    t = lib.templates
    opening = stage_line(stage)
    if not evidence:
        return f"{opening} {t['no_evidence']}"
    intro = t["evidence_asked"].format(asked=_join(list(asked)[:3])) if asked \
        else t["evidence_intro"]
    items = []
    for e in evidence:
        said = _first_sentence(e.said or e.impact or e.metrics or e.summary)
        impact = t["impact"].format(impact=said) if said else ""
        items.append("- " + t["evidence_one"].format(
            title=e.title, year=e.start_date.year, impact=impact))
    return f"{opening} {intro}\n" + "\n".join(items)


def _first_sentence(value: str) -> str:
    value = " ".join(value.split()).rstrip(".")
    if len(value) <= IMPACT_WIDTH:
        return value
    cut = value[:IMPACT_WIDTH]
    stop = cut.rfind(". ")
    return cut[:stop] if stop > 40 else cut.rstrip() + "\u2026"


def gap_kind(gap: Gap) -> str:
    """"domain", "leadership" or "skill": what kind of growth answers this gap."""
    lib = library()
    catalogue = skills()
    if gap.skill is not None and gap.skill in catalogue:
        if catalogue[gap.skill].domain:
            return "domain"
        return "leadership" if gap.skill in lib.leadership_skills else "skill"
    words = {w.casefold() for m in gap.missing for w in m.split()}
    return "leadership" if words & lib.leadership_words else "skill"


def _gap_note(lib: _Library, match_result: MatchResult) -> str | None:
    if not match_result.gaps:
        return None
    t = lib.templates
    said = " ".join(g.message for g in match_result.gaps)
    first = match_result.gaps[0]
    goal = lib.growth[gap_kind(first)].format(skill=first.label)
    return f"{t['gap'].format(gaps=said)} {goal}"


def _questions(
    base: _Text, staged: _Text, said: Sequence[_Text], process: str
) -> tuple[str, ...]:
    """The process question first and once; then what the feedback's topics, the stage and
    the category ask. (The debrief questions are on the form; they are not repeated.)"""
    topical = [q for t in said for q in t.questions]
    out = [process, *topical, *staged.questions, *base.questions]
    return tuple(_unique(out)[:MAX_QUESTIONS])


def _practice(
    lib: _Library,
    category: str,
    base: _Text,
    staged: _Text,
    said: Sequence[_Text],
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
        out.append(lib.gap_practice[gap_kind(gap)].format(skill=gap.label))
    habits = [*(p for t in said for p in t.practice), *staged.practice, *base.practice]
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
