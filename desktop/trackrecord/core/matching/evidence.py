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
import functools
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace

from trackrecord.core.matching.cards import ROLE_PART, Evidence, card, clip
from trackrecord.core.matching.concerns import Concern, voiced_concern
from trackrecord.core.matching.gaps import Gap, find_gaps, related_to_gaps, related_to_role
from trackrecord.core.matching.learned import Learned, read_learned
from trackrecord.core.matching.mentions import (
    LOOSE_LINK,
    kind_weight,
    mention_factor,
    naming_tag,
    said_by,
    second_pass,
)
from trackrecord.core.matching.pins import PinLift, lift_pinned, pin_lifts
from trackrecord.core.matching.pool import (
    MEASURE_BY_SEP,
    Candidate,
    Reason,
    add_entries,
    gather,
    load,
)
from trackrecord.core.matching.query import MatchQuery
from trackrecord.core.matching.role_work import role_named, role_share, team_work
from trackrecord.core.matching.rounds import concern_round
from trackrecord.core.matching.text import (
    FEEDBACK_SOURCES,
    NamedSkill,
    RawQueries,
    context_query,
    feedback_query,
    named_skills,
    raw_cursor,
    role_team,
)
from trackrecord.core.matching.vocabulary import (
    StagePrior,
    evidence_weights,
    person_synonyms,
    phrase_key,
    skills,
    stage_priors,
    tag_key,
    unfinished_markers,
)
from trackrecord.core.record.kinds import KIND_REGISTRY
from trackrecord.core.rejections.categories import CATEGORY_REGISTRY
from trackrecord.core.rejections.categorise import (
    CategorySuggestion,
    suggest_category,
    topic_evidence,
)
from trackrecord.core.rejections.stages import STAGE_LABELS, STAGE_REGISTRY, parse_stage
from trackrecord.core.store.db import Store

# -- weights -----------------------------------------------------------------------------------
# The weights are data (resources/vocabulary/evidence_weights.toml says how they were fitted);
# the decays and limits beside them are part of how each feature is defined.
_W = evidence_weights()
W_TEXT = _W["text"]
W_FEEDBACK_TAG = _W["feedback_tag"]
# (the entry's own words naming it, a domain word, a kind: trackrecord.core.matching.mentions)
W_RELATED_TAG = _W["related_tag"]
RELATED_DECAY = 0.5  # the skill's related skills are listed nearest first: each next one counts
# this much of the one before, and an entry showing two of them is nearer than one showing one
W_ROLE_TAG = _W["role_tag"]
ROLE_WHEN_DIRECTED = 0.7  # ...and counts this much of that once the feedback points somewhere
W_STAGE_TAG = _W["stage_tag"]
STAGE_SKILL_DECAY = 0.5  # a second skill the stage probes counts half as much as the first
W_LEVEL_TAG = _W["level_tag"]
W_DEBRIEF_TAG = _W["debrief_tag"]
W_TOPIC_TAG = _W["topic_tag"]
W_STAGE_KIND = _W["stage_kind"]
MIN_DISTINCT = 0.3  # role/stage/level tags count less the more candidates share them
W_COVERAGE = _W["coverage"]
W_IMPACT = _W["impact"]
W_METRICS = _W["metrics"]
W_STAR = _W["star"]
RICH_FACTOR = 3.0  # numbers and a full story count this much more when the feedback asks
# for specifics ("we wanted measurable outcomes")
W_RECENT = _W["recent"]
RECENT_YEARS = 10.0
W_UNFINISHED = _W["unfinished"]
UNFINISHED_SHARE = 0.4
W_SUBSTANCE = _W["substance"]
SUBSTANCE_MONTHS = 9.0
SUBSTANTIAL_KINDS = frozenset({"shipped", "other"})
ONGOING_IS_UNFINISHED = frozenset({"shipped"})  # a system with no end date is not shipped yet
UNFINISHED_DAYS = 365
# Of the feedback's leading topics, the first that says which kinds answer it ("fell short
# ... couldn't follow your reasoning": communication, after depth)
KIND_TOPICS = 2
KIND_REASON_FROM = 0.8  # a kind that counts this much says so on its card
DETAIL_FACTOR = 3  # mentions are worked out for the best limit * DETAIL_FACTOR candidates



@dataclass(frozen=True)
class MatchResult:
    evidence: tuple[Evidence, ...]
    gaps: tuple[Gap, ...]
    skills_named: tuple[NamedSkill, ...]
    stage: str = "other"
    # Every scored candidate, best first, with its parts (only when asked for: the fitting
    # of the weights reads them, tools/fit_evidence.py).
    scored: tuple[Candidate, ...] = ()


def match_evidence(
    store: Store, query: MatchQuery, limit: int = 5, *, today: dt.date | None = None,
    pinned: Sequence[str] = (), removed: Collection[str] = (), keep_scored: bool = False,
) -> MatchResult:
    """The entries that best answer this rejection, each with why, and the gaps it names.

    ``pinned`` entries (ids) come first whatever they match; ``removed`` ones never show.
    The person's own synonyms and "not relevant" links, kept in the store, apply throughout.
    ``keep_scored`` keeps every candidate worked out in detail, with its parts.
    """
    stage = parse_stage(query.stage)
    today = today or dt.date.today()
    with store.read() as s:
        cur = raw_cursor(s)
        learned = read_learned(cur)
        with person_synonyms(learned.synonyms):
            result = _match(cur, query, stage, limit, today, learned, list(pinned), removed)
    return result if keep_scored else replace(result, scored=())


def _match(
    cur: RawQueries, query: MatchQuery, stage: str, limit: int, today: dt.date,
    learned: Learned, pinned: list[str], removed: Collection[str],
) -> MatchResult:
    named = named_skills(query)
    # "The coding round is where it fell short": what that round rewards answers it.
    concern = concern_round(query.feedback)
    reading = suggest_category(query.feedback, stage, query.own_read)
    asked, stage = stage, concern.stage if concern is not None else stage
    category = CATEGORY_REGISTRY[reading.category]
    # A freeze, a visa, a reorg: the decision was about them, so nothing it mentions ("we
    # need someone in Oslo", "the new leadership") is a skill you lack. Unless it also says
    # something about you ("neither team felt your background lines up").
    only_about_them = category.masks_skills and not (
        reading.second and not CATEGORY_REGISTRY[reading.second].masks_skills)
    # What a single round probes (an onsite covers several, so only the round a concern
    # names counts there).
    watched = STAGE_REGISTRY[asked]
    one_round = concern is not None or (watched.judged and not watched.several_rounds)
    gaps, unshown = find_gaps(cur, query, named, interview_report=category.concern,
                              round_skills=stage_priors()[stage].skills if one_round else ())
    if only_about_them:
        # ...only a skill it plainly asks for ("for future roles we look for Kubernetes").
        plainly = {n.skill for n in named if n.source in FEEDBACK_SOURCES
                   and n.polarity == "wanted"}
        gaps, unshown = tuple(g for g in gaps if g.skill in plainly), ()
    # The nearest evidence follows every skill the feedback names that nothing shows, even
    # one that, in a report on the round, is not named as a gap.
    related = related_to_gaps(unshown)
    named = (*named, *(related or related_to_role(cur, named)))
    # "Too far from the code": what the concern asks the evidence to show.
    voiced = voiced_concern(query.feedback)
    if voiced is not None:
        catalogue = skills()
        named = (*named, *(NamedSkill(name, catalogue[name].label, voiced.phrase, "topic",
                                      f"the feedback is about {voiced.about}")
                           for name in voiced.skills if name in catalogue))
    # "Great on architecture, but too far from the code": once a concern is voiced, what
    # the feedback credits you with searches for nothing (and links nothing below).
    fb = feedback_query(query, [n for n in named
                                if not (voiced is not None and n.polarity == "has")])
    pool = gather(cur, stage, fb, context_query(named, stage))
    add_entries(cur, pool, pinned)
    if not pool or limit <= 0:
        return MatchResult((), gaps, named, asked)
    load(cur, pool, {n.skill for n in named} | set(stage_priors()[stage].skills),
         learned.not_links)
    for pk in [pk for pk, c in pool.items() if c.entry_id in removed]:
        del pool[pk]
    _not_by_what_you_have(pool, named)
    ranked = _first_pass(pool, named, stage, query, today, reading, voiced,
                         pin_lifts(learned.earlier_pins, named, query.rejection_id),
                         frozenset(p.casefold() for g in gaps for p in g.missing))
    first = [c for pin in pinned for c in ranked if c.entry_id == pin]
    rest = [c for c in ranked if c.entry_id not in pinned]
    detailed = first + rest[: max(0, limit * DETAIL_FACTOR - len(first))]
    # Silence or a freeze is about the decision: the words around it link no entry.
    said = replace(fb, residual={}) if category.masks_skills else fb
    second_pass(cur, detailed, named, said, _asks_elsewhere(named, reading, voiced))
    for c in detailed:
        if not c.parts:
            c.parts.append(Reason(0.0, f"one of your most recent entries ({c.start.year})"))
    chosen = first[:limit] + _cover(detailed[len(first):], named, limit - len(first[:limit]))
    evidence = tuple(card(c, c.entry_id in pinned) for c in chosen)
    return MatchResult(evidence, gaps, named, asked, tuple(detailed))


def _not_by_what_you_have(pool: dict[int, Candidate], named: Sequence[NamedSkill]) -> None:
    """"We wanted people management; your experience is mostly mentoring": a mentoring tag
    does not show the people management that was asked for, whatever the vocabulary says
    about the two. Tags of what the feedback credits you with never show what it asks for."""
    catalogue = skills()
    credited = {n.skill for n in named if n.source in FEEDBACK_SOURCES and n.polarity == "has"}
    wanted = {n.skill for n in named if n.source in FEEDBACK_SOURCES
              and n.polarity == "wanted"} - credited
    if not credited or not wanted:
        return
    theirs = {tag for name in credited for tag in catalogue[name].tags}
    for c in pool.values():
        for name in wanted & set(c.shows):
            if tag_key(c.shows[name]) in theirs:
                other = next((t for k, t in c.tags.items() if k in catalogue[name].tags
                              and k not in theirs), None)
                if other is None:
                    del c.shows[name]
                else:
                    c.shows[name] = other


def _first_pass(
    pool: dict[int, Candidate],
    named: Sequence[NamedSkill],
    stage: str,
    query: MatchQuery,
    today: dt.date,
    reading: CategorySuggestion,
    voiced: Concern | None = None,
    lifts: Mapping[str, PinLift] | None = None,
    missing: Collection[str] = frozenset(),
) -> list[Candidate]:
    """Score every candidate. ``missing``: the words the page names as gaps, casefolded."""
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
    # "Strong Python, but this team writes Go", "great on design; the coding round fell
    # short": what the feedback credits you with is not in question once it asks for
    # something else or voices a concern, so it links nothing.
    asks_elsewhere = _asks_elsewhere(named, reading, voiced)
    # A freeze, a reorg, a withdrawn offer: the feedback is about the company, so a skill it
    # merely mentions ("the new leadership", "stop all new hiring") is not about your work.
    about_them = CATEGORY_REGISTRY[reading.category].masks_skills
    related_rank: dict[str, int] = {}  # nearest first, for each skill nothing shows
    ranks: dict[str, int] = {}
    for n in named:
        if n.source == "related":
            rank = ranks[n.phrase] = ranks.get(n.phrase, -1) + 1
            related_rank[n.skill] = min(rank, related_rank.get(n.skill, rank))
    role = query.role.strip()
    # The role leads only while the feedback points nowhere: once it names a skill or says
    # what it is about, the role is background.
    directed = any(n.source in FEEDBACK_SOURCES or n.source == "topic" for n in named)
    role_factor = ROLE_WHEN_DIRECTED if directed else 1.0
    w_role = W_ROLE_TAG * role_factor
    specifics = _asks_for_specifics(reading)
    kinds, kind_reasons, from_stage = _kinds(prior, reading, voiced)
    # With nothing said about you, the work to show is the work most of the role: an entry
    # tagged ios, swift and android is more a mobile engineer's than one tagged ios alone.
    role_skills = {catalogue[n.skill].label: (catalogue[n.skill].tags, catalogue[n.skill].kinds)
                   for n in named if n.source == "role"} if about_them else {}
    team = role_team(role)
    # "Senior Android Engineer": the particular things the role names, by the tag that shows
    # each ("android"), so Android work leads iOS work for it.
    role_said = {tag_key(catalogue[n.skill].spelling(phrase_key(n.phrase))): n.phrase
                 for n in named if n.source == "role"
                 and phrase_key(n.phrase) in catalogue[n.skill].specific}
    for c in pool.values():
        shows = c.shows
        seen: set[tuple[str, str]] = set()
        for n, skill, key in named_items if shows else ():
            tag = shows.get(n.skill)
            if tag is None or key in seen or (n.polarity == "has" and asks_elsewhere):
                continue
            if about_them and n.source in FEEDBACK_SOURCES and n.polarity != "wanted":
                continue
            seen.add(key)
            if n.source in FEEDBACK_SOURCES:
                if (n.skill, "credited") in seen:
                    continue
                seen.add((n.skill, "credited"))  # asked about and credited: count it once
                link = f"skill:{n.skill}"
                naming = naming_tag(c, n)
                # A tag that names what was said is the link; otherwise the card says which
                # skill links it ("mentions *accessibility*; this entry shows frontend and
                # React (tagged react)"), and unless the entry names it somewhere else, the
                # link is a looser one. A domain's tags are all its words ("fintech": payments).
                if naming or skill.domain:
                    tag = naming or tag
                    line = f"{said_by(n)}; this entry is tagged {tag}"
                elif n.phrase.casefold() in missing:  # named a gap on the same page
                    line = (f"{said_by(n)}, which nothing in your track record names yet; "
                            f"the nearest is this entry's {skill.label} (tagged {tag})")
                else:
                    line = f"{said_by(n)}; this entry shows {skill.label} (tagged {tag})"
                factor = LOOSE_LINK if naming is None and not skill.domain else 1.0
                c.add(W_FEEDBACK_TAG * mention_factor(n) * factor, line, link, "feedback_tag",
                      (tag,))
                c.add(kind_weight(skill.kinds, c.kind), None, link, "skill_kind")
            elif n.source == "related":
                first = ("", "related") not in seen
                seen.add(("", "related"))  # the nearest evidence: said once, not per skill
                c.add(W_RELATED_TAG * RELATED_DECAY ** related_rank[n.skill],
                      f"{n.reason} (tagged {tag})" if first else None, f"skill:{n.skill}",
                      "related_tag", (tag,))
            elif n.source == "role":
                c.add(w_role * distinct[n.skill], f"the role ({role}) calls "
                      f"for {skill.label}; this entry is tagged {tag}", f"role:{n.skill}",
                      ROLE_PART, (tag,))
            elif n.source == "level" and ("", "level") not in seen:
                seen.add(("", "level"))  # several skills per level: count the level once
                c.add(W_LEVEL_TAG * distinct[n.skill], f"{n.reason} (tagged {tag})", "level",
                      "level_tag", (tag,))
            elif n.source == "topic" and ("", "topic") not in seen:
                seen.add(("", "topic"))
                c.add(W_TOPIC_TAG, f"{n.reason}; this entry shows {skill.label} "
                      f"(tagged {tag})", f"skill:{n.skill}", "topic_tag", (tag,))
            elif n.source == "debrief" and ("", "debrief") not in seen:
                seen.add(("", "debrief"))
                c.add(W_DEBRIEF_TAG, f"{n.reason}; this entry shows {skill.label} "
                      f"(tagged {tag})", "debrief", "debrief_tag", (tag,))
        if role_skills:
            role_share(c, role_skills, role)
        if role_said:
            role_named(c, role_said, role, role_factor)
        if about_them and team.words:
            team_work(c, team)
        if lifts and c.entry_id in lifts:
            lift_pinned(c, lifts[c.entry_id])
        # Relevance to the feedback's own words counts while something else still links it
        # (the person may have said the links that found it do not make it relevant).
        if c.text and best_text and not (c.not_links and not c.links) and not about_them:
            c.add(W_TEXT * c.text / best_text, part="text")
        stage_kind = kinds.get(c.kind, 0.0)
        kind_reason = kind_reasons.get(c.kind)
        # A voiced concern says what to look for; what the stage usually probes is beside it.
        probed = [(name, shows[name]) for name in prior.skills if name in shows] \
            if shows and voiced is None else []
        if probed:
            labels = " and ".join(catalogue[name].label for name, _tag in probed[:2])
            cited = tuple(dict.fromkeys(tag for _name, tag in probed[:2]))
            tags = ", ".join(cited)
            probes = f"the {stage_label.lower()} stage probes {labels}: this entry is " \
                f"tagged {tags}"
            # One line about the stage, not two that say nearly the same thing.
            if kind_reason and from_stage:
                probes, kind_reason = f"{kind_reason}, and it probes {labels}: this entry " \
                    f"is tagged {tags}", None
            # An entry that shows two of what the stage probes answers it better than one.
            weight = sum(W_STAGE_TAG * distinct[name] * STAGE_SKILL_DECAY ** k
                         for k, (name, _tag) in enumerate(probed[:2]))
            c.add(weight, probes, f"stage:{stage}", "stage_tag", cited)
        c.add(W_STAGE_KIND * stage_kind, kind_reason, f"stage:{stage}", "stage_kind")
        _richness(c, RICH_FACTOR if specifics else 1.0)
        age = max(0.0, (today - c.start).days / 365.25)
        c.add(W_RECENT * max(0.0, 1.0 - age / RECENT_YEARS), part="recent")
        if c.end is not None and c.kind in SUBSTANTIAL_KINDS:
            months = max(0.0, (c.end - c.start).days / 30.4)
            c.add(W_SUBSTANCE * min(months, SUBSTANCE_MONTHS) / SUBSTANCE_MONTHS,
                  part="substance")
        c.unfinished = _unfinished(c, today)
        if c.unfinished:
            # A share of its score: a strong match in progress must not lead finished work.
            c.add(min(W_UNFINISHED, -UNFINISHED_SHARE * c.score),
                  "still in progress, so it counts for less than finished work",
                  part="unfinished")
    return sorted(pool.values(), key=lambda c: (-c.score, c.title))


def _cover(
    detailed: list[Candidate], named: Sequence[NamedSkill], limit: int
) -> list[Candidate]:
    """Pick the top ``limit`` so that, where the track record allows, each skill the feedback
    names is answered by at least one of them (not three answers to the first skill)."""
    # What the feedback credits you with is not in question: no card is picked to answer it.
    credited = {n.skill for n in named if n.source in FEEDBACK_SOURCES and n.polarity == "has"}
    wanted = [n.skill for n in named if n.source in FEEDBACK_SOURCES
              and n.skill not in credited]
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


def _unfinished(c: Candidate, today: dt.date) -> bool:
    """Work not done yet: a system started this past year and still ongoing (no end date;
    one from years ago is more likely finished and undated), or "Aims to ..." at the start
    of its summary, title or impact, or "in progress" anywhere in them."""
    if c.kind in ONGOING_IS_UNFINISHED and c.end is None \
            and (today - c.start).days < UNFINISHED_DAYS:
        return True
    return any(_says_unfinished(value) for value in (c.summary, c.title, c.impact) if value)


@functools.lru_cache(maxsize=8192)
def _says_unfinished(value: str) -> bool:
    """Cached: the same few hundred entries come back match after match."""
    starts, says = unfinished_markers()
    return bool(starts.search(value) or says.search(value))


def _richness(c: Candidate, factor: float = 1.0) -> None:
    metrics = c.metrics.strip()
    if metrics:
        c.add(W_METRICS * factor, f"has measured impact: {clip(metrics)}", part="metrics")
    elif c.measure.strip():
        kind = KIND_REGISTRY[c.kind]
        if kind.measure_by:  # someone's words: "Dana, my manager, wrote: ..."
            who, _, said = c.measure.partition(MEASURE_BY_SEP)
            label = kind.measure_label.format(who=who.strip() or "someone")
            c.add(W_METRICS * 0.7 * factor, f"{label}: \u201c{clip(said.strip())}\u201d",
                  part="metrics")
        else:
            c.add(W_METRICS * 0.7 * factor, f"{kind.measure_label}: {clip(c.measure)}",
                  part="metrics")
    impact = c.impact.strip() or c.outcome.strip()
    if impact:
        said = "impact written down" if c.impact.strip() else "outcome"
        c.add(W_IMPACT * factor, None if metrics else f"{said}: {clip(impact)}", part="impact")
    if c.star:
        c.add(W_STAR * factor, "written up as a STAR story", part="star")


def _asks_elsewhere(named: Sequence[NamedSkill], reading: CategorySuggestion,
                    voiced: Concern | None = None) -> bool:
    """Does the feedback ask for something, or voice a concern about you?"""
    return voiced is not None or CATEGORY_REGISTRY[reading.category].concern or any(
        n.source == "topic" or n.source in FEEDBACK_SOURCES and n.polarity == "wanted"
        for n in named)


def _kinds(prior: StagePrior, reading: CategorySuggestion, voiced: Concern | None = None,
           ) -> tuple[Mapping[str, float], dict[str, str | None], bool]:
    """How much each kind of entry counts, and the sentence its card shows: what the
    concern asks for ("too far from the code": systems you built), else what the feedback's
    topic says ("dismissive" is answered by the people you helped grow), else what the
    stage rewards; and whether it is the stage's (whose line a card merges with what the
    stage probes)."""
    if voiced is not None and voiced.kinds:
        return voiced.kinds, {k: voiced.reasons.get(k) for k, w in voiced.kinds.items()
                              if w >= KIND_REASON_FROM}, False
    about_them = CATEGORY_REGISTRY[reading.category].masks_skills
    for topic in reading.topics[:KIND_TOPICS] or (("",) if about_them else ()):
        about = topic_evidence(reading.category, topic)
        if about.kinds:
            return about.kinds, {k: about.reasons.get(k) for k, w in about.kinds.items()
                                 if w >= KIND_REASON_FROM}, False
    return prior.kinds, {k: prior.reason(k) for k, w in prior.kinds.items()
                         if w >= KIND_REASON_FROM}, True


def _asks_for_specifics(reading: CategorySuggestion) -> bool:
    return any(topic_evidence(category, topic).rich
               for category, topics in reading.all_topics for topic in topics)


