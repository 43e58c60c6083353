"""The vocabularies evidence matching reads from resources/: skills, stage priors, levels.

Vocabularies are data (``resources/vocabulary/*.toml``), read once with tomllib (through
``resource_path``) and cached; text is compared with trackrecord.core.matching.phrases.
"""

from __future__ import annotations

import contextvars
import functools
import re
import tomllib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

from trackrecord.core.matching.phrases import PhraseMatcher, Words, split_words, stem
from trackrecord.core.record.kinds import KINDS
from trackrecord.core.rejections.categories import CATEGORY_REGISTRY
from trackrecord.core.rejections.debrief import DEBRIEF_TOPICS
from trackrecord.core.rejections.stages import STAGE_LABELS, STAGE_REGISTRY, STAGES
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
    # How work is done (ownership, collaboration): any work shows it, so never a gap, but
    # for its specific terms ("stakeholder management").
    way_of_working: bool = False
    domain: bool = False  # an industry or problem space ("fintech"): any of its words shows it
    roles: tuple[str, ...] = ()  # more skills a role naming this one calls for
    # Terms that name one particular tool, language or practice ("iOS", "Spark", "PCI"): shown
    # only by themselves in the track record, never by the skill's other tags or words.
    specific: frozenset[str] = frozenset()  # as phrase keys (see phrase_key)
    # Spellings of one particular thing ("pen testing", "pentest"), each to the first written.
    same: Mapping[str, str] = field(default_factory=dict)

    def spelling(self, key: str) -> str:
        """One key for every spelling of the same particular thing."""
        return self.same.get(key, key)


@dataclass(frozen=True)
class StagePrior:
    stage: str
    kinds: Mapping[str, float]
    skills: tuple[str, ...]
    reasons: Mapping[str, str]

    def reason(self, kind: str) -> str:
        if self.reasons.get(kind):
            return self.reasons[kind]
        if not STAGE_REGISTRY[self.stage].named:
            return "the kind of work most interview rounds ask about"
        return f"{STAGE_LABELS[self.stage]} stage: this kind of work counts"


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
def evidence_weights() -> dict[str, float]:
    """How much each named part of an evidence score counts (evidence_weights.toml)."""
    data = load_toml("vocabulary", "evidence_weights.toml")["evidence"]
    return {k: float(v) for k, v in data.items()}


@functools.lru_cache(maxsize=4096)
def tag_keys(key: str) -> tuple[str, ...]:
    """The keys a tag (already a ``tag_key``) shows skills through: itself, and each part of
    a compound that says something alone ("embedded-linux": embedded, linux; not "design"
    of design-system). resources/vocabulary/tag_parts.toml says which parts and compounds."""
    general, whole = _tag_parts()
    if "-" not in key or key in whole:
        return (key,)
    parts = [p for p in key.split("-") if len(p) > 1 and p not in general
             and stem(p) not in _quiet_parts()]
    return tuple(dict.fromkeys((key, *parts)))


@functools.cache
def _quiet_parts() -> frozenset[str]:
    """Stems too general to show a skill from inside a tag: the vocabulary's general words,
    stop words, and words that name their skill only standing alone ("testing" of
    "ab-testing")."""
    return generic_words() | stop_words() | generic_terms()


@functools.cache
def _tag_parts() -> tuple[frozenset[str], frozenset[str]]:
    data = load_toml("vocabulary", "tag_parts.toml")
    return frozenset(data["general"]), frozenset(tag_key(t) for t in data["whole"])


def phrase_key(phrase: str) -> str:
    """A phrase as compared with the vocabulary: its word stems, space-separated."""
    return " ".join(split_words(phrase).stems)


# The person's own synonyms ("fintech" is also "payouts"), read from their store for each
# match: a context variable, so a match on one thread never sees another store's words.
Synonyms = tuple[tuple[str, tuple[str, ...]], ...]
_SYNONYMS: contextvars.ContextVar[Synonyms] = contextvars.ContextVar("synonyms", default=())


def as_synonyms(mapping: Mapping[str, Any] | None) -> Synonyms:
    """The person's synonyms as stored (word -> list of words), cleaned and in a stable order."""
    out: dict[str, list[str]] = {}
    for word, said in (mapping or {}).items():
        key = " ".join(str(word).split()).casefold()
        if not key or not isinstance(said, list | tuple):
            continue
        extra = [" ".join(str(w).split()).casefold() for w in said]
        out[key] = sorted({w for w in extra if w and w != key})
    return tuple((k, tuple(v)) for k, v in sorted(out.items()) if v)


@contextmanager
def person_synonyms(synonyms: Synonyms) -> Iterator[None]:
    """Within this block, the vocabulary includes the person's own synonyms."""
    token = _SYNONYMS.set(synonyms)
    try:
        yield
    finally:
        _SYNONYMS.reset(token)


def skills() -> dict[str, Skill]:
    """The skills vocabulary, with the person's own synonyms when a match has set them."""
    return _skills(_SYNONYMS.get())


@functools.lru_cache(maxsize=8)
def _skills(synonyms: Synonyms) -> dict[str, Skill]:
    out = dict(_shipped_skills())
    for word, extra in synonyms:
        stems = " ".join(split_words(word).stems)
        owner = next((s for s in out.values()
                      if any(" ".join(split_words(t).stems) == stems for t in s.terms)), None)
        if owner is not None:
            out[owner.name] = replace(
                owner, terms=tuple(dict.fromkeys((*owner.terms, *extra))),
                tags=tuple(dict.fromkeys((*owner.tags, *(tag_key(w) for w in extra)))))
        else:
            name = f"own-{tag_key(word)}"
            out[name] = Skill(name=name, label=word, terms=(word, *extra), exact=(),
                              tags=tuple(dict.fromkeys(tag_key(w) for w in (word, *extra))),
                              kinds=("shipped", "other", "incident"), domain=True)
    return out


@functools.cache
def _shipped_skills() -> dict[str, Skill]:
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
            way_of_working=bool(raw.get("way_of_working", False)),
            domain=bool(raw.get("domain", False)),
            roles=tuple(raw.get("roles", ())),
            specific=frozenset(phrase_key(t) for t in raw.get("specific", ())),
            same={phrase_key(t): phrase_key(group[0])
                  for group in raw.get("same", ()) for t in group},
        )
    for skill in out.values():
        keys = {phrase_key(t) for t in (*skill.terms, *skill.exact)}
        if not skill.specific <= keys:
            raise ValueError(f"skills.toml: {skill.name} has specific terms that are not terms: "
                             f"{sorted(skill.specific - keys)}")
        unknown = [r for r in (*skill.related, *skill.roles) if r not in out]
        if unknown:
            raise ValueError(f"skills.toml: {skill.name} is related to unknown {unknown}")
    return out


def skill_matcher() -> PhraseMatcher[str]:
    return _skill_matcher(_SYNONYMS.get())


@functools.lru_cache(maxsize=8)
def _skill_matcher(synonyms: Synonyms) -> PhraseMatcher[str]:
    return PhraseMatcher((term, s.name) for s in _skills(synonyms).values() for term in s.terms)


def shipped_skill_matcher() -> PhraseMatcher[str]:
    """The vocabulary as shipped, without anyone's own words (for reading clauses, which is
    cached by text alone)."""
    return _skill_matcher(())


def current_synonyms() -> Synonyms:
    return _SYNONYMS.get()


@functools.cache
def generic_terms() -> frozenset[str]:
    """Single-word terms that name their skill only when they are not part of a longer name
    ("bug" in "bug bounty", "performance" in "performance reviews")."""
    data = load_toml("vocabulary", "skills.toml").get("terms", {})
    return frozenset(stem(w) for w in data.get("generic", ()))


@functools.cache
def generic_words() -> frozenset[str]:
    """Words too general to be evidence on their own ("systems", "services", "code")."""
    data = load_toml("vocabulary", "skills.toml").get("terms", {})
    return frozenset(stem(w) for w in data.get("generic_words", ()))


@functools.cache
def ambiguous_mentions() -> frozenset[str]:
    """Words that link an entry to a skill only where the feedback used the same word: in an
    entry's own text they usually mean something else ("agent queue wait", "sensor nodes")."""
    data = load_toml("vocabulary", "skills.toml").get("mentions", {})
    return frozenset(stem(w) for w in data.get("ambiguous", ()))


@functools.cache
def mask_matcher() -> PhraseMatcher[str]:
    """Phrases whose words are never read as skills ("hiring freeze", "went with")."""
    phrases = list(load_toml("vocabulary", "skills.toml").get("mask", {}).get("phrases", ()))
    categories = load_toml("vocabulary", "categories.toml")["category"]
    for category in CATEGORY_REGISTRY:
        if category.masks_skills:
            for lists in categories[category.key].get("topic", {}).values():
                phrases += lists.get("strong", []) + lists.get("phrases", [])
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
        for s in _shipped_skills().values()
        for term in s.exact
    )


@functools.cache
def unfinished_markers() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Phrases that mark work not done yet: at the start of a summary, or anywhere. (Regular
    expressions: they run over every candidate of every match, so they must be cheap.)"""
    data = load_toml("vocabulary", "skills.toml").get("unfinished", {})

    def alternatives(phrases: list[str]) -> str:
        return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases) or "(?!)"

    return (re.compile(rf"^\W*(?:{alternatives(data.get('starts', []))})\b", re.IGNORECASE),
            re.compile(rf"\b(?:{alternatives(data.get('says', []))})\b", re.IGNORECASE))


@functools.cache
def stage_priors() -> dict[str, StagePrior]:
    data = load_toml("vocabulary", "stages.toml")
    out: dict[str, StagePrior] = {}
    for stage in STAGES:
        raw = data.get("stage", {}).get(stage, {})
        out[stage] = StagePrior(
            stage=stage,
            kinds={k: float(raw.get("kinds", {}).get(k, 0.5)) for k in KINDS},
            skills=tuple(s for s in raw.get("skills", ()) if s in _shipped_skills()),
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
            skills=tuple(s for s in raw.get("skills", ()) if s in _shipped_skills()),
            reason=raw.get("reason", "{level} level"),
        )
        for name, raw in data.items()
    )


@functools.cache
def debrief_skills() -> dict[str, tuple[str, ...]]:
    """Debrief topic -> skills whose evidence shows it off the interview clock."""
    data = load_toml("vocabulary", "stages.toml").get("debrief", {})
    return {
        topic: tuple(s for s in data.get(topic, ()) if s in _shipped_skills())
        for topic in DEBRIEF_TOPICS
    }


@functools.cache
def query_ignore() -> frozenset[str]:
    """Words left out of the full-text query: stop words and the verbs of a rejection."""
    data = load_toml("vocabulary", "skills.toml").get("query", {})
    return stop_words() | frozenset(stem(w) for w in data.get("verbs", ()))


@functools.cache
def action_words() -> frozenset[str]:
    """Verbs that say what someone did, not what with ("owning", "led")."""
    data = load_toml("vocabulary", "skills.toml").get("query", {})
    return frozenset(stem(w) for w in data.get("verbs", ()))


@functools.cache
def people_words() -> frozenset[str]:
    """General words that name people: "managed managers" asks for something."""
    data = load_toml("vocabulary", "skills.toml").get("terms", {})
    return frozenset(stem(w) for w in data.get("people_words", ()))


@functools.cache
def stop_words() -> frozenset[str]:
    data = load_toml("vocabulary", "skills.toml").get("query", {})
    return frozenset(stem(w) for w in data.get("ignore", ()))


@functools.lru_cache(maxsize=1024)
def showing_tags(name: str, synonyms: Synonyms = ()) -> tuple[str, ...]:
    """The tag keys that show a skill: its listed tags, then any of its own names in text
    ("openshift", "uikit": people tag their work with the tool's name, and with the words
    they added as synonyms), except a word too general alone ("testing", "queue"), and
    except for a domain, whose words name work in many industries."""
    skill = _skills(synonyms)[name]
    if skill.domain:
        # "fraud" on a marketplace's fraud work is not fintech: a domain's tags are listed
        return skill.tags
    named = (tag_key(t) for t in skill.terms)
    quiet = generic_terms() | generic_words() | ambiguous_mentions()
    return tuple(dict.fromkeys((*skill.tags, *(
        k for k in named if k not in _not_tags() and ("-" in k or stem(k) not in quiet)))))


@functools.cache
def _not_tags() -> frozenset[str]:
    """A skill's own names that say nothing as a tag (skills.toml [mentions] not_tags)."""
    data = load_toml("vocabulary", "skills.toml").get("mentions", {})
    return frozenset(tag_key(t) for t in data.get("not_tags", ()))

