"""Regression guard: Qt calls that return None must not leak away references to None.

PySide6 6.12.0 on CPython 3.11 drops one reference to ``None`` on every wrapped Qt call that
returns None (QWidget.setToolTip, QObject.setObjectName, QLineEdit.setText ...). None is not
immortal before Python 3.12, so after a few thousand such calls its count reaches zero and
the interpreter aborts in ``none_dealloc`` ("deallocating None") — a desktop app makes that
many calls in minutes. pyproject therefore pins PySide6 6.11.x on Python 3.11 (6.12 is fine
on 3.12+, where None is immortal and its count no longer moves).

The calls run in a child interpreter, so a broken build fails this test with a clear message
instead of killing the whole test run.
"""

from __future__ import annotations

import os
import subprocess
import sys

CALLS = 20_000
ALLOWED_DRIFT = 1_000  # unrelated objects coming and going; a leak is one per call

CHILD = f"""
import sys
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

app = QApplication([])
widget, obj, edit = QWidget(), QObject(), QLineEdit()
before = sys.getrefcount(None)
for i in range({CALLS} // 3 + 1):
    widget.setToolTip("tip")
    obj.setObjectName("name")
    edit.setText("text")
after = sys.getrefcount(None)
print(before, after)
"""


def test_none_refcount_survives_many_qt_calls():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", CHILD], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, (
        f"the interpreter died ({done.returncode}) after {CALLS} Qt calls returning None; "
        f"this PySide6 build leaks references to None:\n{done.stderr[-2000:]}"
    )
    before, after = (int(n) for n in done.stdout.split()[-2:])
    assert after >= before - ALLOWED_DRIFT, (
        f"sys.getrefcount(None) fell from {before} to {after} over {CALLS} Qt calls"
    )
