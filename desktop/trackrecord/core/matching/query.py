"""What evidence matching is asked: the rejection as far as it is known."""

from __future__ import annotations

from dataclasses import dataclass

from trackrecord.core.rejections.debrief import DebriefAnswer


@dataclass(frozen=True)
class MatchQuery:
    """What is known about a rejection so far; every field but the stage may be empty."""

    stage: str
    role: str = ""
    level: str = ""
    company: str = ""
    feedback: str = ""
    own_read: str = ""
    debrief: tuple[DebriefAnswer, ...] = ()
    # The saved rejection this is (its id), if it is one: what you pinned to it is not
    # something you pinned to another rejection.
    rejection_id: str = ""
