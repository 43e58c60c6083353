"""The practice log: things to practise, and each time you practised them.

There is one list of things to practise: the practice items of the rejection log
(``practice_items``). A debrief puts items on it; a habit you add yourself is an item with no
rejection behind it. Reusing the list (rather than a separate habits table) means the
Rejections page and the review deck show the same things, and "done" means the same
everywhere: it has become automatic, so it leaves the list. Sessions are logged per item.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select

from trackrecord.core.errors import NotFoundError, ValidationError
from trackrecord.core.record.validation import parse_date
from trackrecord.core.rejections.data import PracticeItemData
from trackrecord.core.rejections.service import RejectionService
from trackrecord.core.rejections.stages import STAGE_LABELS
from trackrecord.core.store.db import Store
from trackrecord.core.store.models import PracticeItem, PracticeSession, Rejection

MAX_NOTE = 2000


@dataclass(frozen=True)
class PracticeSessionData:
    id: str
    item_id: str
    item_text: str
    date: dt.date
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "item_id": self.item_id, "item_text": self.item_text,
                "date": self.date.isoformat(), "note": self.note}


@dataclass(frozen=True)
class PracticeStatus:
    """One thing to practise, with where it came from and how it has gone so far."""

    id: str
    text: str
    done: bool
    created_at: dt.datetime
    sessions: int = 0
    last_practised: dt.date | None = None
    rejection_id: str | None = None
    source_company: str = ""
    source_stage: str | None = None
    source_date: dt.date | None = None

    @property
    def is_habit(self) -> bool:
        """Added by you, not by a debrief (or its rejection was deleted)."""
        return self.rejection_id is None

    @property
    def source(self) -> str:
        """"from the Acme system design debrief" or "a habit you added"."""
        if self.rejection_id is None:
            return "a habit you added"
        stage = STAGE_LABELS[self.source_stage].lower() if self.source_stage else ""
        return f"from the {self.source_company} {stage} debrief".replace("  ", " ")

    def last_practised_text(self, today: dt.date) -> str:
        return describe_last(self.last_practised, today)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "text": self.text, "done": self.done, "sessions": self.sessions,
            "last_practised": self.last_practised.isoformat() if self.last_practised else None,
            "rejection_id": self.rejection_id, "source": self.source,
        }


def describe_last(last: dt.date | None, today: dt.date) -> str:
    """"not practised yet", "practised today", "last practised 3 days ago"."""
    if last is None:
        return "not practised yet"
    days = (today - last).days
    if days <= 0:
        return "practised today"
    if days == 1:
        return "practised yesterday"
    if days < 14:
        return f"last practised {days} days ago"
    if days < 60:
        return f"last practised {days // 7} weeks ago"
    return f"last practised on {last.isoformat()}"


class PracticeLog:
    """Habits, practice items and the sessions logged against them."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._items = RejectionService(store)

    # -- the list ----------------------------------------------------------------------------

    def add_habit(self, text: str) -> PracticeItemData:
        """A habit you want to practise (a practice item with no rejection behind it)."""
        return self._items.add_practice(text)

    def set_done(self, item_id: str, done: bool = True) -> PracticeItemData:
        """Done: it has become automatic, so it leaves the list (its sessions stay)."""
        return self._items.complete_practice(item_id, done)

    def remove(self, item_id: str) -> None:
        """Delete an item and its logged sessions."""
        self._items.delete_practice(item_id)

    def status(
        self,
        *,
        include_done: bool = False,
        stages: Sequence[str] = (),
        today: dt.date | None = None,
    ) -> list[PracticeStatus]:
        """Every item with its sessions, in the order to practise them next.

        Open items first. Among them: never practised before practised; an item from a
        debrief at one of ``stages`` (the interview's) before others; then the longest since
        last practised; then the oldest on the list.
        """
        sessions = (
            select(
                PracticeSession.practice_item_pk.label("item_pk"),
                func.count().label("n"),
                func.max(PracticeSession.date).label("last"),
            )
            .group_by(PracticeSession.practice_item_pk)
            .subquery()
        )
        query = (
            select(PracticeItem, Rejection.id, Rejection.company, Rejection.stage,
                   Rejection.date, sessions.c.n, sessions.c.last)
            .outerjoin(Rejection, Rejection.pk == PracticeItem.rejection_pk)
            .outerjoin(sessions, sessions.c.item_pk == PracticeItem.pk)
        )
        if not include_done:
            query = query.where(PracticeItem.done.is_(False))
        with self._store.read() as s:
            rows = s.execute(query).all()
        out = [
            PracticeStatus(
                id=item.id, text=item.text, done=bool(item.done),
                created_at=item.created_at.replace(tzinfo=dt.UTC),
                sessions=int(n or 0), last_practised=_as_date(last),
                rejection_id=rid, source_company=company or "", source_stage=stage,
                source_date=_as_date(rdate),
            )
            for item, rid, company, stage, rdate, n, last in rows
        ]
        wanted = set(stages)

        def order(p: PracticeStatus) -> tuple[bool, bool, bool, int, float]:
            last = p.last_practised.toordinal() if p.last_practised else 0
            return (p.done, p.last_practised is not None, p.source_stage not in wanted, last,
                    p.created_at.timestamp())

        return sorted(out, key=order)

    # -- sessions ----------------------------------------------------------------------------

    def log(self, item_id: str, date: dt.date | str | None = None, note: str = "",
            ) -> PracticeSessionData:
        """Record that you practised this item (today unless a date is given)."""
        when = parse_date(date, "the practice date") if date is not None else dt.date.today()
        if not isinstance(note, str):
            raise ValidationError("a practice note must be text")
        if len(note) > MAX_NOTE:
            raise ValidationError(f"a practice note can be at most {MAX_NOTE} characters")
        with self._store.write() as s:
            item = s.scalar(select(PracticeItem).where(PracticeItem.id == item_id))
            if item is None:
                raise NotFoundError(f"no practice item with id {item_id!r}")
            row = PracticeSession(
                id=str(uuid.uuid4()), practice_item_pk=item.pk, date=when, note=note.strip(),
                created_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
            )
            s.add(row)
            s.flush()
            return PracticeSessionData(row.id, item.id, item.text, when, row.note)

    def sessions(
        self, *, item_id: str | None = None, since: dt.date | None = None
    ) -> list[PracticeSessionData]:
        """Logged sessions, newest first."""
        query = select(PracticeSession, PracticeItem.id, PracticeItem.text).join(
            PracticeItem, PracticeItem.pk == PracticeSession.practice_item_pk
        )
        if item_id is not None:
            query = query.where(PracticeItem.id == item_id)
        if since is not None:
            query = query.where(PracticeSession.date >= since)
        query = query.order_by(PracticeSession.date.desc(), PracticeSession.pk.desc())
        with self._store.read() as s:
            return [
                PracticeSessionData(row.id, iid, text, row.date, row.note)
                for row, iid, text in s.execute(query)
            ]

    def delete_session(self, session_id: str) -> None:
        with self._store.write() as s:
            gone = s.execute(delete(PracticeSession).where(PracticeSession.id == session_id))
            if not getattr(gone, "rowcount", 1):
                raise NotFoundError(f"no practice session with id {session_id!r}")


def _as_date(value: object) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))
