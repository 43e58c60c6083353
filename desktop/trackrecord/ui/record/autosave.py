"""The entry editor's autosave: the shared ``Autosave`` with what only entries have.

The changed fields are validated one by one and written through ``EntryService.update``. A
field that fails validation is not written, keeps its inline message, and stays pending so
fixing it saves it; the others are written meanwhile.
"""

from __future__ import annotations

from collections.abc import Set
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject

from trackrecord.core.errors import ValidationError
from trackrecord.core.record.entries import EntryData, EntryService
from trackrecord.core.record.validation import validate_changes
from trackrecord.ui.record.editor import EntryEditor
from trackrecord.ui.support.autosave import AUTOSAVE_DELAY_MS, Autosave, Outcome, sentence

# Fields whose errors have an inline place in the editor; others go to the status bar only.
_ERROR_KEYS = {"title": "title", "start_date": "dates", "end_date": "dates", "tags": "tags"}


class EntryEdits:
    """What the entry editor saves: the pending fields of the entry it shows."""

    def __init__(self, service: EntryService, editor: EntryEditor) -> None:
        self.service = service
        self.editor = editor
        self.entry: EntryData | None = None

    @property
    def gone(self) -> str:
        return QCoreApplication.translate("EntryEdits", "Not saved: this entry no longer exists.")

    def announce(self, pending: Set[str]) -> bool:
        return True

    def save(self, pending: frozenset[str]) -> Outcome:
        assert self.entry is not None
        valid, errors = self._validated(pending)
        stored: EntryData | None = None
        settled: frozenset[str] = frozenset()
        if valid:
            try:
                stored = self.service.update(self.entry.id, **valid)
            except ValidationError as exc:
                errors.setdefault("", str(exc))
            else:
                settled = frozenset(valid)
                self.entry = stored
        for key in ("title", "dates", "tags"):
            self.editor.set_error(key, sentence(errors.get(key, "")))
        return Outcome(stored, settled, problem=next(iter(errors.values()), ""))

    def unsaved_message(self) -> str:
        """Said when another entry opens while a change to this one could not be written."""
        if self.entry is None:
            return ""
        message = QCoreApplication.translate(
            "EntryEdits", "Your last change to “{0}” was not saved; the stored value was kept.")
        return message.format(self.entry.title)

    def _validated(self, pending: frozenset[str]) -> tuple[dict[str, Any], dict[str, str]]:
        valid: dict[str, Any] = {}
        errors: dict[str, str] = {}
        for name in sorted(pending):
            try:
                valid.update(validate_changes({name: self.editor.value(name)}))
            except ValidationError as exc:
                errors[_ERROR_KEYS.get(name, "")] = str(exc)
        if "start_date" in valid or "end_date" in valid:
            # The service checks the order too, but then refuses the whole update; checking
            # here keeps the other fields saving while the dates are being fixed.
            start = self.editor.value("start_date")
            end = self.editor.value("end_date")
            if end is not None and end < start:
                valid.pop("start_date", None)
                valid.pop("end_date", None)
                errors["dates"] = QCoreApplication.translate(
                    "EntryEdits", "the end date is before the start date")
        return valid, errors


class EntryAutosave(Autosave):
    """The autosave of the entry the editor shows (the main window's ``autosave``)."""

    def __init__(
        self,
        service: EntryService,
        editor: EntryEditor,
        *,
        delay_ms: int = AUTOSAVE_DELAY_MS,
        parent: QObject | None = None,
    ) -> None:
        edits = EntryEdits(service, editor)
        super().__init__(edits, delay_ms=delay_ms, parent=parent)
        self.edits: EntryEdits = edits
        editor.changed.connect(self._on_changed)

    @property
    def entry(self) -> EntryData | None:
        return self.edits.entry

    def set_entry(self, entry: EntryData | None) -> None:
        """Edit another entry. Call ``flush()`` first: what is still pending is dropped."""
        dropped = self.edits.unsaved_message() if self.has_pending() else ""
        self.forget()
        self.edits.entry = entry
        if entry is not None:
            self.edits.editor.load(entry)
        if dropped:
            self.state_changed.emit("error", dropped)

    def _on_changed(self, name: str) -> None:
        if self.edits.entry is not None:
            self.mark(name)
