"""The candidate pool for evidence matching: a few bounded queries, whatever the store's size.

bm25 ranking for the feedback, the newest tagged matches per named skill, the newest entries
of each kind the stage rewards, and the newest entries with measured impact. Runs on the
session's own connection (see RawQueries) and returns plain candidates for scoring.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from trackrecord.core.matching.text import RawQueries, TextQuery
from trackrecord.core.matching.vocabulary import (
    Synonyms,
    current_synonyms,
    showing_tags,
    stage_priors,
    tag_key,
    tag_keys,
)
from trackrecord.core.record.kinds import KIND_REGISTRY, KINDS
from trackrecord.core.store.fulltext import FTS_COLUMNS

TagIndex = Mapping[str, tuple[tuple[int, str], ...]]

# Candidate pools: small and fixed, whatever the size of the store.
# bm25 must score every row a query matches (and walks each phrase's whole doclist for its
# IDF), so on a large store it ranks only the newest RANK_WINDOW entries: exact for any
# realistic track record, bounded for a synthetic 100,000. Older entries still arrive through
# the per-kind pools, which read the start_date index.
RANK_WINDOW = 2000
FEEDBACK_POOL = 30
TAG_POOL = 15
CONTEXT_POOL = 20
KIND_POOL = 8
RICH_POOL = 10

# bm25 column weights: what an entry is (title, summary, tags) counts most.
BM25_WEIGHTS: Mapping[str, float] = {
    "title": 4.0, "summary": 3.0, "tag_text": 4.0, "impact": 2.0, "metrics": 1.0,
    "organisation": 0.2, "team": 0.5, "role": 0.5, "notes": 0.7, "mentee": 0.3,
}
_WEIGHT_ARGS = ", ".join(str(BM25_WEIGHTS.get(c, 1.0)) for c in FTS_COLUMNS)
_FTS = (
    f"SELECT rowid, bm25(entry_fts, {_WEIGHT_ARGS}) AS score FROM entry_fts "
    "WHERE entry_fts MATCH ? AND rowid > ? ORDER BY score LIMIT ?"
)
_NEWEST = "SELECT coalesce(max(pk), 0) FROM entries"
# Unranked: the newest matches, found by walking doclists backwards (cheap at any size).
_FTS_NEWEST = (
    "SELECT * FROM (SELECT rowid FROM entry_fts WHERE entry_fts MATCH ? "
    "ORDER BY rowid DESC LIMIT ?)"
)
# One statement for every "recent" pool; each arm walks the start_date index backwards.
_RECENT_ARM = "SELECT * FROM (SELECT pk FROM entries WHERE {} ORDER BY start_date DESC LIMIT ?)"
# The field that measures each kind (a system's scale, an incident's time to mitigate).
# A kind whose measure is someone's words (praise) reads "who", MEASURE_BY_SEP, "the words".
MEASURE_BY_SEP = "\x1f"
_MEASURE_ARMS = " ".join(
    f"WHEN '{k.key}' THEN "
    + (f"CASE WHEN {k.measure} != '' THEN {k.measure_by} || char(31) || {k.measure} "
       "ELSE '' END" if k.measure_by else k.measure)
    for k in KIND_REGISTRY if k.measure)
# Richness: impact, or the outcome a mentoring entry records; numbers in metrics, or a shipped
# system's scale or an incident's time to mitigate; and a complete STAR story.
_DETAILS = (
    "SELECT pk, id, kind, title, start_date, end_date, summary, impact, metrics, outcome, "
    "result, "
    f"CASE kind {_MEASURE_ARMS} ELSE '' END, "
    "(situation != '' AND task != '' AND action != '' AND result != '') "
    "FROM entries WHERE pk IN ({})"
)
WRITE_UP = (
    "SELECT pk, substr(notes, 1, 2000) || ' ' || situation || ' ' || action || ' ' || result "
    "|| ' ' || root_cause || ' ' || scale || ' ' || outcome FROM entries WHERE pk IN ({})"
)
_TAGS = (
    "SELECT et.entry_pk, t.name FROM entry_tags et JOIN tags t ON t.pk = et.tag_pk "
    "WHERE et.entry_pk IN ({})"
)


class Reason(NamedTuple):
    """One line a card may show, with what it weighs, which part of the score it is, and the
    entry's tags it cites (so a card can say each tag once)."""

    weight: float
    text: str
    part: str = ""
    tags: tuple[str, ...] = ()


@dataclass(slots=True)  # about a hundred per match, each read many times
class Candidate:
    pk: int
    text: float = 0.0  # bm25 against the feedback (lower is better; 0 = no hit)
    entry_id: str = ""
    kind: str = ""
    title: str = ""
    start: dt.date = dt.date.min
    end: dt.date | None = None
    summary: str = ""
    impact: str = ""
    metrics: str = ""
    outcome: str = ""
    result: str = ""  # the STAR result: how it ended
    measure: str = ""  # a shipped system's scale, an incident's time to mitigate
    star: bool = False
    unfinished: bool = False  # work not done yet (worked out when scored)
    tags: dict[str, str] = field(default_factory=dict)  # tag_key -> tag as written
    shows: dict[str, str] = field(default_factory=dict)  # skill name -> the tag that shows it
    score: float = 0.0
    parts: list[Reason] = field(default_factory=list)
    links: set[str] = field(default_factory=set)  # what linked it ("skill:testing", ...)
    not_links: frozenset[str] = frozenset()  # links the person said do not make it relevant

    # How much each named part of the score (evidence_weights.toml) added: what the fitting
    # in tools/fit_evidence.py reads.
    by_part: dict[str, float] = field(default_factory=dict)

    def add(self, weight: float, reason: str | None = None, link: str | None = None,
            part: str = "", tags: tuple[str, ...] = ()) -> None:
        if link is not None:
            if link in self.not_links:
                return
            self.links.add(link)
        self.score += weight
        if part:
            self.by_part[part] = self.by_part.get(part, 0.0) + weight
        if reason:
            self.parts.append(Reason(weight, reason, part, tags))


def gather(
    cur: RawQueries, stage: str, fb: TextQuery, ctx: TextQuery
) -> dict[int, Candidate]:
    pool: dict[int, Candidate] = {}
    newest = cur.first(_NEWEST)
    floor = max(0, int(newest[0] if newest else 0) - RANK_WINDOW)
    if fb.match:
        for pk, score in cur.rows(_FTS, (fb.match, floor, FEEDBACK_POOL)):
            pool.setdefault(pk, Candidate(pk)).text = float(score)
    unranked = [(q, TAG_POOL) for q in fb.tagged]
    if ctx.match:
        unranked.append((ctx.match, CONTEXT_POOL))
    if unranked:
        sql = " UNION ALL ".join(_FTS_NEWEST for _ in unranked)
        _add_new(pool, cur.rows(sql, [v for pair in unranked for v in pair]))
    prior = stage_priors()[stage]
    kinds = [k for k in KINDS if prior.kinds.get(k, 0.0) >= 0.8]
    arms = [_RECENT_ARM.format("kind = ?") for _ in kinds] + [_RECENT_ARM.format("metrics != ''")]
    params: list[object] = []
    for kind in kinds:
        params += [kind, KIND_POOL]
    params.append(RICH_POOL)
    _add_new(pool, cur.rows(" UNION ALL ".join(arms), params))
    return pool


_BY_ID = "SELECT pk FROM entries WHERE id IN ({})"


def add_entries(cur: RawQueries, pool: dict[int, Candidate], entry_ids: list[str]) -> None:
    """Entries the person pinned to this rejection join the pool whatever they match."""
    if entry_ids:
        _add_new(pool, cur.rows(in_list(_BY_ID, len(entry_ids)), entry_ids))


def _add_new(pool: dict[int, Candidate], rows: list[tuple[int]]) -> None:
    for (pk,) in rows:
        if pk not in pool:  # (setdefault would build a Candidate for every repeat)
            pool[pk] = Candidate(pk)


def in_list(sql: str, count: int) -> str:
    return sql.format(", ".join("?" * count))


def load(
    cur: RawQueries, pool: dict[int, Candidate], skill_names: Collection[str],
    not_links: Mapping[str, frozenset[str]] | None = None,
) -> None:
    """Each candidate's fields and tags, and which of ``skill_names`` its tags show.
    ``not_links``: entry id -> links the person has said do not make it relevant."""
    pks = list(pool)
    for row in cur.rows(in_list(_DETAILS, len(pks)), pks):
        (pk, entry_id, kind, title, start, end, summary, impact, metrics, outcome, result,
         measure, star) = row
        c = pool[pk]
        c.end = as_date(end) if end else None
        c.entry_id, c.kind, c.title, c.summary = entry_id, kind, title, summary
        c.start, c.impact, c.metrics, c.star = as_date(start), impact, metrics, bool(star)
        c.outcome, c.result, c.measure = outcome, result, measure
    for pk, name in cur.rows(in_list(_TAGS, len(pks)), pks):
        pool[pk].tags[tag_key(name)] = name
    for pk in [pk for pk, c in pool.items() if not c.entry_id]:
        del pool[pk]
    index = tag_index(frozenset(skill_names), current_synonyms())
    for c in pool.values():
        c.shows = shown_skills(c.tags, index)
        if not_links:
            c.not_links = not_links.get(c.entry_id, frozenset())


def shown_skills(tags: Mapping[str, str], index: TagIndex) -> dict[str, str]:
    """Skill name -> the tag that shows it: of the skill's tags, the first one listed.

    Worked out once per candidate from its few tags: scoring asks this for every named skill
    of every candidate, and looping over each skill's tags there was most of its time.
    """
    shows: dict[str, str] = {}
    first: dict[str, int] = {}  # skill -> position of the tag that shows it so far
    for key, name in tags.items():
        for part in tag_keys(key):  # "embedded-linux" shows what "embedded" shows
            for position, skill in index.get(part, ()):
                if position < first.get(skill, position + 1):
                    first[skill], shows[skill] = position, name
    return shows


@functools.lru_cache(maxsize=256)
def tag_index(names: frozenset[str], synonyms: Synonyms = ()) -> TagIndex:
    """Tag key -> (its position in the skill's tags, skill name) for each of these skills
    it shows: only the few a match asks about, so most tags are passed over in one lookup."""
    out: dict[str, list[tuple[int, str]]] = {}
    for name in sorted(names):
        for position, key in enumerate(showing_tags(name, synonyms)):
            out.setdefault(key, []).append((position, name))
    return {key: tuple(found) for key, found in out.items()}


def as_date(value: object) -> dt.date:
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))
