"""The thought record after a rejection: the automatic thought, the emotions and how strong
they are before and after, the thinking traps, evidence for and against, and a balanced
thought the person writes (the CBT thought record, optional and private).

One thought record per rejection, saved as the person types (``ThoughtService.save`` makes
it the first time). Callers get frozen dataclasses; nothing is written unless every value is
valid (ValidationError names the first problem). The app prefills the two evidence columns
(from the feedback, and from the evidence shown for the rejection) but never writes the
balanced thought.
"""

from __future__ import annotations

import builtins
import datetime as dt
import functools
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from trackrecord.core.errors import NotFoundError, StorageError, ValidationError
from trackrecord.core.matching.cards import Evidence
from trackrecord.core.matching.vocabulary import load_toml
from trackrecord.core.rejections.traps import trap_keys, trap_registry
from trackrecord.core.review.content import clip, sentences
from trackrecord.core.store.db import Store
from trackrecord.core.store.input_rules import clean_block, clean_line, rating
from trackrecord.core.store.models import Rejection, ThoughtEmotion, ThoughtRecord, utc_naive

TEXT_FIELDS = ("thought", "evidence_for", "evidence_against", "balanced")
EDITABLE = frozenset({*TEXT_FIELDS, "emotions", "traps"})
MAX_EMOTIONS = 12
MAX_NAME = 60
PREFILL_SENTENCES = 6
PREFILL_IMPACT = 160


@dataclass(frozen=True)
class Emotion:
    """An emotion named in the person's words, rated 0-100 (None: not rated yet)."""

    name: str
    before: int | None = None
    after: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "before": self.before, "after": self.after}


@dataclass(frozen=True)
class ThoughtRecordData:
    id: str
    rejection_id: str
    thought: str = ""
    emotions: tuple[Emotion, ...] = ()
    traps: tuple[str, ...] = ()  # keys from resources/thoughts/traps.toml, in its order
    evidence_for: str = ""
    evidence_against: str = ""
    balanced: str = ""
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None

    @property
    def trap_labels(self) -> tuple[str, ...]:
        registry = trap_registry()
        return tuple(registry[t].label for t in self.traps if t in registry)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "rejection_id": self.rejection_id, "thought": self.thought,
            "emotions": [e.to_json() for e in self.emotions], "traps": list(self.traps),
            "evidence_for": self.evidence_for, "evidence_against": self.evidence_against,
            "balanced": self.balanced,
            "created_at": self.created_at.isoformat() if self.created_at else None,
            "updated_at": self.updated_at.isoformat() if self.updated_at else None,
        }


# -- checking what is given ----------------------------------------------------------------------


def parse_emotions(value: object) -> tuple[Emotion, ...]:
    """Emotions as ``Emotion``s or mappings with a name and optional before/after ratings."""
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise ValidationError("the emotions must be a list")
    out: list[Emotion] = []
    seen: set[str] = set()
    for item in value:
        if isinstance(item, Emotion):
            raw: Mapping[str, Any] = item.to_json()
        elif isinstance(item, Mapping):
            unknown = set(item) - {"name", "before", "after"}
            if unknown:
                raise ValidationError(f"unknown emotion field: {sorted(unknown)[0]}")
            raw = item
        else:
            raise ValidationError(f"an emotion must have a name and ratings, not {item!r}")
        name = raw.get("name")
        if not isinstance(name, str) or not " ".join(clean_line(name, "an emotion").split()):
            raise ValidationError("an emotion needs a name")
        name = " ".join(clean_line(name, "an emotion").split())
        if len(name) > MAX_NAME:
            raise ValidationError(f"an emotion's name is at most {MAX_NAME} characters")
        if name.casefold() in seen:
            raise ValidationError(f"the emotion {name!r} is named twice")
        seen.add(name.casefold())
        out.append(Emotion(
            name,
            rating(raw.get("before"), f"how strongly you felt {name}"),
            rating(raw.get("after"), f"how strongly you feel {name} now"),
        ))
    if len(out) > MAX_EMOTIONS:
        raise ValidationError(f"a thought record holds at most {MAX_EMOTIONS} emotions")
    return tuple(out)


def parse_traps(value: object) -> tuple[str, ...]:
    """Trap keys (or labels, in any case), each once, in the order the traps are listed."""
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise ValidationError("the thinking traps must be a list")
    registry = trap_registry()
    chosen = {registry.parse(v) for v in value}
    return tuple(k for k in registry.keys if k in chosen)


def validate(values: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(values) - EDITABLE
    if unknown:
        raise ValidationError(f"unknown field: {sorted(unknown)[0]}")
    clean: dict[str, Any] = {}
    for name, value in values.items():
        if name in TEXT_FIELDS:
            if not isinstance(value, str):
                raise ValidationError(f"the {name.replace('_', ' ')} must be text")
            clean[name] = clean_block(value, f"the {name.replace('_', ' ')}")
        elif name == "emotions":
            clean[name] = parse_emotions(value)
        else:
            clean[name] = parse_traps(value)
    return clean


# -- the store ---------------------------------------------------------------------------------


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.replace(tzinfo=dt.UTC)


def to_data(row: ThoughtRecord, rejection_id: str) -> ThoughtRecordData:
    known = set(trap_keys())
    return ThoughtRecordData(
        id=row.id, rejection_id=rejection_id, thought=row.thought,
        emotions=tuple(Emotion(e.name, e.before, e.after)
                       for e in sorted(row.emotions, key=lambda e: e.position)),
        traps=tuple(t for t in trap_keys() if t in set(row.traps or ()) & known),
        evidence_for=row.evidence_for, evidence_against=row.evidence_against,
        balanced=row.balanced, created_at=_utc(row.created_at), updated_at=_utc(row.updated_at),
    )


def apply(row: ThoughtRecord, clean: Mapping[str, Any]) -> None:
    """Write checked values into a row (the service and the backup's restore share it)."""
    for name, value in clean.items():
        if name == "emotions":
            # In place, position by position: re-adding a row would trip the primary key.
            existing = {e.position: e for e in row.emotions}
            for position, old in existing.items():
                if position >= len(value):
                    row.emotions.remove(old)
            for position, emotion in enumerate(value):
                target = existing.get(position)
                if target is None:
                    row.emotions.append(ThoughtEmotion(position=position, name=emotion.name,
                                                       before=emotion.before,
                                                       after=emotion.after))
                else:
                    target.name, target.before = emotion.name, emotion.before
                    target.after = emotion.after
        elif name == "traps":
            row.traps = list(value)
        else:
            setattr(row, name, value)


class ThoughtService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def get(self, rejection_id: str) -> ThoughtRecordData | None:
        """The rejection's thought record, or None when none was started."""
        with self._store.read() as s:
            owner = _rejection(s, rejection_id)
            row = s.scalar(select(ThoughtRecord).where(ThoughtRecord.rejection_pk == owner.pk))
            return to_data(row, rejection_id) if row is not None else None

    def save(self, rejection_id: str, **changes: Any) -> ThoughtRecordData:
        """Change some parts (the first call makes the record); the timestamp moves only
        when something really changed."""
        clean = validate(changes)
        with _refused(), self._store.write() as s:
            owner = _rejection(s, rejection_id)
            row = s.scalar(select(ThoughtRecord).where(ThoughtRecord.rejection_pk == owner.pk))
            if row is None:
                now = utc_naive()
                row = ThoughtRecord(id=str(uuid.uuid4()), rejection_pk=owner.pk, thought="",
                                    traps=[], evidence_for="", evidence_against="",
                                    balanced="", created_at=now, updated_at=now)
                apply(row, clean)
                s.add(row)
                s.flush()
                return to_data(row, rejection_id)
            current = to_data(row, rejection_id)
            changed = {k: v for k, v in clean.items() if getattr(current, k) != v}
            if changed:
                apply(row, changed)
                row.updated_at = utc_naive()
                s.flush()
            return to_data(row, rejection_id)

    def delete(self, rejection_id: str) -> bool:
        """Remove the rejection's thought record; False when it had none."""
        with self._store.write() as s:
            owner = _rejection(s, rejection_id)
            row = s.scalar(select(ThoughtRecord).where(ThoughtRecord.rejection_pk == owner.pk))
            if row is None:
                return False
            s.delete(row)
            return True

    def all(self) -> builtins.list[ThoughtRecordData]:
        """Every thought record, in the order of their rejections' dates."""
        query = (select(ThoughtRecord, Rejection.id)
                 .join(Rejection, Rejection.pk == ThoughtRecord.rejection_pk)
                 .order_by(Rejection.date, Rejection.pk))
        with self._store.read() as s:
            return [to_data(row, rid) for row, rid in s.execute(query)]


def _rejection(s: Session, rejection_id: str) -> Rejection:
    row = s.scalar(select(Rejection).where(Rejection.id == rejection_id))
    if row is None:
        raise NotFoundError(f"no rejection with id {rejection_id!r}")
    return row


@contextmanager
def _refused() -> Iterator[None]:
    """As the rejection service does: the window keeps the edit pending and tries again."""
    try:
        yield
    except SQLAlchemyError as exc:
        raise StorageError(f"the database refused the change ({type(exc).__name__})") from exc


# -- the words, and what is prefilled ------------------------------------------------------------


@functools.cache
def _record() -> dict[str, Any]:
    return load_toml("thoughts", "record.toml")


def thought_words(section: str, key: str) -> str:
    """One of the thought record's sentences (resources/thoughts/record.toml)."""
    return str(_record()[section][key])


def emotion_choices() -> tuple[str, ...]:
    """The short list of emotions offered (the person can type their own)."""
    return tuple(str(e) for e in _record()["emotions"])


def evidence_for_prefill(feedback: str) -> str:
    """What they said, a sentence a line: where evidence for the thought starts from."""
    line = thought_words("prefill", "feedback_line")
    said = sentences(feedback)[:PREFILL_SENTENCES]
    return "\n".join(f"- {line.format(sentence=s)}" for s in said)


def evidence_against_prefill(evidence: Sequence[Evidence]) -> str:
    """The person's own evidence shown for this rejection, an entry a line."""
    out = []
    for e in evidence:
        impact = clip(e.impact or e.summary or e.metrics, PREFILL_IMPACT)
        key = "evidence_line" if impact else "evidence_line_bare"
        out.append("- " + thought_words("prefill", key).format(
            title=e.title, year=e.start_date.year, impact=impact))
    return "\n".join(out)
