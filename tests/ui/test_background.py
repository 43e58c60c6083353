"""Work off the UI thread: answers come back on the UI thread, in order, failures included."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot

from trackrecord.ui.support.background import Background


def test_answers_arrive_on_the_ui_thread_in_the_order_asked(qtbot: QtBot) -> None:
    owner = QObject()
    background = Background(owner)
    ui_thread = threading.current_thread()
    worked_on: list[threading.Thread] = []
    answers: list[tuple[object, object, threading.Thread]] = []

    def work(n: int) -> int:
        worked_on.append(threading.current_thread())
        return n * n

    for n in range(5):
        background.run(lambda n=n: work(n),
                       lambda result, error: answers.append(
                           (result, error, threading.current_thread())))
    assert background.busy
    qtbot.waitUntil(lambda: len(answers) == 5)
    assert [result for result, _error, _thread in answers] == [0, 1, 4, 9, 16]
    assert all(error is None for _result, error, _thread in answers)
    assert all(thread is ui_thread for _result, _error, thread in answers)
    assert all(thread is not ui_thread for thread in worked_on)
    assert not background.busy


def test_a_failure_is_handed_back_not_lost(qtbot: QtBot) -> None:
    owner = QObject()
    background = Background(owner)
    answers: list[tuple[object, object]] = []

    def fails() -> None:
        raise ValueError("the disk is full")

    background.run(fails, lambda result, error: answers.append((result, error)))
    background.run(lambda: "after", lambda result, error: answers.append((result, error)))
    qtbot.waitUntil(lambda: len(answers) == 2)
    (result, error), later = answers
    assert result is None
    assert isinstance(error, ValueError) and str(error) == "the disk is full"
    assert later == ("after", None)  # the worker carried on


def test_wait_lets_work_in_flight_finish(qtbot: QtBot) -> None:
    owner = QObject()
    background = Background(owner)
    release = threading.Event()
    finished: list[bool] = []

    def slow() -> None:
        release.wait(5)
        finished.append(True)

    background.run(slow, lambda _result, _error: None)
    threading.Timer(0.2, release.set).start()
    background.wait()
    assert finished == [True]


def test_an_owner_waited_on_after_its_answer_closes_cleanly(qtbot: QtBot) -> None:
    """What a dialog does when it closes: its answer was handled inside a nested event loop
    (a modal dialog, a waitSignal), then the owner waits for its worker. Leaving the test
    processes the deferred events; a relay per request, deleted once answered, crashed
    here in ~QObject."""
    class Owner(QObject):
        done = Signal()

    owner = Owner()
    background = Background(owner)
    with qtbot.waitSignal(owner.done, timeout=10_000):
        background.run(lambda: 42, lambda _result, _error: owner.done.emit())
    background.wait()
    assert not background.busy
