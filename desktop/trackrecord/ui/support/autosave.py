"""Autosave: there is no Save button, so this must never lose or misreport an edit.

Each change restarts a short single-shot timer; when it fires (or when the selection changes,
the window closes or the application quits) the changed fields are written through
``EntryService.update``. A field that fails validation is not written, keeps its inline
message, and stays pending so fixing it saves it; "Saved" is shown only when nothing is left.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from trackrecord.core.errors import NotFoundError, StorageError, ValidationError
from trackrecord.core.record.entries import EntryData, EntryService
from trackrecord.core.record.validation import validate_changes
from trackrecord.ui.record.editor import EntryEditor

AUTOSAVE_DELAY_MS = 600
RETRY_DELAY_MS = 5000
# Fields whose errors have an inline place in the editor; others go to the status bar only.
_ERROR_KEYS = {"title": "title", "start_date": "dates", "end_date": "dates", "tags": "tags"}


def sentence(message: str) -> str:
    """Core messages are written to follow a colon; shown alone they need a capital."""
    return message[:1].upper() + message[1:] if message else message


class AutosaveController(QObject):
    saved = Signal(object, object)  # the EntryData written, the frozenset of fields changed
    # ("saved" | "pending" | "error", message for the status bar)
    state_changed = Signal(str, str)

    def __init__(
        self,
        service: EntryService,
        editor: EntryEditor,
        *,
        delay_ms: int = AUTOSAVE_DELAY_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._editor = editor
        self._entry: EntryData | None = None
        self._pending: set[str] = set()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._delay_ms = delay_ms
        self._timer.timeout.connect(self.flush)
        editor.changed.connect(self._on_changed)

    @property
    def entry(self) -> EntryData | None:
        return self._entry

    def has_pending(self) -> bool:
        return bool(self._pending)

    def set_entry(self, entry: EntryData | None) -> None:
        """Edit another entry. Call ``flush()`` first: what is still pending is dropped."""
        dropped = self._pending_invalid_message()
        self._timer.stop()
        self._pending.clear()
        self._entry = entry
        if entry is not None:
            self._editor.load(entry)
        if dropped:
            self.state_changed.emit("error", dropped)

    def _on_changed(self, name: str) -> None:
        if self._entry is None:
            return
        self._pending.add(name)
        self._timer.start(self._delay_ms)
        self.state_changed.emit("pending", self.tr("Saving…"))

    def flush(self) -> bool:
        """Write what is pending now; True when everything the user typed is stored."""
        self._timer.stop()
        if self._entry is None or not self._pending:
            return True
        valid, errors = self._validated()
        written: set[str] = set()
        if valid:
            try:
                data = self._service.update(self._entry.id, **valid)
            except NotFoundError:
                # Deleted elsewhere (the command line, another window): nothing to write to.
                self._pending.clear()
                self.state_changed.emit(
                    "error", self.tr("Not saved: this entry no longer exists.")
                )
                return False
            except ValidationError as exc:
                errors.setdefault("", str(exc))
            except (StorageError, OSError) as exc:
                # A locked or full disk: keep everything pending and try again shortly, so
                # the edit is not lost and the status never claims it was saved.
                self._timer.start(RETRY_DELAY_MS)
                self.state_changed.emit(
                    "error",
                    self.tr("Not saved: the data file could not be written ({0}); retrying…")
                    .format(type(exc).__name__),
                )
                return False
            else:
                written = set(valid)
                self._pending -= written
                self._entry = data
                self.saved.emit(data, frozenset(written))
        for key in ("title", "dates", "tags"):
            self._editor.set_error(key, sentence(errors.get(key, "")))
        if errors:
            first = next(iter(errors.values()))
            self.state_changed.emit("error", self.tr("Not saved: {0}").format(first))
            return False
        self.state_changed.emit("saved", self.tr("Saved"))
        return True

    def _validated(self) -> tuple[dict[str, Any], dict[str, str]]:
        valid: dict[str, Any] = {}
        errors: dict[str, str] = {}
        for name in sorted(self._pending):
            try:
                valid.update(validate_changes({name: self._editor.value(name)}))
            except ValidationError as exc:
                errors[_ERROR_KEYS.get(name, "")] = str(exc)
        if "start_date" in valid or "end_date" in valid:
            # The service checks the order too, but then refuses the whole update; checking
            # here keeps the other fields saving while the dates are being fixed.
            start = self._editor.value("start_date")
            end = self._editor.value("end_date")
            if end is not None and end < start:
                valid.pop("start_date", None)
                valid.pop("end_date", None)
                errors["dates"] = self.tr("the end date is before the start date")
        return valid, errors

    def _pending_invalid_message(self) -> str:
        if self._entry is None or not self._pending:
            return ""
        message = self.tr("Your last change to “{0}” was not saved; the stored value was kept.")
        return message.format(self._entry.title)
