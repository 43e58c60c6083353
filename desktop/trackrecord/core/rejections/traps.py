"""Thinking traps for the thought record, and which ones a thought's own words suggest.

The traps, their one-line explanations and the words that suggest them are data
(resources/thoughts/traps.toml). A suggestion names the words that made it, so the person
can see why; it is only offered where the words are clear, and it is never ticked for them.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from trackrecord.core.matching.vocabulary import load_toml
from trackrecord.core.registry import Registry

# Spellings evened out before matching: the triggers are written in the short forms.
_SAME = (
    (re.compile(r"[\u2018\u2019\u02bc`]"), "'"),
    (re.compile(r"\bi am\b"), "i'm"),
    (re.compile(r"\bim\b"), "i'm"),  # typed in a hurry, without the apostrophe
    (re.compile(r"\bi will\b"), "i'll"),
    (re.compile(r"\bwill not\b"), "won't"),
    (re.compile(r"\bdo not\b"), "don't"),
    (re.compile(r"\bdid not\b"), "didn't"),
    (re.compile(r"\bdoes not\b"), "doesn't"),
    (re.compile(r"\bwas not\b"), "wasn't"),
    (re.compile(r"\bcannot\b"), "can't"),
    (re.compile(r"\bthere is\b"), "there's"),
    (re.compile(r"\bit is\b"), "it's"),
    (re.compile(r"\s+"), " "),
)
# A trigger straight after one of these does not count: "not always" is already balanced.
_NEGATION = re.compile(r"(?:\bnot|n't)\s*$")
_SLOT = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class Trap:
    key: str
    label: str
    explains: str  # one plain line: what the trap is
    triggers: tuple[str, ...]


@dataclass(frozen=True)
class TrapHint:
    """A trap the thought's words suggest, and the words that suggest it (as written)."""

    trap: str
    words: str


@functools.cache
def trap_registry() -> Registry[Trap]:
    data = load_toml("thoughts", "traps.toml")
    traps = [
        Trap(str(raw["key"]), str(raw["label"]), str(raw["explains"]),
             tuple(str(t) for t in raw.get("triggers", ())))
        for raw in data["trap"]
    ]
    for trap in traps:
        if not trap.explains.strip() or not trap.triggers:
            raise ValueError(f"thoughts/traps.toml: {trap.key}: needs an explanation and triggers")
    return Registry("thinking trap", traps)


def trap_keys() -> tuple[str, ...]:
    return trap_registry().keys


def even_out(text: str) -> str:
    """The text as triggers are matched against it: lower case, one spelling of each form
    ("I am" and "I'm" alike), single spaces."""
    text = text.casefold()
    for pattern, replacement in _SAME:
        text = pattern.sub(replacement, text)
    return text


@functools.cache
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    words: dict[str, list[str]] = load_toml("thoughts", "traps.toml").get("words", {})
    out: list[tuple[str, re.Pattern[str]]] = []
    for trap in trap_registry():
        for trigger in trap.triggers:
            pieces: list[str] = []
            at = 0
            phrase = even_out(trigger)
            for slot in _SLOT.finditer(phrase):
                pieces.append(re.escape(phrase[at:slot.start()]))
                if slot.group(1) not in words:
                    raise ValueError(f"thoughts/traps.toml: {trap.key}: no word list "
                                     f"{slot.group(1)!r} for {trigger!r}")
                choices = sorted((even_out(w) for w in words[slot.group(1)]), key=len,
                                 reverse=True)
                pieces.append("(?:" + "|".join(re.escape(c) for c in choices) + ")")
                at = slot.end()
            pieces.append(re.escape(phrase[at:]))
            out.append((trap.key, re.compile(r"(?<![\w'])" + "".join(pieces) + r"(?![\w'])")))
    return tuple(out)


def suggest_traps(thought: str) -> tuple[TrapHint, ...]:
    """The traps this thought's words suggest, in the registry's order, each once with the
    first words that suggested it. Where two triggers overlap the longer one counts."""
    text = even_out(thought)
    found: list[tuple[int, int, str]] = []
    for key, pattern in _patterns():
        for match in pattern.finditer(text):
            if not _NEGATION.search(text[:match.start()]):
                found.append((match.start(), match.end(), key))
    taken: list[tuple[int, int, str]] = []
    for start, end, key in sorted(found, key=lambda f: (-(f[1] - f[0]), f[0])):
        if all(end <= s or start >= e for s, e, _k in taken):
            taken.append((start, end, key))
    first: dict[str, str] = {}
    for start, end, key in sorted(taken):
        first.setdefault(key, _as_written(text[start:end]))
    return tuple(TrapHint(key, first[key]) for key in trap_keys() if key in first)


def _as_written(words: str) -> str:
    """"i'm a fraud" -> "I'm a fraud": the evened-out words, with "I" as people write it."""
    return re.sub(r"(?<![\w'])i(?=$|[\s'])", "I", words)
