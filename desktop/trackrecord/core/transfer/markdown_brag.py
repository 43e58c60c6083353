"""Reading a Markdown brag document: headings give kinds and dates, bullets become entries.

Written for the documents people keep by hand (Julia Evans' template and its many copies) and
for Track Record's own Markdown export, which reads back with its fields: a bold lead is the
title, "(Feb – Sep 2024)" the dates, and sub-bullets such as "**Impact:** ..." fill the field of
that name. Any other sub-bullet or indented text is kept in the entry's notes, so nothing
written under a bullet is lost.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from trackrecord.core.bragdoc.sections import default_scheme
from trackrecord.core.errors import ValidationError
from trackrecord.core.record.entries import EntryData
from trackrecord.core.record.kinds import KIND_REGISTRY
from trackrecord.core.record.validation import validate_changes
from trackrecord.core.transfer.dates import Period, find_period
from trackrecord.core.transfer.import_base import (
    SKIP,
    EntryDraft,
    ParsedImport,
    PreviewRow,
    WarningList,
    clean_text,
    decode_text,
    encoding_warning,
    short_title,
)
from trackrecord.core.transfer.markdown_text import (
    BULLET,
    FENCE,
    TASK,
    body_fields,
    extract_links,
    plain,
    title_summary,
)

# Heading words -> kind; checked in this order, whole words, any case.
_KIND_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("praise", ("praise", "kudos", "others said", "what people said", "shout-outs")),
    ("mentoring", ("mentoring", "mentorship", "mentored", "mentee", "mentees", "coaching",
                   "collaboration")),
    ("incident", ("incident", "incidents", "on-call", "oncall", "on call", "operations",
                  "outage", "outages", "reliability", "firefighting")),
    ("shipped", ("projects", "project", "shipped", "launches", "launched", "delivered")),
)
# For "other" headings that name a brag-doc section: a tag that keeps the entry there.
_SECTION_TAGS = {
    "design": "documentation", "company": "process", "learning": "learning",
    "outside": "community",
}
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t#]*$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")


@dataclass
class _Heading:
    level: int
    kind: str | None
    period: Period | None
    section_tag: str | None


@dataclass
class _Bullet:
    line: int
    indent: int
    text: str
    body: list[str] = field(default_factory=list)  # deeper lines, as written
    lazy: bool = True  # still reading the bullet's own first paragraph


def _words(text: str) -> str:
    return " " + re.sub(r"[^\w-]+", " ", text.casefold()) + " "


def heading_kind(text: str) -> str | None:
    words = _words(text)
    for kind, names in _KIND_WORDS:
        if any(f" {name} " in words for name in names):
            return kind
    return None


def _section_tag(text: str) -> str | None:
    wanted = _words(text.replace("&", " and ")).split()
    own = {kind.bragdoc_section for kind in KIND_REGISTRY}
    for rule in default_scheme().sections:
        if rule.key in own or not rule.tags:
            continue
        if wanted in (_words(rule.heading.replace("&", " and ")).split(), [rule.key]):
            return _SECTION_TAGS.get(rule.key) or sorted(rule.tags)[0]
    return None


def parse_markdown(
    data: bytes, source: str, *, today: dt.date | None = None
) -> ParsedImport:
    today = today or dt.date.today()
    text, encoding = decode_text(data)
    warnings = WarningList()
    note = encoding_warning(encoding)
    if note:
        warnings.items.append(note)
    reader = _Reader(today, warnings)
    reader.read(clean_text(text).split("\n"))
    return ParsedImport("md", source, tuple(reader.items), warnings.freeze())


class _Reader:
    def __init__(self, today: dt.date, warnings: WarningList) -> None:
        self.today = today
        self.warnings = warnings
        self.headings: list[_Heading] = []
        self.items: list[EntryDraft | PreviewRow] = []
        self.bullet: _Bullet | None = None
        self.seen_section = False

    def read(self, lines: list[str]) -> None:
        fence: str | None = None  # a code block outside any bullet, being skipped
        body_fence: str | None = None  # a code block inside a bullet's notes
        for number, raw in enumerate(lines, start=1):
            line = raw.expandtabs(4)
            opened = FENCE.match(line)
            if fence is not None:
                if opened and opened[1] == fence:
                    fence = None
                continue
            current = self.bullet
            deeper = bool(line.strip()) and current is not None and (
                self._indent(line) >= current.indent + 2
            )
            if current is not None and (deeper or body_fence is not None or not line.strip()):
                if opened:
                    body_fence = opened[1] if body_fence is None else (
                        None if opened[1] == body_fence else body_fence)
                if current.lazy and deeper and not opened and body_fence is None and not (
                    BULLET.match(line)
                ):
                    current.text += " " + line.strip()  # the bullet's text goes on
                else:
                    current.lazy = False
                    current.body.append(line)
                continue
            body_fence = None
            if line.strip():
                fence = self._line(number, line, opened)
        self._finish()

    @staticmethod
    def _indent(line: str) -> int:
        return len(line) - len(line.lstrip(" "))

    def _line(self, number: int, line: str, opened: re.Match[str] | None) -> str | None:
        """A line that is not inside the current bullet; returns a fence it opens."""
        heading = _HEADING.match(line)
        bullet = BULLET.match(line)
        current = self.bullet
        if opened:
            self._finish()
            self._paragraph(number, "a code block")
            return opened[1]
        if _RULE.match(line):
            self._finish()  # a horizontal rule ends a list and says nothing
        elif heading:
            self._finish()
            self._heading(heading[1], heading[2] or "")
        elif bullet:
            self._finish()
            self.bullet = _Bullet(number, len(bullet[1]), bullet[2])
        elif current is not None and current.lazy:
            current.text += " " + line.strip()  # a lazy continuation line
        else:
            self._finish()
            self._paragraph(number, "text outside a list")
        return None

    def _paragraph(self, number: int, what: str) -> None:
        if self.seen_section:
            self.warnings.add(f"line {number}", f"{what} was not imported (only list items are)")

    def _heading(self, hashes: str, text: str) -> None:
        level = len(hashes)
        text = plain(text)
        while self.headings and self.headings[-1].level >= level:
            self.headings.pop()
        kind = heading_kind(text)
        period = find_period(text, bare_years=True)
        tag = None if kind else _section_tag(text)
        self.headings.append(_Heading(level, kind, period, tag))
        if level >= 2:
            self.seen_section = True

    def _context(self) -> tuple[str, Period | None, str | None]:
        kind = next((h.kind for h in reversed(self.headings) if h.kind), None)
        period = next((h.period for h in reversed(self.headings) if h.period), None)
        tag = next((h.section_tag for h in reversed(self.headings) if h.section_tag), None)
        return kind or "other", period, tag

    def _finish(self) -> None:
        bullet, self.bullet = self.bullet, None
        if bullet is None:
            return
        self.seen_section = True
        where = f"line {bullet.line}"
        try:
            draft = self._entry(bullet, where)
        except ValidationError as exc:
            self.items.append(PreviewRow(SKIP, "entry", short_title(plain(bullet.text)) or "-",
                                         reason=str(exc), where=where))
            return
        if draft is not None:
            self.items.append(draft)

    def _entry(self, bullet: _Bullet, where: str) -> EntryDraft | None:
        kind, heading_period, section_tag = self._context()
        text = TASK.sub("", bullet.text.strip())
        links: list[str] = []
        text = extract_links(text, links)
        period = find_period(plain(text))
        title, summary = title_summary(text, period)
        if not title:
            if text.strip():
                self.items.append(PreviewRow(SKIP, "entry", short_title(plain(text)),
                                             reason="no words left once the date is removed",
                                             where=where))
            return None
        values: dict[str, object] = {"kind": kind, "title": title, "summary": summary}
        found = body_fields(bullet.body)
        values.update({name: " ".join(p for p in parts if p)
                       for name, parts in found.texts.items()})
        if found.notes:
            values["notes"] = "\n".join(found.notes)
        tags = [t for t in found.tags if t]
        values["links"] = list(dict.fromkeys(links + found.links))
        period = period or heading_period
        start: dt.date
        end: dt.date | None
        if period is None:
            start, end = self.today, self.today
            self.warnings.add(where, f"no date found; dated today ({self.today.isoformat()})")
        else:
            start, end = period.start, period.end
            if end is not None and end > self.today:
                end = None if start <= self.today else end
            if start > self.today:
                self.warnings.add(where, f"the date {period.text!r} is in the future")
        values["start_date"], values["end_date"] = start, end
        if kind == "other" and section_tag:
            tags = _keep_section(title, summary, tags, section_tag)
        values["tags"] = tags
        return EntryDraft(where, validate_changes(values))


def _keep_section(title: str, summary: str, tags: list[str], tag: str) -> list[str]:
    """Add the heading's section tag unless the entry would land in that section anyway."""
    scheme = default_scheme()
    probe = EntryData(id="", kind="other", title=title, start_date=dt.date.today(),
                      summary=summary, tags=tuple(tags))
    wanted = next((r.key for r in scheme.sections if tag in r.tags), None)
    if wanted is not None and scheme.section_for(probe) != wanted:
        return [*tags, tag]
    return tags
