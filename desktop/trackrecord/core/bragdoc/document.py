"""The brag document: entries in, a document a manager can read out (Markdown, HTML; PDF in ui).

It takes track-record entries only, so the rejection log can never appear in it. The output
is deterministic for the same entries and options (newest first within every group, ties by
title then id), which keeps golden files and diffs of exported documents stable.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any, Literal, get_args

from trackrecord.core.bragdoc.markdown import render_markdown
from trackrecord.core.bragdoc.model import (
    DEFAULT_TITLE,
    GROUPS,
    BragDocument,
    BragGoal,
    BragItem,
    BragOptions,
    BragSection,
    Fact,
    Grouping,
    format_day,
    format_month,
    format_period,
)
from trackrecord.core.bragdoc.sections import SectionScheme, default_scheme
from trackrecord.core.goals.data import GoalData
from trackrecord.core.record.entries import EntryData
from trackrecord.core.record.kinds import KIND_REGISTRY

__all__ = [
    "DEFAULT_TITLE", "GROUPS", "PRESETS", "BragDocument", "BragItem", "BragOptions",
    "BragSection", "Fact", "Grouping", "Preset", "build_document", "filter_entries",
    "mentee_initials", "preset_range", "render_html", "render_markdown", "render_print_html",
]

Preset = Literal["all", "last_6_months", "last_12_months", "this_year", "custom"]
PRESETS: tuple[str, ...] = get_args(Preset)
PRESET_LABELS: dict[str, str] = {
    "all": "All time",
    "last_6_months": "Last 6 months",
    "last_12_months": "Last 12 months",
    "this_year": "This year",
    "custom": "Custom range",
}


# -- rendering ---------------------------------------------------------------------------
# The HTML renderers load Markdown and nh3 (for the notes), so they are imported on first
# use: a Markdown export from the command line does not pay for them.


def render_html(doc: BragDocument) -> str:
    """The self-contained HTML file (see ``bragdoc_html``)."""
    from trackrecord.core.bragdoc.html import render_html as render

    return render(doc)


def render_print_html(doc: BragDocument) -> str:
    """The HTML Qt lays out for the PDF (see ``bragdoc_html``)."""
    from trackrecord.core.bragdoc.html import render_print_html as render

    return render(doc)


# -- periods -----------------------------------------------------------------------------


def _months_before(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    next_month = dt.date(year + (month == 12), month % 12 + 1, 1)
    last_day = (next_month - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last_day))


def preset_range(
    preset: str,
    today: dt.date,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> tuple[dt.date | None, dt.date | None]:
    """The (since, until) a preset means on ``today``; ``custom`` returns the given range."""
    if preset == "all":
        return None, None
    if preset == "last_6_months":
        return _months_before(today, 6), today
    if preset == "last_12_months":
        return _months_before(today, 12), today
    if preset == "this_year":
        return dt.date(today.year, 1, 1), today
    if preset == "custom":
        return since, until
    raise ValueError(f"unknown period {preset!r}: use {', '.join(PRESETS)}")


# -- privacy -----------------------------------------------------------------------------

_NAME_SPLIT = re.compile(r"\s*(?:,|;|/|&|\band\b)\s*")


def mentee_initials(name: str) -> str:
    """``Priya S.`` -> ``P. S.``; several people (``A. B., C. D.``) keep their separators."""
    people = [p for p in _NAME_SPLIT.split(name.strip()) if p]
    out = []
    for person in people:
        letters = [next((c for c in part if c.isalpha()), "") for part in person.split()]
        initials = " ".join(f"{c.upper()}." for c in letters if c)
        if initials:
            out.append(initials)
    return ", ".join(out)


def _hide_mentee(entry: EntryData) -> EntryData:
    """Initials in the mentee field, and the names written in the entry's text replaced too."""
    if not entry.mentee.strip():
        return entry
    swaps: list[tuple[str, str]] = [(entry.mentee.strip(), mentee_initials(entry.mentee))]
    for person in _NAME_SPLIT.split(entry.mentee.strip()):
        for part in person.split():
            word = part.strip(".,()")
            if len(word) > 1 and word[0].isalpha():
                swaps.append((word, f"{word[0].upper()}."))
    patterns = [(re.compile(rf"(?<!\w){re.escape(old)}(?!\w)"), new) for old, new in swaps]

    def scrub(text: str) -> str:
        for pattern, new in patterns:
            text = pattern.sub(new, text)
        return text

    changes: dict[str, Any] = {
        name: scrub(getattr(entry, name))
        for name in (
            "title", "summary", "impact", "metrics", "notes", "situation", "task", "action",
            "result", "outcome", "duration", "role",
        )
    }
    return replace(entry, mentee=mentee_initials(entry.mentee), **changes)


# -- choosing entries --------------------------------------------------------------------


def _overlaps(entry: EntryData, since: dt.date | None, until: dt.date | None) -> bool:
    """An entry counts if any of it falls in the period; no end date means still going."""
    if until is not None and entry.start_date > until:
        return False
    return not (since is not None and entry.end_date is not None and entry.end_date < since)


def filter_entries(entries: Iterable[EntryData], options: BragOptions) -> list[EntryData]:
    tags = {t.casefold() for t in options.tags}
    chosen = []
    for entry in entries:
        if options.kinds and entry.kind not in options.kinds:
            continue
        if tags and not tags.intersection(t.casefold() for t in entry.tags):
            continue
        if options.only_with_impact and not (entry.impact.strip() or entry.metrics.strip()):
            continue
        if not _overlaps(entry, options.since, options.until):
            continue
        chosen.append(entry)
    return chosen


def _newest_first(entries: Iterable[EntryData]) -> list[EntryData]:
    return sorted(entries, key=lambda e: (-e.start_date.toordinal(), e.title.casefold(), e.id))


# -- building ----------------------------------------------------------------------------


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _where(entry: EntryData) -> str:
    return " · ".join(v for v in (entry.organisation.strip(), entry.team.strip()) if v)


def _details(entry: EntryData, options: BragOptions) -> tuple[Fact, ...]:
    """Facts under the entry: every one with ``details``; else only where it was done."""
    where = _where(entry) if options.organisation else ""
    if not options.details:
        return (Fact("Organisation", _one_line(where)),) if where else ()
    facts = [("Role", entry.role), ("Organisation", where)]
    kind = KIND_REGISTRY.get(entry.kind)
    facts += [(f.fact, getattr(entry, f.name)) for f in (kind.fields if kind else ())]
    facts.append(("Skills", ", ".join(entry.tags)))
    return tuple(Fact(label, _one_line(value)) for label, value in facts if value.strip())


def _star(entry: EntryData) -> tuple[Fact, ...]:
    parts = (
        ("Situation", entry.situation), ("Task", entry.task),
        ("Action", entry.action), ("Result", entry.result),
    )
    return tuple(Fact(label, _one_line(value)) for label, value in parts if value.strip())


def _quote(entry: EntryData) -> tuple[str, str]:
    """Someone's words and who they are, for a kind whose measure is what others said."""
    kind = KIND_REGISTRY.get(entry.kind)
    if kind is None or not kind.measure_by:
        return "", ""
    return _one_line(getattr(entry, kind.measure)), _one_line(getattr(entry, kind.measure_by))


def _item(entry: EntryData, options: BragOptions) -> BragItem:
    if options.mentee_initials:
        entry = _hide_mentee(entry)
    quote, quote_by = _quote(entry)
    return BragItem(
        quote=quote,
        quote_by=quote_by,
        entry_id=entry.id,
        kind=entry.kind,
        title=_one_line(entry.title),
        summary=_one_line(entry.summary),
        period=format_period(entry.start_date, entry.end_date, options.prepared_on),
        impact=_one_line(entry.impact),
        metrics=_one_line(entry.metrics),
        details=_details(entry, options),
        links=tuple(link for link in entry.links if link.strip()) if options.details else (),
        notes=entry.notes.strip() if options.details else "",
        star=_star(entry) if options.star else (),
    )


def _period(entries: Sequence[EntryData], options: BragOptions) -> str:
    if options.since and options.until:
        return f"{format_day(options.since)} – {format_day(options.until)}"
    if options.since:
        return f"Since {format_day(options.since)}"
    if options.until:
        return f"Up to {format_day(options.until)}"
    if not entries:
        return ""
    first = min(e.start_date for e in entries)
    ends = [e.end_date for e in entries]
    last = "present" if None in ends else format_month(max(e for e in ends if e), short=False)
    return f"{format_month(first, short=False)} – {last}"


def _groups(
    entries: list[EntryData], group: str, scheme: SectionScheme
) -> list[tuple[str, str, list[EntryData]]]:
    """(key, heading, entries) per group, in document order, entries kept in their order.
    One pass over the entries, not one per group (a fifth of a second at 100,000)."""
    if group == "year":
        by_year: dict[int, list[EntryData]] = {}
        for e in entries:
            by_year.setdefault(e.start_date.year, []).append(e)
        return [(str(y), str(y), by_year[y]) for y in sorted(by_year, reverse=True)]
    if group == "kind":
        by_kind: dict[str, list[EntryData]] = {}
        for e in entries:
            by_kind.setdefault(e.kind, []).append(e)
        return [(k.key, k.plural, by_kind.get(k.key, [])) for k in KIND_REGISTRY]
    placed: dict[str, list[EntryData]] = {}
    for e in entries:
        placed.setdefault(scheme.section_for(e), []).append(e)
    return [(rule.key, rule.heading, placed.get(rule.key, [])) for rule in scheme.sections]


def _goals(goals: Iterable[GoalData], chosen: Sequence[EntryData],
           options: BragOptions) -> tuple[BragGoal, ...]:
    """The goals whose period meets the document's, each with the entries of the document
    that served it (oldest first), the earliest goal first."""
    by_id = {e.id: e for e in chosen}
    out = []
    for goal in sorted(goals, key=lambda g: (g.start_date, g.end_date, g.title.casefold())):
        if options.until is not None and goal.start_date > options.until:
            continue
        if options.since is not None and goal.end_date < options.since:
            continue
        served = sorted((by_id[i] for i in goal.entry_ids if i in by_id),
                        key=lambda e: (e.start_date, e.title.casefold()))
        out.append(BragGoal(_one_line(goal.title), goal.period, tuple(
            f"{_one_line(e.title)} ({format_period(e.start_date, e.end_date, options.prepared_on)})"
            for e in served)))
    return tuple(out)


def build_document(
    entries: Iterable[EntryData],
    options: BragOptions | None = None,
    scheme: SectionScheme | None = None,
    goals: Iterable[GoalData] = (),
) -> BragDocument:
    """Filter, group and order the entries; empty groups are left out. ``goals`` (with the
    entries linked to them) make the Goals section at the top."""
    options = options or BragOptions()
    scheme = scheme or default_scheme()
    chosen = _newest_first(filter_entries(entries, options))
    sections = tuple(
        BragSection(key, heading, tuple(_item(e, options) for e in members))
        for key, heading, members in _groups(chosen, options.group, scheme)
        if members
    )
    per_kind = Counter(e.kind for e in chosen)
    counts = tuple(
        f"{n} {(kind.label if n == 1 else kind.plural).lower()}"
        for kind in KIND_REGISTRY
        if (n := per_kind[kind.key])
    )
    return BragDocument(
        title=_one_line(options.title) or DEFAULT_TITLE,
        name=_one_line(options.name),
        role=_one_line(options.role),
        period=_period(chosen, options),
        prepared=format_day(options.prepared_on) if options.prepared_on else "",
        counts=counts,
        sections=sections,
        options=options,
        goals=_goals(goals, chosen, options),
    )
