"""Reading a Markdown brag document: headings give kinds, projects and dates; bullets, or a
heading per item with labelled lines, become entries.

Written for the documents people keep by hand (Julia Evans' template and its many copies,
files of "### Accomplishment: X" with "**Impact**:" lines, work logs with @tags) and for
Track Record's own Markdown export, which reads back with its fields and its exact dates: a
bold lead is the title, "(Mar 3 – Apr 12, 2024)" the dates, and sub-bullets such as
"**Impact:** ..." fill the field of that name. Anything else written under a bullet is kept in
the entry's notes, so nothing is lost. A Goals section gives goals (``brag_goals``), linked
to the entries their sub-items name; the template's own guidance is offered unticked; what
has no date takes the document's year, or today — and the preview says which.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from trackrecord.core.errors import ValidationError
from trackrecord.core.transfer.brag_goals import GoalMaker
from trackrecord.core.transfer.dates import find_period
from trackrecord.core.transfer.import_base import (
    SKIP,
    ParsedImport,
    PreviewRow,
    WarningList,
    clean_text,
    decode_text,
    encoding_warning,
    short_title,
)
from trackrecord.core.transfer.markdown_context import (
    _SECTION_TAGS,
    PLACEHOLDER,
    Meaning,
    doc_period,
    guidance,
    heading_kind,
    is_lead_in,
    item_title,
    read_heading,
)
from trackrecord.core.transfer.markdown_doc import Block, Document, Heading, is_rule, split_document
from trackrecord.core.transfer.markdown_entry import Context, EntryMaker, keep_section
from trackrecord.core.transfer.markdown_text import (
    BULLET,
    FENCE,
    LABEL,
    TASK,
    Fields,
    as_written,
    blocks_of,
    body_fields,
    capitalised,
    dedent,
    extract_links,
    has_filler,
    is_fragment,
    label_of,
    plain,
    take_tags,
    title_summary,
)

__all__ = ["_SECTION_TAGS", "heading_kind", "keep_section", "parse_markdown"]



@dataclass
class _Bullet:
    line: int
    indent: int
    text: str
    body: list[tuple[int, str]] = field(default_factory=list)  # deeper lines, as written
    lazy: bool = True  # still reading the bullet's own first paragraph
    lead_in: bool = False  # under a sentence that introduces the template's guidance


def parse_markdown(
    data: bytes, source: str, *, today: dt.date | None = None
) -> ParsedImport:
    today = today or dt.date.today()
    text, encoding = decode_text(data)
    warnings = WarningList()
    note = encoding_warning(encoding)
    if note:
        warnings.items.append(note)
    reader = _Reader(today, warnings, split_document(clean_text(text)), source)
    reader.read()
    reader.goals.finish()
    return ParsedImport("md", source, tuple(reader.items), warnings.freeze(),
                        notices=(*reader.goals.notices(), *reader.maker.notices()))


class _Reader:
    def __init__(self, today: dt.date, warnings: WarningList, doc: Document,
                 source: str) -> None:
        self.today, self.warnings, self.doc = today, warnings, doc
        self.stack: list[Meaning] = []
        self.extra: list[Meaning] = []  # a year bullet's year, for its body
        self.maker = EntryMaker(today, warnings, doc_period(doc, source))
        self.items, self.counts = self.maker.items, self.maker.counts
        self.goals = GoalMaker(today, self.maker.fallback, self.items, self.counts)
        self.bullet: _Bullet | None = None
        self.seen_section = False
        self.lead_in = False
        first = next((b.heading for b in doc.blocks if b.heading), None)
        self.title = first if first is not None and first.level == 1 else None
        self.template = first is not None and "template" in first.text.casefold()

    # -- the document, block by block --------------------------------------------------

    def read(self) -> None:
        modes = [self._item_mode(i, b) for i, b in enumerate(self.doc.blocks)]
        self.maker.per_heading = modes.count("items") >= 2
        for block, mode in zip(self.doc.blocks, modes, strict=True):
            if block.heading is not None:
                self._push(block.heading)
            if mode is not None:
                self._heading_item(block, mode)
            else:
                self._list(block.lines)

    def _push(self, heading: Heading) -> None:
        self._finish()
        while self.stack and self.stack[-1].level >= heading.level:
            self.stack.pop()
        self.stack.append(read_heading(heading, title=heading is self.title))
        self.lead_in = False
        if heading.level >= 2:
            self.seen_section = True

    def _item_mode(self, index: int, block: Block) -> str | None:
        """"labels" for a heading over labelled lines (one item; "items" when it plainly is,
        with two labels or named so), "text" for a heading over a paragraph, None for
        anything else."""
        if block.heading is None or block.heading.level < 2:
            return None
        stack = [m for m in self._stack_at(index)]
        meaning = stack[-1]
        if meaning.project is None and not (meaning.period and item_title(meaning.text)
                                              != meaning.period.text):
            return None
        if any(m.goal or m.guidance for m in stack):
            return None
        labelled = shaped = others = bullets = 0
        for _, line in block.lines:
            if not line.strip():
                continue
            bullet = BULLET.match(line)
            indent = len(line) - len(line.lstrip(" "))
            if (bullet and len(bullet[1]) >= 2) or (not bullet and indent >= 4):
                continue
            bullets += bool(bullet)
            found = LABEL.match((bullet[2] if bullet else line).strip())
            if found is None or not found[2].strip():  # ("**Dunning emails:**" heads a list)
                others += 1
            elif label_of(line):
                labelled += 1
            else:
                shaped += 1  # "**Topic:** API performance": a label, if not one we know
        if labelled and labelled + shaped > others:  # labelled lines are what it holds
            return "items" if labelled + shaped >= 2 or meaning.item else "labels"
        if others and not bullets and not labelled:
            return "text"
        return None

    def _stack_at(self, index: int) -> list[Meaning]:
        stack: list[Meaning] = []
        for block in self.doc.blocks[: index + 1]:
            if block.heading is not None:
                while stack and stack[-1].level >= block.heading.level:
                    stack.pop()
                stack.append(read_heading(block.heading, title=block.heading is self.title))
        return stack

    def _context(self, *, below_last: bool = False) -> Context:
        stack = self.stack[:-1] if below_last else self.stack
        metas = [*stack, *self.extra]
        return Context(
            kind=next((m.kind for m in reversed(metas) if m.kind), None),
            period=next((m for m in reversed(metas) if m.period), None),
            tag=next((m.tag for m in reversed(metas) if m.tag), None),
            goal=any(m.goal for m in metas), guidance=any(m.guidance for m in metas),
            ongoing=any(m.ongoing for m in metas),
            project=None if below_last or not stack or self.extra else stack[-1].project,
        )

    # -- lists -------------------------------------------------------------------------

    def _list(self, lines: list[tuple[int, str]]) -> None:
        fence: str | None = None  # a code block outside any bullet, being skipped
        body_fence: str | None = None  # a code block inside a bullet's notes
        for number, line in lines:
            opened = FENCE.match(line)
            if fence is not None:
                if opened and opened[1] == fence:
                    fence = None
                continue
            current = self.bullet
            deeper = bool(line.strip()) and current is not None and (
                len(line) - len(line.lstrip(" ")) >= current.indent + 2
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
                    current.body.append((number, line))
                continue
            body_fence = None
            if line.strip():
                fence = self._line(number, line, opened)
        self._finish()

    def _line(self, number: int, line: str, opened: re.Match[str] | None) -> str | None:
        """A line that is not inside the current bullet; returns a fence it opens."""
        bullet = BULLET.match(line)
        current = self.bullet
        if opened:
            self._finish()
            self._paragraph(number, "a code block")
            return opened[1]
        if is_rule(line):
            self._finish()  # a horizontal rule ends a list and says nothing
        elif bullet:
            self._finish()
            self.bullet = _Bullet(number, len(bullet[1]), bullet[2], lead_in=self.lead_in)
        elif current is not None and current.lazy:
            current.text += " " + line.strip()  # a lazy continuation line
        else:
            self._finish()
            if is_lead_in(plain(line)):
                self.lead_in = True
            else:
                self.lead_in = False
                self._paragraph(number, "text outside a list", line)
        return None

    def _paragraph(self, number: int, what: str, text: str = "") -> None:
        context = self._context()
        if context.goal and text and not (context.guidance or self.template):
            if not text.rstrip().endswith(":"):  # (a line that introduces the goals is not one)
                self.goals.add(f"line {number}", text, [], [*self.stack, *self.extra])
        elif self.seen_section and not (context.goal or context.guidance or self.template):
            self.warnings.add(f"line {number}", f"{what} was not imported (only list items are)")

    def _finish(self) -> None:
        bullet, self.bullet = self.bullet, None
        if bullet is not None:
            self.seen_section = True
            self._emit(bullet)

    def _emit(self, bullet: _Bullet) -> None:
        where = f"line {bullet.line}"
        context = self._context()
        text = TASK.sub("", bullet.text.strip())
        if self._year_group(bullet, text):
            return
        if context.goal:
            self.goals.add(where, text, [ln for _, ln in bullet.body], [*self.stack, *self.extra],
                           template=self.template or context.guidance or bullet.lead_in)
            return
        try:
            self._bullet_entry(bullet, where, text, context)
        except ValidationError as exc:
            self.items.append(PreviewRow(SKIP, "entry", short_title(plain(text)) or "-",
                                         reason=str(exc), where=where, tally="not readable"))

    def _year_group(self, bullet: _Bullet, text: str) -> bool:
        """"- 2021" with an indented body: the body's lines are the entries of that year."""
        words = plain(text)
        period = find_period(words, bare_years=True)
        if period is None or not any(ln.strip() for _, ln in bullet.body):
            return False
        if words.replace(period.text, "").strip(" -:\u2013\u2014,()"):
            return False
        self.extra.append(Meaning(99, period.text, period=period))
        lead_in, self.lead_in = self.lead_in, False
        cut = min((len(ln) - len(ln.lstrip(" ")) for _, ln in bullet.body if ln.strip()),
                  default=0)
        body = [(n, ln[cut:] if ln.strip() else "") for n, ln in bullet.body]
        if any(m.goal for m in self.stack):
            body = _one_per_line(body)  # goals written one a line under their year
        if any(BULLET.match(ln) for _, ln in body):
            self._list(body)
        else:
            paragraph: list[tuple[int, str]] = []
            for number, line in [*body, (0, "")]:
                if line.strip():
                    paragraph.append((number, line.strip()))
                elif paragraph:
                    self._emit(_Bullet(paragraph[0][0], 0, " ".join(t for _, t in paragraph)))
                    paragraph = []
        self.extra.pop()
        self.lead_in = lead_in
        return True

    def _bullet_entry(self, bullet: _Bullet, where: str, text: str, context: Context) -> None:
        links: list[str] = []
        text = extract_links(text, links)
        text, tags, people = take_tags(text)
        period = find_period(plain(text))
        title, summary = title_summary(text, period)
        if not title:
            if text.strip():
                self.items.append(PreviewRow(SKIP, "entry", short_title(plain(text)),
                                             reason="no words left once the date is removed",
                                             where=where, tally="no words"))
            return
        body = [line for _, line in bullet.body]
        if len(title.split()) <= 6 and plain(summary).removesuffix(".") == title:
            paragraph, body = _leading_paragraph(body)
            summary = paragraph or summary
        fields = body_fields(body)
        project = context.project
        notes = list(fields.notes)
        if project and (has_filler(text) and not _BOLD.match(text)):
            title = project
        elif project and (is_fragment(title) or plain(text).rstrip().endswith(":")):
            title = f"{project}: {title.rstrip(':').strip()}"
        elif project:
            notes = [f"Project: {project}", *([""] if notes else []), *notes]
        mark = guidance(plain(text)) if not project or not is_fragment(title) else None
        if self.template or context.guidance or bullet.lead_in:
            mark = mark or "template guidance"
        self.maker.draft(where, context, title, summary, fields, notes, links, tags, people,
                    period, mark)

    # -- one heading, one item ---------------------------------------------------------

    def _heading_item(self, block: Block, mode: str) -> None:
        assert block.heading is not None
        where = f"line {block.heading.line}"
        context = self._context(below_last=True)
        meaning = self.stack[-1]
        links: list[str] = []
        text, tags, people = take_tags(extract_links(item_title(meaning.text), links))
        period = find_period(text, bare_years=True)
        title, summary = title_summary(text, period)
        lines = [line for _, line in block.lines]
        fields = Fields()
        lead: list[str] = []
        notes: list[str] = []
        for group in blocks_of(dedent(lines)):
            labelled = label_of(group[0])
            if labelled is not None and mode != "text":
                fields.add(labelled[0], labelled[1], dedent(group[1:]))
            else:
                (notes if fields.texts or fields.tags or fields.notes else lead).extend(group)
        paragraph, lead = _leading_paragraph(lead)  # text before the labels says what it is
        notes = [*lead, *fields.notes, *notes]
        summary = capitalised(" ".join(fields.texts.pop("summary", []))) or paragraph or summary
        while notes and not notes[-1].strip():
            notes.pop()
        if period is None and fields.dates:
            period = find_period(" ".join(fields.dates), bare_years=True)
        context = replace(context, project=None)
        chosen_mark = None if mode != "text" or block.heading.level >= 3 or period else (
            "a heading with text under it")
        if not title:
            self.items.append(PreviewRow(SKIP, "entry", short_title(meaning.text) or "-",
                                         reason="no words left once the date is removed",
                                         where=where, tally="no words"))
            return
        try:
            self.maker.draft(where, context, title, summary, fields, notes, links, tags, people,
                        period, chosen_mark, in_item=True)
        except ValidationError as exc:
            self.items.append(PreviewRow(SKIP, "entry", title, reason=str(exc), where=where,
                                         tally="not readable"))

_BOLD = re.compile(r"^(?:\*\*|__)")


def _one_per_line(body: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Each line its own paragraph, but for one that goes on in lower case (a wrapped line)."""
    if any(BULLET.match(ln) for _, ln in body):
        return body
    out: list[tuple[int, str]] = []
    for number, line in body:
        if not line.strip():
            continue
        if out and line.strip()[:1].islower():
            out[-2] = (out[-2][0], f"{out[-2][1]} {line.strip()}")
        else:
            out += [(number, line.strip()), (number, "")]
    return out


def _leading_paragraph(body: list[str]) -> tuple[str, list[str]]:
    """The paragraph a body opens with (a project's description under its name), and the
    rest; ("", body) when it opens with a list, a label or code."""
    lines = dedent(body)
    start = next((i for i, ln in enumerate(lines) if ln.strip()), None)
    if start is None:
        return "", body
    first = lines[start]
    if BULLET.match(first) or FENCE.match(first) or label_of(first) or first.startswith("#"):
        return "", body
    end = start
    while end < len(lines) and lines[end].strip() and not BULLET.match(lines[end]):
        end += 1
    paragraph = as_written(" ".join(ln.strip() for ln in lines[start:end]))
    if guidance(paragraph) == PLACEHOLDER:
        return "", body  # "TODO" stays in the notes
    return paragraph, lines[end:]
