"""The words the importers read by (resources/imports/*.toml), and how they compare text.

Trackers, brag documents and journals are written by hand, so a phrase is compared as whole
words after lower-casing and turning punctuation into spaces; a word of six letters or more
also matches a misspelling one letter away ("Rejcted"), and a letter typed three times or
more counts once ("reeejected").
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable
from typing import Any

from trackrecord.resource_files import resource_path

FUZZY_MIN = 6  # shorter words must be spelt right: "fail" is not "mail"


@functools.cache
def load_words(name: str) -> dict[str, Any]:
    """resources/imports/<name>.toml, read once."""
    text = resource_path("imports", f"{name}.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def norm(text: str) -> str:
    """"Rejected :(" -> "rejected"; "Job_Status" -> "job status"; "reeejected" -> "rejected"."""
    words = re.sub(r"[\W_]+", " ", text.casefold())
    return " ".join(re.sub(r"(\w)\1{2,}", r"\1", words).split())


def _near(a: str, b: str) -> bool:
    """At most one letter added, dropped or changed."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1:] == b[i + 1:]
    return a[i:] == b[i + 1:]


def has_phrase(text: str, phrase: str) -> bool:
    """Whether the normalised ``text`` holds ``phrase`` as whole words (fuzzily, see above)."""
    words, wanted = text.split(), norm(phrase).split()
    if not wanted or len(wanted) > len(words):
        return False
    for start in range(len(words) - len(wanted) + 1):
        if all(
            w == p or (len(p) >= FUZZY_MIN and _near(w, p))
            for w, p in zip(words[start:start + len(wanted)], wanted, strict=True)
        ):
            return True
    return False


def first_phrase(text: str, phrases: Iterable[str]) -> str | None:
    """The first of ``phrases`` found in ``text`` (normalised here)."""
    normed = norm(text)
    return next((p for p in phrases if has_phrase(normed, p)), None)
