"""The interview stages a rejection can come at, in the order a process runs.

Labels are English; the UI translates them under "Stages" (ui/shell/label_strings.py).
What each stage rewards (kinds of work, skills) is data in resources/vocabulary/stages.toml.
"""

from __future__ import annotations

from dataclasses import dataclass

from trackrecord.core.registry import Registry


@dataclass(frozen=True)
class Stage:
    key: str
    label: str
    # A day of several interviews in a row (an onsite loop), not a single conversation.
    several_rounds: bool = False
    # Someone watched you work (a coding round, a design, a take-home): feedback that names
    # no kind of no is read as about the round, not about your profile.
    judged: bool = False
    # It names a round: "Other" (or no stage chosen yet) names none, so nothing is said
    # about "the other stage".
    named: bool = True


STAGE_REGISTRY: Registry[Stage] = Registry("stage", (
    Stage("application", "Application"),
    Stage("recruiter", "Recruiter call"),
    Stage("phone-screen", "Phone screen", judged=True),
    Stage("take-home", "Take-home", judged=True),
    Stage("coding", "Coding interview", judged=True),
    Stage("system-design", "System design", judged=True),
    Stage("behavioral", "Behavioural interview", judged=True),
    Stage("hiring-manager", "Hiring manager"),
    Stage("onsite", "Onsite", several_rounds=True, judged=True),
    Stage("team-match", "Team match"),
    Stage("offer", "Offer"),
    Stage("other", "Other", named=False),
))

STAGES: tuple[str, ...] = STAGE_REGISTRY.keys
STAGE_LABELS: dict[str, str] = STAGE_REGISTRY.labels


def parse_stage(value: object) -> str:
    """A stage's key from its key or label, forgiving case, spaces and underscores."""
    return STAGE_REGISTRY.parse(value)
