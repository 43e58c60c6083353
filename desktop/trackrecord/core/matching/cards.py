"""Evidence cards: a scored candidate put into the words a person reads.

Every part of a score that counts comes with its reason (trackrecord.core.matching.evidence);
a card shows the strongest few, says each tag once, and quotes what the entry is evidence
of: for an incident, what you did and how it ended, never the damage.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from trackrecord.core.matching.pool import Candidate
from trackrecord.core.record.kinds import KIND_REGISTRY

CITE_WIDTH = 200
MAX_REASONS = 4
ROLE_PART = "role_tag"  # the part of a score the role's tags add
ROLE_NAMED_PART = "role_named"  # ...and a particular thing the role names ("Android")


@dataclass(frozen=True)
class Evidence:
    entry_id: str
    title: str
    kind: str
    start_date: dt.date
    impact: str
    score: float
    reasons: tuple[str, ...]
    summary: str = ""
    metrics: str = ""
    # What the reframe and the card quote from it: for an incident, what you did and how it
    # ended, never the damage (the kind's ``cite`` fields).
    said: str = ""
    unfinished: bool = False
    pinned: bool = False  # the person pinned it to this rejection
    links: tuple[str, ...] = ()  # what linked it, kept so "not relevant" can unlink it


def cite(c: Candidate) -> str:
    """The line evidence quotes: the kind's ``cite`` fields, first one filled in, and for an
    incident how long it took to mitigate."""
    kind = KIND_REGISTRY[c.kind]
    values = {"impact": c.impact, "metrics": c.metrics, "summary": c.summary,
              "outcome": c.outcome, "result": c.result}
    said = next((clip(values[f], CITE_WIDTH) for f in kind.cite if values.get(f, "").strip()),
                "")
    if kind.cite_measure and c.measure.strip() and c.measure.strip() not in said:
        measure = f"{kind.measure_label} {c.measure.strip()}"
        said = f"{said.rstrip('.')}; {measure}" if said else measure[:1].upper() + measure[1:]
    return said


def card(c: Candidate, pinned: bool = False) -> Evidence:
    reasons: list[str] = ["you pinned it to this rejection"] if pinned else []
    cited: set[str] = set()
    for reason in sorted(c.parts, key=lambda r: -r.weight):
        # "The role calls for backend services; this entry is tagged backend" says nothing
        # new below "the feedback mentions backend engineers; this entry is tagged backend",
        # and would hide a line that does.
        said_already = reason.part in (ROLE_PART, ROLE_NAMED_PART) and set(reason.tags) <= cited
        if reason.text in reasons or (reason.tags and said_already):
            continue
        cited.update(reason.tags)
        reasons.append(reason.text)
    return Evidence(
        entry_id=c.entry_id,
        title=c.title,
        kind=c.kind,
        start_date=c.start,
        impact=c.impact,
        score=round(c.score, 2),
        reasons=tuple(reasons[:MAX_REASONS]),
        summary=c.summary,
        metrics=c.metrics,
        said=cite(c),
        unfinished=c.unfinished,
        pinned=pinned,
        links=tuple(sorted(c.links)),
    )


def clip(value: str, width: int = 90) -> str:
    value = " ".join(value.split())
    return value if len(value) <= width else value[: width - 1].rstrip() + "\u2026"
