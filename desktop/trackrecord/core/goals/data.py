"""Goals and review cycles as services hand them out, and the periods people name them by.

Importable without SQLAlchemy: the brag document and the CLI's argument checks use these.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from trackrecord.core.errors import ValidationError

# The periods a goal is usually set for; "custom" takes the dates given.
GOAL_PERIODS: tuple[str, ...] = ("this-year", "h1", "h2", "next-year", "custom")
PERIOD_LABELS: dict[str, str] = {
    "this-year": "This year", "h1": "H1 (January to June)", "h2": "H2 (July to December)",
    "next-year": "Next year", "custom": "Custom range",
}
MAX_NAME = 120


@dataclass(frozen=True)
class GoalData:
    id: str
    title: str
    start_date: dt.date
    end_date: dt.date
    notes: str = ""
    entry_ids: tuple[str, ...] = ()  # the entries that served it, oldest first

    @property
    def period(self) -> str:
        return describe_period(self.start_date, self.end_date)


@dataclass(frozen=True)
class CycleData:
    id: str
    name: str
    start_date: dt.date
    end_date: dt.date

    @property
    def period(self) -> str:
        return describe_period(self.start_date, self.end_date)

    def contains(self, day: dt.date) -> bool:
        return self.start_date <= day <= self.end_date


def period_range(period: str, today: dt.date) -> tuple[dt.date, dt.date]:
    """The dates ``this-year``, ``h1``, ``h2`` or ``next-year`` mean in ``today``'s year."""
    year = today.year
    ranges = {
        "this-year": (dt.date(year, 1, 1), dt.date(year, 12, 31)),
        "h1": (dt.date(year, 1, 1), dt.date(year, 6, 30)),
        "h2": (dt.date(year, 7, 1), dt.date(year, 12, 31)),
        "next-year": (dt.date(year + 1, 1, 1), dt.date(year + 1, 12, 31)),
    }
    key = period.strip().casefold().replace(" ", "-").replace("_", "-")
    if key not in ranges:
        raise ValidationError(
            f"unknown period {period!r}: use this-year, h1, h2, next-year, or give dates")
    return ranges[key]


def describe_period(start: dt.date, end: dt.date) -> str:
    """``2026``, ``H1 2026``, ``H2 2026``, ``Q3 2026``, or ``3 Mar 2026 – 30 Sep 2026``."""
    if (start.month, start.day) == (1, 1) and start.year == end.year:
        if (end.month, end.day) == (12, 31):
            return str(start.year)
        if (end.month, end.day) == (6, 30):
            return f"H1 {start.year}"
    if (start.month, start.day, end.month, end.day) == (7, 1, 12, 31) and (
            start.year == end.year):
        return f"H2 {start.year}"
    if start.day == 1 and start.month % 3 == 1 and start.year == end.year and (
            end + dt.timedelta(days=1)).replace(day=1) == _next_quarter(start):
        return f"Q{start.month // 3 + 1} {start.year}"
    return f"{_day(start)} – {_day(end)}"


def _next_quarter(start: dt.date) -> dt.date:
    return dt.date(start.year + 1, 1, 1) if start.month == 10 else start.replace(
        month=start.month + 3)


def _day(day: dt.date) -> str:
    return f"{day.day} {day.strftime('%b')} {day.year}"


def check_range(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise ValidationError("the end date is before the start date")


def clean_name(value: str, what: str) -> str:
    text = " ".join(str(value).split())
    if not text:
        raise ValidationError(f"the {what} cannot be empty")
    if len(text) > MAX_NAME:
        raise ValidationError(f"the {what} is longer than {MAX_NAME} characters")
    return text


def since_last_review(cycles: list[CycleData], today: dt.date) -> tuple[dt.date, dt.date]:
    """From the day after the latest review cycle that has ended to ``today`` ("since my
    last review"); ValidationError when no cycle has ended yet."""
    ended = [c for c in cycles if c.end_date < today]
    if not ended:
        raise ValidationError("no review cycle has ended yet: add your last one first")
    last = max(ended, key=lambda c: c.end_date)
    return last.end_date + dt.timedelta(days=1), today


_GOAL_PERIOD = re.compile(
    r"[\s(\[,;:\u2013\u2014-]*\b(?:(?P<half>H[12])|(?P<quarter>Q[1-4]))?\s*(?P<year>(?:19|20)\d\d)?"
    r"\b[)\]]?\s*$", re.IGNORECASE)
_LEADING = re.compile(r"^\s*(?:(?P<half>H[12])|(?P<quarter>Q[1-4]))\s*(?P<year>(?:19|20)\d\d)?"
                      r"\s*[:\u2013\u2014-]\s*", re.IGNORECASE)


def goal_from_text(text: str, year: int) -> tuple[str, dt.date, dt.date]:
    """A goal as a brag document's Goals section writes it: ``Lead the migration (H1 2026)``,
    ``Q3: ship search``, ``Speak at a conference 2026``; the period goes, the title stays.
    Without a period the goal is for ``year`` (the document's). For an importer to call
    once per line of that section."""
    title, period = goal_period(text, year)
    start, end = period or (dt.date(year, 1, 1), dt.date(year, 12, 31))
    return title, start, end


def goal_period(text: str, year: int) -> tuple[str, tuple[dt.date, dt.date] | None]:
    """The goal's title, and the period the line names (None when it names none: the
    importer then gives the period of the heading over it, or of the document). A half or a
    quarter without a year is in ``year``."""
    title = " ".join(text.split())
    found = _LEADING.match(title)
    if found and (found["half"] or found["quarter"]):
        title = title[found.end():]
    else:
        found = _GOAL_PERIOD.search(title)
        if found and (found["half"] or found["quarter"] or found["year"]):
            title = title[:found.start()]
        else:
            found = None
    title = title.strip(" -:\u2013\u2014")
    if not title:
        raise ValidationError("a goal needs words, not only a period")
    if found is None:
        return title, None
    when = int(found["year"]) if found["year"] else year
    start, end = dt.date(when, 1, 1), dt.date(when, 12, 31)
    if found["half"]:
        start, end = ((dt.date(when, 1, 1), dt.date(when, 6, 30)) if found["half"].upper() == "H1"
                      else (dt.date(when, 7, 1), dt.date(when, 12, 31)))
    elif found["quarter"]:
        q = int(found["quarter"][1])
        start = dt.date(when, 3 * q - 2, 1)
        end = (dt.date(when, 3 * q + 1, 1) if q < 4 else dt.date(when + 1, 1, 1)) - dt.timedelta(1)
    return title, (start, end)
