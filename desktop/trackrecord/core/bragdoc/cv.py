"""CV bullets: one line per entry, a strong verb first and the number in it.

Built only from what the entry says: its summary (or title), a verb in front when it has
none (its kind's, from the kind registry), and, when the line has no number, the first
clause of its metrics or impact that has one. Nothing is invented and no word is cut.
"""

from __future__ import annotations

import functools
import re
import tomllib
from typing import Any

from trackrecord.core.bragdoc.model import BragDocument, BragItem
from trackrecord.core.record.kinds import KIND_REGISTRY
from trackrecord.resource_files import resource_path

_WORD = re.compile(r"[A-Za-z][\w'-]*")
_CLAUSE = re.compile(r"[^;.\n]*\d[^;\n]*?(?=[;\n]|\.(?:\s|$)|$)")


@functools.cache
def _rules() -> dict[str, Any]:
    return tomllib.loads(resource_path("export", "cv.toml").read_text(encoding="utf-8"))


def _starts_with_verb(text: str) -> bool:
    first = _WORD.match(text)
    if first is None:
        return False
    word = first.group(0).casefold()
    return word in _rules()["verbs"] or (word.endswith(("ed", "ing")) and len(word) > 4)


def _without_subject(text: str) -> str:
    lowered = text.casefold()
    for lead in sorted(_rules()["drop"], key=len, reverse=True):
        if lowered.startswith(lead + " "):
            return text[len(lead) + 1:].lstrip()
    return text


def _number_clause(item: BragItem) -> str:
    for source in (item.metrics, item.impact):
        found = _CLAUSE.search(source)
        if found and found.group(0).strip():
            return found.group(0).strip().rstrip(",")
    return ""


def cv_bullet(item: BragItem) -> str:
    line = _without_subject(" ".join(item.bullet.split())).rstrip(".")
    if not _starts_with_verb(line):
        verb = KIND_REGISTRY[item.kind].cv_verb if item.kind in KIND_REGISTRY else ""
        if verb:
            first, _, rest = line.partition(" ")
            if first in ("The", "A", "An"):  # "Shipped the ledger", not "Shipped The ledger"
                first = first.lower()
            line = f"{verb} {first} {rest}".rstrip()
    else:
        line = line[:1].upper() + line[1:]
    if not any(ch.isdigit() for ch in line):
        number = _number_clause(item)
        if number:
            first = number.split(" ", 1)[0]
            if first.istitle() and first.isalpha():  # "Reduced p95 ..." reads on as "reduced"
                number = number[:1].lower() + number[1:]
            line = f"{line}: {number}"
    return line + "."


def render_cv(doc: BragDocument) -> str:
    """Plain text, one bullet per entry, in the document's order."""
    lines = [f"- {cv_bullet(item)}" for section in doc.sections for item in section.items]
    return "\n".join(lines) + ("\n" if lines else "")
