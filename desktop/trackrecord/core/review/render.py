"""The review deck as Markdown, for the terminal (the one-page sheet is in ``sheet``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from trackrecord.core.record.kinds import KIND_LABELS, KIND_REGISTRY
from trackrecord.core.review.content import words
from trackrecord.core.review.deck import Deck, NumbersCard
from trackrecord.core.review.rehearsals import StoryPractice
from trackrecord.core.review.stories import Story


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
            if e.told:
                out.append(f"  - told at: {', '.join(t.text for t in e.told)}")
    story_cards = deck.story_cards
    if story_cards:
        out += ["", "## Stories ready for likely questions", ""]
        for story_card in story_cards:
            out += _story_markdown(story_card.number, story_card.story, story_card.practice,
                                   deck.today)
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


def _story_markdown(i: int, st: Story, practice: StoryPractice | None,
                    today: dt.date) -> list[str]:
    out = [f"{i}. **{st.question}**"]
    if st.ready:
        out.append(f"   Your story: {st.title} ({st.year})")
        for letter, value in (("S", st.situation), ("T", st.task), ("A", st.action),
                              ("R", st.result)):
            out.append(f"   - {letter}: {value.strip()}")
        if practice is not None:
            out.append(f"   _{practice.summary(today)}._")
            if practice.told:
                told = ", ".join(t.text for t in practice.told)
                again = " (the same company: tell another)" if practice.told_same_company else ""
                out.append(f"   _Told at: {told}{again}._")
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
