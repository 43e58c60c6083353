"""Autosave for the rejection being looked at: no Save button, so nothing may be lost or
misreported.

A new rejection is written the first time there is a company to file it under; until then
nothing is written, and once anything else has been typed an inline message says why. After
that, each change restarts a short timer and the changed fields are written through
``RejectionService.update`` when it fires, when another rejection opens, and on close or quit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from sqlalchemy.exc import SQLAlchemyError

from trackrecord.core.errors import NotFoundError, StorageError, ValidationError
from trackrecord.core.rejections.service import RejectionData, RejectionService
from trackrecord.ui.rejections.form import RejectionForm
from trackrecord.ui.support.autosave import sentence

AUTOSAVE_DELAY_MS = 600
RETRY_DELAY_MS = 5000
# Written by the app on the person's behalf (the snapshot of what was shown, the category
# following the suggestion): on their own they are no reason to ask for a company.
AUTOMATIC = frozenset({"snapshot", "category"})
FIELDS = ("company", "role", "level", "stage", "date", "feedback", "own_read", "category",
          "category_confirmed", "sting_before", "sting_after", "debrief")


class RejectionAutosave(QObject):
    saved = Signal(object, object)  # the RejectionData written, the frozenset of fields changed
    created = Signal(object)  # the RejectionData of a rejection written for the first time
    state_changed = Signal(str, str)  # "saved" | "pending" | "error", status-bar message

    def __init__(
        self,
        service: RejectionService,
        form: RejectionForm,
        snapshot_values: Callable[[], dict[str, Any]],
        *,
        delay_ms: int = AUTOSAVE_DELAY_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._form = form
        self._snapshot_values = snapshot_values  # {"snapshot", "suggested_category", ...}
        self._rejection: RejectionData | None = None
        self._pending: set[str] = set()
        self._delay_ms = delay_ms
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.flush)

    @property
    def rejection(self) -> RejectionData | None:
        return self._rejection

    def has_pending(self) -> bool:
        return bool(self._pending)

    def set_rejection(self, rejection: RejectionData | None) -> None:
        """Edit another rejection (None: a new one). Call ``flush()`` first."""
        self._timer.stop()
        self._pending.clear()
        self._rejection = rejection

    def mark(self, name: str) -> None:
        """``name`` changed; write it after a short idle."""
        self._pending.add(name)
        self._timer.start(self._delay_ms)
        if self._rejection is not None or self._pending - AUTOMATIC:
            self.state_changed.emit("pending", self.tr("Saving…"))

    def flush(self) -> bool:
        """Write what is pending now; True when everything typed is stored."""
        self._timer.stop()
        if not self._pending:
            return True
        if self._rejection is None:
            return self._create()
        return self._update()

    # -- internals -----------------------------------------------------------------------

    def _company_missing(self) -> str:
        return self.tr("Add the company to save this rejection. Nothing is saved until then.")

    def _create(self) -> bool:
        company = str(self._form.value("company")).strip()
        if not company:
            if not self._pending - AUTOMATIC:
                return True  # only the app's own bookkeeping so far: nothing to say yet
            # Waiting for a company is not a failure: say so plainly, without alarm.
            self._form.set_company_error(self._company_missing())
            self.state_changed.emit("pending", self.tr("Not saved yet: add the company"))
            return False
        values = {name: self._form.value(name) for name in FIELDS}
        values.update(self._snapshot_values())
        values["company"] = company
        try:
            data = self._write(lambda: self._service.create(
                values.pop("company"), values.pop("stage"), date=values.pop("date"),
                category=values.pop("category"),
                category_confirmed=values.pop("category_confirmed"), **values,
            ))
        except ValidationError as exc:
            return self._failed(str(exc))
        if data is None:
            return False
        self._pending.clear()
        self._rejection = data
        self._form.set_company_error("")
        self.created.emit(data)
        self.saved.emit(data, frozenset(FIELDS))
        self.state_changed.emit("saved", self.tr("Saved"))
        return True

    def _update(self) -> bool:
        assert self._rejection is not None
        names = set(self._pending)
        values: dict[str, Any] = {}
        for name in names:
            if name == "snapshot":
                values.update(self._snapshot_values())
            else:
                values[name] = self._form.value(name)
        company_error = ""
        if "company" in values and not str(values["company"]).strip():
            company_error = self.tr("The company cannot be empty; the saved name was kept.")
            del values["company"]
            names.discard("company")
        rejection_id = self._rejection.id
        try:
            data = self._write(lambda: self._service.update(rejection_id, **values))
        except NotFoundError:
            self._pending.clear()
            self.state_changed.emit(
                "error", self.tr("Not saved: this rejection no longer exists.")
            )
            return False
        except ValidationError as exc:
            return self._failed(str(exc))
        if data is None:
            return False
        self._pending -= names
        self._rejection = data
        self._form.set_company_error(company_error)
        self.saved.emit(data, frozenset(names))
        if company_error:
            self.state_changed.emit("error", self.tr("Not saved: {0}").format(company_error))
            return False
        self.state_changed.emit("saved", self.tr("Saved"))
        return True

    def _write(self, call: Callable[[], RejectionData]) -> RejectionData | None:
        try:
            return call()
        except (StorageError, SQLAlchemyError, OSError) as exc:
            # Locked or full: keep everything pending and try again shortly.
            self._timer.start(RETRY_DELAY_MS)
            said = str(exc) if isinstance(exc, StorageError) else type(exc).__name__
            self.state_changed.emit(
                "error", self.tr("Not saved: {0}; retrying…").format(said)
            )
            return None

    def _failed(self, message: str) -> bool:
        self.state_changed.emit("error", self.tr("Not saved: {0}").format(sentence(message)))
        return False
