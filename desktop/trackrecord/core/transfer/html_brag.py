"""Reading a brag document saved as HTML.

Track Record's own HTML export reads back exactly: each ``<article class="item kind-…">``
is an entry of that kind, its ``.when`` the dates to the day, its facts the fields of their
labels, and its notes the Markdown carried in the notes' ``data-notes-source``; each
``<p class="goal">`` of its Goals section is a goal, linked to the entries listed under it
(``brag_goals``). Any other
HTML (a document saved from a word processor) is turned into Markdown — headings, list items,
paragraphs — and read like a Markdown brag document.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser

from trackrecord.core.errors import ValidationError
from trackrecord.core.record.kinds import KINDS
from trackrecord.core.record.validation import validate_changes
from trackrecord.core.transfer.brag_goals import GoalMaker, Item
from trackrecord.core.transfer.dates import find_period
from trackrecord.core.transfer.import_base import (
    SKIP,
    EntryDraft,
    ParsedImport,
    PreviewRow,
    WarningList,
    clean_text,
    decode_text,
    short_title,
)
from trackrecord.core.transfer.markdown_brag import keep_section, parse_markdown
from trackrecord.core.transfer.markdown_context import section_tag
from trackrecord.core.transfer.markdown_text import LABELS, Fields, label_key

_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "br", "pre",
           "blockquote", "section", "article", "header", "ul", "ol"}


def looks_like_html(data: bytes) -> bool:
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:200].lower()
    return head.startswith((b"<!doctype html", b"<html"))


@dataclass
class _Goal:
    line: int
    title: str = ""
    when: str = ""
    served: list[str] = field(default_factory=list)


@dataclass
class _Item:
    kind: str
    section: str
    line: int
    title: str = ""
    when: str = ""
    summary: str = ""
    facts: list[tuple[str, str, list[str]]] = field(default_factory=list)  # label, value, hrefs
    notes: str = ""


class _Export(HTMLParser):
    """Track Record's own export: the items, with what each part of them says."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[_Item] = []
        self.goals: list[_Goal] = []
        self.in_goal = self.served = False  # reading a goal, or the entries that served it
        self.section = ""
        self.capture: str | None = None  # what the text being read is
        self.text: list[str] = []
        self.label = ""
        self.hrefs: list[str] = []
        self.depth = 0  # open elements inside the captured one

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k: v or "" for k, v in attrs}
        classes = attr.get("class", "").split()
        if self.capture is not None:
            self.depth += 1
            if tag == "a" and attr.get("href"):
                self.hrefs.append(attr["href"])
            return
        if tag in ("h2", "article", "section"):
            self.in_goal = False
        if tag == "section" and attr.get("id", "").startswith("group-"):
            self.section = ""
        elif tag == "h2":
            self._start("section")
        elif tag == "p" and "goal" in classes:
            self.goals.append(_Goal(self.getpos()[0]))
            self.in_goal = True
        elif self.in_goal and tag == "span" and classes[:1] in (["title"], ["when"]):
            self._start("goal " + classes[0])
        elif self.in_goal and tag == "ul" and "served" in classes:
            self.served = True
        elif self.served and tag == "li":
            self._start("served")
        elif tag == "article" and "item" in classes:
            kind = next((c[5:] for c in classes if c.startswith("kind-")), "other")
            self.items.append(_Item(kind if kind in KINDS else "other", self.section,
                                    self.getpos()[0]))
        elif self.items and tag == "span" and classes[:1] in (["title"], ["when"],
                                                               ["label"], ["value"]):
            self._start(classes[0])
        elif self.items and tag == "p" and "summary" in classes:
            self._start("summary")
        elif self.items and tag == "div" and "notes" in classes and (
                attr.get("data-notes-source") is not None):
            self.items[-1].notes = (attr["data-notes-source"] or "").strip("\n")

    def _start(self, what: str) -> None:
        self.capture, self.text, self.depth = what, [], 0
        if what == "value":
            self.hrefs = []

    def handle_endtag(self, tag: str) -> None:
        if self.capture is None:
            self.served = self.served and tag != "ul"
            return
        if self.depth:
            self.depth -= 1
            return
        what, text = self.capture, "".join(self.text)
        self.capture = None
        if what == "section":
            self.section = " ".join(text.split())
            return
        if what.startswith("goal ") or what == "served":
            goal = self.goals[-1]
            if what == "served":
                goal.served.append(" ".join(text.split()))
            else:
                setattr(goal, what[5:], " ".join(text.split()))
            return
        item = self.items[-1]
        if what == "label":
            self.label = " ".join(text.split())
        elif what == "value":
            item.facts.append((self.label, " ".join(text.split()), list(self.hrefs)))
        elif what == "notes":
            item.notes = text.strip("\n")
        else:
            setattr(item, what, " ".join(text.split()))

    def handle_data(self, data: str) -> None:
        if self.capture is not None:
            self.text.append(data)


class _Text(HTMLParser):
    """Any other HTML, as Markdown lines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = [""]
        self.lists = 0
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "head", "template"):
            self.skip += 1
        elif tag in ("ul", "ol"):
            self.lists += 1
        if tag in _BLOCKS:
            self.lines.append("")
        if tag == "li":
            self.lines[-1] = "  " * max(0, self.lists - 1) + "- "
        elif tag[:1] == "h" and tag[1:].isdigit():
            self.lines[-1] = "#" * int(tag[1:]) + " "

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head", "template"):
            self.skip = max(0, self.skip - 1)
        elif tag in ("ul", "ol"):
            self.lists = max(0, self.lists - 1)
        if tag in _BLOCKS:
            self.lines.append("")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.lines[-1] += " ".join(data.split()) if data.strip() else ""


def parse_html(data: bytes, source: str, *, today: dt.date | None = None) -> ParsedImport:
    today = today or dt.date.today()
    text = clean_text(decode_text(data)[0])
    export = _Export()
    export.feed(text)
    export.close()
    if not export.items and not export.goals:
        markdown = _Text()
        markdown.feed(text)
        markdown.close()
        lines = "\n".join(line.rstrip() for line in markdown.lines)
        parsed = parse_markdown(lines.encode("utf-8"), source, today=today)
        return ParsedImport("html", source, parsed.items, parsed.warnings,
                            notices=parsed.notices)
    warnings = WarningList()
    items: list[Item] = []
    goals = GoalMaker(today, None, items, Counter())
    year = (dt.date(today.year, 1, 1), dt.date(today.year, 12, 31))
    for goal in export.goals:
        goals.add_goal(f"line {goal.line}", f"{goal.title} ({goal.when})" if goal.when else
                       goal.title, [f"- {served}" for served in goal.served], year)
    items += [_entry(item, today, warnings) for item in export.items]
    goals.finish()
    return ParsedImport("html", source, tuple(items), warnings.freeze())


def _entry(item: _Item, today: dt.date, warnings: WarningList) -> EntryDraft | PreviewRow:
    where = f"line {item.line}"
    fields = Fields()
    for label, value, hrefs in item.facts:
        name = LABELS.get(label_key(label))
        if name == "links":
            fields.links += hrefs or [v.strip() for v in value.split(",") if v.strip()]
        elif name is not None:
            fields.add(name, value, [])
    texts = {name: " ".join(parts) for name, parts in fields.texts.items()}
    if item.kind != "mentoring" and "outcome" in texts:
        texts["result"] = texts.pop("outcome")
    period = find_period(item.when, bare_years=True)
    if period is None:
        warnings.add(where, f"dates {short_title(item.when, 30)!r} not understood; "
                            f"dated today ({today.isoformat()})")
    start = period.start if period else today
    end = period.end if period else today
    if end is not None and end > today and not (period and period.exact_end):
        end = None if start <= today else end
    tags = [t for t in fields.tags if t]
    tag = section_tag(item.section) if item.kind == "other" else None
    if tag:
        tags = keep_section(item.title, item.summary, tags, tag,
                            str(texts.get("organisation", "")))
    values = {"kind": item.kind, "title": item.title, "summary": item.summary or item.title,
              **texts, "notes": item.notes, "links": fields.links, "tags": tags,
              "start_date": start, "end_date": end}
    try:
        return EntryDraft(where, validate_changes(values))
    except ValidationError as exc:
        return PreviewRow(SKIP, "entry", short_title(item.title) or "-", reason=str(exc),
                          where=where, tally="not readable")
