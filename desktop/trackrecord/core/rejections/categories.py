"""The kinds of rejection, and what each means for how the app reads and answers it.

The phrases that suggest a category are data (resources/vocabulary/categories.toml), and so is
each category's reframe (resources/reframes/<key>.toml); the flags here are the few places
where the category changes what the code does, named instead of tested by key.
"""

from __future__ import annotations

from dataclasses import dataclass

from trackrecord.core.registry import Registry


@dataclass(frozen=True)
class Category:
    key: str
    label: str
    # The debrief questions apply: the interview itself is worth looking back on (not for a
    # budget cut, which is not about you).
    debrief_applies: bool = True
    # What to practise always leaves room for one habit: the skill was there but did not
    # come through, and habits are what make it come through.
    habit_first: bool = False
    # About the decision, not about you: its phrases ("hiring freeze", "went with") are never
    # read as skills the feedback names, and nothing said around them links evidence.
    masks_skills: bool = False
    # The feedback voices a concern about how you did: what it credits you with is not in
    # question, the round it names decides the evidence, and a skill it only mentions in
    # telling how the round went is not a gap.
    concern: bool = False
    # The category that practice can move (the insights chart counts it).
    practisable: bool = False
    # Silence: no feedback, a form letter that gives no reason, or no answer at all. Chosen
    # only when nothing in the feedback says why, and never offered as a second reading.
    silence: bool = False
    # When the feedback says something specific that no phrase names, the stage decides:
    # "judged" is the reading for a round where someone watched you work, "screened" for
    # one where they read your profile (stages.py, ``judged``).
    fallback: str = ""


CATEGORY_REGISTRY: Registry[Category] = Registry("category", (
    Category("fit", "Fit, not ability", fallback="screened"),
    Category("signal-gap", "Signal gap", habit_first=True, practisable=True, concern=True,
             fallback="judged"),
    Category("external-noise", "External noise", debrief_applies=False, masks_skills=True),
    Category("unknown", "Unknown", masks_skills=True, silence=True),
))

CATEGORIES: tuple[str, ...] = CATEGORY_REGISTRY.keys
CATEGORY_LABELS: dict[str, str] = CATEGORY_REGISTRY.labels
# No feedback, a form letter that says nothing, or no answer at all.
UNKNOWN = next(c.key for c in CATEGORY_REGISTRY if c.silence)


def parse_category(value: object) -> str:
    return CATEGORY_REGISTRY.parse(value)
