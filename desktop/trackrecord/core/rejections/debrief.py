"""The debrief after an interview: the topics asked about, the answers, and parsing them.

Every question is phrased so that "yes" is the good outcome ("did you ask clarifying
questions?"); "no" and "partly" become practice items. The questions' wording is data in
resources/reframes/common.toml; the labels here are translated by the UI under "DebriefForm".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from trackrecord.core.errors import ValidationError
from trackrecord.core.registry import Registry, spelling_key


@dataclass(frozen=True)
class Topic:
    key: str
    label: str


@dataclass(frozen=True)
class Answer:
    key: str
    label: str


TOPIC_REGISTRY: Registry[Topic] = Registry("debrief topic", (
    Topic("nerves", "Nerves"),
    Topic("communication", "Clear communication"),
    Topic("independence", "Independence"),
    Topic("clarifying-questions", "Clarifying questions"),
    Topic("narration", "Narrating the approach"),
    Topic("trade-offs", "Signalling trade-offs"),
))
ANSWER_REGISTRY: Registry[Answer] = Registry("debrief answer", (
    Answer("yes", "Yes"), Answer("partly", "Partly"), Answer("no", "No"),
))

DEBRIEF_TOPICS: tuple[str, ...] = TOPIC_REGISTRY.keys
DEBRIEF_LABELS: dict[str, str] = TOPIC_REGISTRY.labels
DEBRIEF_ANSWERS: tuple[str, ...] = ANSWER_REGISTRY.keys
ANSWER_LABELS: dict[str, str] = ANSWER_REGISTRY.labels


def parse_answer(value: object) -> str | None:
    """A debrief answer: yes / partly / no; None or blank means not answered."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return ANSWER_REGISTRY.parse(value)


@dataclass(frozen=True)
class DebriefAnswer:
    """One debrief answer. Every question is phrased so that "yes" is the good outcome."""

    topic: str
    answer: str | None = None
    note: str = ""

    @property
    def needs_practice(self) -> bool:
        return self.answer in ("no", "partly")


def parse_debrief(
    answers: Iterable[DebriefAnswer] | Mapping[str, object] | None,
) -> tuple[DebriefAnswer, ...]:
    """Debrief answers in topic order, from DebriefAnswer objects or a {topic: answer} mapping.

    A mapping value may be an answer string, or a mapping with "answer" and "note".
    """
    if answers is None:
        return ()
    items: list[DebriefAnswer] = []
    if isinstance(answers, Mapping):
        for topic, value in answers.items():
            if isinstance(value, Mapping):
                note = value.get("note") or ""
                items.append(DebriefAnswer(str(topic), value.get("answer"), str(note)))
            else:
                items.append(DebriefAnswer(str(topic), value))  # type: ignore[arg-type]
    else:
        items = list(answers)
    clean: dict[str, DebriefAnswer] = {}
    for item in items:
        topic = spelling_key(item.topic)
        if topic not in DEBRIEF_TOPICS:
            raise ValidationError(
                f"unknown debrief topic {item.topic!r}: choose one of {', '.join(DEBRIEF_TOPICS)}"
            )
        if not isinstance(item.note, str):
            raise ValidationError("a debrief note must be text")
        clean[topic] = DebriefAnswer(topic, parse_answer(item.answer), item.note.strip())
    return tuple(clean[t] for t in DEBRIEF_TOPICS if t in clean)
