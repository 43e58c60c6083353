"""The review deck as text: Markdown for the terminal, and HTML for the one-page sheet.

The sheet must fit one page, so it is rendered at a level of detail (``SheetLimits``): the
PDF writer (trackrecord.pdf.sheet) lays out each level in turn, most detailed first,
and keeps the first that fits. Trimming keeps the best items: cards are already in order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

from trackrecord.core.record.kinds import KIND_LABELS, KIND_REGISTRY
from trackrecord.core.review.content import clip, words
from trackrecord.core.review.deck import Deck, NumbersCard
from trackrecord.core.review.stories import Story


@dataclass(frozen=True)
class SheetLimits:
    evidence_per_stage: int
    impact: int  # characters of impact per evidence line; 0 leaves it out
    stories: int
    result: int  # characters of a story's result; 0 leaves it out
    practice: int
    reframes: int
    excerpt: int
    in_the_room: int
    energy_details: bool


SHEET_LEVELS: tuple[SheetLimits, ...] = (
    SheetLimits(3, 170, 8, 150, 4, 2, 220, 4, True),
    SheetLimits(3, 120, 6, 110, 3, 1, 160, 4, True),
    SheetLimits(2, 90, 6, 80, 3, 1, 120, 3, False),
    SheetLimits(2, 0, 5, 0, 2, 1, 0, 3, False),
    SheetLimits(1, 0, 4, 0, 1, 0, 0, 2, False),
)


def numbers_line(n: NumbersCard) -> str:
    if not n.total:
        return words("numbers", "empty")
    parts = [_count(count, KIND_REGISTRY[kind].counted_one, KIND_REGISTRY[kind].counted)
             for kind, count in n.per_kind]
    span = f"{n.years} ({n.first_year}\u2013{n.last_year})" if n.first_year != n.last_year \
        else f"{n.years} ({n.first_year})"
    parts.append(span)
    return " \u00b7 ".join(parts)


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


# -- Markdown ----------------------------------------------------------------------------------


def render_markdown(deck: Deck) -> str:
    """The whole deck, readable in a terminal and as Markdown."""
    intro = deck.intro
    out = [f"# {intro.title}"]
    if intro.when:
        out += ["", intro.when]
    out += ["", *_paragraphs(intro.lines)]
    if intro.notes:
        out += ["", f"Notes: {intro.notes}"]
    n = deck.numbers
    out += ["", "## Your numbers", "", numbers_line(n)]
    if n.stories:
        out.append(f"{_count(n.stories, 'entry has', 'entries have')} a STAR story written.")
    for card in deck.stage_cards:
        out += ["", f"## {card.label}: your strongest evidence", "", f"_{card.tip}_", ""]
        if not card.evidence:
            out.append("- Nothing in your track record yet.")
        for e in card.evidence:
            impact = f": {e.impact}" if e.impact else ""
            out.append(f"- **{e.title}** ({e.year}, {KIND_LABELS[e.kind].lower()}){impact}")
            if e.why:
                out.append(f"  - why: {e.why[0]}")
    stories = deck.stories
    if stories:
        out += ["", "## Stories ready for likely questions", ""]
        for i, st in enumerate(stories, 1):
            out += _story_markdown(i, st)
        out.pop()  # the blank line after the last story
    p = deck.practice
    out += ["", "## What you are practising", ""]
    if p.items:
        first, *rest = p.items
        out.append(f"- **Practise next: {first.text}** ({first.last_practised}; {first.source})")
        out += [f"- {i.text} ({i.last_practised}; {i.source})" for i in rest]
    else:
        out.append(words("practice", "empty"))
    if p.debrief_topics:
        out += ["", words("practice", "debrief_pattern", topics=" and ".join(p.debrief_topics))]
    out += ["", f"{words('practice', 'in_the_room_heading')}:", ""]
    out += [f"- {s}" for s in p.in_the_room]
    r = deck.reframes
    if r.items:
        out += ["", "## Worth rereading", ""]
        for item in r.items:
            who = "In your own words" if item.own else item.context
            out += [f"> **{item.headline}**" if item.headline else ">",
                    f"> {item.excerpt}", f"> \u2014 {who}", ""]
        out.pop()
    else:
        out += ["", "## Keep it in proportion", ""] + [f"- {s}" for s in r.perspective]
    out += ["", "## Look after tonight", ""]
    out += [f"- [{'x' if t.ticked else ' '}] **{t.label}**: {t.detail}" for t in deck.energy.items]
    return "\n".join(out) + "\n"


def _paragraphs(lines: Iterable[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        out += [line, ""]
    return out[:-1]


def _story_markdown(i: int, st: Story) -> list[str]:
    out = [f"{i}. **{st.question}**"]
    if st.ready:
        out.append(f"   Your story: {st.title} ({st.year})")
        for letter, value in (("S", st.situation), ("T", st.task), ("A", st.action),
                              ("R", st.result)):
            out.append(f"   - {letter}: {value.strip()}")
    else:
        out.append(f"   **{words('stories', 'no_story')}** {_no_story_text(st)}")
    if st.hint:
        out.append(f"   _Tip: {st.hint}_")
    out.append("")
    return out


def _no_story_text(st: Story) -> str:
    if st.candidate_id:
        return words("stories", "no_story_candidate", title=st.candidate_title,
                     year=st.candidate_year)
    return words("stories", "no_story_nothing")


# -- the one-page sheet ------------------------------------------------------------------------

_CSS = """
body { color: #1f2430; }
h1 { font-size: 15pt; margin: 0 0 1pt 0; font-weight: 600; }
h2 { font-size: 10pt; margin: 7pt 0 2pt 0; color: #2f4f7f; font-weight: 600; }
h3 { font-size: 9pt; margin: 4pt 0 1pt 0; font-weight: 600; }
p { margin: 0 0 2pt 0; }
.when { color: #4a5263; font-size: 9.5pt; }
.quiet { color: #5b6472; font-style: italic; }
.tip { color: #5b6472; font-style: italic; font-size: 8pt; }
.num { font-size: 10pt; font-weight: 600; }
.gap { color: #9a4b00; }
.foot { color: #8a919c; font-size: 7pt; margin-top: 6pt; }
hr { color: #c9ced6; }
td { vertical-align: top; }
"""


_GAP = "<p style='font-size: 3pt'>&nbsp;</p>"  # a little air between items


def _box(ticked: bool) -> str:
    return "\u2611" if ticked else "\u2610"


def render_sheet_html(deck: Deck, limits: SheetLimits = SHEET_LEVELS[0]) -> str:
    """The deck on one page (the PDF writer picks ``limits`` so that it fits)."""
    intro = deck.intro
    e = escape
    head = [f"<h1>{e(intro.title)}</h1>"]
    if intro.when:
        head.append(f"<p class='when'>{e(intro.when)}</p>")
    head.append(f"<p class='quiet'>{e(intro.lines[0])}</p>")
    head.append(f"<p class='num'>{e(numbers_line(deck.numbers))}</p><hr/>")

    left = ["<h2>Your strongest evidence</h2>"]
    for card in deck.stage_cards:
        left.append(f"<h3>{e(card.label)}</h3>")
        if limits.impact:
            left.append(f"<p class='tip'>{e(card.tip)}</p>")
        if not card.evidence:
            left.append("<p class='quiet'>Nothing in your track record yet.</p>")
        for n, item in enumerate(card.evidence[: limits.evidence_per_stage]):
            if n and limits.impact:
                left.append(_GAP)
            impact = f" \u2014 {e(clip(item.impact, limits.impact))}" if limits.impact else ""
            left.append(f"<p>\u2022 <b>{e(item.title)}</b> ({item.year}){impact}</p>")

    right = ["<h2>Stories ready for likely questions</h2>"]
    for i, st in enumerate(deck.stories[: limits.stories]):
        if i:
            right.append(_GAP)
        right.append(f"<p><b>{e(st.question)}</b><br/>")
        if st.ready:
            result = (f" \u2014 {e(clip(st.result, limits.result))}"
                      if limits.result and st.result else "")
            right.append(f"\u2192 {e(st.title)} ({st.year}){result}</p>")
        else:
            near = (f" Closest: {e(st.candidate_title)} ({st.candidate_year})."
                    if st.candidate_id else "")
            right.append(f"<span class='gap'>\u2192 No story yet.{near}</span></p>")

    p = deck.practice
    bottom_left: list[str] = []
    if p.items:
        bottom_left.append("<h2>What you are practising</h2>")
        for i, line in enumerate(p.items[: limits.practice]):
            text = f"<b>Next: {e(line.text)}</b>" if i == 0 else e(line.text)
            bottom_left.append(f"<p>\u2022 {text} <span class='quiet'>"
                               f"({e(line.last_practised)})</span></p>")
    bottom_left.append(f"<h3>{e(words('practice', 'in_the_room_heading'))}</h3>" if p.items
                       else f"<h2>{e(words('practice', 'in_the_room_heading'))}</h2>")
    for habit in p.in_the_room[: limits.in_the_room]:
        bottom_left.append(f"<p>\u2022 {e(habit)}</p>")

    bottom_right: list[str] = []
    r = deck.reframes
    if r.items and limits.reframes:
        bottom_right.append("<h2>Worth rereading</h2>")
        for n, reframe in enumerate(r.items[: limits.reframes]):
            if n:
                bottom_right.append(_GAP)
            who = "your own words" if reframe.own else reframe.context
            excerpt = f" {e(clip(reframe.excerpt, limits.excerpt))}" if limits.excerpt else ""
            bottom_right.append(f"<p><b>{e(reframe.headline)}</b>{excerpt} "
                                f"<span class='quiet'>({e(who)})</span></p>")
    elif limits.reframes:
        bottom_right.append("<h2>Keep it in proportion</h2>")
        bottom_right += [f"<p>\u2022 {e(said)}</p>" for said in r.perspective[:2]]
    bottom_right.append("<h2>Look after tonight</h2>")
    ticks = deck.energy.items
    if limits.energy_details:
        for t in ticks:
            bottom_right.append(f"<p>{_box(t.ticked)} <b>{e(t.label)}</b> \u2014 "
                                f"{e(t.detail)}</p>")
    else:
        bottom_right.append("<p>" + " &nbsp; ".join(
            f"{_box(t.ticked)} {e(t.label)}" for t in ticks) + "</p>")

    def table(a: list[str], b: list[str], split: int) -> str:
        return (
            "<table width='100%' cellspacing='0' cellpadding='0'><tr>"
            f"<td width='{split}%' style='padding-right: 10pt'>{''.join(a)}</td>"
            f"<td width='{100 - split}%'>{''.join(b)}</td></tr></table>"
        )

    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'/>"
        f"<title>{e(intro.title)}</title>"
        f"<style>{_CSS}</style></head><body>"
        + "".join(head)
        + table(left, right, 48)
        + "<hr/>"
        + table(bottom_left, bottom_right, 48)
        + f"<p class='foot'>Track Record \u00b7 prepared {deck.today.isoformat()} "
        "\u00b7 everything on this page comes from your own track record</p>"
        + "</body></html>"
    )
