"""Evidence cards: the person's own track-record entries that answer this rejection, each with
why it is here. A click (or Enter) opens the entry on the Track record page; "Pin" keeps a
card on this rejection whatever it matches, and "Not relevant" takes it off (and the link
that brought it stops counting for that entry in later matches)."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from trackrecord.core.matching.cards import Evidence
from trackrecord.core.record.kinds import KIND_REGISTRY
from trackrecord.ui.record.list_model import kind_label
from trackrecord.ui.record.list_view import KIND_COLOURS

_EMPHASIS = re.compile(r"\*([^*\n]+)\*")
# Reasons that only repeat the impact or metrics the card already shows above them.
SHOWN_ABOVE = ("has measured impact:", "impact written down:", "outcome:")


def rich(text: str) -> str:
    """Plain text to safe HTML, with the core's *emphasis* shown in italics."""
    return _EMPHASIS.sub(r"<i>\1</i>", html.escape(text))


def sentence(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def bullets(items: Sequence[str], gap: int = 3) -> str:
    """A list with a small hanging indent (an HTML list in a QLabel indents 40 px)."""
    rows = "".join(
        f"<tr><td width='14' style='padding-bottom:{gap}px'>•</td>"
        f"<td style='padding-bottom:{gap}px'>{rich(sentence(item))}</td></tr>"
        for item in items
    )
    return f"<table cellspacing='0' cellpadding='0'>{rows}</table>"


def wrapped(text: str, parent: QWidget, name: str, *, rich_text: bool = False) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich_text else Qt.TextFormat.PlainText)
    return label


class EvidenceCard(QFrame):
    activated = Signal(str)  # the entry id
    pin = Signal(str, bool)  # the entry id, pinned or not
    not_relevant = Signal(str)  # the entry id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("evidenceCard")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(self.tr("Open this entry in your track record"))
        self.entry_id = ""
        self.strip = QFrame(self)
        self.strip.setFixedWidth(4)
        self.title = wrapped("", self, "cardTitle")
        font = QFont(self.title.font())
        font.setWeight(QFont.Weight.DemiBold)
        font.setPointSizeF(max(font.pointSizeF(), 9.0) * 1.08)
        self.title.setFont(font)
        self.meta = wrapped("", self, "cardMeta")
        self.impact = wrapped("", self, "cardImpact")
        self.metrics = wrapped("", self, "cardMetrics")
        self.why_title = QLabel(self.tr("Why it is here"), self)
        self.why_title.setObjectName("cardWhyTitle")
        self.why = wrapped("", self, "cardWhy", rich_text=True)
        body = QVBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(4)
        for label in (self.title, self.meta, self.impact, self.metrics):
            body.addWidget(label)
        body.addSpacing(2)
        body.addWidget(self.why_title)
        body.addWidget(self.why)
        self.pinned = False
        self.pin_button = QToolButton(self)
        self.pin_button.setObjectName("cardButton")
        self.pin_button.clicked.connect(lambda: self.pin.emit(self.entry_id, not self.pinned))
        self.remove_button = QToolButton(self)
        self.remove_button.setObjectName("cardButton")
        self.remove_button.setText(self.tr("Not relevant"))
        self.remove_button.setToolTip(self.tr(
            "Take it off this rejection; what linked it here will not count for it again"))
        self.remove_button.clicked.connect(lambda: self.not_relevant.emit(self.entry_id))
        actions = QHBoxLayout()
        actions.setContentsMargins(0, 4, 0, 0)
        actions.setSpacing(8)
        actions.addWidget(self.pin_button)
        actions.addWidget(self.remove_button)
        actions.addStretch(1)
        body.addLayout(actions)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 12, 14, 12)
        layout.setSpacing(12)
        layout.addWidget(self.strip)
        layout.addLayout(body, 1)

    def show_evidence(self, evidence: Evidence) -> None:
        self.entry_id = evidence.entry_id
        colour = KIND_COLOURS.get(evidence.kind, "#888888")
        self.strip.setStyleSheet(f"background: {colour}; border-radius: 2px;")
        kind = kind_label(evidence.kind)
        when = evidence.start_date
        self.title.setText(evidence.title)
        meta = [kind, str(when.year)]
        if evidence.unfinished:
            meta.append(self.tr("in progress"))
        if evidence.pinned:
            meta.append(self.tr("pinned"))
        self.meta.setText(" · ".join(meta))
        # What evidence quotes: for an incident what you did and how it ended, not the damage.
        impact = evidence.said.strip() or evidence.impact.strip() or evidence.summary.strip()
        self.impact.setText(impact)
        self.impact.setVisible(bool(impact))
        cited = KIND_REGISTRY[evidence.kind].cite_measure if evidence.kind in KIND_REGISTRY \
            else False
        metrics = "" if cited or evidence.metrics.strip() in impact else evidence.metrics.strip()
        self.metrics.setText(metrics)
        self.metrics.setVisible(bool(metrics))
        self.pinned = evidence.pinned
        self.pin_button.setText(self.tr("Unpin") if evidence.pinned else self.tr("Pin"))
        self.pin_button.setToolTip(
            self.tr("Let it move with the matching again") if evidence.pinned
            else self.tr("Keep it on this rejection, first, whatever it matches"))
        self.pin_button.setAccessibleName(
            (self.tr("Unpin {0}") if evidence.pinned else self.tr("Pin {0}")).format(
                evidence.title))
        self.remove_button.setAccessibleName(self.tr("Not relevant: {0}").format(evidence.title))
        reasons = [r for r in evidence.reasons if not r.startswith(SHOWN_ABOVE)]
        self.why.setText(bullets(reasons))
        self.why_title.setVisible(bool(reasons))
        self.why.setVisible(bool(reasons))
        self.setAccessibleName(self.tr("{0}, {1}, {2}").format(evidence.title, kind, when.year))
        self.setAccessibleDescription("; ".join(r.replace("*", "") for r in evidence.reasons))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.activated.emit(self.entry_id)
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.activated.emit(self.entry_id)
            event.accept()
            return
        super().keyPressEvent(event)


class EvidenceColumn(QWidget):
    """A heading, one line on what these are, and up to five cards (reused as results come)."""

    open_entry = Signal(str)
    pin = Signal(str, bool)
    not_relevant = Signal(str)
    show_removed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(self.tr("Your evidence"), self)
        self.heading.setObjectName("columnTitle")
        self.intro = wrapped("", self, "columnIntro")
        self.cards: list[EvidenceCard] = []
        self._cards = QVBoxLayout()
        self._cards.setContentsMargins(0, 0, 0, 0)
        self._cards.setSpacing(12)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 24)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addLayout(self._cards)
        self.removed = QWidget(self)
        self.removed_text = QLabel(self.removed)
        self.removed_text.setObjectName("formHint")
        self.removed_text.setWordWrap(True)
        self.removed_button = QToolButton(self.removed)
        self.removed_button.setObjectName("cardButton")
        self.removed_button.setText(self.tr("Show them again"))
        self.removed_button.setAccessibleName(self.tr("Show the cards you took off again"))
        self.removed_button.clicked.connect(self.show_removed.emit)
        row = QHBoxLayout(self.removed)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.removed_text, 1)
        row.addWidget(self.removed_button, 0, Qt.AlignmentFlag.AlignTop)
        self.removed.setVisible(False)
        layout.addWidget(self.removed)
        layout.addStretch(1)
        self.setAccessibleName(self.tr("Your evidence"))

    def show_evidence(self, evidence: Sequence[Evidence], stage_label: str) -> None:
        if evidence:
            self.intro.setText(self.tr(
                "From your own track record: work you have already done that answers this "
                "{0} round. Open any of them to read it in full."
            ).format(stage_label.lower()))
        else:
            self.intro.setText(self.tr(
                "Nothing in your track record to set beside this yet. That is not a verdict: "
                "add two or three entries on the Track record page (something you shipped, a "
                "problem you solved, someone you helped) and they will show up here."
            ))
        while len(self.cards) < len(evidence):
            card = EvidenceCard(self)
            card.activated.connect(self.open_entry.emit)
            card.pin.connect(self.pin.emit)
            card.not_relevant.connect(self.not_relevant.emit)
            self._cards.addWidget(card)
            self.cards.append(card)
        for card, item in zip(self.cards, evidence, strict=False):
            card.show_evidence(item)
            card.setVisible(True)
        for card in self.cards[len(evidence):]:
            card.setVisible(False)

    def show_removed_count(self, count: int) -> None:
        self.removed_text.setText(self.tr(
            "{0} taken off as not relevant to this rejection.").format(
            self.tr("One card") if count == 1 else self.tr("{0} cards").format(count)))
        self.removed.setVisible(count > 0)

    def show_pending(self) -> None:
        self.intro.setText(self.tr("Looking through your track record…"))
        for card in self.cards:
            card.setVisible(False)

    def shown_titles(self) -> list[str]:
        return [c.title.text() for c in self.cards if not c.isHidden()]
