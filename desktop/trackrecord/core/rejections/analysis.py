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

from trackrecord.core.matching.evidence import Evidence, MatchResult, match_evidence
from trackrecord.core.matching.query import MatchQuery
from trackrecord.core.matching.text import Gap, NamedSkill
from trackrecord.core.rejections.categories import parse_category
from trackrecord.core.rejections.categorise import suggest_category
from trackrecord.core.rejections.debrief import DebriefAnswer, parse_debrief
from trackrecord.core.rejections.reframe import Reframe, compose_reframe
from trackrecord.core.rejections.service import RejectionService
from trackrecord.core.rejections.stages import parse_stage
from trackrecord.core.store.db import Store

SNAPSHOT_FORMAT = 1


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
                        summary=e.summary, metrics=e.metrics)
        data["gaps"] = [
            {"label": g.label, "missing": list(g.missing), "skill": g.skill, "message": g.message}
            for g in self.gaps
        ]
        data["reframe"].update(gap_note=self.reframe.gap_note, cited=list(self.reframe.cited))
        return {
            "format": SNAPSHOT_FORMAT,
            "shown_at": (shown_at or dt.datetime.now(dt.UTC)).isoformat(),
            "stage": self.stage,
            "suggested_category": self.suggested_category,
            "suggested_trigger": self.suggested_trigger,
            "skills_named": [dataclasses.asdict(n) for n in self.skills_named],
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
                )
                for e in data["evidence"]
            ),
            gaps=tuple(
                Gap(g["label"], tuple(g.get("missing", ())), g.get("skill"))
                for g in data.get("gaps", ())
            ),
            skills_named=tuple(NamedSkill(**n) for n in data.get("skills_named", ())),
            reframe=Reframe(
                headline=reframe["headline"], body=reframe["body"],
                questions=tuple(reframe["questions"]), practice=tuple(reframe["practice"]),
                gap_note=reframe.get("gap_note"), cited=tuple(reframe.get("cited", ())),
            ),
        )


def analyse_rejection(
    store: Store,
    query: MatchQuery,
    debrief: Iterable[DebriefAnswer] | Mapping[str, object] | None = None,
    category_override: str | None = None,
    *,
    limit: int = 5,
    today: dt.date | None = None,
) -> Analysis:
    """Suggest a category, match evidence, compose the reframe. Reads only; saves nothing.

    ``debrief`` (answers so far) replaces ``query.debrief`` when given. Raises ValidationError
    for an unknown stage, category or debrief topic.
    """
    stage = parse_stage(query.stage)
    answers = parse_debrief(debrief) if debrief is not None else parse_debrief(query.debrief)
    query = dataclasses.replace(query, stage=stage, debrief=answers)
    suggestion = suggest_category(query.feedback, stage, query.own_read)
    category = parse_category(category_override) if category_override else suggestion.category
    trigger = suggestion.trigger if category == suggestion.category else None
    result: MatchResult = match_evidence(store, query, limit=limit, today=today)
    custom = RejectionService(store).reframes(category=category, stage=stage)
    reframe = compose_reframe(category, stage, result, answers, custom, seed=query.company)
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
    )
