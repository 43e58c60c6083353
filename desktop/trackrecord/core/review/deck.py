"""The pre-interview review deck: what you are walking in with, one card at a time.

``build_deck(store, interview, today)`` reads the track record, the rejection log and the
practice log and returns plain data (no Qt): the UI shows it as cards, the confidence sheet
prints it on one page, the CLI prints it as Markdown. It only reads; it never invents
evidence: every entry it names comes from the store, and a question with no story says so.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from trackrecord.core.matching.vocabulary import stage_priors
from trackrecord.core.record.kinds import KINDS
from trackrecord.core.rejections.practice import PracticeLog
from trackrecord.core.rejections.stages import STAGE_LABELS
from trackrecord.core.review.content import (
    energy_items,
    questions_for,
    stage_tip,
    word_list,
    words,
)
from trackrecord.core.review.interviews import InterviewData
from trackrecord.core.review.picks import pick_evidence, role_fit
from trackrecord.core.review.reframes import ReframeItem, debrief_pattern, reframes_to_reread
from trackrecord.core.review.rehearsals import (
    RehearsalService,
    StoryPractice,
    ToldAt,
    rehearsal_order,
)
from trackrecord.core.review.stories import Story, pick_stories
from trackrecord.core.store.db import Store
from trackrecord.core.store.models import Entry

EVIDENCE_PER_STAGE = 3
STORIES_PER_STAGE = 3
MAX_STORIES = 8
EMPTY_STORIES = 3


# -- the cards ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class IntroCard:
    title: str
    when: str  # "Tomorrow, Friday 27 November 2026", or "" with no date
    stages: tuple[str, ...]  # labels
    lines: tuple[str, ...]  # grounding, then what you bring
    notes: str = ""
    kind: str = "intro"


@dataclass(frozen=True)
class NumbersCard:
    per_kind: tuple[tuple[str, int], ...]  # (kind, how many), every kind in registry order
    stories: int  # entries with a STAR story written
    organisations: int
    first_year: int | None
    last_year: int | None
    years: str  # "9 years", "less than a year", "" with no entries
    kind: str = "numbers"

    @property
    def total(self) -> int:
        return sum(n for _kind, n in self.per_kind)

    def count(self, kind: str) -> int:
        return dict(self.per_kind).get(kind, 0)


@dataclass(frozen=True)
class EvidenceItem:
    entry_id: str
    title: str
    year: int
    kind: str
    impact: str  # the impact written down, else the summary, else the metrics: whole
    metrics: str  # the numbers, whole ("" when there are none)
    why: tuple[str, ...]
    told: tuple[ToldAt, ...] = ()  # other interviews it was told in, newest first
    told_here: bool = False  # marked as told in this deck's interview


@dataclass(frozen=True)
class StageCard:
    stage: str
    label: str
    tip: str
    evidence: tuple[EvidenceItem, ...]
    kind: str = "stage"


@dataclass(frozen=True)
class StoryCard:
    story: Story
    number: int  # 1-based among the story cards
    of: int
    kind: str = "story"
    # How the story was rehearsed and where it was told (None: no story to rehearse yet).
    practice: StoryPractice | None = None


@dataclass(frozen=True)
class PracticeLine:
    item_id: str
    text: str
    source: str
    last_practised: str  # "last practised 3 days ago"
    sessions: int


@dataclass(frozen=True)
class PracticeCard:
    items: tuple[PracticeLine, ...]  # what to practise, next first; empty when nothing is on
    in_the_room: tuple[str, ...]  # habits for any question (a good start for an empty list)
    debrief_topics: tuple[str, ...]  # what debriefs keep pointing at, most often first
    kind: str = "practice"


@dataclass(frozen=True)
class ReframesCard:
    items: tuple[ReframeItem, ...]
    perspective: tuple[str, ...]  # shown when there is nothing saved to reread
    kind: str = "reframes"


@dataclass(frozen=True)
class EnergyTick:
    id: str
    label: str
    detail: str
    ticked: bool


@dataclass(frozen=True)
class EnergyCard:
    items: tuple[EnergyTick, ...]
    kind: str = "energy"


Card = IntroCard | NumbersCard | StageCard | StoryCard | PracticeCard | ReframesCard | EnergyCard


@dataclass(frozen=True)
class Deck:
    interview: InterviewData
    today: dt.date
    cards: tuple[Card, ...]

    @property
    def intro(self) -> IntroCard:
        return next(c for c in self.cards if isinstance(c, IntroCard))

    @property
    def numbers(self) -> NumbersCard:
        return next(c for c in self.cards if isinstance(c, NumbersCard))

    @property
    def stage_cards(self) -> list[StageCard]:
        return [c for c in self.cards if isinstance(c, StageCard)]

    @property
    def stories(self) -> list[Story]:
        return [c.story for c in self.cards if isinstance(c, StoryCard)]

    @property
    def story_cards(self) -> list[StoryCard]:
        return [c for c in self.cards if isinstance(c, StoryCard)]

    @property
    def practice(self) -> PracticeCard:
        return next(c for c in self.cards if isinstance(c, PracticeCard))

    @property
    def reframes(self) -> ReframesCard:
        return next(c for c in self.cards if isinstance(c, ReframesCard))

    @property
    def energy(self) -> EnergyCard:
        return next(c for c in self.cards if isinstance(c, EnergyCard))


# -- building ----------------------------------------------------------------------------------


def build_deck(store: Store, interview: InterviewData, today: dt.date | None = None, *,
               scope: tuple[dt.date, dt.date] | None = None) -> Deck:
    """Every card for this interview, in the order they are shown. ``scope`` (a review
    cycle's dates) keeps the numbers and each stage's evidence to entries of that period."""
    today = today or dt.date.today()
    numbers = _numbers(store, today, scope)
    stage_cards = _stage_cards(store, interview, today, _entries_in(store, scope))
    wanted = questions_for(interview.stages)
    limit = min(MAX_STORIES, STORIES_PER_STAGE * len(interview.stages))
    if not numbers.total:
        limit = min(limit, EMPTY_STORIES)  # the likely questions, without six "no story yet"
    with store.read() as s:
        stories = pick_stories(s, wanted, today, limit, role_fit(interview.role))
    stage_cards, story_cards = _with_practice(store, interview, today, stage_cards, stories)
    practice = _practice_card(store, interview, today)
    reframes = ReframesCard(
        items=reframes_to_reread(store, interview.stages, today),
        perspective=word_list("reframes", "perspective"),
    )
    energy = EnergyCard(tuple(
        EnergyTick(i.id, i.label, i.detail, i.id in interview.energy_ticks)
        for i in energy_items()
    ))
    cards: list[Card] = [_intro(interview, numbers, today), numbers, *stage_cards,
                         *story_cards, practice, reframes, energy]
    return Deck(interview, today, tuple(cards))


def when_text(date: dt.date | None, today: dt.date) -> str:
    """"Tomorrow, Friday 27 November 2026"; "In 3 days, ..."; "" with no date."""
    if date is None:
        return ""
    days = (date - today).days
    said = f"{date.strftime('%A')} {date.day} {date.strftime('%B %Y')}"
    if days == 0:
        return f"Today, {said}"
    if days == 1:
        return f"Tomorrow, {said}"
    if 1 < days < 14:
        return f"In {days} days, {said}"
    return said


def _intro(interview: InterviewData, numbers: NumbersCard, today: dt.date) -> IntroCard:
    lines = [words("intro", "grounding")]
    if numbers.total:
        lines.append(words("intro", "evidence", years=numbers.years))
    else:
        lines.append(words("intro", "no_evidence"))
    return IntroCard(
        title=interview.title,
        when=when_text(interview.date, today),
        stages=interview.stage_labels,
        lines=tuple(lines),
        notes=interview.notes.strip(),
    )


def _in_scope(scope: tuple[dt.date, dt.date] | None) -> list[Any]:
    if scope is None:
        return []
    since, until = scope
    return [func.coalesce(Entry.end_date, Entry.start_date) >= since, Entry.start_date <= until]


def _entries_in(store: Store, scope: tuple[dt.date, dt.date] | None) -> set[str] | None:
    """The ids of the entries under way in ``scope`` (None: no scope, every entry)."""
    if scope is None:
        return None
    with store.read() as s:
        return set(s.scalars(select(Entry.id).where(*_in_scope(scope))))


def _numbers(store: Store, today: dt.date,
             scope: tuple[dt.date, dt.date] | None = None) -> NumbersCard:
    star = (Entry.situation != "") & (Entry.task != "") & (Entry.action != "") & (
        Entry.result != "")
    where = _in_scope(scope)
    with store.read() as s:
        counts = dict(s.execute(select(Entry.kind, func.count()).where(*where)
                                .group_by(Entry.kind)).all())
        first, last_start, last_end, ongoing, stories, orgs = s.execute(
            select(
                func.min(Entry.start_date), func.max(Entry.start_date), func.max(Entry.end_date),
                func.count().filter(Entry.end_date.is_(None)),
                func.count().filter(star),
                func.count(func.distinct(func.lower(func.trim(Entry.organisation))))
                .filter(func.trim(Entry.organisation) != ""),
            ).where(*where)
        ).one()
    first_date = _as_date(first)
    ends = [d for d in (_as_date(last_start), _as_date(last_end)) if d is not None]
    if ongoing:
        ends.append(today)
    last_date = max(ends) if ends else None
    return NumbersCard(
        per_kind=tuple((kind, int(counts.get(kind, 0))) for kind in KINDS),
        stories=int(stories or 0),
        organisations=int(orgs or 0),
        first_year=first_date.year if first_date else None,
        last_year=last_date.year if last_date else None,
        years=_years(first_date, last_date),
    )


def _years(first: dt.date | None, last: dt.date | None) -> str:
    if first is None or last is None:
        return ""
    span = (last - first).days / 365.25
    if span < 1:
        return "less than a year"
    whole = round(span)
    return "1 year" if whole == 1 else f"{whole} years"


def _stage_cards(store: Store, interview: InterviewData, today: dt.date,
                 allowed: set[str] | None = None) -> list[StageCard]:
    cards: list[StageCard] = []
    shown: set[str] = set()
    fit = role_fit(interview.role)
    with store.read() as s:
        for stage in interview.stages:
            # Each stage shows its own strongest evidence, preferring entries not already
            # shown for an earlier stage, so the deck covers more of the track record.
            picked = pick_evidence(s, stage, fit, today, EVIDENCE_PER_STAGE, avoid=shown,
                                   allowed=allowed)
            shown.update(p.entry_id for p in picked)
            said: set[str] = set()
            items: list[EvidenceItem] = []
            for p in picked:
                why = _specific_first(stage, p.kind, p.reasons, said)[:2]
                said.update(why[:1])
                items.append(EvidenceItem(
                    entry_id=p.entry_id, title=p.title, year=p.start.year, kind=p.kind,
                    impact=" ".join((p.impact or p.summary or p.metrics).split()),
                    metrics=" ".join(p.metrics.split()),
                    why=why,
                ))
            cards.append(StageCard(stage, STAGE_LABELS[stage], stage_tip(stage), tuple(items)))
    return cards


def _with_practice(
    store: Store, interview: InterviewData, today: dt.date, stage_cards: list[StageCard],
    stories: Sequence[Story],
) -> tuple[list[StageCard], list[StoryCard]]:
    """Each story and entry with how it was rehearsed and where it was told; the stories
    never rehearsed, or not for weeks, first."""
    ids = [st.entry_id for st in stories if st.entry_id] + [
        item.entry_id for card in stage_cards for item in card.evidence]
    practice = RehearsalService(store).practice(ids, interview_id=interview.id,
                                                company=interview.company)
    stage_cards = [dataclasses.replace(card, evidence=tuple(
        dataclasses.replace(item, told=practice[item.entry_id].told,
                            told_here=practice[item.entry_id].told_here)
        if item.entry_id in practice else item for item in card.evidence))
        for card in stage_cards]
    ordered = rehearsal_order(
        list(stories), lambda st: practice.get(st.entry_id) if st.entry_id else None, today)
    cards = [StoryCard(st, i, len(ordered), practice=practice.get(st.entry_id or ""))
             for i, st in enumerate(ordered, 1)]
    return stage_cards, cards


def _specific_first(
    stage: str, kind: str, reasons: Sequence[str], said: set[str]
) -> tuple[str, ...]:
    """The reasons that say something about this entry first: before the stage's generic
    "shipped systems count", and before a reason the card already gave for another entry."""
    generic = stage_priors()[stage].reason(kind)
    return tuple(sorted(reasons, key=lambda r: (r == generic, r in said)))


def _practice_card(store: Store, interview: InterviewData, today: dt.date) -> PracticeCard:
    status = PracticeLog(store).status(stages=interview.stages, today=today)
    items = tuple(
        PracticeLine(p.id, p.text, p.source, p.last_practised_text(today), p.sessions)
        for p in status
    )
    return PracticeCard(
        items=items,
        in_the_room=word_list("practice", "in_the_room"),
        debrief_topics=debrief_pattern(store),
    )


def _as_date(value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def story_gaps(deck: Deck) -> Sequence[Story]:
    """The likely questions with no story yet."""
    return [s for s in deck.stories if not s.ready]
