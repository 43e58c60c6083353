"""What the review cards say about rehearsal: how often a story was rehearsed, where it (or
an entry) was already told, with a warning when it was told to the same company, a button
to rehearse it against the clock, and a box to say it was told in this interview."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QPushButton, QVBoxLayout

from trackrecord.core.review.deck import EvidenceItem, StoryCard
from trackrecord.core.review.rehearsals import StoryPractice, ToldAt
from trackrecord.ui.review.card_view import CardView

AMBER = "#b35c00"
translate = QCoreApplication.translate


def _told_text(told: tuple[ToldAt, ...]) -> str:
    return translate("ReviewCards", "Told at {0}").format(", ".join(t.text for t in told))


def _told_box(view: CardView, entry_id: str, told_here: bool, text: str,
              factor: float) -> QCheckBox:
    box = QCheckBox(text)
    box.setObjectName(f"told-{entry_id}")
    box.setChecked(told_here)
    box.setAccessibleName(text)
    box.setToolTip(translate("ReviewCards", "So the next deck for this company can warn you "
                                            "before you tell it twice"))
    box.toggled.connect(lambda on, i=entry_id: view.told_changed.emit(i, on))
    view.register(box, factor)
    return box


def _same_company(view: CardView, layout: QVBoxLayout, practice: StoryPractice,
                  factor: float) -> None:
    if practice.told_same_company:
        warning = view.text(translate(
            "ReviewCards", "Already told to {0}: have another story ready for them."
        ).format(practice.told_same_company[0].company), factor, bold=True)
        warning.setStyleSheet(f"color: {AMBER};")
        layout.addWidget(warning)


def story_practice(view: CardView, layout: QVBoxLayout, card: StoryCard) -> None:
    """Under a ready story: rehearsed how often, told where, and the two actions."""
    practice, story = card.practice, card.story
    if practice is None or not story.entry_id:
        return
    said = practice.summary(view.today or dt.date.today())
    if practice.told:
        said += " \u00b7 " + _told_text(practice.told)
    layout.addWidget(view.text(said, 0.62, muted=True))
    _same_company(view, layout, practice, 0.66)
    row = QHBoxLayout()
    rehearse = QPushButton(translate("ReviewCards", "Rehearse it aloud (R)"))
    rehearse.setObjectName("rehearseButton")
    rehearse.setToolTip(translate("ReviewCards", "A timer, two minutes unless you change it, "
                                                 "with the story's points shown small"))
    rehearse.clicked.connect(lambda _=False, c=card: view.rehearse.emit(c))
    view.register(rehearse, 0.62)
    row.addWidget(rehearse)
    row.addSpacing(12)
    row.addWidget(_told_box(view, story.entry_id, practice.told_here,
                            translate("ReviewCards", "Told it in this interview"), 0.62))
    row.addStretch(1)
    layout.addLayout(row)


def evidence_told(view: CardView, inner: QVBoxLayout, item: EvidenceItem) -> None:
    """Under an entry on a stage card: where it was told, and the box to say it was here."""
    row = QHBoxLayout()
    if item.told:
        row.addWidget(view.text(_told_text(item.told), 0.56, muted=True), 1)
    row.addWidget(_told_box(view, item.entry_id, item.told_here,
                            translate("ReviewCards", "told it here"), 0.56),
                  0, Qt.AlignmentFlag.AlignLeft)
    if not item.told:
        row.addStretch(1)
    inner.addLayout(row)
    same = tuple(t for t in item.told if t.same_company)
    if same:
        _same_company(view, inner, StoryPractice(item.entry_id, told=same), 0.58)
