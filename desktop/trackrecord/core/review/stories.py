"""STAR stories for likely questions: which entry of the track record answers each one.

A story is a finished entry with all four STAR fields written. Each question names the skills a good
answer shows (resources/review/questions.toml); an entry answers it through its tags (the
skill's tags in the vocabulary) or by naming the skill in its title or summary. Scores are
sums of named parts, and the parts that count become the story's ``why``.

The work is bounded: the stories (entries with a STAR) are read once per deck, and for a
question with no story only the entries carrying one of its skills' tags are looked at.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from trackrecord.core.matching.phrases import split_words
from trackrecord.core.matching.vocabulary import skill_matcher, skills, tag_key
from trackrecord.core.review.content import Question
from trackrecord.core.review.picks import RoleFit
from trackrecord.core.store.models import Entry, Tag, entry_tags

W_TAG = 2.0  # tagged with one of the skill's tags
W_MENTION = 1.2  # the title or summary names the skill
SECONDARY = 0.5  # for every skill but the question's main one
W_KIND = (0.5, 0.3, 0.1)  # the entry is of the kind that usually makes the best story
W_METRICS = 0.3
W_RECENT = 0.3  # fades to nothing over RECENT_YEARS
RECENT_YEARS = 10.0
REUSE_PENALTY = 1.5  # a story already used for an earlier question counts for less
OFF_ROLE = 3.0  # mostly another area of work than the role's: after any story that fits
MAX_USES = 2  # no entry answers more than this many questions, while others can
# An entry answers a question when it shows the main skill (a tag, or its title or summary
# names it), or two of the others; one side skill alone is not enough.
MIN_SKILL = 1.2
MAX_WHY = 2

_STAR = (Entry.situation != "") & (Entry.task != "") & (Entry.action != "") & (Entry.result != "")


@dataclass
class _Pick:
    pk: int
    entry_id: str
    kind: str
    title: str
    start: dt.date
    summary: str
    metrics: str
    impact: str
    star: tuple[str, str, str, str]
    tags: dict[str, str] = field(default_factory=dict)
    mentions: set[str] = field(default_factory=set)
    off_role: bool = False


@dataclass(frozen=True)
class Story:
    """A likely question and the STAR story that answers it, or None: "no story yet"."""

    question_id: str
    question: str
    question_type: str
    hint: str
    skills: tuple[str, ...]  # labels
    entry_id: str | None = None
    title: str = ""
    year: int | None = None
    kind: str = ""
    situation: str = ""
    task: str = ""
    action: str = ""
    result: str = ""
    why: tuple[str, ...] = ()
    # When there is no story: the entry closest to answering it, to write the STAR on.
    candidate_id: str | None = None
    candidate_title: str = ""
    candidate_year: int | None = None

    @property
    def ready(self) -> bool:
        return self.entry_id is not None


def pick_stories(
    s: Session, wanted: Sequence[Question], today: dt.date, limit: int,
    fit: RoleFit | None = None,
) -> tuple[Story, ...]:
    """Up to ``limit`` stories for the questions, in the questions' order. Only finished work
    tells a story; with the interview's role (``fit``), work of another area ("react" for a
    backend role) answers only when nothing of the role's own does."""
    wanted = list(wanted)[:limit]
    if not wanted:
        return ()
    pool = _load_stories(s)
    if fit is not None:
        for c in pool:
            c.off_role = fit.off_role(c.tags.values())
    uses: dict[int, int] = {}
    out: list[Story] = []
    for q in wanted:
        best: tuple[float, _Pick, list[str]] | None = None
        for c in pool:
            if uses.get(c.pk, 0) >= MAX_USES:
                continue
            score, why = _score(q, c, today)
            if not score:
                continue
            score -= REUSE_PENALTY * uses.get(c.pk, 0) + (OFF_ROLE if c.off_role else 0.0)
            if best is None or (score, c.start) > (best[0], best[1].start):
                best = (score, c, why)
        if best is None:
            out.append(_no_story(s, q, today))
            continue
        _, c, why = best
        uses[c.pk] = uses.get(c.pk, 0) + 1
        situation, task, action, result = c.star
        out.append(Story(
            question_id=q.id, question=q.text, question_type=q.type, hint=q.hint,
            skills=_labels(q), entry_id=c.entry_id, title=c.title, year=c.start.year,
            kind=c.kind, situation=situation, task=task, action=action, result=result,
            why=tuple(why[:MAX_WHY]),
        ))
    return tuple(out)


def _labels(q: Question) -> tuple[str, ...]:
    catalogue = skills()
    return tuple(catalogue[name].label for name in q.skills)


def _load_stories(s: Session) -> list[_Pick]:
    rows = s.execute(
        select(Entry.pk, Entry.id, Entry.kind, Entry.title, Entry.start_date, Entry.summary,
               Entry.metrics, Entry.impact, Entry.situation, Entry.task, Entry.action,
               Entry.result)
        .where(_STAR, Entry.end_date.is_not(None))  # an ongoing entry's result is a plan
        .order_by(Entry.start_date.desc(), Entry.pk.desc())
    ).all()
    pool = {
        r[0]: _Pick(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], (r[8], r[9], r[10], r[11]))
        for r in rows
    }
    _add_tags(s, pool)
    matcher = skill_matcher()
    for c in pool.values():
        c.mentions = {hit.value for hit in matcher.find(split_words(f"{c.title}. {c.summary}"))}
    return list(pool.values())


def _add_tags(s: Session, pool: dict[int, _Pick]) -> None:
    if not pool:
        return
    query = (
        select(entry_tags.c.entry_pk, Tag.name)
        .join(Tag, Tag.pk == entry_tags.c.tag_pk)
        .where(entry_tags.c.entry_pk.in_(list(pool)))
    )
    for pk, name in s.execute(query):
        pool[pk].tags[tag_key(name)] = name


def _score(q: Question, c: _Pick, today: dt.date) -> tuple[float, list[str]]:
    catalogue = skills()
    score = 0.0
    why: list[str] = []
    for position, name in enumerate(q.skills):
        skill = catalogue[name]
        weight = 1.0 if position == 0 else SECONDARY
        tag = next((c.tags[k] for k in skill.tags if k in c.tags), None)
        if tag is not None:
            score += W_TAG * weight
            why.append(f"shows {skill.label} (tagged {tag})")
        elif name in c.mentions:
            score += W_MENTION * weight
            why.append(f"its summary is about {skill.label}")
    if score < MIN_SKILL:
        return 0.0, []
    if c.kind in q.kinds:
        score += W_KIND[min(q.kinds.index(c.kind), len(W_KIND) - 1)]
    if c.metrics.strip():
        score += W_METRICS
    age = max(0.0, (today - c.start).days / 365.25)
    score += W_RECENT * max(0.0, 1.0 - age / RECENT_YEARS)
    return score, why


def _no_story(s: Session, q: Question, today: dt.date) -> Story:
    """The honest answer: no story yet, and the entry nearest to one, if any."""
    catalogue = skills()
    keys = {key for name in q.skills for key in catalogue[name].tags}
    tag_pks = [pk for pk, name in s.execute(select(Tag.pk, Tag.name)) if tag_key(name) in keys]
    candidate: tuple[str, str, int] | None = None
    if tag_pks:
        # Tags are few (hundreds), entries may be many: look only at the tagged ones.
        rows = s.execute(
            select(Entry.pk, Entry.id, Entry.kind, Entry.title, Entry.start_date, Entry.summary,
                   Entry.metrics, Entry.impact)
            .where(Entry.pk.in_(select(entry_tags.c.entry_pk)
                                .where(entry_tags.c.tag_pk.in_(tag_pks))))
            .order_by(Entry.start_date.desc())
            .limit(200)
        ).all()
        pool = {r[0]: _Pick(*r, star=("", "", "", "")) for r in rows}
        _add_tags(s, pool)
        scored = [(_score(q, c, today)[0], c.start, c) for c in pool.values()]
        scored = [t for t in scored if t[0]]
        if scored:
            _, _, best = max(scored, key=lambda t: (t[0], t[1]))
            candidate = (best.entry_id, best.title, best.start.year)
    return Story(
        question_id=q.id, question=q.text, question_type=q.type, hint=q.hint,
        skills=_labels(q),
        candidate_id=candidate[0] if candidate else None,
        candidate_title=candidate[1] if candidate else "",
        candidate_year=candidate[2] if candidate else None,
    )
