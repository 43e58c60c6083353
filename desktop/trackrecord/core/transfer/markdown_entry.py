"""Making an entry out of what a brag document says about it: its fields, its kind, its
dates (its own, a heading's, the document's year, or today — and the preview says which),
and whether it is ticked (a template's guidance is not; a line outside the items of a
document kept one item per heading is not). Counts what the notices above the preview say.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from trackrecord.core.bragdoc.sections import default_scheme
from trackrecord.core.record.entries import EntryData
from trackrecord.core.record.validation import validate_changes
from trackrecord.core.transfer.dates import Period
from trackrecord.core.transfer.import_base import (
    EntryDraft,
    GoalDraft,
    PreviewRow,
    RejectionDraft,
    WarningList,
)
from trackrecord.core.transfer.markdown_context import Meaning
from trackrecord.core.transfer.markdown_text import Fields

NOT_AN_ITEM = "not an item"
_KIND_FIELDS = {"scale": "shipped", "stack": "shipped", "severity": "incident",
                "time_to_mitigate": "incident", "root_cause": "incident",
                "mentee": "mentoring", "duration": "mentoring"}


@dataclass(frozen=True)
class Context:
    """What the headings above a line say about it."""

    kind: str | None
    period: Meaning | None
    tag: str | None
    goal: bool
    guidance: bool
    ongoing: bool
    project: str | None


class EntryMaker:
    """Drafts entries for one document (into ``items``, shared with its reader)."""

    def __init__(self, today: dt.date, warnings: WarningList,
                 fallback: tuple[Period, str] | None) -> None:
        self.today, self.warnings, self.fallback = today, warnings, fallback
        self.items: list[EntryDraft | RejectionDraft | GoalDraft | PreviewRow] = []
        self.counts: Counter[str] = Counter()
        self.per_heading = False  # the document keeps one item per heading

    def draft(self, where: str, context: Context, title: str, summary: str,
               fields: Fields, notes: list[str], links: list[str], tags: list[str],
               people: list[str], period: Period | None, mark: str | None,
               *, in_item: bool = False) -> None:
        texts = {name: " ".join(p for p in parts if p) for name, parts in fields.texts.items()}
        kind = context.kind or next((_KIND_FIELDS[n] for n in texts if n in _KIND_FIELDS),
                                    "other")
        if kind != "mentoring" and "outcome" in texts:
            outcome = texts.pop("outcome")
            texts["result"] = f"{texts['result']} {outcome}" if texts.get("result") else outcome
        if kind == "mentoring" and people and not texts.get("mentee"):
            texts["mentee"] = people[0]
        values: dict[str, object] = {"kind": kind, "title": title, "summary": summary, **texts}
        while notes and not notes[0].strip():
            notes.pop(0)
        if notes:
            values["notes"] = "\n".join(notes)
        values["links"] = list(dict.fromkeys(links + fields.links))
        start, end, source = self._dates(period, context)
        values["start_date"], values["end_date"] = start, end
        all_tags = [t for t in [*fields.tags, *tags] if t]
        if kind == "other" and context.tag:
            all_tags = keep_section(title, summary, all_tags, context.tag,
                                    str(values.get("organisation", "")))
        values["tags"] = all_tags
        clean = validate_changes(values)
        chosen, guess, tally = True, "", ""
        if mark:
            chosen, tally = False, mark
            guess = ("looks like a placeholder, not something done" if mark == "placeholder"
                     else f"looks like {mark}, not something done" if mark != (
                         "a heading with text under it") else
                     "a heading with text under it: tick it if it is something you did")
        elif self.per_heading and not in_item:
            chosen, tally = False, NOT_AN_ITEM
            guess = "the document keeps one item per heading; this line is not one of them"
        if chosen and source:
            self.counts[source] += 1
            if source == "dated today":
                guess = "no date in the file: dated today"
            else:
                self.counts["year:" + self._year_text(context)] += 1
        self.counts[tally or "entry"] += 1
        self.items.append(EntryDraft(where, clean, chosen, guess, tally))

    def _dates(self, period: Period | None,
               context: Context) -> tuple[dt.date, dt.date | None, str]:
        """(start, end, where the dates came from when not from the entry or a heading)."""
        source = ""
        exact = False
        if period is not None:
            start, end, exact = period.start, period.end, period.exact_end
        elif context.period is not None and context.period.period is not None:
            found = context.period.period
            start, end = found.start, found.end
            source = "dated by the title" if context.period.title else ""
        elif self.fallback is not None:
            found, where = self.fallback
            start, end = found.start, found.end
            source = f"dated by {where}"
        else:
            start, end = self.today, self.today
            source = "dated today"
        if end is not None and end > self.today and not exact:
            end = None if start <= self.today else end
        if context.ongoing:
            end = None
        if start > self.today:
            self.warnings.add("", f"a date in the future ({start.isoformat()})")
        return start, end, source

    def _year_text(self, context: Context) -> str:
        if context.period is not None and context.period.period is not None:
            return context.period.period.text
        return self.fallback[0].text if self.fallback else ""

    def notices(self) -> tuple[str, ...]:
        out = []
        years = sorted(k.removeprefix("year:") for k in self.counts if k.startswith("year:"))
        for source in ("the title", "its front matter", "its first line", "its file name"):
            n = self.counts[f"dated by {source}"]
            if n:
                out.append(f"{n} {'item' if n == 1 else 'items'} with no date of their own "
                           f"{'is' if n == 1 else 'are'} dated {', '.join(years)}: the year "
                           f"in {source}.")
        today = self.counts["dated today"]
        if today:
            out.append(f"{today} {'item has' if today == 1 else 'items have'} no date, and "
                       "the file gives no year: dated today "
                       f"({self.today.isoformat()}). Change the dates after importing, or "
                       "add the year to the file and import it again.")
        if self.counts[NOT_AN_ITEM]:
            out.append(f"The document keeps one item per heading: {self.counts[NOT_AN_ITEM]} "
                       "list lines outside them are left unticked.")
        guided = self.counts["template guidance"] + self.counts["placeholder"]
        if guided:
            out.append(f"{guided} {'line reads' if guided == 1 else 'lines read'} like the "
                       "template's guidance or a placeholder, and "
                       f"{'is' if guided == 1 else 'are'} left unticked.")
        return tuple(out)



def keep_section(title: str, summary: str, tags: list[str], tag: str,
                 organisation: str = "") -> list[str]:
    """Add the heading's section tag unless the entry would land in that section anyway
    (where an entry lands can depend on its organisation: sections.toml's own_time_tags)."""
    scheme = default_scheme()
    probe = EntryData(id="", kind="other", title=title, start_date=dt.date.today(),
                      summary=summary, tags=tuple(tags), organisation=organisation)
    wanted = next((r.key for r in scheme.sections if tag in r.tags), None)
    if wanted is not None and scheme.section_for(probe) != wanted:
        return [*tags, tag]
    return tags
