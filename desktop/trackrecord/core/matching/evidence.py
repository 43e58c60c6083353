"""Evidence matching: which entries of the track record answer a rejection, and why.

The work is a few bounded SQL queries — FTS5 MATCH ordered by a column-weighted bm25 with a
LIMIT, and the most recent entries of the kinds the stage rewards, read through the start_date
index — followed by a small Python pass over at most about a hundred candidates. Nothing loops
over the whole track record, so a match takes a few milliseconds at 10,000 entries.

A score is a sum of named parts (the weights below), and every part that counts for an entry
is put into words in its ``reasons``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from trackrecord.core.matching.phrases import (
    Words,
    split_words,
    stem,
)
from trackrecord.core.matching.pool import (
    MEASURE_BY_SEP,
    WRITE_UP,
    Candidate,
    gather,
    in_list,
    load,
)
from trackrecord.core.matching.query import MatchQuery
from trackrecord.core.matching.text import (
    FEEDBACK_SOURCES,
    Gap,
    NamedSkill,
    RawQueries,
    TextQuery,
    context_query,
    feedback_query,
    find_gaps,
    mention_matcher,
    named_skills,
    raw_cursor,
    related_to_gaps,
)
from trackrecord.core.matching.vocabulary import Skill, skills, stage_priors
from trackrecord.core.record.kinds import KIND_REGISTRY
from trackrecord.core.rejections.stages import STAGE_LABELS, parse_stage
from trackrecord.core.store.db import Store

# -- weights -----------------------------------------------------------------------------------
# Set by reasoning about the evaluation set in tests/data/eval (written before any tuning),
# then checked against it by tests/core/test_eval_quality.py.
W_TEXT = 2.0  # full-text relevance to the feedback, relative to the best hit
W_FEEDBACK_TAG = 2.0  # the feedback names a skill and the entry is tagged with it
W_FEEDBACK_MENTION = 1.2  # ... or the entry's title, summary, impact or metrics names it
PROCESS_FACTOR = 0.5  # ... halved for process skills ("hard to follow" names communication)
W_RELATED_TAG = 1.0  # nearest evidence for a skill that nothing shows
W_DOMAIN = 0.8  # per feedback word outside the vocabulary ("ledger") in a title, summary or tag
MAX_DOMAIN_WORDS = 2
W_SKILL_KIND = (0.3, 0.15, 0.05)  # the entry is of the kind that most typically shows a skill
W_ROLE_TAG = 1.2  # with no feedback yet, the role is the clearest signal there is
W_STAGE_TAG = 0.8
W_LEVEL_TAG = 0.4
W_DEBRIEF_TAG = 0.4
W_STAGE_KIND = 1.2  # times the stage's weight for the entry's kind (0..1)
MIN_DISTINCT = 0.3  # role/stage/level tags count less the more candidates share them
W_COVERAGE = 1.0  # picking the top few: an entry that answers a skill none above it answers
W_IMPACT = 0.25
W_METRICS = 0.35
W_STAR = 0.25
W_RECENT = 0.4  # a light tie-break: fades to nothing over RECENT_YEARS
RECENT_YEARS = 10.0
MAX_REASONS = 4
DETAIL_FACTOR = 3  # mentions are worked out for the best limit * DETAIL_FACTOR candidates



@dataclass(frozen=True)
class Evidence:
    entry_id: str
    title: str
    kind: str
    start_date: dt.date
    impact: str
    score: float
    reasons: tuple[str, ...]
    summary: str = ""
    metrics: str = ""


@dataclass(frozen=True)
class MatchResult:
    evidence: tuple[Evidence, ...]
    gaps: tuple[Gap, ...]
    skills_named: tuple[NamedSkill, ...]
    stage: str = "other"


def match_evidence(
    store: Store, query: MatchQuery, limit: int = 5, *, today: dt.date | None = None
) -> MatchResult:
    """The entries that best answer this rejection, each with why, and the gaps it names."""
    stage = parse_stage(query.stage)
    named = named_skills(query)
    today = today or dt.date.today()
    with store.read() as s:
        cur = raw_cursor(s)
        gaps = find_gaps(cur, query, named)
        named = (*named, *related_to_gaps(gaps))
        fb = feedback_query(query, named)
        pool = gather(cur, stage, fb, context_query(named, stage))
        if not pool or limit <= 0:
            return MatchResult((), gaps, named, stage)
        load(cur, pool, {n.skill for n in named} | set(stage_priors()[stage].skills))
        ranked = _first_pass(pool, named, stage, query, today)
        detailed = ranked[: limit * DETAIL_FACTOR]
        _second_pass(cur, detailed, named, fb)
    evidence = tuple(_evidence(c) for c in _cover(detailed, named, limit))
    return MatchResult(evidence, gaps, named, stage)


def _first_pass(
    pool: dict[int, Candidate],
    named: Sequence[NamedSkill],
    stage: str,
    query: MatchQuery,
    today: dt.date,
) -> list[Candidate]:
    catalogue = skills()
    prior = stage_priors()[stage]
    best_text = min((c.text for c in pool.values()), default=0.0)
    stage_label = STAGE_LABELS[stage]
    # "Backend Engineer" says little when most of the candidates are backend work, and a lot
    # when few are: context tags are weighted by how distinctive they are within the pool.
    context = {n.skill for n in named if n.source in ("role", "level")} | set(prior.skills)
    sharing = dict.fromkeys(context, 0)
    for c in pool.values():
        for name in c.shows:
            if name in sharing:
                sharing[name] += 1
    distinct = {name: max(MIN_DISTINCT, 1.0 - n / len(pool)) for name, n in sharing.items()}

    # This loop runs for every candidate (about a hundred): look things up once, out here.
    named_items = [(n, catalogue[n.skill], (n.skill, n.source)) for n in named]
    role = query.role.strip()
    kind_reasons = {kind: prior.reason(kind) for kind, w in prior.kinds.items() if w >= 0.8}
    for c in pool.values():
        if c.text and best_text:
            c.add(W_TEXT * c.text / best_text)
        shows = c.shows
        seen: set[tuple[str, str]] = set()
        for n, skill, key in named_items if shows else ():
            tag = shows.get(n.skill)
            if tag is None or key in seen:
                continue
            seen.add(key)
            if n.source in FEEDBACK_SOURCES:
                factor = PROCESS_FACTOR if skill.process else 1.0
                reason = f"{_who(n)} mentions *{n.phrase}*; this entry is tagged {tag}"
                c.add(W_FEEDBACK_TAG * factor, reason)
                c.add(_kind_weight(skill, c.kind))
            elif n.source == "related":
                c.add(W_RELATED_TAG, f"{n.reason} (tagged {tag})")
            elif n.source == "role":
                c.add(W_ROLE_TAG * distinct[n.skill], f"the role ({role}) calls "
                      f"for {skill.label}; this entry is tagged {tag}")
            elif n.source == "level" and ("", "level") not in seen:
                seen.add(("", "level"))  # several skills per level: count the level once
                c.add(W_LEVEL_TAG * distinct[n.skill], f"{n.reason} (tagged {tag})")
            elif n.source == "debrief" and ("", "debrief") not in seen:
                seen.add(("", "debrief"))
                c.add(W_DEBRIEF_TAG, f"{n.reason}; this entry shows {skill.label} "
                      f"(tagged {tag})")
        kind_weight = prior.kinds.get(c.kind, 0.0)
        kind_reason = kind_reasons.get(c.kind)
        for skill_name in prior.skills if shows else ():
            tag = shows.get(skill_name)
            if tag is not None:
                probes = (f"the {stage_label.lower()} stage probes "
                          f"{catalogue[skill_name].label}: this entry is tagged {tag}")
                # One line about the stage, not two that say nearly the same thing.
                if kind_reason:
                    probes, kind_reason = f"{kind_reason}, and it probes "\
                        f"{catalogue[skill_name].label}: this entry is tagged {tag}", None
                c.add(W_STAGE_TAG * distinct[skill_name], probes)
                break
        c.add(W_STAGE_KIND * kind_weight, kind_reason)
        _richness(c)
        age = max(0.0, (today - c.start).days / 365.25)
        c.add(W_RECENT * max(0.0, 1.0 - age / RECENT_YEARS))
    return sorted(pool.values(), key=lambda c: (-c.score, c.title))


def _cover(
    detailed: list[Candidate], named: Sequence[NamedSkill], limit: int
) -> list[Candidate]:
    """Pick the top ``limit`` so that, where the track record allows, each skill the feedback
    names is answered by at least one of them (not three answers to the first skill)."""
    wanted = [n.skill for n in named if n.source in FEEDBACK_SOURCES]
    answers = {c.pk: {w for w in wanted if w in c.shows}
               for c in detailed}
    left = sorted(detailed, key=lambda c: (-c.score, c.title))
    chosen: list[Candidate] = []
    covered: set[str] = set()
    while left and len(chosen) < limit:
        best = max(left, key=lambda c: c.score + (W_COVERAGE if answers[c.pk] - covered else 0))
        if answers[best.pk] - covered:
            best.add(W_COVERAGE)  # the first pick too, so scores never rise down the list
        covered |= answers[best.pk]
        chosen.append(best)
        left.remove(best)
    return chosen


def _kind_weight(skill: Skill, kind: str) -> float:
    if kind in skill.kinds:
        position = skill.kinds.index(kind)
        return W_SKILL_KIND[min(position, len(W_SKILL_KIND) - 1)]
    return 0.0


def _richness(c: Candidate) -> None:
    metrics = c.metrics.strip()
    if metrics:
        c.add(W_METRICS, f"has measured impact: {_clip(metrics)}")
    elif c.measure.strip():
        kind = KIND_REGISTRY[c.kind]
        if kind.measure_by:  # someone's words: "Dana, my manager, wrote: ..."
            who, _, said = c.measure.partition(MEASURE_BY_SEP)
            label = kind.measure_label.format(who=who.strip() or "someone")
            c.add(W_METRICS * 0.7, f"{label}: \u201c{_clip(said.strip())}\u201d")
        else:
            c.add(W_METRICS * 0.7, f"{kind.measure_label}: {_clip(c.measure)}")
    impact = c.impact.strip() or c.outcome.strip()
    if impact:
        said = "impact written down" if c.impact.strip() else "outcome"
        c.add(W_IMPACT, None if metrics else f"{said}: {_clip(impact)}")
    if c.star:
        c.add(W_STAR, "written up as a STAR story")


def _second_pass(
    cur: RawQueries, detailed: list[Candidate], named: Sequence[NamedSkill], fb: TextQuery
) -> None:
    """Mentions in the text, worked out only for the few candidates that can still win."""
    catalogue = skills()
    wanted = {n.skill: n for n in named if n.source in FEEDBACK_SOURCES}
    matcher, firsts = mention_matcher(frozenset(wanted))
    used: dict[str, set[str]] = {}
    for fed in named:
        if fed.source in FEEDBACK_SOURCES:
            used.setdefault(fed.skill, set()).add(" ".join(split_words(fed.phrase).stems))

    def read(c: Candidate, field_name: str, value: str, mentioned: set[str],
             residual_left: set[str]) -> None:
        words = split_words(value)
        # Only the named skills' phrases can count, and none can where no first word occurs.
        hits = () if firsts.isdisjoint(words.stems) else matcher.find(words)
        for hit in hits:
            n = wanted[hit.value]
            if n.skill in mentioned:
                continue
            # A synonym counts where the entry says what it is about; elsewhere only the
            # words the feedback used do ("browser" in an impact is not accessibility).
            said = " ".join(words.stems[hit.start : hit.end])
            if field_name not in ("title", "summary") and said not in used[n.skill]:
                continue
            mentioned.add(n.skill)
            factor = PROCESS_FACTOR if catalogue[n.skill].process else 1.0
            c.add(W_FEEDBACK_MENTION * factor, f"{_who(n)} mentions *{n.phrase}*; this "
                  f"entry's {field_name} talks about {words.span(hit.start, hit.end)}")
            c.add(_kind_weight(catalogue[n.skill], c.kind))
        if residual_left:
            _residual_in(c, field_name, words, residual_left, fb)

    left: dict[int, set[str]] = {}
    for c in detailed:
        mentioned = {name for name in wanted if name in c.shows}
        residual_left = left[c.pk] = set(fb.residual) if c.text else set()
        for field_name, value in (("title", c.title), ("summary", c.summary),
                                  ("impact", c.impact), ("metrics", c.metrics)):
            # (Once every named skill is mentioned and every word found, nothing can count.)
            if value.strip() and (len(mentioned) < len(wanted) or residual_left):
                read(c, field_name, value, mentioned, residual_left)
    # The write-up (notes and STAR fields, kilobytes an entry) only ever adds feedback words
    # (a skill named there is not what the entry is about): read it only where some are left.
    pks = [c.pk for c in detailed if left[c.pk]]
    write_ups = dict(cur.rows(in_list(WRITE_UP, len(pks)), pks)) if pks else {}
    for c in detailed:
        residual_left = left[c.pk]
        value = str(write_ups.get(c.pk) or "")
        if value.strip():
            _residual_in(c, "write-up", split_words(value), residual_left, fb)
        tag_words = {stem(w) for key in c.tags for w in key.split("-")} if residual_left else ()
        found = sorted(w for w in residual_left if w in tag_words)
        if found:
            shown = " and ".join(f"*{fb.residual[w]}*" for w in found[:MAX_DOMAIN_WORDS])
            tags = ", ".join(name for key, name in c.tags.items()
                             if {stem(w) for w in key.split("-")} & set(found))
            c.add(W_DOMAIN * min(len(found), MAX_DOMAIN_WORDS),
                  f"the feedback mentions {shown}; this entry is tagged {tags}")
        if not c.parts:
            c.parts.append((0.0, f"one of your most recent entries ({c.start.year})"))


def _residual_in(
    c: Candidate, field_name: str, words: Words, residual_left: set[str], fb: TextQuery
) -> None:
    """Feedback words outside the vocabulary ("ledger") that this field also uses."""
    found = sorted(w for w in residual_left if w in words.stems)
    if not found:
        return
    residual_left -= set(found)
    shown = " and ".join(f"*{fb.residual[w]}*" for w in found[:MAX_DOMAIN_WORDS])
    said = f"the feedback mentions {shown}; so does this entry's {field_name}"
    if field_name in ("title", "summary"):  # what the entry is about
        c.add(W_DOMAIN * min(len(found), MAX_DOMAIN_WORDS), said)
    else:
        c.parts.append((0.5, said))


def _evidence(c: Candidate) -> Evidence:
    reasons: list[str] = []
    for _weight, reason in sorted(c.parts, key=lambda p: -p[0]):
        if reason not in reasons:
            reasons.append(reason)
    return Evidence(
        entry_id=c.entry_id,
        title=c.title,
        kind=c.kind,
        start_date=c.start,
        impact=c.impact,
        score=round(c.score, 2),
        reasons=tuple(reasons[:MAX_REASONS]),
        summary=c.summary,
        metrics=c.metrics,
    )


def _who(n: NamedSkill) -> str:
    return "the feedback" if n.source == "feedback" else "your own read"


def _clip(value: str, width: int = 90) -> str:
    value = " ".join(value.split())
    return value if len(value) <= width else value[: width - 1].rstrip() + "\u2026"
