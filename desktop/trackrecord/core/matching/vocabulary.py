"""The vocabularies evidence matching reads from resources/: skills, stage priors, levels.

Vocabularies are data (``resources/vocabulary/*.toml``), read once with tomllib (through
``resource_path``) and cached; text is compared with trackrecord.core.matching.phrases.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from trackrecord.core.matching.phrases import PhraseMatcher, Words, stem
from trackrecord.core.record.kinds import KINDS
from trackrecord.core.rejections.categories import CATEGORY_REGISTRY
from trackrecord.core.rejections.debrief import DEBRIEF_TOPICS
from trackrecord.core.rejections.stages import STAGE_LABELS, STAGES
from trackrecord.resource_files import resource_path

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
    for category in CATEGORY_REGISTRY:
        if category.masks_skills:
            phrases += (categories[category.key].get("strong", [])
                        + categories[category.key].get("phrases", []))
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
