"""The shared autosave on its own, over a small form of real line edits whose adapter writes
into a dict: what the entry editor and the rejection form both rely on."""

from __future__ import annotations

from collections.abc import Iterator, Set
from dataclasses import dataclass, field

import pytest
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from trackrecord.core.errors import NotFoundError, StorageError
from trackrecord.ui.support.autosave import Autosave, Outcome


class FormEdits:
    """An adapter as a page writes one: read the pending fields, write them, say what's
    left. An empty field cannot be stored (as a title cannot)."""

    gone = "Not saved: this note no longer exists."

    def __init__(self, fields: dict[str, QLineEdit]) -> None:
        self.fields = fields
        self.stored: dict[str, str] = {}
        self.writes: list[dict[str, str]] = []
        self.fail: Exception | None = None
        self.quiet = False  # nothing worth writing yet (like a rejection without a company)

    def announce(self, pending: Set[str]) -> bool:
        return not self.quiet

    def save(self, pending: frozenset[str]) -> Outcome | None:
        if self.fail is not None:
            raise self.fail
        if self.quiet:
            return None
        values = {name: self.fields[name].text() for name in pending}
        good = {name: value for name, value in values.items() if value.strip()}
        if good:
            self.stored.update(good)
            self.writes.append(good)
        empty = sorted(set(values) - set(good))
        problem = f"the {empty[0]} cannot be empty" if empty else ""
        return Outcome(dict(self.stored) if good else None, frozenset(good), problem=problem)


@dataclass
class Form:
    widget: QWidget
    edits: FormEdits
    autosave: Autosave
    states: list[tuple[str, str]] = field(default_factory=list)
    saved: list[frozenset[str]] = field(default_factory=list)

    def line(self, name: str) -> QLineEdit:
        return self.edits.fields[name]

    @property
    def state(self) -> tuple[str, str]:
        return self.states[-1] if self.states else ("", "")


@pytest.fixture
def form(qtbot: QtBot) -> Iterator[Form]:
    widget = QWidget()
    qtbot.addWidget(widget)
    layout = QVBoxLayout(widget)
    fields = {name: QLineEdit(widget) for name in ("title", "summary")}
    for line in fields.values():
        layout.addWidget(line)
    edits = FormEdits(fields)
    # A short retry keeps the tests quick; they wait on the state, never on the clock.
    autosave = Autosave(edits, retry_ms=50, parent=widget)
    made = Form(widget, edits, autosave)
    autosave.state_changed.connect(lambda state, text: made.states.append((state, text)))
    autosave.saved.connect(lambda _stored, names: made.saved.append(names))
    for name, line in fields.items():
        line.textChanged.connect(lambda _text, name=name: autosave.mark(name))
    yield made
    autosave.forget()


def wait_for_state(qtbot: QtBot, form: Form, state: str) -> None:
    qtbot.waitUntil(lambda: form.state[0] == state, timeout=5000)


def test_keystrokes_in_one_pause_are_written_once(qtbot: QtBot, form: Form) -> None:
    for key in "Payments ledger":
        qtbot.keyClick(form.line("title"), key)
        QApplication.processEvents()  # a timer that was due would fire here
    assert form.state == ("pending", "Saving…")
    assert form.autosave.has_pending()  # the pause has not ended yet
    assert form.edits.writes == []
    wait_for_state(qtbot, form, "saved")
    assert form.edits.writes == [{"title": "Payments ledger"}]  # one write, not fifteen
    assert form.saved == [frozenset({"title"})]
    assert form.state == ("saved", "Saved")
    assert not form.autosave.has_pending()


def test_flush_writes_at_once(qtbot: QtBot, form: Form) -> None:
    qtbot.keyClicks(form.line("title"), "Ledger")
    qtbot.keyClicks(form.line("summary"), "Zero gaps")
    assert form.autosave.flush() is True
    assert form.edits.stored == {"title": "Ledger", "summary": "Zero gaps"}
    assert len(form.edits.writes) == 1
    assert form.state == ("saved", "Saved")
    assert not form.autosave.has_pending()
    assert form.autosave.flush() is True  # nothing left: nothing written again
    assert len(form.edits.writes) == 1


def test_a_failed_write_says_so_keeps_the_edit_and_retries(qtbot: QtBot, form: Form) -> None:
    form.edits.fail = StorageError("your data is busy in another Track Record window")
    qtbot.keyClicks(form.line("title"), "Ledger")
    assert form.autosave.flush() is False
    assert form.state == (
        "error", "Not saved: your data is busy in another Track Record window; retrying…")
    assert form.autosave.has_pending()
    assert form.edits.stored == {}
    form.edits.fail = None  # the other window let go: the retry writes it on its own
    wait_for_state(qtbot, form, "saved")
    assert form.edits.stored == {"title": "Ledger"}
    assert not form.autosave.has_pending()


def test_a_disk_error_is_named_and_retried(qtbot: QtBot, form: Form) -> None:
    form.edits.fail = OSError(28, "No space left on device")
    qtbot.keyClicks(form.line("summary"), "Kept")
    assert form.autosave.flush() is False
    assert form.state == (
        "error", "Not saved: the data file could not be written (OSError); retrying…")
    form.edits.fail = None
    wait_for_state(qtbot, form, "saved")
    assert form.edits.stored == {"summary": "Kept"}


def test_nothing_typed_is_lost_on_close_even_after_a_failure(qtbot: QtBot, form: Form) -> None:
    form.edits.fail = StorageError("the disk refused the write")
    qtbot.keyClicks(form.line("title"), "Ledger")
    assert form.autosave.flush() is False
    qtbot.keyClicks(form.line("summary"), "Typed while it was failing")
    form.edits.fail = None
    # Closing the window flushes before the idle pause or the retry are over.
    assert form.autosave.flush() is True
    assert form.edits.stored == {"title": "Ledger", "summary": "Typed while it was failing"}
    assert not form.autosave.has_pending()


def test_what_cannot_be_stored_stays_pending_and_is_saved_once_fixed(
    qtbot: QtBot, form: Form,
) -> None:
    qtbot.keyClicks(form.line("summary"), "Zero gaps")
    form.line("title").setText("")
    form.autosave.mark("title")  # the title was emptied
    assert form.autosave.flush() is False
    assert form.state == ("error", "Not saved: the title cannot be empty")
    assert form.edits.stored == {"summary": "Zero gaps"}  # the rest was written meanwhile
    assert form.autosave.has_pending()
    qtbot.keyClicks(form.line("title"), "Ledger")
    assert form.autosave.flush() is True
    assert form.edits.stored == {"title": "Ledger", "summary": "Zero gaps"}
    assert form.state == ("saved", "Saved")


def test_a_record_deleted_elsewhere_is_not_called_saved(qtbot: QtBot, form: Form) -> None:
    form.edits.fail = NotFoundError("no note with that id")
    qtbot.keyClicks(form.line("title"), "Ledger")
    assert form.autosave.flush() is False
    assert form.state == ("error", "Not saved: this note no longer exists.")
    assert not form.autosave.has_pending()  # nothing to write to: not retried forever


def test_nothing_to_write_yet_is_neither_saved_nor_an_error(qtbot: QtBot, form: Form) -> None:
    form.edits.quiet = True
    qtbot.keyClicks(form.line("title"), "Ledger")
    assert form.states == []  # no "Saving…" for what will not be written yet
    assert form.autosave.flush() is True
    assert form.states == [] and form.edits.writes == []
    assert form.autosave.has_pending()  # kept for when there is something to write
