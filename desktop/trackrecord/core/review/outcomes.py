"""How a rehearsal went: the three marks a person gives a story after telling it aloud.

Kept in a registry (the store's CHECK constraint on ``rehearsals.went`` lists the keys); the
labels are translated by the UI under "Rehearsal" (ui/shell/label_strings.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from trackrecord.core.registry import Registry


@dataclass(frozen=True)
class Outcome:
    key: str
    label: str
    hint: str  # what the mark means, for a tooltip and the CLI's help


OUTCOME_REGISTRY: Registry[Outcome] = Registry("rehearsal outcome", (
    Outcome("rough", "Rough", "I lost the thread or ran long: tell it again soon"),
    Outcome("okay", "Okay", "The points were there; the telling can be tighter"),
    Outcome("smooth", "Smooth", "Clear and in time: ready to tell"),
))

REHEARSAL_OUTCOMES: tuple[str, ...] = OUTCOME_REGISTRY.keys
OUTCOME_LABELS: dict[str, str] = OUTCOME_REGISTRY.labels


def parse_outcome(value: object) -> str:
    """An outcome key from a key or a label in any case ("Smooth", "okay")."""
    return OUTCOME_REGISTRY.parse(value)
