"""What the rejection log gives the review deck: reframes worth rereading, and the pattern in
the debriefs.

A saved rejection keeps the reframe that was shown when it was logged (its snapshot); the deck
brings back the ones nearest this interview: the same stage first, then the ones that helped
most (the sting fell the most), then the recent ones. A reframe you wrote yourself for one of
the interview's stages comes first of all: your own words carry furthest.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from trackrecord.core.rejections.debrief import DEBRIEF_LABELS
from trackrecord.core.rejections.stages import STAGE_LABELS
from trackrecord.core.review.content import clip
from trackrecord.core.store.db import Store
from trackrecord.core.store.models import CustomReframe as CustomReframeRow
from trackrecord.core.store.models import DebriefAnswerRow, Rejection

MAX_SAVED = 2
MAX_OWN = 1
EXCERPT_WIDTH = 320
RECENT_DAYS = 730.0
LOOKED_AT = 200  # the newest rejections with a snapshot that are weighed
PATTERN_MIN = 2  # a debrief topic is a pattern once it has come up this often
PATTERN_TOPICS = 2


@dataclass(frozen=True)
class ReframeItem:
    headline: str
    excerpt: str
    own: bool = False  # written by the person, not composed by the app
    rejection_id: str | None = None
    company: str = ""
    stage_label: str = ""
    date: dt.date | None = None
    sting_before: int | None = None
    sting_after: int | None = None

    @property
    def context(self) -> str:
        """"Hollis · System design · Mar 2026 · sting 70 → 30"."""
        parts = [self.company, self.stage_label]
        if self.date is not None:
            parts.append(self.date.strftime("%b %Y"))
        if self.sting_before is not None and self.sting_after is not None:
            parts.append(f"sting {self.sting_before} \u2192 {self.sting_after}")
        return " \u00b7 ".join(p for p in parts if p)


def reframes_to_reread(
    store: Store, stages: Sequence[str], today: dt.date
) -> tuple[ReframeItem, ...]:
    wanted = set(stages)
    with store.read() as s:
        own_rows = s.scalars(
            select(CustomReframeRow)
            .where(CustomReframeRow.stage.in_(list(wanted)) | CustomReframeRow.stage.is_(None))
            .order_by(CustomReframeRow.updated_at.desc())
        ).all()
        own_sorted = sorted(own_rows, key=lambda r: r.stage is None)  # staged ones first
        own = [
            ReframeItem(headline=r.headline.strip(), excerpt=_excerpt(r.body), own=True,
                        stage_label=STAGE_LABELS[r.stage] if r.stage else "")
            for r in own_sorted[:MAX_OWN]
        ]
        rows = s.execute(
            select(Rejection.id, Rejection.company, Rejection.stage, Rejection.date,
                   Rejection.sting_before, Rejection.sting_after, Rejection.snapshot_json)
            .where(Rejection.snapshot_json.is_not(None))
            .order_by(Rejection.date.desc(), Rejection.pk.desc())
            .limit(LOOKED_AT)
        ).all()
    scored: list[tuple[float, ReframeItem]] = []
    for rid, company, stage, date, before, after, snapshot in rows:
        reframe = _reframe(snapshot)
        if reframe is None:
            continue
        headline, body = reframe
        score = 2.0 if stage in wanted else 0.0
        if before is not None and after is not None:
            score += max(0, before - after) / 50.0  # up to 2 for a sting that fell by 100
        age = max(0, (today - date).days)
        score += max(0.0, 1.0 - age / RECENT_DAYS)
        scored.append((score, ReframeItem(
            headline=headline, excerpt=_excerpt(body), rejection_id=rid, company=company,
            stage_label=STAGE_LABELS.get(stage, ""), date=date, sting_before=before,
            sting_after=after,
        )))
    scored.sort(key=lambda t: -t[0])
    return (*own, *(item for _, item in scored[:MAX_SAVED]))


def _reframe(snapshot: object) -> tuple[str, str] | None:
    if not isinstance(snapshot, Mapping):
        return None
    reframe: Any = snapshot.get("reframe")
    if not isinstance(reframe, Mapping):
        return None
    headline = str(reframe.get("headline") or "").strip()
    body = str(reframe.get("body") or "").strip()
    return (headline, body) if headline or body else None


def _excerpt(body: str) -> str:
    """The first paragraph: the perspective, before the evidence list and the questions."""
    first = next((p for p in body.split("\n\n") if p.strip()), "")
    return clip(first, EXCERPT_WIDTH)


def debrief_pattern(store: Store) -> tuple[str, ...]:
    """Debrief topics answered "no" or "partly" at least twice, most often first (labels)."""
    with store.read() as s:
        rows = s.execute(
            select(DebriefAnswerRow.topic, func.count())
            .where(DebriefAnswerRow.answer.in_(("no", "partly")))
            .group_by(DebriefAnswerRow.topic)
            .order_by(func.count().desc(), DebriefAnswerRow.topic)
        ).all()
    return tuple(DEBRIEF_LABELS[t].lower() for t, n in rows if n >= PATTERN_MIN)[:PATTERN_TOPICS]
