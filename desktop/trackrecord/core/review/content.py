"""The pre-interview review's data files: the question bank, the energy checklist, the words.

They live in ``resources/review/*.toml`` (data, not strings in code) and are read once and
checked: a question naming an unknown skill or stage fails loudly, in a test, not on screen.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from trackrecord.core.matching.vocabulary import load_toml, skills
from trackrecord.core.record.kinds import KINDS
from trackrecord.core.rejections.stages import STAGES

QUESTION_TYPES: tuple[str, ...] = ("behavioural", "technical")


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    type: str
    stages: tuple[str, ...]
    skills: tuple[str, ...]  # the main one first
    kinds: tuple[str, ...] = ()
    hint: str = ""


@dataclass(frozen=True)
class EnergyItem:
    id: str
    label: str
    detail: str


@functools.cache
def questions() -> tuple[Question, ...]:
    """The question bank, in the order it was written (earlier is asked more often)."""
    known = skills()
    out: list[Question] = []
    seen: set[str] = set()
    for raw in load_toml("review", "questions.toml")["question"]:
        q = Question(
            id=str(raw["id"]),
            text=str(raw["text"]),
            type=str(raw.get("type", "behavioural")),
            stages=tuple(raw.get("stages", ())),
            skills=tuple(raw.get("skills", ())),
            kinds=tuple(raw.get("kinds", ())),
            hint=str(raw.get("hint", "")),
        )
        problems = [
            *(f"unknown skill {s!r}" for s in q.skills if s not in known),
            *(f"unknown stage {s!r}" for s in q.stages if s not in STAGES),
            *(f"unknown kind {k!r}" for k in q.kinds if k not in KINDS),
            *([f"unknown type {q.type!r}"] if q.type not in QUESTION_TYPES else []),
            *(["no skills"] if not q.skills else []),
            *(["no stages"] if not q.stages else []),
            *(["the id is used twice"] if q.id in seen else []),
        ]
        if problems:
            raise ValueError(f"review/questions.toml: {q.id}: {'; '.join(problems)}")
        seen.add(q.id)
        out.append(q)
    return tuple(out)


@functools.cache
def energy_items() -> tuple[EnergyItem, ...]:
    data = load_toml("review", "energy.toml")
    return tuple(
        EnergyItem(str(raw["id"]), str(raw["label"]), str(raw.get("detail", "")))
        for raw in data["item"]
    )


def energy_ids() -> frozenset[str]:
    return frozenset(item.id for item in energy_items())


@functools.cache
def _deck() -> dict[str, Any]:
    return load_toml("review", "deck.toml")


def words(section: str, key: str, **values: object) -> str:
    """One line of the deck's words, with its {placeholders} filled in."""
    text = str(_deck()[section][key])
    return text.format(**values) if values else text


def word_list(section: str, key: str) -> tuple[str, ...]:
    return tuple(str(v) for v in _deck()[section][key])


def stage_tip(stage: str) -> str:
    tips: Mapping[str, str] = _deck().get("stage_tips", {})
    return str(tips.get(stage) or tips.get("other", ""))


def questions_for(stages: Sequence[str]) -> list[Question]:
    """Every question that comes up in any of these stages, the most typical first: taken in
    turn from each stage's list, so every expected stage gets its share near the top."""
    queues = [[q for q in questions() if stage in q.stages] for stage in stages]
    out: list[Question] = []
    seen: set[str] = set()
    while any(queues):
        for queue in queues:
            while queue:
                q = queue.pop(0)
                if q.id not in seen:
                    seen.add(q.id)
                    out.append(q)
                    break
    return out


# A sentence ends at . ! or ? followed by a space and a capital, a digit or a quote: not
# inside "2.1s", "e.g. the", or "v2.3".
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"\u201c'(])")


def sentences(value: str) -> list[str]:
    """The text's sentences, whole, each ending with its stop (one is added when the text
    has none: "Shipped it" -> "Shipped it.")."""
    value = " ".join(value.split())
    if not value:
        return []
    out = [part for part in _SENTENCE_END.split(value) if part]
    if out and out[-1][-1] not in ".!?\u2026\"\u201d)":
        out[-1] += "."
    return out


def parts(value: str) -> list[str]:
    """The pieces of a list written on one line ("p95 620 -> 180 ms; 310 clinics"), whole."""
    return [p.strip() for p in re.split(r"\s*[;\n]\s*", value) if p.strip()]


def clip(value: str, width: int) -> str:
    """One line of at most ``width`` characters, cut at a word with an ellipsis."""
    value = " ".join(value.split())
    if len(value) <= width:
        return value
    cut = value[: width - 1].rsplit(" ", 1)[0].rstrip(",;:.")
    return cut + "\u2026"
