"""The rejection log service: rejections, their debriefs, practice items and custom reframes.

Every change goes through here, so the GUI and the CLI share one implementation. Each call is
one unit of work; callers get frozen dataclasses, never live ORM objects. Nothing is written
unless every value is valid (ValidationError names the first problem).
"""

from __future__ import annotations

import builtins
import datetime as dt
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import delete, or_, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from trackrecord.core.errors import NotFoundError, StorageError, ValidationError
from trackrecord.core.record.validation import parse_date
from trackrecord.core.rejections.categories import parse_category
from trackrecord.core.rejections.categorise import suggest_category
from trackrecord.core.rejections.data import (
    PracticeItemData,
    RejectionData,
    RejectionSummary,
    apply_changes,
    check_bool,
    plain,
    practice_data,
    reframe_data,
    reframe_values,
    required_text,
    to_data,
    validate,
)
from trackrecord.core.rejections.reframe import CustomReframe
from trackrecord.core.rejections.stages import parse_stage
from trackrecord.core.store.db import Store
from trackrecord.core.store.models import CustomReframe as CustomReframeRow
from trackrecord.core.store.models import PracticeItem, Rejection, utc_naive

# The dataclasses live in rejection_data; callers may take them from here with the service.
__all__ = ["PracticeItemData", "RejectionData", "RejectionService", "RejectionSummary"]


class RejectionService:
    def __init__(self, store: Store) -> None:
        self._store = store

    # -- rejections ------------------------------------------------------------------------

    def create(
        self,
        company: str,
        stage: str,
        *,
        date: dt.date | str | None = None,
        category: str | None = None,
        category_confirmed: bool | None = None,
        **values: Any,
    ) -> RejectionData:
        """Log a rejection. Without a category, the suggestion from the feedback is used (and
        left unconfirmed); a category given here counts as confirmed unless said otherwise."""
        clean = validate({"company": company, "stage": stage, **values})
        clean["date"] = parse_date(date, "the date") if date is not None else dt.date.today()
        suggestion = suggest_category(
            clean.get("feedback", ""), clean["stage"], clean.get("own_read", "")
        )
        clean.setdefault("suggested_category", suggestion.category)
        clean.setdefault("category_trigger", suggestion.trigger)
        clean["category"] = parse_category(category) if category else suggestion.category
        clean["category_confirmed"] = (
            bool(category) if category_confirmed is None else check_bool(category_confirmed)
        )
        now = utc_naive()
        with _refused(), self._store.write() as s:
            row = Rejection(id=str(uuid.uuid4()), created_at=now, updated_at=now)
            apply_changes(row, clean)
            s.add(row)
            s.flush()
            return to_data(row)

    def update(self, rejection_id: str, **changes: Any) -> RejectionData:
        """Change some fields; the timestamp moves only if a value really changed."""
        clean = validate(changes)
        if "date" in changes:
            clean["date"] = parse_date(changes["date"], "the date")
        if "category" in changes:
            clean["category"] = parse_category(changes["category"])
        if "category_confirmed" in changes:
            clean["category_confirmed"] = check_bool(changes["category_confirmed"])
        with _refused(), self._store.write() as s:
            row = self._load(s, rejection_id)
            current = to_data(row)
            changed = {k: v for k, v in clean.items() if plain(getattr(current, k)) != plain(v)}
            if changed:
                apply_changes(row, changed)
                row.updated_at = utc_naive()
                s.flush()
            return to_data(row)

    def get(self, rejection_id: str) -> RejectionData:
        with self._store.read() as s:
            return to_data(self._load(s, rejection_id))

    def resolve_id(self, prefix: str) -> str:
        """A full id or a unique prefix of at least 4 characters (for the CLI)."""
        return _resolve(self._store, Rejection, prefix, "rejection")

    def list(
        self, *, category: str | None = None, stage: str | None = None, search: str = ""
    ) -> list[RejectionSummary]:
        """Newest first."""
        query = select(
            Rejection.id, Rejection.company, Rejection.role, Rejection.stage, Rejection.category,
            Rejection.date, Rejection.sting_before, Rejection.sting_after,
        )
        if category:
            query = query.where(Rejection.category == parse_category(category))
        if stage:
            query = query.where(Rejection.stage == parse_stage(stage))
        if search.strip():
            like = f"%{search.strip()}%"
            query = query.where(or_(Rejection.company.ilike(like), Rejection.role.ilike(like)))
        query = query.order_by(Rejection.date.desc(), Rejection.pk.desc())
        with self._store.read() as s:
            return [RejectionSummary(*row) for row in s.execute(query)]

    def delete(self, rejection_id: str) -> RejectionData:
        """Delete a rejection and its debrief; its practice items stay, unlinked."""
        with self._store.write() as s:
            row = self._load(s, rejection_id)
            gone = to_data(row)
            s.delete(row)
            return gone

    # -- practice items ----------------------------------------------------------------------

    def add_practice(self, text: str, rejection_id: str | None = None) -> PracticeItemData:
        text = required_text(text, "a practice item")
        with self._store.write() as s:
            source = self._load(s, rejection_id) if rejection_id else None
            item = PracticeItem(
                id=str(uuid.uuid4()), text=text, rejection_pk=source.pk if source else None,
                done=False, created_at=utc_naive(),
            )
            s.add(item)
            s.flush()
            return practice_data(item, rejection_id)

    def practice_items(
        self, *, include_done: bool = True, rejection_id: str | None = None
    ) -> builtins.list[PracticeItemData]:
        """Open items first, each group in the order it was added (a to-do list)."""
        query = select(PracticeItem, Rejection.id).outerjoin(
            Rejection, Rejection.pk == PracticeItem.rejection_pk
        )
        if not include_done:
            query = query.where(PracticeItem.done.is_(False))
        if rejection_id:
            query = query.where(Rejection.id == rejection_id)
        query = query.order_by(PracticeItem.done, PracticeItem.created_at, PracticeItem.pk)
        with self._store.read() as s:
            return [practice_data(item, rid) for item, rid in s.execute(query)]

    def complete_practice(self, item_id: str, done: bool = True) -> PracticeItemData:
        with self._store.write() as s:
            item = s.scalar(select(PracticeItem).where(PracticeItem.id == item_id))
            if item is None:
                raise NotFoundError(f"no practice item with id {item_id!r}")
            if item.done != done:
                item.done = done
                item.done_at = utc_naive() if done else None
            source = s.scalar(select(Rejection.id).where(Rejection.pk == item.rejection_pk))
            return practice_data(item, source)

    def delete_practice(self, item_id: str) -> None:
        with self._store.write() as s:
            gone = s.execute(delete(PracticeItem).where(PracticeItem.id == item_id))
            if not getattr(gone, "rowcount", 1):
                raise NotFoundError(f"no practice item with id {item_id!r}")

    # -- custom reframes ---------------------------------------------------------------------

    def add_reframe(
        self, headline: str, body: str, *, category: str | None = None, stage: str | None = None
    ) -> CustomReframe:
        clean = reframe_values(headline=headline, body=body, category=category, stage=stage)
        now = utc_naive()
        with self._store.write() as s:
            row = CustomReframeRow(id=str(uuid.uuid4()), created_at=now, updated_at=now, **clean)
            s.add(row)
            s.flush()
            return reframe_data(row)

    def update_reframe(self, reframe_id: str, **changes: Any) -> CustomReframe:
        unknown = set(changes) - {"headline", "body", "category", "stage"}
        if unknown:
            raise ValidationError(f"unknown field: {sorted(unknown)[0]}")
        with self._store.write() as s:
            row = self._load_reframe(s, reframe_id)
            current = {k: getattr(row, k) for k in ("headline", "body", "category", "stage")}
            clean = reframe_values(**{**current, **changes})
            if clean != current:
                for name, value in clean.items():
                    setattr(row, name, value)
                row.updated_at = utc_naive()
            return reframe_data(row)

    def reframes(
        self, *, category: str | None = None, stage: str | None = None
    ) -> builtins.list[CustomReframe]:
        """Every custom reframe, or (given a category and/or stage) the ones that apply."""
        query = select(CustomReframeRow).order_by(CustomReframeRow.created_at,
                                                  CustomReframeRow.pk)
        if category:
            c = parse_category(category)
            query = query.where(or_(CustomReframeRow.category.is_(None),
                                    CustomReframeRow.category == c))
        if stage:
            st = parse_stage(stage)
            query = query.where(or_(CustomReframeRow.stage.is_(None),
                                    CustomReframeRow.stage == st))
        with self._store.read() as s:
            return [reframe_data(r) for r in s.scalars(query)]

    def delete_reframe(self, reframe_id: str) -> CustomReframe:
        with self._store.write() as s:
            row = self._load_reframe(s, reframe_id)
            gone = reframe_data(row)
            s.delete(row)
            return gone

    # -- helpers -----------------------------------------------------------------------------

    @staticmethod
    def _load(s: Session, rejection_id: str) -> Rejection:
        row = s.scalar(select(Rejection).where(Rejection.id == rejection_id))
        if row is None:
            raise NotFoundError(f"no rejection with id {rejection_id!r}")
        return row

    @staticmethod
    def _load_reframe(s: Session, reframe_id: str) -> CustomReframeRow:
        row = s.scalar(select(CustomReframeRow).where(CustomReframeRow.id == reframe_id))
        if row is None:
            raise NotFoundError(f"no custom reframe with id {reframe_id!r}")
        return row


@contextmanager
def _refused() -> Iterator[None]:
    """The store turns SQLite's refusals into StorageError; anything else SQLAlchemy raises
    while writing a rejection is one too, so the window (which never imports SQLAlchemy)
    keeps the edit pending and tries again instead of failing in a slot."""
    try:
        yield
    except SQLAlchemyError as exc:
        raise StorageError(
            f"the database refused the change ({type(exc).__name__})"
        ) from exc


def _resolve(store: Store, model: type[Rejection], prefix: str, what: str) -> str:
    prefix = prefix.strip().lower()
    if len(prefix) < 4:
        raise NotFoundError(f"no {what} with id {prefix!r} (give at least 4 characters)")
    with store.read() as s:
        ids = s.scalars(
            select(model.id).where(model.id.startswith(prefix, autoescape=True)).limit(2)
        ).all()
    if not ids:
        raise NotFoundError(f"no {what} with id {prefix!r}")
    if len(ids) > 1:
        raise NotFoundError(f"more than one {what} starts with {prefix!r}; give more of the id")
    return ids[0]
