"""SIGTERM to the window (a logout, ``kill``) quits as File ▸ Quit does: what was typed is
saved and the quit backup is taken. Before, it ended the process on the spot."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from trackrecord.core.record.entries import EntryService
from trackrecord.core.store.db import open_store
from trackrecord.paths import DataPaths
from trackrecord.ui.shell.quit_signals import QuitOnSignals

# The real app (run_gui) on the data folder, and a typist that starts once the first
# automatic backup is there and then types a letter every 100 ms, never pausing long enough
# (a second) for the autosave: whatever was typed when the signal came is saved on the way
# out, or not at all.
TYPIST = r"""
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from trackrecord.paths import DataPaths
from trackrecord.ui.shell.app import create_application, run_gui
from trackrecord.ui.shell.main_window import MainWindow

app = create_application()
paths = DataPaths(Path(sys.argv[1]))
started = []

def tick():
    window = next((w for w in QApplication.topLevelWidgets()
                   if isinstance(w, MainWindow) and hasattr(w, "page")), None)
    if window is None:
        return
    if not started:
        if not list(paths.backups.glob("*-start.sqlite3.json")):
            return
        window.menu_actions.new_entry.trigger()
        started.append(True)
    QTest.keyClicks(window.page.editor.inputs["title"], "x")
    print("typed x", flush=True)

timer = QTimer()
timer.timeout.connect(tick)
timer.start(100)
sys.exit(run_gui(paths))
"""


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_a_termination_signal_saves_what_was_typed_and_backs_up(
    tmp_path: Path, sig: signal.Signals
) -> None:
    paths = DataPaths(tmp_path / "data")
    with open_store(paths) as store:
        EntryService(store).create("shipped", "Ledger")
    app = subprocess.Popen([sys.executable, "-c", TYPIST, str(paths.root)],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    try:
        assert app.stdout is not None
        for _ in range(3):  # a few letters in, while still typing
            assert app.stdout.readline().strip() == "typed x"
    finally:
        app.send_signal(sig)
        rest, err = app.communicate(timeout=60)
    assert app.returncode == 0, err
    assert "Traceback" not in err
    typed = "x" * (3 + rest.count("typed x"))  # (letters typed before the signal arrived)
    with open_store(paths) as store:
        titles = sorted(e.title for e in EntryService(store).list())
    assert titles == ["Ledger", typed]
    [quit_backup] = paths.backups.glob("*-quit.sqlite3")
    conn = sqlite3.connect(f"file:{quit_backup}?mode=ro", uri=True)
    try:
        assert sorted(t for (t,) in conn.execute("SELECT title FROM entries")) == titles
    finally:
        conn.close()


def test_the_signal_reaches_the_event_loop_and_the_handlers_are_put_back(
    qtbot: QtBot
) -> None:
    reached_the_old: list[int] = []
    original = signal.signal(signal.SIGTERM, lambda sig, _frame: reached_the_old.append(sig))
    try:
        before = signal.getsignal(signal.SIGTERM)
        quits: list[bool] = []
        caught = QuitOnSignals(lambda: quits.append(True))
        try:
            os.kill(os.getpid(), signal.SIGTERM)
            qtbot.waitUntil(lambda: quits == [True], timeout=5000)
        finally:
            caught.restore()
        assert signal.getsignal(signal.SIGTERM) is before
        assert reached_the_old == []
    finally:
        signal.signal(signal.SIGTERM, original)
