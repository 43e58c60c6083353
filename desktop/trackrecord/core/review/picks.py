"""Which entries the review deck offers as evidence for a stage: the person's strongest
finished work of the right kind for that stage and role.

Not the rejection matcher (``core.matching``): that one answers what a piece of feedback
named, and leans on the newest work. The evening before an interview the question is
different: of everything finished, what best shows what this round looks for? So:

- only finished work: an ongoing entry ("Aims to ...") is a plan, not evidence;
- only the kinds the stage rewards (``resources/review/picks.toml``: a system-design round
  gets shipped systems, design docs and incidents, not mentoring);
- the role's area of work first ("Staff Backend Engineer": the ledger, not a React page);
  an entry mostly of another area is offered only when nothing that fits is left;
- then strength: the stage's skills shown, work the person led, measured impact, scale, a
  STAR story; recency only breaks ties.

Every part that counts is put into words for the card's "why". The work is bounded: the
candidates are finished entries tagged with a skill the stage or the role asks about, plus
the newest finished entries with numbers, each pool with a LIMIT.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from trackrecord.core.matching.query import MatchQuery
from trackrecord.core.matching.text import named_skills
from trackrecord.core.matching.vocabulary import load_toml, skills, stage_priors, tag_key
from trackrecord.core.record.kinds import KIND_REGISTRY, KINDS
from trackrecord.core.rejections.stages import STAGE_LABELS
from trackrecord.core.store.models import Entry, Tag, entry_tags

W_KIND = 1.0  # times the stage's weight for the entry's kind
W_STAGE_SKILL = (1.0, 0.5)  # the first skill of the stage the entry shows, then each other
NO_STAGE_SKILL = -0.5  # shows none of the skills the stage probes (when it names some)
W_ROLE = 0.6  # per tag of the role's area of work, up to ROLE_TAGS of them
ROLE_TAGS = 2
OFF_ROLE = -3.0  # mostly another area of work: after everything that fits
W_LEVEL = 0.4  # shows what the level asks for beyond the stage ("Staff": leading people)
W_LED = 0.3
W_METRICS = 0.4
W_IMPACT = 0.2
W_SCALE = 0.2
W_STAR = 0.2
KIND_REPEAT = 0.5  # picking: less for each entry of the same kind already picked, in a
MAIN_KIND = 0.8  # stage that rewards several kinds this much
W_RECENT = 0.2  # a tie-break: fades to nothing over RECENT_YEARS
RECENT_YEARS = 10.0
TAGGED_POOL = 300
RICH_POOL = 40


@dataclass(frozen=True)
class Pick:
    entry_id: str
    title: str
    kind: str
    start: dt.date
    summary: str
    impact: str
    metrics: str
    score: float
    reasons: tuple[str, ...]  # strongest first


@dataclass(frozen=True)
class RoleFit:
    """What the interview's role asks for: its areas of work and its level's skills."""

    role: str
    areas: frozenset[str]  # area names from picks.toml the role names
    level_skills: Mapping[str, str]  # skill -> the sentence the level gives ("Staff level: ...")

    def off_role(self, tags: Iterable[str]) -> bool:
        """Tagged more with another area of work than with the role's own."""
        if not self.areas:
            return False
        counts = area_counts(tags)
        own = max((counts.get(a, 0) for a in self.areas), default=0)
        other = max((n for a, n in counts.items() if a not in self.areas), default=0)
        return other > own

    def on_role(self, tags: Iterable[str]) -> int:
        counts = area_counts(tags)
        return max((counts.get(a, 0) for a in self.areas), default=0)


@functools.cache
def _settings() -> tuple[float, dict[str, frozenset[str]], frozenset[str], str]:
    data = load_toml("review", "picks.toml")
    known = skills()
    areas: dict[str, frozenset[str]] = {}
    for name, listed in data["areas"].items():
        unknown = [s for s in listed if s not in known]
        if unknown:
            raise ValueError(f"review/picks.toml: area {name}: unknown skills {unknown}")
        areas[name] = frozenset(listed)
    led = data["led"]
    return (float(data["min_kind_weight"]), areas,
            frozenset(str(w).casefold() for w in led["words"]), str(led["reason"]))


@functools.cache
def _area_of_tag() -> dict[str, frozenset[str]]:
    """Tag key -> the areas of work it belongs to."""
    out: dict[str, set[str]] = {}
    catalogue = skills()
    for area, names in _settings()[1].items():
        for name in names:
            for key in catalogue[name].tags:
                out.setdefault(key, set()).add(area)
    return {key: frozenset(found) for key, found in out.items()}


def area_counts(tags: Iterable[str]) -> dict[str, int]:
    """How many of these tags belong to each area of work."""
    index = _area_of_tag()
    counts: dict[str, int] = {}
    for tag in tags:
        for area in index.get(tag_key(tag), ()):
            counts[area] = counts.get(area, 0) + 1
    return counts


def role_fit(role: str, level: str = "") -> RoleFit:
    named = named_skills(MatchQuery(stage="other", role=role, level=level))
    said = {n.skill for n in named if n.source == "role"}
    areas = frozenset(a for a, names in _settings()[1].items() if names & said)
    level_skills = {n.skill: n.reason for n in named if n.source == "level"}
    return RoleFit(role.strip(), areas, level_skills)


def kinds_for(stage: str) -> tuple[str, ...]:
    """The kinds of entry offered as evidence for this stage, most rewarded first."""
    weights = stage_priors()[stage].kinds
    floor = _settings()[0]
    return tuple(sorted((k for k in KINDS if weights.get(k, 0.0) >= floor),
                        key=lambda k: (-weights[k], KINDS.index(k))))


def led_it(role_field: str) -> bool:
    words = {w.strip("()/,.").casefold() for w in role_field.split()}
    return bool(words & _settings()[2])


# -- the candidates -------------------------------------------------------------------------------


@dataclass
class _Row:
    pk: int
    entry_id: str
    kind: str
    title: str
    start: dt.date
    summary: str
    impact: str
    metrics: str
    scale: str
    role: str
    star: bool
    tags: dict[str, str] = field(default_factory=dict)  # tag_key -> as written


_STAR = (Entry.situation != "") & (Entry.task != "") & (Entry.action != "") & (Entry.result != "")


def _candidates(s: Session, kinds: Sequence[str], wanted_tags: set[str]) -> list[_Row]:
    finished = Entry.end_date.is_not(None) & Entry.kind.in_(list(kinds))
    tag_pks = [pk for pk, name in s.execute(select(Tag.pk, Tag.name))
               if tag_key(name) in wanted_tags]
    pks: set[int] = set()
    if tag_pks:
        pks.update(s.scalars(
            select(Entry.pk).where(finished, Entry.pk.in_(
                select(entry_tags.c.entry_pk).where(entry_tags.c.tag_pk.in_(tag_pks))))
            .order_by(Entry.start_date.desc()).limit(TAGGED_POOL)))
    pks.update(s.scalars(select(Entry.pk).where(finished, Entry.metrics != "")
                         .order_by(Entry.start_date.desc()).limit(RICH_POOL)))
    if not pks:
        return []
    rows = s.execute(
        select(Entry.pk, Entry.id, Entry.kind, Entry.title, Entry.start_date, Entry.summary,
               Entry.impact, Entry.metrics, Entry.scale, Entry.time_to_mitigate, Entry.role,
               _STAR)
        .where(Entry.pk.in_(pks))
    ).all()
    out = {r[0]: _Row(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7],
                      r[8] if r[2] == "shipped" else r[9] if r[2] == "incident" else "",
                      r[10], bool(r[11]))
           for r in rows}
    for pk, name in s.execute(select(entry_tags.c.entry_pk, Tag.name)
                              .join(Tag, Tag.pk == entry_tags.c.tag_pk)
                              .where(entry_tags.c.entry_pk.in_(list(out)))):
        out[pk].tags[tag_key(name)] = name
    return list(out.values())


# -- scoring --------------------------------------------------------------------------------------


def pick_evidence(
    s: Session, stage: str, fit: RoleFit, today: dt.date, limit: int,
    avoid: Iterable[str] = (), allowed: Collection[str] | None = None,
) -> list[Pick]:
    """Up to ``limit`` entries for this stage, strongest first; entries in ``avoid`` (shown
    for an earlier stage) come after the others, so the deck covers more of the record.
    ``allowed``: only these entries (the deck scoped to a review cycle)."""
    kinds = kinds_for(stage)
    if not kinds or limit <= 0:
        return []
    prior = stage_priors()[stage]
    catalogue = skills()
    wanted = {key for name in (*prior.skills, *fit.level_skills) for key in catalogue[name].tags}
    area_skills = _settings()[1]
    wanted |= {key for a in fit.areas for name in area_skills[a] for key in catalogue[name].tags}
    left = [_score(c, stage, fit, today) for c in _candidates(s, kinds, wanted)
            if allowed is None or c.entry_id in allowed]
    avoided = set(avoid)
    weights = stage_priors()[stage].kinds
    mixed = sum(weights.get(k, 0.0) >= MAIN_KIND for k in kinds) > 1
    picked: list[Pick] = []
    while left and len(picked) < limit:
        # A mix of kinds where the record has one: a coding round's evidence is not three
        # incidents when a shipped system shows the same skills nearly as well.
        def rank(p: Pick) -> tuple[bool, float, str]:
            repeats = sum(q.kind == p.kind for q in picked) if mixed else 0
            return (p.entry_id in avoided, -(p.score - KIND_REPEAT * repeats), p.title)

        best = min(left, key=rank)
        picked.append(best)
        left.remove(best)
    picked.sort(key=lambda p: -p.score)
    return picked


def _score(c: _Row, stage: str, fit: RoleFit, today: dt.date) -> Pick:
    prior = stage_priors()[stage]
    catalogue = skills()
    # (weight, reason): the reasons in the order a card gives them, what this entry shows
    # for the stage first and the stage's general "shipped systems count" last.
    parts: list[tuple[float, str | None]] = []
    stage_label = STAGE_LABELS[stage].lower()
    shown = 0
    for name in prior.skills:
        tag = _shows(c.tags, name)
        if tag is not None:
            weight = W_STAGE_SKILL[min(shown, len(W_STAGE_SKILL) - 1)]
            parts.append((weight, f"the {stage_label} stage probes {catalogue[name].label}: "
                                  f"this entry is tagged {tag}"))
            shown += 1
    if prior.skills and not shown:
        parts.append((NO_STAGE_SKILL, None))
    if fit.off_role(c.tags.values()):
        parts.append((OFF_ROLE, None))
    else:
        areas = _area_of_tag()
        own = [name for key, name in c.tags.items() if areas.get(key, frozenset()) & fit.areas]
        if own:
            area = next(iter(sorted(areas[tag_key(own[0])] & fit.areas)))
            parts.append((W_ROLE * min(len(own), ROLE_TAGS),
                          f"{area} work, as the role ({fit.role}) asks: tagged "
                          f"{', '.join(own[:3])}"))
    for name, reason in fit.level_skills.items():
        tag = _shows(c.tags, name)
        if tag is not None and name not in prior.skills:
            parts.append((W_LEVEL, f"{reason} (tagged {tag})"))
            break
    if led_it(c.role):
        parts.append((W_LED, _settings()[3].format(role=c.role.strip())))
    if c.metrics.strip():
        parts.append((W_METRICS, None))
    if c.impact.strip():
        parts.append((W_IMPACT, None))
    if c.scale.strip():
        parts.append((W_SCALE, f"{KIND_REGISTRY[c.kind].measure_label}: {c.scale.strip()}"
                      if KIND_REGISTRY[c.kind].measure_label else None))
    if c.star:
        parts.append((W_STAR, "written up as a STAR story"))
    age = max(0.0, (today - c.start).days / 365.25)
    parts.append((W_RECENT * max(0.0, 1.0 - age / RECENT_YEARS), None))
    parts.append((W_KIND * prior.kinds.get(c.kind, 0.0), prior.reason(c.kind)))
    reasons = [r for _w, r in parts if r]
    return Pick(
        entry_id=c.entry_id, title=c.title, kind=c.kind, start=c.start, summary=c.summary,
        impact=c.impact, metrics=c.metrics, score=round(sum(w for w, _r in parts), 2),
        reasons=tuple(dict.fromkeys(reasons)),
    )


def _shows(tags: Mapping[str, str], skill: str) -> str | None:
    """The entry's tag that shows this skill (the skill's first listed tag first)."""
    for key in skills()[skill].tags:
        if key in tags:
            return tags[key]
    return None
