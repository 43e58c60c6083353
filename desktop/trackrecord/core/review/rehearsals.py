"""Rehearsing STAR stories aloud before an interview, and which stories were told where.

A rehearsal is one telling of an entry's story against the clock, marked with the day and
how it went (``outcomes``). The deck puts the stories that were never rehearsed, or not for
weeks, first (``rehearsal_order``), and says for each story how often it was rehearsed and in
which interviews it was already told, so the same story is not told to the same company
twice. One unit of work per call; callers get frozen dataclasses.
"""

from __future__ import annotations

import builtins
import datetime as dt
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from trackrecord.core.errors import NotFoundError, ValidationError
from trackrecord.core.record.validation import parse_date
from trackrecord.core.review.outcomes import OUTCOME_LABELS, parse_outcome
from trackrecord.core.store.db import Store
from trackrecord.core.store.input_rules import clean_line
from trackrecord.core.store.models import (
    Entry,
    Rehearsal,
    StoryTold,
    UpcomingInterview,
    utc_naive,
)
from trackrecord.core.store.settings import get_json, set_json

STALE_DAYS = 14  # not rehearsed for two weeks: back to the front of the deck
DEFAULT_SECONDS = 120  # two minutes: about what an interviewer gives one story
MIN_SECONDS, MAX_SECONDS = 15, 15 * 60
MAX_NOTE = 500
LENGTH_SETTING = "review.rehearsal_seconds"

T = TypeVar("T")


@dataclass(frozen=True)
class RehearsalData:
    id: str
    entry_id: str
    date: dt.date
    went: str
    seconds: int | None = None
    note: str = ""
    interview_id: str | None = None
    created_at: dt.datetime | None = None  # naive UTC, as stored

    @property
    def went_label(self) -> str:
        return OUTCOME_LABELS[self.went]

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "entry_id": self.entry_id, "date": self.date.isoformat(),
                "went": self.went, "seconds": self.seconds, "note": self.note,
                "interview_id": self.interview_id}


@dataclass(frozen=True)
class KeptPractice:
    """An entry's rehearsals and the interviews it was told in, read before the entry is
    deleted, to put back if the deletion is undone (they go with the entry)."""

    rehearsals: tuple[RehearsalData, ...] = ()
    told_in: tuple[str, ...] = ()  # interview ids


@dataclass(frozen=True)
class ToldAt:
    """An interview a story was told in (other than the one the deck is for)."""

    interview_id: str
    company: str
    role: str
    date: dt.date | None
    same_company: bool = False  # the same company as the deck's interview

    @property
    def text(self) -> str:
        """"Northwind (3 Mar 2026)", "Staff engineer (no date)"."""
        who = self.company or self.role or "an interview"
        when = f"{self.date.day} {self.date.strftime('%b %Y')}" if self.date else "no date"
        return f"{who} ({when})"

    def to_json(self) -> dict[str, Any]:
        return {"interview_id": self.interview_id, "company": self.company, "role": self.role,
                "date": self.date.isoformat() if self.date else None,
                "same_company": self.same_company}


@dataclass(frozen=True)
class StoryPractice:
    """How an entry's story has been rehearsed, and where it was told."""

    entry_id: str
    rehearsals: int = 0
    last_date: dt.date | None = None
    last_went: str | None = None
    last_seconds: int | None = None
    told: tuple[ToldAt, ...] = ()  # newest first; never the deck's own interview
    told_here: bool = False  # marked as told in the deck's own interview

    def due(self, today: dt.date) -> bool:
        """Never rehearsed, or not for STALE_DAYS."""
        return self.last_date is None or (today - self.last_date).days >= STALE_DAYS

    @property
    def told_same_company(self) -> tuple[ToldAt, ...]:
        return tuple(t for t in self.told if t.same_company)

    def summary(self, today: dt.date) -> str:
        """"Not rehearsed yet"; "Rehearsed 3 times, last 12 days ago (smooth, 1:55)"."""
        if not self.rehearsals or self.last_date is None:
            return "Not rehearsed yet"
        times = "once" if self.rehearsals == 1 else f"{self.rehearsals} times"
        days = (today - self.last_date).days
        if days <= 0:
            when = "today"
        elif days == 1:
            when = "yesterday"
        elif days < 14:
            when = f"{days} days ago"
        elif days < 60:
            when = f"{days // 7} weeks ago"
        else:
            when = f"on {self.last_date.isoformat()}"
        how = [OUTCOME_LABELS[self.last_went].lower()] if self.last_went else []
        if self.last_seconds is not None:
            how.append(clock_text(self.last_seconds))
        said = f" ({', '.join(how)})" if how else ""
        return f"Rehearsed {times}, last {when}{said}"

    def to_json(self) -> dict[str, Any]:
        return {"entry_id": self.entry_id, "rehearsals": self.rehearsals,
                "last_date": self.last_date.isoformat() if self.last_date else None,
                "last_went": self.last_went, "last_seconds": self.last_seconds,
                "told": [t.to_json() for t in self.told], "told_here": self.told_here}


def clock_text(seconds: float) -> str:
    """"2:05"; "0:09"; negative times read as overtime: "+0:12"."""
    sign = "+" if seconds < 0 else ""
    whole = int(abs(seconds))
    return f"{sign}{whole // 60}:{whole % 60:02d}"


def rehearsal_order(items: Sequence[T], practice_of: Callable[[T], StoryPractice | None],
                    today: dt.date) -> list[T]:
    """Stories never rehearsed first, then those not rehearsed for weeks (the longest ago
    first), then the ones rehearsed lately (again the longest ago first); an item with no
    story to rehearse (None) goes last. Ties keep the order given."""
    def key(pair: tuple[int, T]) -> tuple[int, int, int]:
        index, item = pair
        p = practice_of(item)
        if p is None:
            return (3, 0, index)
        if p.last_date is None:
            return (0, 0, index)
        return (1 if p.due(today) else 2, p.last_date.toordinal(), index)

    return [item for _i, item in sorted(enumerate(items), key=key)]


def seconds_value(value: object, what: str = "how long it took") -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValidationError(f"{what} must be a number of seconds, not {value!r}")
    if value < 0 or value > 24 * 3600:
        raise ValidationError(f"{what} must be from 0 seconds to a day, not {value}")
    return int(round(value))


class RehearsalService:
    def __init__(self, store: Store) -> None:
        self._store = store

    # -- rehearsals ----------------------------------------------------------------------------

    def record(self, entry_id: str, went: str, *, date: dt.date | str | None = None,
               seconds: float | None = None, note: str = "",
               interview_id: str | None = None) -> RehearsalData:
        """Mark an entry's story as rehearsed (today unless a date is given)."""
        outcome = parse_outcome(went)
        day = parse_date(date, "the rehearsal date") if date is not None else dt.date.today()
        took = seconds_value(seconds)
        if not isinstance(note, str):
            raise ValidationError("the note must be text")
        note = " ".join(clean_line(note, "the note").split())
        if len(note) > MAX_NOTE:
            raise ValidationError(f"the note is at most {MAX_NOTE} characters")
        with self._store.write() as s:
            entry = _entry(s, entry_id)
            interview = _interview(s, interview_id) if interview_id else None
            row = Rehearsal(id=str(uuid.uuid4()), entry_pk=entry.pk,
                            interview_pk=interview.pk if interview else None, date=day,
                            seconds=took, went=outcome, note=note, created_at=utc_naive())
            s.add(row)
            s.flush()
            return RehearsalData(row.id, entry.id, day, outcome, took, note,
                                 interview.id if interview else None, row.created_at)

    def history(self, entry_id: str | None = None) -> builtins.list[RehearsalData]:
        """Rehearsals, newest first (of one entry's story, or of all)."""
        query = (select(Rehearsal, Entry.id, UpcomingInterview.id)
                 .join(Entry, Entry.pk == Rehearsal.entry_pk)
                 .outerjoin(UpcomingInterview, UpcomingInterview.pk == Rehearsal.interview_pk)
                 .order_by(Rehearsal.date.desc(), Rehearsal.created_at.desc(),
                           Rehearsal.pk.desc()))
        if entry_id is not None:
            query = query.where(Entry.id == entry_id)
        with self._store.read() as s:
            return [RehearsalData(r.id, eid, r.date, r.went, r.seconds, r.note, iid,
                                  r.created_at)
                    for r, eid, iid in s.execute(query)]

    def kept(self, entry_id: str) -> KeptPractice:
        """What deleting this entry would take with it (for Undo)."""
        with self._store.read() as s:
            told = tuple(s.scalars(
                select(UpcomingInterview.id)
                .join(StoryTold, StoryTold.interview_pk == UpcomingInterview.pk)
                .join(Entry, Entry.pk == StoryTold.entry_pk).where(Entry.id == entry_id)))
        return KeptPractice(tuple(self.history(entry_id)), told)

    def put_back(self, entry_id: str, kept: KeptPractice) -> None:
        """After Undo brought the entry back: its rehearsals and tellings, as they were (an
        interview deleted meanwhile is left out; nothing here is written twice)."""
        if not kept.rehearsals and not kept.told_in:
            return
        with self._store.write() as s:
            entry = _entry(s, entry_id)
            interviews = dict(s.execute(select(UpcomingInterview.id, UpcomingInterview.pk)
                                        .where(UpcomingInterview.id.in_(
                                            [*kept.told_in, *(r.interview_id for r in
                                                              kept.rehearsals
                                                              if r.interview_id)]))).all())
            present = set(s.scalars(select(Rehearsal.id).where(
                Rehearsal.id.in_([r.id for r in kept.rehearsals]))))
            for r in kept.rehearsals:
                if r.id not in present:
                    s.add(Rehearsal(id=r.id, entry_pk=entry.pk,
                                    interview_pk=interviews.get(r.interview_id or ""),
                                    date=r.date, seconds=r.seconds, went=r.went, note=r.note,
                                    created_at=r.created_at or utc_naive()))
            for interview_id in kept.told_in:
                pk = interviews.get(interview_id)
                if pk is not None and s.get(StoryTold, (pk, entry.pk)) is None:
                    s.add(StoryTold(interview_pk=pk, entry_pk=entry.pk))

    def delete(self, rehearsal_id: str) -> RehearsalData:
        with self._store.write() as s:
            row = s.scalar(select(Rehearsal).where(Rehearsal.id == rehearsal_id))
            if row is None:
                raise NotFoundError(f"no rehearsal with id {rehearsal_id!r}")
            entry_id = s.scalar(select(Entry.id).where(Entry.pk == row.entry_pk))
            gone = RehearsalData(row.id, str(entry_id), row.date, row.went, row.seconds,
                                 row.note)
            s.delete(row)
            return gone

    # -- stories told ------------------------------------------------------------------------

    def set_told(self, interview_id: str, entry_id: str, told: bool = True) -> bool:
        """Mark (or unmark) an entry as told in an interview; True when something changed."""
        with self._store.write() as s:
            interview, entry = _interview(s, interview_id), _entry(s, entry_id)
            row = s.get(StoryTold, (interview.pk, entry.pk))
            if told and row is None:
                s.add(StoryTold(interview_pk=interview.pk, entry_pk=entry.pk))
            elif not told and row is not None:
                s.delete(row)
            else:
                return False
            # What was told is part of the interview: a backup merge compares its updated_at.
            interview.updated_at = utc_naive()
            return True

    def told_in(self, interview_id: str) -> frozenset[str]:
        """The entries marked as told in this interview."""
        with self._store.read() as s:
            interview = _interview(s, interview_id)
            return frozenset(s.scalars(
                select(Entry.id).join(StoryTold, StoryTold.entry_pk == Entry.pk)
                .where(StoryTold.interview_pk == interview.pk)))

    # -- what the deck shows -------------------------------------------------------------------

    def practice(self, entry_ids: Iterable[str], *, interview_id: str = "",
                 company: str = "") -> dict[str, StoryPractice]:
        """Each entry's rehearsals and the interviews it was told in, seen from the deck of
        ``interview_id`` (its own telling is ``told_here``; ``company`` flags the others
        at the same company)."""
        ids = list(dict.fromkeys(entry_ids))
        if not ids:
            return {}
        with self._store.read() as s:
            pks = dict(s.execute(select(Entry.id, Entry.pk).where(Entry.id.in_(ids))).all())
            return _practice(s, pks, interview_id, company)

    def stories(self) -> builtins.list[tuple[str, str, int]]:
        """Every entry with its STAR story written: (id, title, year), newest first."""
        star = ((Entry.situation != "") & (Entry.task != "") & (Entry.action != "")
                & (Entry.result != ""))
        with self._store.read() as s:
            return [(eid, title, start.year) for eid, title, start in s.execute(
                select(Entry.id, Entry.title, Entry.start_date).where(star)
                .order_by(Entry.start_date.desc(), Entry.pk.desc()))]

    # -- the timer's length -----------------------------------------------------------------

    def length(self) -> int:
        """How long a rehearsal runs, in seconds (the person's last choice, else 2:00)."""
        value = get_json(self._store, LENGTH_SETTING, DEFAULT_SECONDS)
        if isinstance(value, bool) or not isinstance(value, int):
            return DEFAULT_SECONDS
        return max(MIN_SECONDS, min(MAX_SECONDS, value))

    def set_length(self, seconds: int) -> int:
        value = max(MIN_SECONDS, min(MAX_SECONDS, int(seconds)))
        if value != self.length():
            set_json(self._store, LENGTH_SETTING, value)
        return value


def _practice(s: Session, pks: dict[str, int], interview_id: str,
              company: str) -> dict[str, StoryPractice]:
    by_pk = {pk: eid for eid, pk in pks.items()}
    counts = dict(s.execute(
        select(Rehearsal.entry_pk, func.count()).where(Rehearsal.entry_pk.in_(list(by_pk)))
        .group_by(Rehearsal.entry_pk)).all())
    latest: dict[int, Rehearsal] = {}
    for row in s.scalars(select(Rehearsal).where(Rehearsal.entry_pk.in_(list(by_pk)))
                         .order_by(Rehearsal.date, Rehearsal.created_at, Rehearsal.pk)):
        latest[row.entry_pk] = row  # the last one read is the newest
    told: dict[int, list[ToldAt]] = {}
    here: set[int] = set()
    wanted = " ".join(company.split()).casefold()
    query = (select(StoryTold.entry_pk, UpcomingInterview)
             .join(UpcomingInterview, UpcomingInterview.pk == StoryTold.interview_pk)
             .where(StoryTold.entry_pk.in_(list(by_pk))))
    for pk, interview in s.execute(query):
        if interview.id == interview_id:
            here.add(pk)
            continue
        same = bool(wanted) and " ".join(interview.company.split()).casefold() == wanted
        told.setdefault(pk, []).append(
            ToldAt(interview.id, interview.company, interview.role, interview.date, same))
    out: dict[str, StoryPractice] = {}
    for pk, eid in by_pk.items():
        last = latest.get(pk)
        places = sorted(told.get(pk, ()), key=lambda t: (t.date or dt.date.min, t.interview_id),
                        reverse=True)
        out[eid] = StoryPractice(
            eid, int(counts.get(pk, 0)), last.date if last else None,
            last.went if last else None, last.seconds if last else None, tuple(places),
            pk in here)
    return out


def _entry(s: Session, entry_id: str) -> Entry:
    row = s.scalar(select(Entry).where(Entry.id == entry_id))
    if row is None:
        raise NotFoundError(f"no entry with id {entry_id!r}")
    return row


def _interview(s: Session, interview_id: str) -> UpcomingInterview:
    row = s.scalar(select(UpcomingInterview).where(UpcomingInterview.id == interview_id))
    if row is None:
        raise NotFoundError(f"no interview with id {interview_id!r}")
    return row
