"""Dates as people write them in brag documents and spreadsheets.

Every form is read as a period, first day to last day: "2024-03-15" is one day, "March 2024"
a month, "Q1 2024" a quarter, "H2 2023" a half, "2023" a year. Two of them joined by a dash
or "to" are a range ("2023–2024", "Feb – Sep 2024", "Aug-Dec 2024", "Mar 3 – Apr 12, 2024",
"Mar 3 – 12, 2024", "Jan 2026 – present"); "present" (or "since" in front) leaves the end
open. A bare year is only trusted where it cannot be a number: in a heading, inside
brackets, before a colon, or in a range ("handled 2000 requests" is not a date).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MON = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_YEAR = r"(?:19[7-9]\d|20\d\d)"
_B = r"(?<![\w/.-])"  # not glued to a word, a path or a version number on the left
_BM = r"(?<![\w/.])"  # a month's name may follow a dash ("Aug-Dec 2024")
_E = r"(?![\w/]|[.-]\d)"  # ... nor on the right
_DASH = r"\s*[-\u2013\u2014]\s*"

_DAY = r"(?P<d>0?[1-9]|[12]\d|3[01])"
_DAY2 = r"(?P<d2>0?[1-9]|[12]\d|3[01])"
_ORD = r"(?:st|nd|rd|th)?"
_ATOM_PATTERNS = (
    ("iso_day", _B, rf"(?P<y>{_YEAR})[-/.](?P<m>0?[1-9]|1[0-2])[-/.]{_DAY}"),
    # "Mar 3 – 12, 2024" and "3 – 12 March 2024": days of one month
    ("days_md", _BM, rf"(?P<mon>{_MON})\s+{_DAY}{_ORD}{_DASH}{_DAY2}{_ORD},?\s+(?P<y>{_YEAR})"),
    ("days_dm", _B, rf"{_DAY}{_ORD}{_DASH}{_DAY2}{_ORD}\s+(?P<mon>{_MON}),?\s+(?P<y>{_YEAR})"),
    ("day_month", _B, rf"{_DAY}{_ORD}\s+(?P<mon>{_MON}),?\s+(?P<y>{_YEAR})"),
    ("month_day", _BM, rf"(?P<mon>{_MON})\s+{_DAY}{_ORD},?\s+(?P<y>{_YEAR})"),
    ("month_year", _BM, rf"(?P<mon>{_MON}),?\s+'?(?P<y>{_YEAR})"),
    ("iso_month", _B, rf"(?P<y>{_YEAR})[-/](?P<m>0[1-9]|1[0-2])"),
    ("num_month", _B, rf"(?P<m>0?[1-9]|1[0-2])/(?P<y>{_YEAR})"),
    ("quarter", _B,
     rf"(?:Q(?P<q>[1-4])\s*'?(?P<y>{_YEAR})|(?P<y2>{_YEAR})\s*[-/ ]?Q(?P<q2>[1-4]))"),
    ("half", _B,
     rf"(?:H(?P<h>[12])\s*'?(?P<y>{_YEAR})|(?P<y2>{_YEAR})\s*[-/ ]?H(?P<h2>[12]))"),
    ("year_range", _B, rf"(?P<y>{_YEAR})\s*[-\u2013\u2014/]\s*(?P<y2>{_YEAR})"),
    ("year_short", _B, rf"(?P<y>{_YEAR})\s*[-\u2013\u2014/]\s*(?P<yy>\d\d)"),
    ("year", _B, rf"(?P<y>{_YEAR})"),
)
_ATOMS: tuple[tuple[str, re.Pattern[str]], ...] = (
    *((name, re.compile(left + pattern + _E, re.IGNORECASE))
      for name, left, pattern in _ATOM_PATTERNS),
    # Without a year: only the left end of a range ("Mar 3 – Apr 12, 2024", "Aug-Dec 2024").
    ("month_day_part", re.compile(rf"{_BM}(?P<mon>{_MON})\s+{_DAY}{_ORD}(?![\w,]|,?\s*\d)",
                                  re.IGNORECASE)),
    ("day_month_part", re.compile(rf"{_B}{_DAY}{_ORD}\s+(?P<mon>{_MON})(?![\w,])",
                                  re.IGNORECASE)),
    ("month", re.compile(rf"{_BM}(?P<mon>{_MON})(?![\w])", re.IGNORECASE)),
)
_DAY_KINDS = frozenset({"iso_day", "days_md", "days_dm", "day_month", "month_day"})
_RANGE_SEP = re.compile(r"\s*(?:-|\u2013|\u2014|to|until|through|thru|till)\s*", re.IGNORECASE)
_OPEN_END = re.compile(
    r"\s*(?:-|\u2013|\u2014|to|until)\s*(?:present|now|today|ongoing|current|date)\b",
    re.IGNORECASE,
)
_SINCE = re.compile(r"\bsince\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date | None  # None: still going ("– present")
    text: str  # the words it was read from
    span: tuple[int, int]  # where, in the text it was found in
    exact_end: bool = False  # the end was written to the day (not "2024", "Mar 2024")


@dataclass(frozen=True)
class _Atom:
    kind: str
    start: dt.date
    end: dt.date
    span: tuple[int, int]
    # A month (and perhaps a day) with no year, usable only as the left end of a range.
    month_only: int = 0
    day_only: int = 0

    @property
    def exact(self) -> bool:
        return self.kind in _DAY_KINDS


def _month(name: str) -> int:
    return _MONTHS[name.rstrip(".").casefold()[:3]]


def _last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _atom(kind: str, m: re.Match[str]) -> _Atom | None:
    g = m.groupdict()
    span = m.span()
    try:
        if kind in ("iso_day", "day_month", "month_day"):
            month = int(g["m"]) if g.get("m") else _month(g["mon"])
            day = dt.date(int(g["y"]), month, int(g["d"]))
            return _Atom(kind, day, day, span)
        if kind in ("days_md", "days_dm"):
            year, month = int(g["y"]), _month(g["mon"])
            lo, hi = dt.date(year, month, int(g["d"])), dt.date(year, month, int(g["d2"]))
            return _Atom(kind, lo, hi, span) if lo <= hi else None
        if kind in ("month_year", "iso_month", "num_month"):
            year = int(g["y"])
            month = int(g["m"]) if g.get("m") else _month(g["mon"])
            return _Atom(kind, dt.date(year, month, 1), _last_day(year, month), span)
        if kind == "quarter":
            year, q = int(g["y"] or g["y2"]), int(g["q"] or g["q2"])
            first = 3 * (q - 1) + 1
            return _Atom(kind, dt.date(year, first, 1), _last_day(year, first + 2), span)
        if kind == "half":
            year, h = int(g["y"] or g["y2"]), int(g["h"] or g["h2"])
            first = 1 if h == 1 else 7
            return _Atom(kind, dt.date(year, first, 1), _last_day(year, first + 5), span)
        if kind == "year_range":
            first, last = int(g["y"]), int(g["y2"])
            if last < first:
                return None
            return _Atom(kind, dt.date(first, 1, 1), dt.date(last, 12, 31), span)
        if kind == "year_short":
            year = int(g["y"])
            last = year // 100 * 100 + int(g["yy"])
            if not year < last <= year + 10:
                return None
            return _Atom(kind, dt.date(year, 1, 1), dt.date(last, 12, 31), span)
        if kind == "year":
            year = int(g["y"])
            return _Atom(kind, dt.date(year, 1, 1), dt.date(year, 12, 31), span)
        if kind in ("month", "month_day_part", "day_month_part"):
            day_no = int(g["d"]) if g.get("d") else 0
            return _Atom(kind, dt.date.min, dt.date.min, span, month_only=_month(g["mon"]),
                         day_only=day_no)
    except ValueError:  # 31 February and the like
        return None
    return None


def _atoms(text: str) -> list[_Atom]:
    """Every date-like piece of ``text``: leftmost first, the longer of two that overlap."""
    found: list[_Atom] = []
    for kind, pattern in _ATOMS:
        for m in pattern.finditer(text):
            atom = _atom(kind, m)
            if atom is not None:
                found.append(atom)
    found.sort(key=lambda a: (a.span[0], -(a.span[1] - a.span[0])))
    chosen: list[_Atom] = []
    for atom in found:
        if chosen and atom.span[0] < chosen[-1].span[1]:
            continue
        chosen.append(atom)
    return chosen


def _trusted_year(text: str, atom: _Atom) -> bool:
    """A lone year in running text is a date only where it cannot be a count."""
    before = text[: atom.span[0]].rstrip()
    after = text[atom.span[1]:].lstrip()
    if before.endswith(("(", "[")) and after.startswith((")", "]", ",", ";")):
        return True
    if not before and (not after or after[0] in ":\u2013\u2014-|,"):
        return True
    return before.endswith(("\u2014", "\u2013", " -", "|", ",")) and (not after or after[0] in ")]")


def find_period(text: str, *, bare_years: bool = False) -> Period | None:
    """The first date or range in ``text``; ``bare_years`` trusts every lone year (headings)."""
    atoms = _atoms(text)
    for i, atom in enumerate(atoms):
        nxt = atoms[i + 1] if i + 1 < len(atoms) else None
        joined = _range(text, atom, nxt)
        if joined is not None:
            return joined
        if atom.month_only:
            continue
        open_end = _OPEN_END.match(text, atom.span[1])
        if open_end:
            span = (atom.span[0], open_end.end())
            return Period(atom.start, None, text[span[0]:span[1]], span)
        if atom.kind == "year" and not bare_years and not _trusted_year(text, atom):
            continue
        since = _SINCE.search(text, 0, atom.span[0])
        if since:
            span = (since.start(), atom.span[1])
            return Period(atom.start, None, text[span[0]:span[1]], span)
        return Period(atom.start, atom.end, text[atom.span[0]:atom.span[1]], atom.span,
                      exact_end=atom.exact)
    return None


def _range(text: str, left: _Atom, right: _Atom | None) -> Period | None:
    if right is None or right.month_only:
        return None
    between = text[left.span[1]:right.span[0]]
    if not _RANGE_SEP.fullmatch(between):
        return None
    start = left.start
    if left.month_only:
        year = right.start.year
        try:
            start = dt.date(year, left.month_only, left.day_only or 1)
            if start > right.start:
                start = dt.date(year - 1, left.month_only, left.day_only or 1)
        except ValueError:
            return None
    if start > right.end:
        return None
    span = (left.span[0], right.span[1])
    return Period(start, right.end, text[span[0]:span[1]], span, exact_end=right.exact)


# -- single dates in spreadsheet cells ----------------------------------------------------------

_NUMERIC = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})(?:[ T].*)?$")
_ISO_PREFIX = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[ T])")


def numeric_order_hint(value: str) -> str | None:
    """"dmy" or "mdy" when a numeric date can only be read one way, else None."""
    m = _NUMERIC.match(value)
    if not m:
        return None
    a, b = int(m[1]), int(m[2])
    if a > 12 >= b:
        return "dmy"
    if b > 12 >= a:
        return "mdy"
    if "." in value[: m.end(2)]:
        return "dmy"  # 15.03.2024 is written day-first wherever dots are used
    return None


def parse_cell_date(value: str, order: str = "mdy") -> dt.date | None:
    """One date from a spreadsheet cell (ISO, numeric in ``order``, or with a month name)."""
    text = value.strip()
    if not text:
        return None
    iso = _ISO_PREFIX.match(text)
    try:
        if iso:
            return dt.date(int(iso[1]), int(iso[2]), int(iso[3]))
        m = _NUMERIC.match(text)
        if m:
            a, b, year = int(m[1]), int(m[2]), int(m[3])
            if len(m[3]) == 2:
                year += 2000 if year <= (dt.date.today().year % 100) + 1 else 1900
            day, month = (a, b) if order == "dmy" else (b, a)
            return dt.date(year, month, day)
    except ValueError:
        return None
    period = find_period(text, bare_years=True)
    return period.start if period is not None else None
