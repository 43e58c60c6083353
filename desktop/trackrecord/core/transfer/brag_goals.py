"""A brag document's Goals section, read into goals (the Markdown and the HTML readers share it).

Each line under a Goals heading is one goal: its title, and its period — its own ("Lead the
migration (H1 2026)", "Q3: ship search", "(3 Mar 2026 – 30 Sep 2026)"), else the heading's
("Goals for H1 2026"; "Goals for next year" is the year after the document's), else the
document's year (from its title, front matter, first line or file name), else this year.
Sub-items under a goal that name an entry of the same file (the same title, as an entry made
of that line would have) link that entry to the goal; anything else written under it is kept
in the goal's notes, so nothing is lost. The template's guidance, a placeholder, and the lines
of a "To do" list are offered unticked.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field, replace

from trackrecord.core.errors import ValidationError
from trackrecord.core.goals.data import MAX_NAME, goal_period
from trackrecord.core.transfer.dates import Period, find_period
from trackrecord.core.transfer.import_base import (
    SKIP,
    EntryDraft,
    GoalDraft,
    PreviewRow,
    RejectionDraft,
    short_title,
)
from trackrecord.core.transfer.markdown_context import GUIDANCE, PLACEHOLDER, Meaning, guidance
from trackrecord.core.transfer.markdown_text import (
    BULLET,
    TASK,
    capitalised,
    dedent,
    extract_links,
    plain,
    take_tags,
    title_summary,
)

TO_DO = "a to-do"
Item = EntryDraft | RejectionDraft | GoalDraft | PreviewRow
_SIMPLE = re.compile(r"(?:[HQ][1-4]\s*)?(?:19|20)\d\d", re.IGNORECASE)  # goal_period's own
_SEPARATORS = " ([,;:-\u2013\u2014"
_GUESSES = {
    GUIDANCE: "looks like template guidance, not a goal of yours",
    PLACEHOLDER: "looks like a placeholder, not a goal",
    TO_DO: "a line of a to-do list: tick it to keep it as a goal",
}


@dataclass
class _Ref:
    """A sub-item under a goal: the entry it would name, and its lines as written."""

    names: tuple[str, ...]  # keys of the titles it may name
    lines: list[str] = field(default_factory=list)


def _key(title: str) -> str:
    return " ".join(title.split()).casefold()


def _year(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def ref_names(text: str) -> tuple[str, ...]:
    """The titles a sub-item may name an entry by: the title an entry made of the line would
    have (the Markdown reader's way), and the line less a date at its end ("Payments v2
    (Mar 2026)", as the brag-document export lists what served a goal)."""
    text, _, _ = take_tags(extract_links(TASK.sub("", text.strip()), []))
    words = plain(text)
    found = find_period(words)
    title, _ = title_summary(text, found)
    if found is not None and not words[found.span[1]:].strip(" )]."):
        words = words[:found.span[0]].rstrip(_SEPARATORS)
    return _key(title), _key(words)


def title_and_period(words: str, default: tuple[dt.date, dt.date]
                     ) -> tuple[str, tuple[dt.date, dt.date], bool]:
    """The goal's title and period, and whether the line named the period itself."""
    found = find_period(words)
    if found is not None:
        after = words[found.span[1]:].strip(" )].")
        before = words[:found.span[0]].rstrip(_SEPARATORS)
        lead = words[found.span[1]:].lstrip(" )]")
        if not after and before and not _SIMPLE.fullmatch(found.text):
            return before, _range(found), True  # "Lead X (3 Mar 2026 – 30 Sep 2026)"
        if found.span[0] == 0 and lead[:1] in (":", "-", "\u2013", "\u2014"):
            rest = lead.lstrip(_SEPARATORS)
            if rest:
                return rest, _range(found), True  # "2026: lead X"
    title, period = goal_period(words, default[0].year)
    if period is not None and period[0].month == 1 and period[1].month == 12 and abs(
            period[0].year - default[0].year) > 5:
        return " ".join(words.split()), default, False  # "Serve 2000" is not a date
    return title, period or default, period is not None


def _range(found: Period) -> tuple[dt.date, dt.date]:
    return found.start, found.end or dt.date(found.start.year, 12, 31)


class GoalMaker:
    """Drafts the goals of one document into ``items`` (shared with its reader); ``finish``
    links them to the entries of the file once it has been read whole."""

    def __init__(self, today: dt.date, fallback: tuple[Period, str] | None,
                 items: list[Item], counts: Counter[str]) -> None:
        self.today, self.fallback, self.items, self.counts = today, fallback, items, counts
        self._pending: list[tuple[int, list[_Ref]]] = []

    def default(self, metas: list[Meaning]) -> tuple[tuple[dt.date, dt.date], str]:
        """The period of a goal that names none, and where it came from ("" for a heading
        over it: the preview says nothing then)."""
        goal = next((m for m in reversed(metas) if m.goal), None)
        dated = next((m for m in reversed(metas) if m.period), None)
        if dated is not None and dated.period is not None:
            found = dated.period
            span = _range(found)
            # a quarter or a half stands; a month is read as its year, and so is a document
            # of several years ("2024–2025": its goals for this year are 2024's)
            wide = (span[1] - span[0]).days >= 80 and span[0].year == span[1].year
            period, source = (span if dated is goal or wide else _year(found.start.year),
                              "the title" if dated.title else "")
        elif self.fallback is not None:
            period, source = _year(self.fallback[0].start.year), self.fallback[1]
        else:
            period, source = _year(self.today.year), "today"
        if goal is not None and goal.next_year and dated is not goal:
            period, source = _year(period[0].year + 1), ""  # the heading says which year
        return period, source

    def add(self, where: str, text: str, body: list[str], metas: list[Meaning], *,
            template: bool = False) -> None:
        default, source = self.default(metas)
        to_do = any(m.to_do for m in metas if m.goal)
        self.add_goal(where, text, body, default, source=source, template=template,
                      to_do=to_do)

    def add_goal(self, where: str, text: str, body: list[str],
                 default: tuple[dt.date, dt.date], *, source: str = "", template: bool = False,
                 to_do: bool = False) -> None:
        links: list[str] = []
        words = plain(extract_links(TASK.sub("", text.strip()), links))
        try:
            title, (start, end), own = title_and_period(words, default)
            if end < start:
                raise ValidationError("the period ends before it starts")
        except ValidationError as exc:
            self.items.append(PreviewRow(SKIP, "goal", short_title(words) or "-",
                                         reason=str(exc), where=where, tally="not readable"))
            return
        title = capitalised(title.removesuffix(".") if not title.endswith("..") else title)
        notes = [words] if len(title) > MAX_NAME else []
        notes += links
        mark = guidance(words) or (GUIDANCE if template else TO_DO if to_do else None)
        draft = GoalDraft(where, short_title(title, MAX_NAME), start, end, "\n".join(notes))
        if mark:
            self.counts[mark] += 1
            draft = replace(draft, chosen=False, guess=_GUESSES[mark], tally=mark)
        elif not own and source:
            self.counts[f"goal by {source}"] += 1
            self.counts[f"goal year:{start.year}"] += 1
        self.counts["goal"] += 1
        refs, loose = _refs(body)
        if loose and any(line.strip() for line in loose):
            draft = replace(draft, notes="\n".join(filter(None, [draft.notes, *_trim(loose)])))
        self._pending.append((len(self.items), refs))
        self.items.append(draft)

    def finish(self) -> None:
        """Link each goal to the entries of the file its sub-items name (the first entry of
        that title); a sub-item naming none is kept in the goal's notes."""
        titles: dict[str, str] = {}
        for item in self.items:
            if isinstance(item, EntryDraft):
                titles.setdefault(_key(str(item.values["title"])), item.where)
        for index, refs in self._pending:
            draft = self.items[index]
            assert isinstance(draft, GoalDraft)
            serves: list[str] = []
            kept: list[str] = []
            for ref in refs:
                where = next((titles[n] for n in ref.names if n in titles), None)
                if where is not None and where not in serves:
                    serves.append(where)
                else:
                    kept += ref.lines
            notes = "\n".join(filter(None, [draft.notes, "\n".join(_trim(kept))]))
            self.items[index] = replace(draft, serves=tuple(serves), notes=notes)
        self._pending = []

    def notices(self) -> list[str]:
        out = []
        years = sorted(k.removeprefix("goal year:") for k in self.counts
                       if k.startswith("goal year:"))
        for source in ("the title", "its front matter", "its first line", "its file name"):
            n = self.counts[f"goal by {source}"]
            if n:
                out.append(f"{n} {'goal names' if n == 1 else 'goals name'} no period of "
                           f"{'its' if n == 1 else 'their'} own: "
                           f"{'it is' if n == 1 else 'they are'} for {', '.join(years)}, the "
                           f"year in {source}.")
        n = self.counts["goal by today"]
        if n:
            out.append(f"{n} {'goal names' if n == 1 else 'goals name'} no period, and the "
                       f"file gives no year: {'it is' if n == 1 else 'they are'} for this "
                       f"year ({self.today.year}).")
        n = self.counts[TO_DO]
        if n:
            out.append(f"{n} to-do {'line is' if n == 1 else 'lines are'} offered as "
                       f"{'a goal' if n == 1 else 'goals'}, unticked.")
        return out


def _refs(body: list[str]) -> tuple[list[_Ref], list[str]]:
    """The sub-items of a goal (each with the lines under it), and the other lines."""
    refs: list[_Ref] = []
    loose: list[str] = []
    current: _Ref | None = None
    for line in dedent(body):
        bullet = BULLET.match(line)
        if bullet and not bullet[1]:
            current = _Ref(ref_names(bullet[2]), [line])
            refs.append(current)
        elif current is not None and (not line.strip() or line[:1] == " "):
            current.lines.append(line)
        else:
            current = None
            loose.append(line)
    return refs, loose


def _trim(lines: list[str]) -> list[str]:
    start = next((i for i, ln in enumerate(lines) if ln.strip()), len(lines))
    end = len(lines)
    while end > start and not lines[end - 1].strip():
        end -= 1
    return lines[start:end]
