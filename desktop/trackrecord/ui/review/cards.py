"""What each kind of review card shows: the builders that fill a ``CardView``.

Plain widgets with big text, one card at a time. Entry titles are links (they emit
``open_entry``); a question with no story offers to write one; the practice card logs a
session; the energy checklist ticks are saved by the page.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
)

from trackrecord.core.record.kinds import KIND_REGISTRY
from trackrecord.core.review.content import clip, words
from trackrecord.core.review.deck import (
    Card,
    EnergyCard,
    IntroCard,
    NumbersCard,
    PracticeCard,
    ReframesCard,
    StageCard,
    StoryCard,
)
from trackrecord.ui.record.list_model import kind_label
from trackrecord.ui.review.card_view import CardView
from trackrecord.ui.review.rehearsal_cards import evidence_told, story_practice

STAR_WIDTH = 260
PRACTICE_SHOWN = 4
AMBER = "#b35c00"
LINK = "#1f5fbf"
# Spelled out at each call so lupdate collects the string (docs/translations.md).
translate = QCoreApplication.translate


def show_card(view: CardView, card: Card) -> None:
    builders: dict[str, Callable[[CardView, QVBoxLayout, Card], None]] = {
        "intro": _intro, "numbers": _numbers, "stage": _stage, "story": _story,
        "practice": _practice, "reframes": _reframes, "energy": _energy,
    }
    layout = view.begin(card_name(card))
    builders[card.kind](view, layout, card)
    view.finish()


def card_name(card: Card) -> str:
    """A short name for the card (the counter's tooltip and screen readers)."""
    if isinstance(card, IntroCard):
        return translate("ReviewCards", "The interview")
    if isinstance(card, NumbersCard):
        return translate("ReviewCards", "Your numbers")
    if isinstance(card, StageCard):
        return translate("ReviewCards", "Evidence for {0}").format(card.label)
    if isinstance(card, StoryCard):
        return translate("ReviewCards", "Story {0} of {1}").format(card.number, card.of)
    if isinstance(card, PracticeCard):
        return translate("ReviewCards", "What you are practising")
    if isinstance(card, ReframesCard):
        if card.items:
            return translate("ReviewCards", "Worth rereading")
        return translate("ReviewCards", "Keep it in proportion")
    return translate("ReviewCards", "Look after tonight")


def _kicker(view: CardView, layout: QVBoxLayout, text: str) -> None:
    label = view.text(text.upper(), 0.55, bold=True, name="reviewKicker")
    layout.addWidget(label)


def _title(view: CardView, layout: QVBoxLayout, text: str, factor: float = 1.45) -> None:
    layout.addWidget(view.text(text, factor, bold=True, name="reviewTitle"))


def _link(entry_id: str, title: str) -> str:
    """An entry title that opens the entry; coloured, not underlined, to stay calm."""
    return (f"<a href='entry:{escape(entry_id)}' style='color: {LINK}; text-decoration: none'>"
            f"{escape(title)}</a>")


def _striped(colour: str) -> tuple[QFrame, QVBoxLayout]:
    box = QFrame()
    box.setObjectName("reviewItem")
    box.setStyleSheet(f"QFrame#reviewItem {{ border-left: 5px solid {colour}; }}")
    inner = QVBoxLayout(box)
    inner.setContentsMargins(14, 2, 0, 2)
    inner.setSpacing(2)
    return box, inner


# -- the cards -----------------------------------------------------------------------------------


def _intro(view: CardView, layout: QVBoxLayout, card: Card) -> None:
    assert isinstance(card, IntroCard)
    _kicker(view, layout, card.when or translate("ReviewCards", "Your interview"))
    _title(view, layout, card.title, 1.6)
    layout.addSpacing(6)
    for line in card.lines:
        layout.addWidget(view.text(line, 1.0))
    if card.notes:
        notes = translate("ReviewCards", "Your notes: {0}").format(clip(card.notes, 400))
        layout.addWidget(view.text(notes, 0.75, muted=True))
    layout.addWidget(view.text(
        translate("ReviewCards", "→ or Space for the next card"), 0.55, muted=True))


def _numbers(view: CardView, layout: QVBoxLayout, card: Card) -> None:
    assert isinstance(card, NumbersCard)
    _kicker(view, layout, translate("ReviewCards", "Your numbers"))
    _title(view, layout, words("numbers", "caption"), 1.2)
    if not card.total:
        layout.addWidget(view.text(words("numbers", "empty"), 1.0))
        return
    grid = QGridLayout()
    grid.setHorizontalSpacing(24)
    for column, (kind_key, count) in enumerate(card.per_kind):
        kind = KIND_REGISTRY[kind_key]
        # (the labels are marked for lupdate in ui/shell/label_strings.py)
        label = translate("KindCounts", kind.counted_one if count == 1 else kind.counted)
        number = view.text(str(count), 2.6, bold=True)
        number.setStyleSheet(f"color: {kind.colour};")
        grid.addWidget(number, 0, column)
        grid.addWidget(view.text(label, 0.8), 1, column, Qt.AlignmentFlag.AlignTop)
    layout.addLayout(grid)
    facts = []
    if card.years:
        span = (f"{card.first_year}\u2013{card.last_year}" if card.first_year != card.last_year
                else str(card.first_year))
        facts.append(translate("ReviewCards", "{0} of work ({1})").format(card.years, span))
    if card.organisations:
        facts.append(translate("ReviewCards", "{0} organisations").format(card.organisations)
                     if card.organisations != 1 else translate("ReviewCards", "1 organisation"))
    if card.stories:
        facts.append(translate("ReviewCards", "{0} STAR stories written").format(card.stories))
    layout.addSpacing(8)
    layout.addWidget(view.text(" · ".join(facts), 0.9))


def _stage(view: CardView, layout: QVBoxLayout, card: Card) -> None:
    assert isinstance(card, StageCard)
    _kicker(view, layout, translate("ReviewCards", "Your strongest evidence"))
    _title(view, layout, card.label)
    layout.addWidget(view.text(card.tip, 0.72, muted=True, italic=True))
    if not card.evidence:
        layout.addWidget(view.text(translate("ReviewCards",
            "Nothing in your track record answers this stage yet. That is a gap in what is "
            "written down, not in you: add the work you are proudest of, and it will show here."
        ), 0.9))
        return
    for item in card.evidence:
        box, inner = _striped(KIND_REGISTRY[item.kind].colour if item.kind in KIND_REGISTRY
                              else "#888888")
        head = f"{_link(item.entry_id, item.title)} <span>({item.year})</span>"
        inner.addWidget(view.text(head, 1.0, bold=True, rich=True))
        if item.impact:
            inner.addWidget(view.text(item.impact, 0.78))
        if item.why:
            why = translate("ReviewCards", "Why: {0}").format(item.why[0])
            inner.addWidget(view.text(why, 0.6, muted=True))
        evidence_told(view, inner, item)
        layout.addWidget(box)


def _story(view: CardView, layout: QVBoxLayout, card: Card) -> None:
    assert isinstance(card, StoryCard)
    st = card.story
    if st.question_type == "technical":
        kind = translate("ReviewCards", "technical discussion")
    else:
        kind = translate("ReviewCards", "behavioural")
    _kicker(view, layout, translate("ReviewCards", "Likely question {0} of {1} · {2}").format(
        card.number, card.of, kind))
    _title(view, layout, st.question, 1.2)
    if st.ready and st.entry_id:
        head = translate("ReviewCards", "Your story: {0} ({1}, {2})").format(
            _link(st.entry_id, st.title), st.year, escape(kind_label(st.kind).lower()))
        layout.addWidget(view.text(head, 0.95, bold=True, rich=True))
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(4)
        for row, (letter, value) in enumerate(
            (("S", st.situation), ("T", st.task), ("A", st.action), ("R", st.result))
        ):
            mark = view.text(letter, 0.8, bold=True, name="reviewStarLetter")
            grid.addWidget(mark, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(view.text(clip(value, STAR_WIDTH), 0.76), row, 1)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        story_practice(view, layout, card)
    else:
        gap = view.text(words("stories", "no_story"), 1.0, bold=True)
        gap.setStyleSheet(f"color: {AMBER};")
        layout.addWidget(gap)
        if st.candidate_id:
            said = words("stories", "no_story_candidate", title=st.candidate_title,
                         year=st.candidate_year)
        else:
            said = words("stories", "no_story_nothing")
        layout.addWidget(view.text(said, 0.8))
        row_layout = QHBoxLayout()
        if st.candidate_id:
            write = QPushButton(translate("ReviewCards", "Write the STAR on “{0}”").format(
                clip(st.candidate_title, 40)))
            write.clicked.connect(lambda _=False, i=st.candidate_id: view.open_entry.emit(i))
            view.register(write, 0.7)
            row_layout.addWidget(write)
        new = QPushButton(translate("ReviewCards", "Write a new entry"))
        new.clicked.connect(view.new_entry_requested)
        view.register(new, 0.7)
        row_layout.addWidget(new)
        row_layout.addStretch(1)
        layout.addLayout(row_layout)
    if st.hint:
        tip = translate("ReviewCards", "Tip: {0}").format(st.hint)
        layout.addWidget(view.text(tip, 0.66, muted=True, italic=True))


def _practice(view: CardView, layout: QVBoxLayout, card: Card) -> None:
    assert isinstance(card, PracticeCard)
    _kicker(view, layout, translate("ReviewCards", "Practice"))
    _title(view, layout, words("practice", "heading"))
    if card.items:
        for index, item in enumerate(card.items[:PRACTICE_SHOWN]):
            box, inner = _striped("#2f6fdb" if index == 0 else "#9aa3b0")
            row = QHBoxLayout()
            text = (translate("ReviewCards", "Practise next: {0}").format(item.text)
                    if index == 0 else item.text)
            row.addWidget(view.text(text, 0.85 if index == 0 else 0.75, bold=index == 0), 1)
            done = QPushButton(translate("ReviewCards", "Practised today"))
            done.setAccessibleName(
                translate("ReviewCards", "I practised “{0}” today").format(item.text))
            done.clicked.connect(lambda _=False, i=item.item_id: view.practised.emit(i))
            view.register(done, 0.55)
            row.addWidget(done, 0, Qt.AlignmentFlag.AlignTop)
            inner.addLayout(row)
            inner.addWidget(view.text(f"{item.last_practised} · {item.source}", 0.56,
                                      muted=True))
            layout.addWidget(box)
        more = len(card.items) - PRACTICE_SHOWN
        if more > 0:
            more_text = translate("ReviewCards", "…and {0} more on your list").format(more)
            layout.addWidget(view.text(more_text, 0.6, muted=True))
    else:
        layout.addWidget(view.text(words("practice", "empty"), 0.8))
        add = QPushButton(translate("ReviewCards", "Put these habits on my practice list"))
        add.clicked.connect(lambda: view.add_habits.emit(card.in_the_room[:3]))
        view.register(add, 0.62)
        layout.addWidget(add, 0, Qt.AlignmentFlag.AlignLeft)
    if card.debrief_topics:
        said = words("practice", "debrief_pattern", topics=" and ".join(card.debrief_topics))
        layout.addWidget(view.text(said, 0.7, italic=True))
    layout.addSpacing(4)
    layout.addWidget(view.text(words("practice", "in_the_room_heading"), 0.8, bold=True))
    for line in card.in_the_room:
        layout.addWidget(view.text(f"\u2022 {line}", 0.76))


def _reframes(view: CardView, layout: QVBoxLayout, card: Card) -> None:
    assert isinstance(card, ReframesCard)
    if not card.items:
        _kicker(view, layout, translate("ReviewCards", "Perspective"))
        _title(view, layout, words("reframes", "perspective_heading"))
        for line in card.perspective:
            layout.addWidget(view.text(f"\u2022 {line}", 0.9))
        return
    _kicker(view, layout, translate("ReviewCards", "From your rejection log"))
    _title(view, layout, words("reframes", "heading"))
    layout.addWidget(view.text(words("reframes", "caption"), 0.7, muted=True))
    for item in card.items:
        box, inner = _striped("#8a5cc7" if item.own else "#9aa3b0")
        if item.headline:
            inner.addWidget(view.text(item.headline, 0.95, bold=True))
        if item.excerpt:
            inner.addWidget(view.text(item.excerpt, 0.74))
        who = words("reframes", "own_words") if item.own else item.context
        inner.addWidget(view.text(who, 0.58, muted=True))
        layout.addWidget(box)


def _energy(view: CardView, layout: QVBoxLayout, card: Card) -> None:
    assert isinstance(card, EnergyCard)
    _kicker(view, layout, translate("ReviewCards", "The evening before"))
    _title(view, layout, words("energy", "heading"))
    layout.addWidget(view.text(words("energy", "caption"), 0.7, muted=True))
    grid = QGridLayout()
    grid.setHorizontalSpacing(18)
    grid.setVerticalSpacing(8)
    for row, tick in enumerate(card.items):
        box = QCheckBox(tick.label)
        box.setObjectName(f"energy-{tick.id}")
        box.setChecked(tick.ticked)
        box.setAccessibleName(tick.label)
        box.setAccessibleDescription(tick.detail)
        box.toggled.connect(lambda on, i=tick.id: view.tick_changed.emit(i, on))
        view.register(box, 0.85, bold=True)
        grid.addWidget(box, row, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(view.text(tick.detail, 0.68), row, 1)
    grid.setColumnStretch(1, 1)
    layout.addLayout(grid)
    ticked = sum(t.ticked for t in card.items)
    if ticked == len(card.items):
        layout.addWidget(view.text(
            translate("ReviewCards", "All done. You are as ready as an evening can make you."),
            0.8, bold=True))
