"""The one-page confidence sheet as HTML, at a chosen level of detail (``SheetPlan``).

The evening before an interview the sheet holds strength, stories and habits: the person's
evidence (each entry led by its numbers), the stories for likely questions, what they are
practising, a little perspective and the checklist for tonight. Nothing that reopens a wound:
no past rejection, no sting, no growth goal months away.

Every line is whole: a sentence is printed entire or not at all, never cut mid-word with an
ellipsis. The sheet is shortened by choosing fewer items. ``SHEET_STEPS`` lists the details in
the order they are worth their space; the PDF writer (``trackrecord.pdf.sheet``) starts from
``SHEET_BASE`` and takes each step that still fits on the page, so the page is filled.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

from trackrecord.core.review.content import parts, sentences, word_list, words
from trackrecord.core.review.deck import Deck, EvidenceItem, PracticeLine
from trackrecord.core.review.render import numbers_line
from trackrecord.core.review.stories import Story


@dataclass(frozen=True)
class SheetPlan:
    evidence: int = 1  # entries per stage
    numbers: int = 1  # parts of an entry's metrics ("p95 620 -> 180 ms"), whole
    impact: bool = False  # the impact's first sentence after the numbers
    stories: int = 3
    result: bool = False  # the story's result, its first sentence
    practice: int = 1
    in_the_room: int = 2
    perspective: int = 0
    tips: bool = False  # each stage's one-line tip
    energy_details: bool = False  # each checklist item with its sentence

    def with_step(self, step: tuple[str, int | bool]) -> SheetPlan:
        changes: dict[str, Any] = {step[0]: step[1]}
        return dataclasses.replace(self, **changes)


SHEET_BASE = SheetPlan()
# Most worth their space first.
SHEET_STEPS: tuple[tuple[str, int | bool], ...] = (
    ("stories", 4), ("evidence", 2), ("practice", 2), ("stories", 5), ("evidence", 3),
    ("result", True), ("impact", True), ("in_the_room", 3), ("numbers", 2),
    ("perspective", 1), ("stories", 6), ("energy_details", True), ("practice", 3),
    ("stories", 7), ("numbers", 3), ("in_the_room", 4), ("perspective", 2), ("tips", True),
    ("stories", 8), ("numbers", 6), ("practice", 4), ("perspective", 3),
)
SHEET_FULL = SHEET_BASE
for _step in SHEET_STEPS:
    SHEET_FULL = SHEET_FULL.with_step(_step)

# (Qt's rich text reads margins in px, 1/96 inch, and ignores pt: 4px is 3pt.)
_CSS = """
body { color: #1f2430; }
h1 { font-size: 15pt; margin-top: 0px; margin-bottom: 1px; font-weight: 600; }
h2 { font-size: 10.5pt; margin-top: 10px; margin-bottom: 4px; color: #2f4f7f;
     font-weight: 600; }
h3 { font-size: 9.2pt; margin-top: 7px; margin-bottom: 2px; font-weight: 600; }
p { margin-top: 0px; margin-bottom: 5px; }
.when { color: #4a5263; font-size: 9.5pt; }
.quiet { color: #5b6472; }
.lede { color: #5b6472; font-style: italic; }
.tip { color: #5b6472; font-style: italic; font-size: 8pt; }
.total { font-size: 10pt; font-weight: 600; }
.num { color: #17613d; }
.gap { color: #9a4b00; }
.foot { color: #8a919c; font-size: 7pt; margin-top: 10px; }
hr { color: #c9ced6; }
td { vertical-align: top; }
"""


def _arrows(value: str) -> str:
    """"620ms -> 180ms" reads better as "620ms → 180ms" on paper."""
    return value.replace(" -> ", " \u2192 ").replace("->", "\u2192")


def _first(value: str) -> str:
    found = sentences(value)
    return found[0] if found else ""


def is_long_term(text: str) -> bool:
    """A goal months away ("look for one real piece of work in the next few months"): for
    the practice list, not for the night before."""
    folded = text.casefold()
    return any(phrase in folded for phrase in word_list("sheet", "long_term"))


def _evidence(item: EvidenceItem, plan: SheetPlan) -> str:
    e = escape
    line = f"<b>{e(item.title)}</b> <span class='quiet'>({item.year})</span>"
    numbers = parts(item.metrics)[: plan.numbers]
    if numbers:
        line += f" \u2014 <span class='num'>{e(_arrows('; '.join(numbers)))}</span>."
    # The impact's sentence when asked for, or when there are no numbers to lead with.
    if plan.impact or not numbers:
        said = _first(item.impact)
        if said and said.rstrip(".") != "; ".join(numbers):
            line += f" {e(_arrows(said))}"
    return f"<p>\u2022 {line}</p>"


def _story(st: Story, plan: SheetPlan, told: set[str]) -> str:
    e = escape
    out = f"<p><b>{e(st.question)}</b><br/>"
    if st.ready:
        out += f"\u2192 {e(st.title)} <span class='quiet'>({st.year})</span>"
        result = _first(st.result) if plan.result else ""
        if st.entry_id in told:  # its result is already on the page
            out += " <span class='quiet'>(as above)</span>"
            result = ""
        told.add(st.entry_id or "")
        if result:
            out += f": {e(_arrows(result))}"
    else:
        near = (f" Closest: {e(st.candidate_title)} ({st.candidate_year})."
                if st.candidate_id else "")
        out += f"<span class='gap'>\u2192 No story yet.{near}</span>"
    return out + "</p>"


# What a debrief noted about the interview ("(You noted: went quiet at the schema.)") stays
# on the practice list; the sheet keeps the habit itself.
_NOTED = re.compile(r"\s*\(You noted: .*\)\s*$")


def _practice(items: Sequence[PracticeLine], plan: SheetPlan) -> list[str]:
    tonight = [i for i in items if not is_long_term(i.text)][: plan.practice]
    out: list[str] = []
    for n, line in enumerate(tonight):
        habit = escape(_NOTED.sub("", line.text))
        text = f"<b>Next: {habit}</b>" if n == 0 else habit
        out.append(f"<p>\u2022 {text} <span class='quiet'>({escape(line.last_practised)})"
                   "</span></p>")
    return out


def _checklist(deck: Deck, plan: SheetPlan) -> str:
    ticks = deck.energy.items
    box = {True: "\u2611", False: "\u2610"}
    if plan.energy_details:
        return "".join(f"<p>{box[t.ticked]} <b>{escape(t.label)}</b> \u2014 {escape(t.detail)}"
                       "</p>" for t in ticks)
    # Two to a row, each box with its words: no box left alone at the end of a line.
    cells = [f"<td width='50%'>{box[t.ticked]}&nbsp;{escape(t.label).replace(' ', '&nbsp;')}"
             "</td>" for t in ticks]
    rows = ["".join(cells[i:i + 2]) for i in range(0, len(cells), 2)]
    return ("<table width='100%' cellspacing='0' cellpadding='1'>"
            + "".join(f"<tr>{row}</tr>" for row in rows) + "</table>")


def _table(a: list[str], b: list[str]) -> str:
    return (
        "<table width='100%' cellspacing='0' cellpadding='0'><tr>"
        f"<td width='49%' style='padding-right: 16px'>{''.join(a)}</td>"
        f"<td width='51%'>{''.join(b)}</td></tr></table>"
    )


def render_sheet_html(deck: Deck, plan: SheetPlan = SHEET_FULL) -> str:
    """The deck on one page (the PDF writer picks ``plan`` so that it fits and fills it)."""
    intro = deck.intro
    e = escape
    head = [f"<h1>{e(intro.title)}</h1>"]
    if intro.when:
        head.append(f"<p class='when'>{e(intro.when)}</p>")
    head.append(f"<p class='lede'>{e(intro.lines[0])}</p>")
    head.append(f"<p class='total'>{e(numbers_line(deck.numbers))}</p><hr/>")

    left = ["<h2>Your strongest evidence</h2>"]
    for card in deck.stage_cards:
        left.append(f"<h3>{e(card.label)}</h3>")
        if plan.tips:
            left.append(f"<p class='tip'>{e(card.tip)}</p>")
        if not card.evidence:
            left.append("<p class='quiet'>Nothing finished in your track record for this "
                        "stage yet.</p>")
        left += [_evidence(item, plan) for item in card.evidence[: plan.evidence]]

    right = ["<h2>Stories ready for likely questions</h2>"]
    told: set[str] = set()
    right += [_story(st, plan, told) for st in deck.stories[: plan.stories]]

    p = deck.practice
    room = words("practice", "in_the_room_heading")
    bottom_left = _practice(p.items, plan)
    if bottom_left:
        bottom_left = ["<h2>What you are practising</h2>", *bottom_left, f"<h3>{e(room)}</h3>"]
    else:
        bottom_left = [f"<h2>{e(room)}</h2>"]
    bottom_left += [f"<p>\u2022 {e(habit)}</p>" for habit in p.in_the_room[: plan.in_the_room]]

    bottom_right: list[str] = []
    own = [r for r in deck.reframes.items if r.own and r.headline]
    perspective = [*(f"\u201c{e(r.headline)}\u201d <span class='quiet'>(your own words)</span>"
                     for r in own[:1]),
                   *(e(said) for said in deck.reframes.perspective)][: plan.perspective]
    if perspective:
        bottom_right.append(f"<h2>{e(words('reframes', 'perspective_heading'))}</h2>")
        bottom_right += [f"<p>\u2022 {said}</p>" for said in perspective]
    bottom_right.append(f"<h2>{e(words('energy', 'heading'))}</h2>")
    bottom_right.append(_checklist(deck, plan))

    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'/>"
        f"<title>{e(intro.title)}</title>"
        f"<style>{_CSS}</style></head><body>"
        + "".join(head)
        + _table(left, right)
        + "<hr/>"
        + _table(bottom_left, bottom_right)
        + f"<p class='foot'>Track Record \u00b7 prepared {deck.today.isoformat()} "
        "\u00b7 everything on this page comes from your own track record</p>"
        + "</body></html>"
    )
