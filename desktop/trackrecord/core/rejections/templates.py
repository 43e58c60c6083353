"""Form letters that compare you with other applicants without naming anything.

"We have decided to move forward with candidates whose experience more closely matches our
needs" reads the same for everyone who gets it: the words of a profile comparison are there,
but nothing the profile lacked is. In a letter that is otherwise form text too (a greeting to
"Candidate", thanks for applying, "after careful consideration", "future openings"), such a
clause is read as a form letter (unknown), not as a fit reason. On its own, the same sentence
may be a short, real answer, and feedback that may say something is not read as silence. A
clause that names something ("whose background is more closely aligned with application
security") is always a reason. The markers and generic words are data
(``[template]`` in resources/vocabulary/reading.toml).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from trackrecord.core.matching.clauses import Clause, ClauseReading
from trackrecord.core.matching.phrases import PhraseMatcher, Words, stem
from trackrecord.core.matching.vocabulary import load_toml

# The fit topics whose phrases a template borrows ("more closely", "whose experience").
TEMPLATE_TOPICS = frozenset({"skills", "another-candidate"})
FORM_AROUND = 2  # clauses of form text elsewhere that make the letter a template


@functools.cache
def _vocabulary() -> tuple[PhraseMatcher[str], frozenset[str]]:
    data = load_toml("vocabulary", "reading.toml")["template"]
    markers = PhraseMatcher((p, p) for p in data["markers"])
    return markers, frozenset(stem(w) for w in data["generic"])


def is_template(words: Words, clause: Clause, content_at: frozenset[int]) -> bool:
    """Does this clause compare you with other applicants and name nothing?"""
    markers, generic = _vocabulary()
    if not any(clause.start <= h.start < clause.end for h in markers.find(words)):
        return False
    said = [i for i in content_at if clause.start <= i < clause.end]
    return all(words.stems[i] in generic for i in said)


def template_clauses(reading: ClauseReading, silence_at: Sequence[int]) -> list[Clause]:
    """The clauses of ``reading`` that are a template comparison, when the letter around them
    is form text too (``silence_at``: where the form-letter and silence phrases were found)."""
    words = reading.words
    found = [c for c in reading.clauses
             if not c.form and is_template(words, c, reading.content_at)]
    if not found:
        return []
    inside = {c.start for c in found}
    around = sum(
        1 for c in reading.clauses if c.start not in inside and (
            c.form or any(c.start <= i < c.end for i in silence_at)
            or reading.pleasant.intersection(range(c.start, c.end))))
    return found if around >= FORM_AROUND else []
