"""kill -9 while typing loses at most the last second: autosave writes within 1 s of idle.

A real app process types into the editor, says when it stopped, and is killed with SIGKILL
one second later, with no chance to save on the way out.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from trackrecord.core.record.entries import EntryService
from trackrecord.core.store.db import open_store
from trackrecord.paths import DataPaths

TYPIST = r"""
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from trackrecord.core.store.db import open_store
from trackrecord.paths import DataPaths
from trackrecord.ui.shell.app import build_main_window, create_application

app = create_application()
paths = DataPaths(Path(sys.argv[1]))
store = open_store(paths)
window = build_main_window(store, paths)
window.show()

def type_then_report():
    window.menu_actions.new_entry.trigger()
    title = window.page.editor.inputs["title"]
    QTest.keyClicks(title, "Typed just before the crash")
    notes = window.page.editor.inputs["notes"]
    QTest.keyClicks(notes, "Every word of this was typed.")
    print("typed", flush=True)

QTimer.singleShot(300, type_then_report)
app.exec()
"""


def test_sigkill_one_second_after_typing_loses_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    open_store(DataPaths(data)).close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    app = subprocess.Popen([sys.executable, "-c", TYPIST, str(data)],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert app.stdout is not None
        assert app.stdout.readline().strip() == "typed"
        time.sleep(1.0)
    finally:
        app.send_signal(signal.SIGKILL)
        app.communicate()
    with open_store(DataPaths(data)) as store:
        [entry] = EntryService(store).all()
    assert entry.title == "Typed just before the crash"
    assert entry.notes == "Every word of this was typed."
