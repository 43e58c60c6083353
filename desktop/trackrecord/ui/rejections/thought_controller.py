"""What the thought record does: it opens with the rejection, starts from prefilled evidence
(the feedback; the person's own evidence shown for the rejection), suggests thinking traps
from the thought's words, sets the reframe beside the balanced thought as a prompt, and saves
as the person types, through the shared ``Autosave`` with an adapter of its own.

A thought record is kept with its rejection, so it waits for the rejection to be saved (a
company and a stage). Until the person types in it, nothing is written, and the prefilled
evidence keeps following the feedback and the evidence shown.
"""

from __future__ import annotations

from collections.abc import Callable, Set

from PySide6.QtCore import QCoreApplication, QObject, Signal

from trackrecord.core.errors import NotFoundError, StorageError, ValidationError
from trackrecord.core.rejections.analysis import Analysis
from trackrecord.core.rejections.service import RejectionData
from trackrecord.core.rejections.thoughts import (
    ThoughtRecordData,
    ThoughtService,
    evidence_against_prefill,
    evidence_for_prefill,
)
from trackrecord.core.rejections.traps import suggest_traps
from trackrecord.ui.rejections.thought_form import ThoughtForm
from trackrecord.ui.support.autosave import Autosave, Outcome, sentence

FIELDS = ("thought", "emotions", "traps", "evidence_for", "evidence_against", "balanced")
STYLE = """
QLabel#trapHint { color: palette(highlight); font-style: italic; }
QLabel#thoughtPrompt { background: palette(alternate-base); padding: 8px 10px;
                       border-radius: 6px; }
QLabel#rerateName { font-weight: 600; }
QToolButton#thoughtToggle { font-weight: 600; border: none; background: transparent;
                            padding: 4px 0; }
"""


class ThoughtEdits:
    """What the thought record saves: all of it the first time (the prefilled evidence
    with it), then the parts changed."""

    def __init__(self, service: ThoughtService, form: ThoughtForm,
                 rejection_id: Callable[[], str | None]) -> None:
        self.service, self.form, self.rejection_id = service, form, rejection_id
        self.record: ThoughtRecordData | None = None

    @property
    def gone(self) -> str:
        return QCoreApplication.translate(
            "ThoughtEdits", "Not saved: this rejection no longer exists.")

    def announce(self, pending: Set[str]) -> bool:
        return bool(pending)

    def save(self, pending: frozenset[str]) -> Outcome | None:
        rejection_id = self.rejection_id()
        if rejection_id is None:
            return Outcome(waiting=QCoreApplication.translate(
                "ThoughtEdits", "Not saved yet: the rejection needs a company and a stage"))
        names = FIELDS if self.record is None else tuple(sorted(pending))
        try:
            self.record = self.service.save(
                rejection_id, **{name: self.form.value(name) for name in names})
        except ValidationError as exc:
            return Outcome(problem=sentence(str(exc)))
        return Outcome(self.record, frozenset(pending) | frozenset(names))


class ThoughtController(QObject):
    message = Signal(str)

    def __init__(self, service: ThoughtService, form: ThoughtForm,
                 rejection: Callable[[], RejectionData | None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service, self._form, self._rejection = service, form, rejection
        self.edits = ThoughtEdits(service, form, self._rejection_id)
        self.autosave = Autosave(self.edits, parent=self)
        self._prefilled: dict[str, str] = {"evidence_for": "", "evidence_against": ""}
        self._feedback = ""
        self._analysis: Analysis | None = None
        form.setStyleSheet(STYLE)
        form.changed.connect(self._on_changed)
        form.opened.connect(self._opened)

    @property
    def record(self) -> ThoughtRecordData | None:
        return self.edits.record

    def _rejection_id(self) -> str | None:
        rejection = self._rejection()
        return rejection.id if rejection is not None else None

    # -- opening -----------------------------------------------------------------------------

    def load(self, rejection: RejectionData | None) -> None:
        """Show this rejection's thought record (open when it has one), or a fresh one."""
        self.flush()
        self.autosave.forget()
        record = None
        if rejection is not None:
            try:
                record = self._service.get(rejection.id)
            except (NotFoundError, StorageError) as exc:
                self.message.emit(sentence(str(exc)))
        self.edits.record = record
        self._feedback = rejection.feedback if rejection is not None else ""
        self._analysis = None
        self._prefilled = {"evidence_for": evidence_for_prefill(self._feedback),
                           "evidence_against": ""}
        if record is not None:
            self._form.load(record.thought, record.emotions, record.traps,
                            evidence_for=record.evidence_for,
                            evidence_against=record.evidence_against, balanced=record.balanced)
        else:
            self._form.load(evidence_for=self._prefilled["evidence_for"])
        self._form.show_suggestions(suggest_traps(self._form.value("thought")))
        self._form.show_prompt("", "")
        self._form.set_open(record is not None)
        self.set_saved(rejection is not None)

    def set_saved(self, saved: bool) -> None:
        """Whether the rejection is saved, so a thought record can be kept with it."""
        why = QCoreApplication.translate(
            "ThoughtController", "Once the rejection has a company and the stage it reached, "
            "you can work through the thought behind it here.")
        self._form.set_available(saved, why)

    def rejection_saved(self, rejection: RejectionData) -> None:
        """The rejection was written: the thought record can be kept with it now, and a
        prefill that was not typed over follows the feedback."""
        self.set_saved(True)
        if rejection.feedback != self._feedback:
            self._feedback = rejection.feedback
            self._follow("evidence_for", evidence_for_prefill(rejection.feedback))

    def set_analysis(self, analysis: Analysis | None) -> None:
        """What the rejection page shows now: its evidence starts the column against the
        thought, its reframe is the prompt beside the balanced thought."""
        self._analysis = analysis
        if analysis is None:
            return
        reframe = analysis.reframe
        self._form.show_prompt(reframe.headline, reframe.questions[0] if reframe.questions
                               else "")
        self._follow("evidence_against", evidence_against_prefill(analysis.evidence))

    def _follow(self, name: str, text: str) -> None:
        """Replace a prefill the person has not touched (in a record not yet saved)."""
        if self.record is None and self._form.value(name) == self._prefilled[name]:
            self._form.set_text(name, text)
        self._prefilled[name] = text

    # -- typing ----------------------------------------------------------------------------

    def _opened(self, shown: bool) -> None:
        if shown and self.record is None and self._analysis is not None:
            self.set_analysis(self._analysis)

    def _on_changed(self, name: str) -> None:
        if name == "thought":
            self._form.show_suggestions(suggest_traps(self._form.value("thought")))
        self.autosave.mark(name)

    def flush(self) -> bool:
        return self.autosave.flush()
