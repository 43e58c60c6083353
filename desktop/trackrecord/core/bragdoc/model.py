"""The shape of a brag document: options in, a plain tree of sections and items out.

Renderers (Markdown, HTML, the Qt PDF writer) only read this tree, so they never disagree
about what is in the document; only about how it looks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Literal, get_args

from trackrecord.core.errors import ValidationError
from trackrecord.core.record.kinds import KINDS

Grouping = Literal["sections", "year", "kind"]
GROUPS: tuple[str, ...] = get_args(Grouping)
DEFAULT_TITLE = "Brag document"
PAGE_SIZES: tuple[str, ...] = ("A4", "Letter")  # for the PDF (laid out in pdf.bragdoc)

# English month names, not strftime: Qt sets the C locale from the environment, and the
# same export must read the same whichever program made it.
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)


def _frozen_strings(value: Iterable[str] | None) -> frozenset[str]:
    if value is None:
        return frozenset()
    if isinstance(value, str):
        value = [value]
    return frozenset(v.strip() for v in value if v and v.strip())


@dataclass(frozen=True)
class BragOptions:
    """What goes into the document and how it is grouped; empty filters mean "everything"."""

    group: Grouping = "sections"
    since: dt.date | None = None
    until: dt.date | None = None
    kinds: frozenset[str] = frozenset()
    tags: frozenset[str] = frozenset()  # an entry with any of these tags (any case)
    only_with_impact: bool = False  # impact or metrics written down
    details: bool = False  # role, organisation/team, kind-specific facts, links, notes
    # Where each entry was done (organisation · team), even without details: a reader of a
    # nine-year, three-company document can tell where each project was.
    organisation: bool = True
    star: bool = False  # situation, task, action, result
    mentee_initials: bool = True
    name: str = ""
    role: str = ""
    title: str = DEFAULT_TITLE
    prepared_on: dt.date | None = None  # printed in the header when given

    def __post_init__(self) -> None:
        # Accept any iterable (lists from JSON, tuples from argparse) but store frozensets.
        object.__setattr__(self, "kinds", _frozen_strings(self.kinds))
        object.__setattr__(self, "tags", _frozen_strings(self.tags))
        if self.group not in GROUPS:
            raise ValidationError(f"unknown grouping {self.group!r}: use {', '.join(GROUPS)}")
        unknown = sorted(self.kinds - set(KINDS))
        if unknown:
            raise ValidationError(f"unknown kind {unknown[0]!r}: choose from {', '.join(KINDS)}")
        if self.since and self.until and self.since > self.until:
            raise ValidationError("the start of the period is after its end")


@dataclass(frozen=True)
class Fact:
    label: str
    value: str


@dataclass(frozen=True)
class BragItem:
    entry_id: str
    kind: str
    title: str
    summary: str  # the brag-doc bullet; renderers fall back to the title when it is empty
    period: str
    impact: str = ""
    metrics: str = ""
    details: tuple[Fact, ...] = ()
    links: tuple[str, ...] = ()
    notes: str = ""  # Markdown, the user's own; only with details
    star: tuple[Fact, ...] = ()
    quote: str = ""  # someone's own words (praise), quoted under the bullet
    quote_by: str = ""  # whose words they are

    @property
    def bullet(self) -> str:
        return self.summary or self.title


@dataclass(frozen=True)
class BragGoal:
    """A goal for the document's period, with the entries in the document that served it."""

    title: str
    period: str
    served: tuple[str, ...] = ()  # "Payments v2 (Mar 2026)", in date order


@dataclass(frozen=True)
class BragSection:
    key: str
    heading: str
    items: tuple[BragItem, ...]


@dataclass(frozen=True)
class BragDocument:
    title: str
    name: str
    role: str
    period: str
    prepared: str
    counts: tuple[str, ...]  # e.g. "14 shipped systems", in kind order, non-zero only
    sections: tuple[BragSection, ...]
    options: BragOptions = field(default_factory=BragOptions)
    goals: tuple[BragGoal, ...] = ()  # the Goals section, first in the document

    @property
    def entry_count(self) -> int:
        return sum(len(s.items) for s in self.sections)

    def first_items(self, limit: int) -> BragDocument:
        """The same document cut after ``limit`` items (a quick preview of a long one)."""
        sections, left = [], limit
        for section in self.sections:
            if left <= 0:
                break
            sections.append(replace(section, items=section.items[:left]))
            left -= len(section.items)
        return replace(self, sections=tuple(sections))


# -- dates as people write them ---------------------------------------------------------


def format_day(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def format_month(day: dt.date, *, short: bool = True) -> str:
    name = MONTHS[day.month - 1]
    return f"{name[:3] if short else name} {day.year}"


def format_span(start: dt.date, end: dt.date | None) -> str:
    """``Jun – Oct 2017``, ``Nov 2017``, ``Dec 2019 – Jan 2020``, ``Jan 2026 – present``."""
    if end is None:
        return f"{format_month(start)} – present"
    if (start.year, start.month) == (end.year, end.month):
        return format_month(start)
    if start.year == end.year:
        return f"{MONTHS[start.month - 1][:3]} – {format_month(end)}"
    return f"{format_month(start)} – {format_month(end)}"


def _whole_month(start: dt.date, end: dt.date) -> bool:
    """From the first of a month to the last day of a month (perhaps another one)."""
    following = end + dt.timedelta(days=1)
    return start.day == 1 and following.day == 1


def _day(day: dt.date, *, year: bool = True) -> str:
    text = f"{MONTHS[day.month - 1][:3]} {day.day}"
    return f"{text}, {day.year}" if year else text


def format_period(start: dt.date, end: dt.date | None, today: dt.date | None = None) -> str:
    """The dates exactly, in the words people write: ``Mar 3, 2024``, ``Mar 3 – 12, 2024``,
    ``Mar 3 – Apr 12, 2024``, ``Dec 20, 2023 – Jan 5, 2024``, ``Mar 3, 2024 – present``.

    Whole months read as months (``Mar 2024``, ``Jun – Oct 2017``) — but only once they are
    over (before ``today``), since a month still going would read back as an open end. The
    Markdown and HTML importers read every one of these back to the day.
    """
    today = today or dt.date.today()
    if end is None:
        lead = format_month(start) if start.day == 1 else _day(start)
        return f"{lead} – present"
    if _whole_month(start, end) and end < today:
        return format_span(start, end)
    if start == end:
        return _day(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{_day(start, year=False)} – {end.day}, {end.year}"
    if start.year == end.year:
        return f"{_day(start, year=False)} – {_day(end)}"
    return f"{_day(start)} – {_day(end)}"
