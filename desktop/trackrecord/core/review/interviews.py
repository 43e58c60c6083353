"""Upcoming interviews: what the review deck is built for, saved so it can be reopened.

One unit of work per call; callers get frozen dataclasses. Nothing is written unless every
value is valid (ValidationError names the first problem).
"""

from __future__ import annotations

import builtins
import contextlib
import datetime as dt
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from trackrecord.core.errors import NotFoundError, ValidationError
from trackrecord.core.record.validation import parse_date
from trackrecord.core.rejections.stages import STAGE_LABELS, parse_stage
from trackrecord.core.review.content import energy_ids
from trackrecord.core.store.db import Store
from trackrecord.core.store.input_rules import clean_block, clean_line
from trackrecord.core.store.models import InterviewStage, UpcomingInterview, utc_naive

EDITABLE = frozenset({"company", "role", "date", "stages", "notes", "energy_ticks"})
# Stages the interview form offers: the ones you prepare for (not "application" or "offer").
PREPARABLE_STAGES: tuple[str, ...] = (
    "recruiter", "phone-screen", "take-home", "coding", "system-design", "behavioral",
    "hiring-manager", "onsite", "team-match",
)


@dataclass(frozen=True)
class InterviewData:
    """An upcoming (or past) interview, detached from the database."""

    id: str
    stages: tuple[str, ...]
    company: str = ""
    role: str = ""
    date: dt.date | None = None
    notes: str = ""
    energy_ticks: tuple[str, ...] = ()
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None

    @property
    def stage_labels(self) -> tuple[str, ...]:
        return tuple(STAGE_LABELS[s] for s in self.stages)

    @property
    def title(self) -> str:
        """"System design + Behavioural interview at Acme" — how the deck names it."""
        what = " + ".join(_short_label(s) for s in self.stages) or "Interview"
        who = " at ".join(v for v in (self.role, self.company) if v)
        return f"{what}{f' · {who}' if who else ''}"

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "company": self.company, "role": self.role,
            "date": self.date.isoformat() if self.date else None,
            "stages": list(self.stages), "notes": self.notes,
            "energy_ticks": list(self.energy_ticks),
        }


def _short_label(stage: str) -> str:
    return "Behavioural" if stage == "behavioral" else STAGE_LABELS[stage]


# Spellings people type that the stage vocabulary does not know ("behavioural", "design").
STAGE_ALIASES: dict[str, str] = {
    "behavioural": "behavioral", "behaviour": "behavioral", "behavior": "behavioral",
    "design": "system-design", "sd": "system-design", "hm": "hiring-manager",
    "phone": "phone-screen", "screen": "phone-screen", "takehome": "take-home",
}


def _stage(value: object) -> str:
    if isinstance(value, str):
        key = "-".join(value.strip().casefold().replace("_", " ").split())
        for said in (key, key.removesuffix("-interview").removesuffix("-round")):
            with contextlib.suppress(ValidationError):
                return parse_stage(STAGE_ALIASES.get(said, said))
    return parse_stage(value)  # the vocabulary's own message, naming every stage


def parse_stages(values: Iterable[object]) -> tuple[str, ...]:
    """Stage ids from ids or labels, in the order given, without repeats; at least one."""
    if isinstance(values, str):
        values = [values]
    out = tuple(dict.fromkeys(_stage(v) for v in values))
    if not out:
        raise ValidationError("choose at least one stage for the interview")
    return out


def validate(values: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(values) - EDITABLE
    if unknown:
        raise ValidationError(f"unknown field: {sorted(unknown)[0]}")
    clean: dict[str, Any] = {}
    for name, value in values.items():
        if name in ("company", "role", "notes"):
            if not isinstance(value, str):
                raise ValidationError(f"the {name} must be text")
            what = f"the interview's {name}"
            clean[name] = (clean_block(value, what) if name == "notes"
                           else " ".join(clean_line(value, what).split()))
        elif name == "date":
            blank = value is None or (isinstance(value, str) and not value.strip())
            clean[name] = None if blank else parse_date(value, "the interview date")
        elif name == "stages":
            clean[name] = parse_stages(value)
        elif name == "energy_ticks":
            ticks = tuple(dict.fromkeys(str(v) for v in value))
            unknown_ticks = [t for t in ticks if t not in energy_ids()]
            if unknown_ticks:
                raise ValidationError(f"unknown checklist item {unknown_ticks[0]!r}")
            clean[name] = ticks
    return clean


def _to_data(row: UpcomingInterview) -> InterviewData:
    return InterviewData(
        id=row.id, company=row.company, role=row.role, date=row.date, notes=row.notes,
        stages=tuple(s.stage for s in sorted(row.stages, key=lambda s: s.position)),
        energy_ticks=tuple(t for t in (row.energy_ticks or ()) if t in energy_ids()),
        created_at=row.created_at.replace(tzinfo=dt.UTC),
        updated_at=row.updated_at.replace(tzinfo=dt.UTC),
    )


def _apply(row: UpcomingInterview, clean: Mapping[str, Any]) -> None:
    for name, value in clean.items():
        if name == "stages":
            # In place: replacing the rows would insert before deleting and trip the key.
            existing = {s.stage: s for s in row.stages}
            for stage, old in existing.items():
                if stage not in value:
                    row.stages.remove(old)
            for position, stage in enumerate(value):
                if stage in existing:
                    existing[stage].position = position
                else:
                    row.stages.append(InterviewStage(stage=stage, position=position))
        elif name == "energy_ticks":
            row.energy_ticks = list(value)
        else:
            setattr(row, name, value)


class UpcomingInterviewService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def create(self, stages: Iterable[object], **values: Any) -> InterviewData:
        clean = validate({"stages": stages, **values})
        now = utc_naive()
        with self._store.write() as s:
            row = UpcomingInterview(id=str(uuid.uuid4()), company="", role="", notes="",
                                    energy_ticks=[], created_at=now, updated_at=now)
            _apply(row, clean)
            s.add(row)
            s.flush()
            return _to_data(row)

    def update(self, interview_id: str, **changes: Any) -> InterviewData:
        """Change some fields; the timestamp moves only if a value really changed."""
        clean = validate(changes)
        with self._store.write() as s:
            row = self._load(s, interview_id)
            current = _to_data(row)
            changed = {k: v for k, v in clean.items() if getattr(current, k) != v}
            if changed:
                _apply(row, changed)
                row.updated_at = utc_naive()
                s.flush()
            return _to_data(row)

    def set_tick(self, interview_id: str, item_id: str, ticked: bool = True) -> InterviewData:
        """Tick (or untick) one energy-checklist item for this interview."""
        if item_id not in energy_ids():
            raise ValidationError(f"unknown checklist item {item_id!r}")
        with self._store.write() as s:
            row = self._load(s, interview_id)
            ticks = [t for t in (row.energy_ticks or []) if t != item_id]
            if ticked:
                ticks.append(item_id)
            if set(ticks) != set(row.energy_ticks or []):
                row.energy_ticks = ticks
                row.updated_at = utc_naive()
            return _to_data(row)

    def get(self, interview_id: str) -> InterviewData:
        with self._store.read() as s:
            return _to_data(self._load(s, interview_id))

    def list(self, *, today: dt.date | None = None) -> builtins.list[InterviewData]:
        """Coming ones first (soonest first), then undated, then past ones (latest first)."""
        today = today or dt.date.today()
        with self._store.read() as s:
            rows = [_to_data(r) for r in s.scalars(select(UpcomingInterview))]

        def order(i: InterviewData) -> tuple[int, int, float]:
            stamp = i.updated_at.timestamp() if i.updated_at else 0.0
            if i.date is None:
                return (1, 0, -stamp)
            if i.date >= today:
                return (0, i.date.toordinal(), -stamp)
            return (2, -i.date.toordinal(), -stamp)

        return sorted(rows, key=order)

    def next_up(self, *, today: dt.date | None = None) -> InterviewData | None:
        """The interview to open the review on: the soonest coming one, else the newest."""
        listed = self.list(today=today)
        return listed[0] if listed else None

    def delete(self, interview_id: str) -> InterviewData:
        with self._store.write() as s:
            row = self._load(s, interview_id)
            gone = _to_data(row)
            s.delete(row)
            return gone

    def resolve_id(self, prefix: str) -> str:
        """A full id or a unique prefix of at least 4 characters (for the CLI)."""
        prefix = prefix.strip().lower()
        if len(prefix) < 4:
            raise NotFoundError(f"no interview with id {prefix!r} (give at least 4 characters)")
        with self._store.read() as s:
            ids = s.scalars(
                select(UpcomingInterview.id)
                .where(UpcomingInterview.id.startswith(prefix, autoescape=True)).limit(2)
            ).all()
        if not ids:
            raise NotFoundError(f"no interview with id {prefix!r}")
        if len(ids) > 1:
            raise NotFoundError(f"more than one interview starts with {prefix!r}")
        return ids[0]

    @staticmethod
    def _load(s: Session, interview_id: str) -> UpcomingInterview:
        row = s.scalar(select(UpcomingInterview).where(UpcomingInterview.id == interview_id))
        if row is None:
            raise NotFoundError(f"no interview with id {interview_id!r}")
        return row
