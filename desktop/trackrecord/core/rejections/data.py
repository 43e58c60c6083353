"""What the rejection log hands out (frozen dataclasses) and how its input is checked.

The service in trackrecord.core.rejections.service uses these; the UI and CLI receive them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, fields
from types import MappingProxyType
from typing import Any

from trackrecord.core.errors import ValidationError
from trackrecord.core.rejections.categories import CATEGORY_LABELS, UNKNOWN, parse_category
from trackrecord.core.rejections.debrief import DEBRIEF_TOPICS, DebriefAnswer, parse_debrief
from trackrecord.core.rejections.reframe import CustomReframe
from trackrecord.core.rejections.stages import STAGE_LABELS, parse_stage
from trackrecord.core.store.input_rules import clean_block, clean_line, rating
from trackrecord.core.store.models import CustomReframe as CustomReframeRow
from trackrecord.core.store.models import DebriefAnswerRow, PracticeItem, Rejection

TEXT_FIELDS = ("company", "role", "level", "feedback", "own_read")
# Feedback is what a person pastes from an email or a call: a few thousand characters at
# most. Much more is almost always the wrong thing pasted, and would make every reading and
# every saved snapshot slow and large, so it is refused with a sentence that says why.
MAX_TEXT = 20_000
LONG_TEXT_NAMES = {"feedback": "the feedback", "own_read": "your own read"}
EDITABLE = frozenset({
    *TEXT_FIELDS, "stage", "date", "category", "suggested_category", "category_trigger",
    "category_confirmed", "sting_before", "sting_after", "debrief", "snapshot",
})


@dataclass(frozen=True)
class RejectionData:
    """A whole rejection, detached from the database. ``snapshot`` is read-only."""

    id: str
    company: str
    stage: str
    date: dt.date
    role: str = ""
    level: str = ""
    feedback: str = ""
    own_read: str = ""
    category: str = UNKNOWN
    suggested_category: str | None = None
    category_trigger: str | None = None
    category_confirmed: bool = False
    sting_before: int | None = None
    sting_after: int | None = None
    debrief: tuple[DebriefAnswer, ...] = ()
    snapshot: Mapping[str, Any] | None = None  # what was shown when it was logged
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None

    @property
    def stage_label(self) -> str:
        return STAGE_LABELS[self.stage]

    @property
    def category_label(self) -> str:
        return CATEGORY_LABELS[self.category]

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, dt.date):  # datetimes too
                value = value.isoformat()
            elif f.name == "debrief":
                value = [{"topic": a.topic, "answer": a.answer, "note": a.note} for a in value]
            elif f.name == "snapshot" and value is not None:
                value = plain(value)
            out[f.name] = value
        return out


@dataclass(frozen=True)
class RejectionSummary:
    """What a list row needs."""

    id: str
    company: str
    role: str
    stage: str
    category: str
    date: dt.date
    sting_before: int | None
    sting_after: int | None


@dataclass(frozen=True)
class PracticeItemData:
    id: str
    text: str
    rejection_id: str | None
    done: bool
    done_at: dt.datetime | None
    created_at: dt.datetime

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "text": self.text, "rejection_id": self.rejection_id,
            "done": self.done, "done_at": self.done_at.isoformat() if self.done_at else None,
            "created_at": self.created_at.isoformat(),
        }


def validate(values: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(values) - EDITABLE
    if unknown:
        raise ValidationError(f"unknown field: {sorted(unknown)[0]}")
    clean: dict[str, Any] = {}
    for name, value in values.items():
        if name in TEXT_FIELDS:
            if not isinstance(value, str):
                raise ValidationError(f"{name.replace('_', ' ')} must be text")
            if name in LONG_TEXT_NAMES and len(value) > MAX_TEXT:
                raise ValidationError(too_long(name, len(value)))
            what = f"the {name.replace('_', ' ')}"
            if name in ("company", "role", "level"):
                clean[name] = clean_line(value, what).strip()
            else:
                clean[name] = clean_block(value, what)
        elif name == "stage":
            clean[name] = parse_stage(value)
        elif name == "suggested_category":
            clean[name] = parse_category(value) if value else None
        elif name == "category_trigger":
            clean[name] = clean_line(str(value), "the category trigger") if value else None
        elif name in ("sting_before", "sting_after"):
            clean[name] = _sting(value, name)
        elif name == "debrief":
            clean[name] = parse_debrief(value)
        elif name == "snapshot":
            clean[name] = _snapshot(value)
    if "company" in clean and not clean["company"]:
        raise ValidationError("the company cannot be empty")
    return clean


def too_long(name: str, length: int) -> str:
    return (f"{LONG_TEXT_NAMES[name]} is {length:,} characters long, more than feedback ever "
            f"is (at most {MAX_TEXT:,}); keep the part that says why, and it will be saved")


def _sting(value: object, name: str) -> int | None:
    what = "how much it stings before the reframe" if name == "sting_before" else (
        "how much it stings after the reframe")
    return rating(value, what)


def _snapshot(value: object) -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise ValidationError("the snapshot must be a mapping (the analysis as JSON)")
    try:
        plain: dict[str, Any] = json.loads(json.dumps(value))
    except (TypeError, ValueError) as exc:
        raise ValidationError(f"the snapshot cannot be stored as JSON: {exc}") from None
    return plain


def check_bool(value: object) -> bool:
    if not isinstance(value, bool):
        raise ValidationError(f"expected true or false, not {value!r}")
    return value


def required_text(value: object, what: str) -> str:
    if not isinstance(value, str) or not clean_block(value, what).strip():
        raise ValidationError(f"{what} cannot be empty")
    return clean_block(value, what).strip()


def reframe_values(
    *, headline: object, body: object, category: object, stage: object
) -> dict[str, Any]:
    if not isinstance(headline, str) or not isinstance(body, str):
        raise ValidationError("a reframe's headline and body must be text")
    headline, body = clean_line(headline, "the headline"), clean_block(body, "the reframe")
    if not headline.strip() and not body.strip():
        raise ValidationError("a reframe needs a headline or a body")
    return {
        "headline": headline.strip(),
        "body": body.strip(),
        "category": parse_category(category) if category else None,
        "stage": parse_stage(stage) if stage else None,
    }


def apply_changes(row: Rejection, clean: Mapping[str, Any]) -> None:
    for name, value in clean.items():
        if name == "debrief":
            # In place, topic by topic: replacing the rows would insert before deleting and
            # trip the (rejection, topic) primary key.
            existing = {d.topic: d for d in row.debrief}
            wanted = {a.topic: a for a in value}
            for topic, old in existing.items():
                if topic not in wanted:
                    row.debrief.remove(old)
            for topic, answer in wanted.items():
                if topic in existing:
                    existing[topic].answer, existing[topic].note = answer.answer, answer.note
                else:
                    row.debrief.append(
                        DebriefAnswerRow(topic=topic, answer=answer.answer, note=answer.note)
                    )
        elif name == "snapshot":
            row.snapshot_json = value
        else:
            setattr(row, name, value)


def to_data(row: Rejection) -> RejectionData:
    snapshot = row.snapshot_json
    return RejectionData(
        id=row.id, company=row.company, role=row.role, level=row.level, stage=row.stage,
        date=row.date, feedback=row.feedback, own_read=row.own_read, category=row.category,
        suggested_category=row.suggested_category, category_trigger=row.category_trigger,
        category_confirmed=bool(row.category_confirmed), sting_before=row.sting_before,
        sting_after=row.sting_after,
        debrief=tuple(
            DebriefAnswer(d.topic, d.answer, d.note)
            for d in sorted(row.debrief, key=lambda d: DEBRIEF_TOPICS.index(d.topic))
        ),
        snapshot=_frozen(snapshot) if snapshot is not None else None,
        created_at=row.created_at.replace(tzinfo=dt.UTC),
        updated_at=row.updated_at.replace(tzinfo=dt.UTC),
    )


def _frozen(value: Any) -> Any:
    if isinstance(value, Mapping):
        return MappingProxyType({k: _frozen(v) for k, v in value.items()})
    if isinstance(value, list | tuple):
        return tuple(_frozen(v) for v in value)
    return value


def plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def practice_data(item: PracticeItem, rejection_id: str | None) -> PracticeItemData:
    return PracticeItemData(
        id=item.id, text=item.text, rejection_id=rejection_id, done=bool(item.done),
        done_at=item.done_at.replace(tzinfo=dt.UTC) if item.done_at else None,
        created_at=item.created_at.replace(tzinfo=dt.UTC),
    )


def reframe_data(row: CustomReframeRow) -> CustomReframe:
    return CustomReframe(
        id=row.id, headline=row.headline, body=row.body, category=row.category, stage=row.stage,
        created_at=row.created_at.replace(tzinfo=dt.UTC),
        updated_at=row.updated_at.replace(tzinfo=dt.UTC),
    )
