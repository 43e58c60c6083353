"""The words the rejection log shares: labels, parsing, and the vocabularies in resources/.

Vocabularies are data (``resources/vocabulary/*.toml``), read once with tomllib (through
``resource_path``) and cached; text is compared with trackrecord.core.matching.phrases.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from trackrecord.core.errors import ValidationError
from trackrecord.core.matching.phrases import PhraseMatcher, Words, stem
from trackrecord.core.store.constants import (
    CATEGORIES,
    DEBRIEF_ANSWERS,
    DEBRIEF_TOPICS,
    KINDS,
    STAGES,
)
from trackrecord.resource_files import resource_path

STAGE_LABELS: dict[str, str] = {
    "application": "Application",
    "recruiter": "Recruiter call",
    "phone-screen": "Phone screen",
    "take-home": "Take-home",
    "coding": "Coding interview",
    "system-design": "System design",
    "behavioral": "Behavioural interview",
    "hiring-manager": "Hiring manager",
    "onsite": "Onsite",
    "team-match": "Team match",
    "offer": "Offer",
    "other": "Other",
}
CATEGORY_LABELS: dict[str, str] = {
    "fit": "Fit, not ability",
    "signal-gap": "Signal gap",
    "external-noise": "External noise",
    "unknown": "Unknown",
}
DEBRIEF_LABELS: dict[str, str] = {
    "nerves": "Nerves",
    "communication": "Clear communication",
    "independence": "Independence",
    "clarifying-questions": "Clarifying questions",
    "narration": "Narrating the approach",
    "trade-offs": "Signalling trade-offs",
}
ANSWER_LABELS: dict[str, str] = {"yes": "Yes", "partly": "Partly", "no": "No"}


# -- parsing what people type -----------------------------------------------------------------


def _key(value: str) -> str:
    return re.sub(r"[\s_]+", "-", value.strip().casefold())


def _parse(value: object, allowed: Sequence[str], labels: Mapping[str, str], what: str) -> str:
    if isinstance(value, str):
        key = _key(value)
        for name in allowed:
            if key in (name, _key(labels[name])):
                return name
    raise ValidationError(f"unknown {what} {value!r}: choose one of {', '.join(allowed)}")


def parse_stage(value: object) -> str:
    """A stage id from its id or label, forgiving case, spaces and underscores."""
    return _parse(value, STAGES, STAGE_LABELS, "stage")


def parse_category(value: object) -> str:
    return _parse(value, CATEGORIES, CATEGORY_LABELS, "category")


def parse_answer(value: object) -> str | None:
    """A debrief answer: yes / partly / no; None or blank means not answered."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return _parse(value, DEBRIEF_ANSWERS, ANSWER_LABELS, "debrief answer")


@dataclass(frozen=True)
class DebriefAnswer:
    """One debrief answer. Every question is phrased so that "yes" is the good outcome."""

    topic: str
    answer: str | None = None
    note: str = ""

    @property
    def needs_practice(self) -> bool:
        return self.answer in ("no", "partly")


def parse_debrief(
    answers: Iterable[DebriefAnswer] | Mapping[str, object] | None,
) -> tuple[DebriefAnswer, ...]:
    """Debrief answers in topic order, from DebriefAnswer objects or a {topic: answer} mapping.

    A mapping value may be an answer string, or a mapping with "answer" and "note".
    """
    if answers is None:
        return ()
    items: list[DebriefAnswer] = []
    if isinstance(answers, Mapping):
        for topic, value in answers.items():
            if isinstance(value, Mapping):
                note = value.get("note") or ""
                items.append(DebriefAnswer(str(topic), value.get("answer"), str(note)))
            else:
                items.append(DebriefAnswer(str(topic), value))  # type: ignore[arg-type]
    else:
        items = list(answers)
    clean: dict[str, DebriefAnswer] = {}
    for item in items:
        topic = _key(item.topic)
        if topic not in DEBRIEF_TOPICS:
            raise ValidationError(
                f"unknown debrief topic {item.topic!r}: choose one of {', '.join(DEBRIEF_TOPICS)}"
            )
        if not isinstance(item.note, str):
            raise ValidationError("a debrief note must be text")
        clean[topic] = DebriefAnswer(topic, parse_answer(item.answer), item.note.strip())
    return tuple(clean[t] for t in DEBRIEF_TOPICS if t in clean)


# -- the vocabularies ---------------------------------------------------------------------------


def load_toml(*parts: str) -> dict[str, Any]:
    """A TOML file from trackrecord.resources (cached: the files never change at run time)."""
    return _load_toml(tuple(parts))


@functools.cache
def _load_toml(parts: tuple[str, ...]) -> dict[str, Any]:
    source = resource_path(*parts)
    return tomllib.loads(source.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Skill:
    name: str
    label: str
    terms: tuple[str, ...]
    exact: tuple[str, ...]
    tags: tuple[str, ...]  # normalised with tag_key, in the order written (reasons name the first)
    kinds: tuple[str, ...]  # most typical first
    related: tuple[str, ...] = ()  # the nearest evidence when nothing shows this skill
    process: bool = False  # about how an interview went, not what was built


@dataclass(frozen=True)
class StagePrior:
    stage: str
    kinds: Mapping[str, float]
    skills: tuple[str, ...]
    reasons: Mapping[str, str]

    def reason(self, kind: str) -> str:
        label = STAGE_LABELS[self.stage]
        return self.reasons.get(kind) or f"{label} stage: this kind of work counts"


@dataclass(frozen=True)
class LevelRule:
    name: str
    words: frozenset[str]
    skills: tuple[str, ...]
    reason: str


@functools.lru_cache(maxsize=4096)
def tag_key(tag: str) -> str:
    """Tags compare without case and with hyphens, underscores and spaces alike."""
    return re.sub(r"[\s_-]+", "-", tag.strip().casefold())


@functools.cache
def skills() -> dict[str, Skill]:
    data = load_toml("vocabulary", "skills.toml")
    out: dict[str, Skill] = {}
    for raw in data["skill"]:
        kinds = tuple(k for k in raw.get("kinds", ()) if k in KINDS)
        out[raw["name"]] = Skill(
            name=raw["name"],
            label=raw.get("label", raw["name"]),
            terms=tuple(raw.get("terms", ())),
            exact=tuple(raw.get("exact", ())),
            tags=tuple(dict.fromkeys(tag_key(t) for t in raw.get("tags", ()))),
            kinds=kinds,
            related=tuple(raw.get("related", ())),
            process=bool(raw.get("process", False)),
        )
    for skill in out.values():
        unknown = [r for r in skill.related if r not in out]
        if unknown:
            raise ValueError(f"skills.toml: {skill.name} is related to unknown {unknown}")
    return out


@functools.cache
def skill_matcher() -> PhraseMatcher[str]:
    return PhraseMatcher((term, s.name) for s in skills().values() for term in s.terms)


@functools.cache
def mask_matcher() -> PhraseMatcher[str]:
    """Phrases whose words are never read as skills ("hiring freeze", "went with")."""
    phrases = list(load_toml("vocabulary", "skills.toml").get("mask", {}).get("phrases", ()))
    categories = load_toml("vocabulary", "categories.toml")["category"]
    for name in ("external-noise", "unknown"):
        phrases += categories[name].get("strong", []) + categories[name].get("phrases", [])
    return PhraseMatcher((p, p) for p in phrases)


def masked(words: Words) -> set[int]:
    """Word positions covered by a mask phrase."""
    out: set[int] = set()
    for hit in mask_matcher().find(words):
        out.update(range(hit.start, hit.end))
    return out


@functools.cache
def exact_skill_terms() -> tuple[tuple[re.Pattern[str], str, str], ...]:
    return tuple(
        (re.compile(rf"(?<![\w.]){re.escape(term)}(?![\w+#])"), term, s.name)
        for s in skills().values()
        for term in s.exact
    )


@functools.cache
def gap_patterns() -> tuple[PhraseMatcher[str], frozenset[str]]:
    data = load_toml("vocabulary", "skills.toml").get("gaps", {})
    matcher = PhraseMatcher((p, p) for p in data.get("patterns", ()))
    return matcher, frozenset(stem(w) for w in data.get("filler", ()))


@functools.cache
def stage_priors() -> dict[str, StagePrior]:
    data = load_toml("vocabulary", "stages.toml")
    out: dict[str, StagePrior] = {}
    for stage in STAGES:
        raw = data.get("stage", {}).get(stage, {})
        out[stage] = StagePrior(
            stage=stage,
            kinds={k: float(raw.get("kinds", {}).get(k, 0.5)) for k in KINDS},
            skills=tuple(s for s in raw.get("skills", ()) if s in skills()),
            reasons=dict(raw.get("reasons", {})),
        )
    return out


@functools.cache
def level_rules() -> tuple[LevelRule, ...]:
    data = load_toml("vocabulary", "stages.toml").get("level", {})
    return tuple(
        LevelRule(
            name=name,
            words=frozenset(stem(w) for w in raw.get("words", ())),
            skills=tuple(s for s in raw.get("skills", ()) if s in skills()),
            reason=raw.get("reason", "{level} level"),
        )
        for name, raw in data.items()
    )


@functools.cache
def debrief_skills() -> dict[str, tuple[str, ...]]:
    """Debrief topic -> skills whose evidence shows it off the interview clock."""
    data = load_toml("vocabulary", "stages.toml").get("debrief", {})
    return {
        topic: tuple(s for s in data.get(topic, ()) if s in skills()) for topic in DEBRIEF_TOPICS
    }


@functools.cache
def query_ignore() -> frozenset[str]:
    data = load_toml("vocabulary", "skills.toml").get("query", {})
    return frozenset(stem(w) for w in data.get("ignore", ()))
