"""One call for everything a new rejection opens with: category, evidence, gaps and reframe.

The CLI and the UI both call ``analyse_rejection``; a saved rejection keeps
``Analysis.to_snapshot()`` and gets it back, unchanged, with ``Analysis.from_snapshot``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from trackrecord.core.matching.cards import Evidence
from trackrecord.core.matching.evidence import MatchResult, match_evidence
from trackrecord.core.matching.gaps import Gap
from trackrecord.core.matching.query import MatchQuery
from trackrecord.core.matching.text import NamedSkill
from trackrecord.core.rejections.categories import parse_category
from trackrecord.core.rejections.categorise import suggest_category
from trackrecord.core.rejections.corrections import Corrections
from trackrecord.core.rejections.data import MAX_TEXT
from trackrecord.core.rejections.debrief import DebriefAnswer, parse_debrief
from trackrecord.core.rejections.reframe import Reframe, compose_reframe
from trackrecord.core.rejections.service import RejectionService
from trackrecord.core.rejections.stages import parse_stage
from trackrecord.core.store.db import Store

SNAPSHOT_FORMAT = 1
# Feedback longer than a person pastes is refused when saved (data.MAX_TEXT); an analysis
# reads at most that much of it, so a huge paste never stalls the window while it is shown.
MAX_READ = MAX_TEXT
MAX_NAMED_KEPT = 24  # skills named, as kept in a snapshot (one per skill and source)


@dataclass(frozen=True)
class Analysis:
    category: str
    category_trigger: str | None  # None when the category was chosen, not suggested
    suggested_category: str
    suggested_trigger: str | None
    stage: str
    evidence: tuple[Evidence, ...]
    gaps: tuple[Gap, ...]
    skills_named: tuple[NamedSkill, ...]
    reframe: Reframe
    second_category: str | None = None  # a second reading of mixed feedback, shown as such
    second_trigger: str | None = None
    topics: tuple[str, ...] = ()  # what the feedback said, for the category shown
    corrections: Corrections = Corrections()
    by_stage: bool = False  # the feedback named no kind of no: the stage decided

    def to_json(self) -> dict[str, Any]:
        """The documented shape, exactly (README: "trackrecord reframe --json")."""
        return {
            "category": self.category,
            "category_trigger": self.category_trigger,
            "evidence": [
                {"id": e.entry_id, "title": e.title, "kind": e.kind, "score": e.score,
                 "reasons": list(e.reasons)}
                for e in self.evidence
            ],
            "gaps": [g.label for g in self.gaps],
            "reframe": self.reframe.to_json(),
        }

    def to_snapshot(self, *, shown_at: dt.datetime | None = None) -> dict[str, Any]:
        """Everything needed to show this analysis again exactly, even after entries change."""
        data = self.to_json()
        for item, e in zip(data["evidence"], self.evidence, strict=True):
            item.update(start_date=e.start_date.isoformat(), impact=e.impact,
                        summary=e.summary, metrics=e.metrics, said=e.said,
                        unfinished=e.unfinished, pinned=e.pinned, links=list(e.links))
        data["gaps"] = [
            {"label": g.label, "missing": list(g.missing), "skill": g.skill, "message": g.message,
             "source": g.source}
            for g in self.gaps
        ]
        data["reframe"].update(gap_note=self.reframe.gap_note, cited=list(self.reframe.cited))
        return {
            "format": SNAPSHOT_FORMAT,
            "shown_at": (shown_at or dt.datetime.now(dt.UTC)).isoformat(),
            "stage": self.stage,
            "suggested_category": self.suggested_category,
            "suggested_trigger": self.suggested_trigger,
            "second_category": self.second_category,
            "second_trigger": self.second_trigger,
            "topics": list(self.topics),
            "by_stage": self.by_stage,
            "corrections": self.corrections.to_json(),
            "skills_named": [dataclasses.asdict(n) for n in _kept(self.skills_named)],
            **data,
        }

    @classmethod
    def from_snapshot(cls, data: Mapping[str, Any]) -> Analysis:
        reframe = data["reframe"]
        return cls(
            category=data["category"],
            category_trigger=data.get("category_trigger"),
            suggested_category=data.get("suggested_category") or data["category"],
            suggested_trigger=data.get("suggested_trigger"),
            stage=data.get("stage", "other"),
            evidence=tuple(
                Evidence(
                    entry_id=e["id"], title=e["title"], kind=e["kind"],
                    start_date=dt.date.fromisoformat(e["start_date"]), impact=e.get("impact", ""),
                    score=float(e["score"]), reasons=tuple(e["reasons"]),
                    summary=e.get("summary", ""), metrics=e.get("metrics", ""),
                    said=e.get("said", ""), unfinished=bool(e.get("unfinished", False)),
                    pinned=bool(e.get("pinned", False)), links=tuple(e.get("links", ())),
                )
                for e in data["evidence"]
            ),
            gaps=tuple(
                Gap(g["label"], tuple(g.get("missing", ())), g.get("skill"),
                    g.get("source", "feedback"))
                for g in data.get("gaps", ())
            ),
            skills_named=tuple(NamedSkill(**n) for n in data.get("skills_named", ())),
            reframe=Reframe(
                headline=reframe["headline"], body=reframe["body"],
                questions=tuple(reframe["questions"]), practice=tuple(reframe["practice"]),
                gap_note=reframe.get("gap_note"), cited=tuple(reframe.get("cited", ())),
            ),
            second_category=data.get("second_category"),
            second_trigger=data.get("second_trigger"),
            topics=tuple(data.get("topics", ())),
            corrections=Corrections.from_json(data.get("corrections")),
            by_stage=bool(data.get("by_stage", False)),
        )


def _kept(named: tuple[NamedSkill, ...]) -> list[NamedSkill]:
    """One per skill and source: a long paste names the same skill many times over."""
    seen: dict[tuple[str, str], NamedSkill] = {}
    for n in named:
        seen.setdefault((n.skill, n.source), n)
    return list(seen.values())[:MAX_NAMED_KEPT]


def analyse_rejection(
    store: Store,
    query: MatchQuery,
    debrief: Iterable[DebriefAnswer] | Mapping[str, object] | None = None,
    category_override: str | None = None,
    *,
    limit: int = 5,
    today: dt.date | None = None,
    corrections: Corrections | None = None,
) -> Analysis:
    """Suggest a category, match evidence, compose the reframe. Reads only; saves nothing.

    ``debrief`` (answers so far) replaces ``query.debrief`` when given. ``corrections`` are
    the person's own for this rejection (cards pinned or removed). Raises ValidationError
    for an unknown stage, category or debrief topic.
    """
    stage = parse_stage(query.stage)
    answers = parse_debrief(debrief) if debrief is not None else parse_debrief(query.debrief)
    query = dataclasses.replace(query, stage=stage, debrief=answers,
                                feedback=query.feedback[:MAX_READ],
                                own_read=query.own_read[:MAX_READ])
    fixes = corrections or Corrections()
    suggestion = suggest_category(query.feedback, stage, query.own_read)
    category = parse_category(category_override) if category_override else suggestion.category
    trigger = suggestion.trigger if category == suggestion.category else None
    result: MatchResult = match_evidence(store, query, limit=limit, today=today,
                                         pinned=fixes.pinned, removed=fixes.removed)
    custom = RejectionService(store).reframes(category=category, stage=stage)
    topics = suggestion.topics_for(category)
    reframe = compose_reframe(category, stage, result, answers, custom, seed=query.company,
                              topics=topics)
    return Analysis(
        category=category,
        category_trigger=trigger,
        suggested_category=suggestion.category,
        suggested_trigger=suggestion.trigger,
        stage=stage,
        evidence=result.evidence,
        gaps=result.gaps,
        skills_named=result.skills_named,
        reframe=reframe,
        second_category=suggestion.second,
        second_trigger=suggestion.second_trigger,
        topics=topics,
        corrections=fixes,
        by_stage=suggestion.by_stage,
    )
