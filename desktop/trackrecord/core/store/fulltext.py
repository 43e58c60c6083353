"""The full-text index without SQLAlchemy: the columns it holds, and turning what a person
types into an FTS5 query that cannot be a syntax error."""

from __future__ import annotations

import re

# Columns of entries indexed by FTS5, in order; matching weights them by position.
FTS_COLUMNS: tuple[str, ...] = (
    "title",
    "summary",
    "tag_text",
    "impact",
    "metrics",
    "organisation",
    "team",
    "role",
    "notes",
    "situation",
    "task",
    "action",
    "result",
    "scale",
    "stack",
    "root_cause",
    "mentee",
    "outcome",
    "praise_from",
    "praise_words",
)

FTS_TABLES: tuple[str, ...] = ("entry_fts", "entry_prefix")

_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def prefix_query(text: str) -> str | None:
    """Every typed word must appear, the last (or each) as a prefix: search-as-you-type.

    Each word is quoted, so FTS5 operators (AND, NEAR, -, :) typed by the user are just text.
    Returns None when there is nothing to search for.
    """
    terms = words(text)
    if not terms:
        return None
    return " ".join(f'"{term}"*' for term in terms)


def any_of_query(terms: list[str]) -> str | None:
    """Any of the words or phrases (used by evidence matching)."""
    # A multi-word term is an FTS5 phrase: "incident response" must appear as written.
    phrases = [" ".join(words(t)) for t in terms]
    quoted = [f'"{p}"' for p in phrases if p]
    return " OR ".join(quoted) if quoted else None
