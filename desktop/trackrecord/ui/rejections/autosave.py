"""The rejection form's autosave: the shared ``Autosave`` with what only rejections have.

A new rejection is written the first time it has a company to file it under and the stage
it reached (chosen by the person, never guessed); until then nothing is written, and once
anything else has been typed an inline message says why. After
that, the changed fields are written through ``RejectionService.update``.
"""

from __future__ import annotations

from collections.abc import Callable, Set
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject

from trackrecord.core.errors import ValidationError
from trackrecord.core.rejections.service import RejectionData, RejectionService
from trackrecord.ui.rejections.form import RejectionForm
from trackrecord.ui.support.autosave import AUTOSAVE_DELAY_MS, Autosave, Outcome, sentence

# Written by the app on the person's behalf (the snapshot of what was shown, the category
# following the suggestion): on their own they are no reason to ask for a company.
AUTOMATIC = frozenset({"snapshot", "category"})
FIELDS = ("company", "role", "level", "stage", "date", "feedback", "own_read", "category",
          "category_confirmed", "sting_before", "sting_after", "debrief")


class RejectionEdits:
    """What the rejection form saves: a new rejection once it has a company, then changes."""

    def __init__(
        self,
        service: RejectionService,
        form: RejectionForm,
        snapshot_values: Callable[[], dict[str, Any]],
    ) -> None:
        self.service = service
        self.form = form
        self.snapshot_values = snapshot_values  # {"snapshot", "suggested_category", ...}
        self.rejection: RejectionData | None = None

    @property
    def gone(self) -> str:
        return QCoreApplication.translate(
            "RejectionEdits", "Not saved: this rejection no longer exists.")

    def announce(self, pending: Set[str]) -> bool:
        return self.rejection is not None or bool(pending - AUTOMATIC)

    def save(self, pending: frozenset[str]) -> Outcome | None:
        return self._create(pending) if self.rejection is None else self._update(pending)

    def _create(self, pending: frozenset[str]) -> Outcome | None:
        company = str(self.form.value("company")).strip()
        missing = self.form.missing()
        if missing:
            if not pending - AUTOMATIC:
                return None  # only the app's own bookkeeping so far: nothing to say yet
            # Waiting for a company or a stage is not a failure: say so plainly, without alarm.
            translate = QCoreApplication.translate
            if len(missing) == 2:
                company_note = translate(
                    "RejectionEdits", "Add the company and the stage it reached to save this "
                    "rejection. Nothing is saved until then.")
                waiting = translate("RejectionEdits",
                                    "Not saved yet: add the company and the stage")
            elif missing == ["company"]:
                company_note = translate(
                    "RejectionEdits",
                    "Add the company to save this rejection. Nothing is saved until then.")
                waiting = translate("RejectionEdits", "Not saved yet: add the company")
            else:
                company_note = ""
                waiting = translate("RejectionEdits", "Not saved yet: choose the stage it reached")
            self.form.set_company_error(company_note)
            self.form.show_stage_needed(missing == ["stage"])
            return Outcome(waiting=waiting)
        values = {name: self.form.value(name) for name in FIELDS}
        values.update(self.snapshot_values())
        try:
            data = self.service.create(
                company, values.pop("stage"), date=values.pop("date"),
                category=values.pop("category"),
                category_confirmed=values.pop("category_confirmed"),
                **{k: v for k, v in values.items() if k != "company"},
            )
        except ValidationError as exc:
            return Outcome(problem=sentence(str(exc)))
        self.rejection = data
        self.form.set_company_error("")
        return Outcome(data, pending | frozenset(FIELDS))

    def _update(self, pending: frozenset[str]) -> Outcome:
        assert self.rejection is not None
        names = set(pending)
        values: dict[str, Any] = {}
        for name in names:
            if name == "snapshot":
                values.update(self.snapshot_values())
            else:
                values[name] = self.form.value(name)
        company_error = ""
        if "company" in values and not str(values["company"]).strip():
            company_error = QCoreApplication.translate(
                "RejectionEdits", "The company cannot be empty; the saved name was kept.")
            del values["company"]
            names.discard("company")
        try:
            data = self.service.update(self.rejection.id, **values)
        except ValidationError as exc:
            return Outcome(problem=sentence(str(exc)))
        self.rejection = data
        self.form.set_company_error(company_error)
        return Outcome(data, frozenset(names), problem=company_error)


class RejectionAutosave(Autosave):
    """The autosave of the rejection the view shows (new or saved)."""

    def __init__(
        self,
        service: RejectionService,
        form: RejectionForm,
        snapshot_values: Callable[[], dict[str, Any]],
        *,
        delay_ms: int = AUTOSAVE_DELAY_MS,
        parent: QObject | None = None,
    ) -> None:
        edits = RejectionEdits(service, form, snapshot_values)
        super().__init__(edits, delay_ms=delay_ms, parent=parent)
        self.edits: RejectionEdits = edits

    @property
    def rejection(self) -> RejectionData | None:
        return self.edits.rejection

    def set_rejection(self, rejection: RejectionData | None) -> None:
        """Edit another rejection (None: a new one). Call ``flush()`` first."""
        self.forget()
        self.edits.rejection = rejection
