"""Start-up order: the window frame first, then the entries, then (off the UI thread) the ORM.

Each run is a child interpreter, as ``trackrecord`` would run, so ``sys.modules`` shows what
that start-up really loaded.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from trackrecord.core.record.entries import EntryService
from trackrecord.core.store.db import open_store
from trackrecord.paths import DataPaths

# Runs the app until the listed entries are painted, then reports what it had loaded and
# what the list showed.
CHILD = """
import json, sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from trackrecord.paths import DataPaths
import trackrecord.ui.shell.app as app_module

seen = {}
real_attach = app_module.MainWindow.attach

def attach(window, store, **options):
    seen["sqlalchemy_before_attach"] = "sqlalchemy" in sys.modules
    real_attach(window, store, **options)
    seen["in_background"] = options.get("list_in_background")

    def listed():
        seen["rows"] = window.page.model.rowCount()
        seen["first"] = window.page.model.index(0, 0).data()
        seen["built"] = sorted(window._built)

    window.controller.listed.connect(listed)

app_module.MainWindow.attach = attach
code = app_module.run_gui(DataPaths(Path(sys.argv[1])), exit_when_ready=True)
seen["sqlalchemy_at_ready"] = "sqlalchemy" in sys.modules
seen["code"] = code
print(json.dumps(seen))
"""

PAINT_ONLY = """
import sys
from pathlib import Path
from trackrecord.cli import main
code = main(["--data-dir", sys.argv[1], "--exit-at", "painted"])
loaded = [m for m in ("sqlalchemy", "trackrecord.core.store.db", "PySide6.QtNetwork", "markdown")
          if m in sys.modules]
print(" ".join(loaded) or "-")
sys.exit(code)
"""


def _run(script: str, paths: DataPaths) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-c", script, str(paths.root)],
                          capture_output=True, text=True, env=env, timeout=120)


def test_entries_are_listed_before_sqlalchemy_is_loaded(data_paths: DataPaths) -> None:
    with open_store(data_paths) as store:
        service = EntryService(store)
        service.create("shipped", "Older ledger", start_date="2021-01-01")
        service.create("incident", "Newest outage", start_date="2024-05-01")
    done = _run(CHILD, data_paths)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["code"] == 0
    # Listed off the UI thread, and shown before the app called itself ready.
    assert seen["in_background"] is True
    assert seen["rows"] == 2 and seen["first"] == "Newest outage"
    # Listing needs only the standard library's sqlite3; the ORM waits until it is needed.
    assert seen["sqlalchemy_before_attach"] is False
    assert seen["sqlalchemy_at_ready"] is False
    # Only the page on show was built; the others are built when first opened.
    assert seen["built"] == ["track_record"]


def test_the_first_paint_loads_neither_the_store_nor_the_orm(data_paths: DataPaths) -> None:
    open_store(data_paths).close()
    done = _run(PAINT_ONLY, data_paths)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "-"


# Reports, at the frame's first paint, whether Qt's namespace of enums had been built and
# how light the window's palette was; then whether the app went on to follow the system.
FIRST_FRAME = """
import json, sys
import PySide6.QtCore as QtCore
from PySide6.QtCore import QEvent
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
import trackrecord.ui.shell.app as app_module
from trackrecord.cli import main

seen = {}
real_filter = app_module.FirstPaintWatcher.eventFilter

def event_filter(watcher, watched, event):
    if event.type() == QEvent.Type.Paint and "qt_built" not in seen:
        seen["qt_built"] = "Qt" in vars(QtCore)
        palette = QApplication.palette()
        seen["lightness"] = palette.color(QPalette.ColorRole.Window).lightness()
    return real_filter(watcher, watched, event)

app_module.FirstPaintWatcher.eventFilter = event_filter
seen["code"] = main(["--data-dir", sys.argv[1], "--exit-when-ready"])
seen["follows"] = bool(QApplication.instance().property("trackrecordFollowsColorScheme"))
print(json.dumps(seen))
"""


def test_the_first_frame_is_painted_in_the_chosen_scheme_without_qts_namespace(
        data_paths: DataPaths, monkeypatch) -> None:
    """PySide builds the few hundred enums of Qt's namespace on first use, about 16 ms: the
    frame is painted without them, yet already dark when dark was chosen."""
    open_store(data_paths).close()
    monkeypatch.setenv("TRACKRECORD_COLOR_SCHEME", "dark")
    done = _run(FIRST_FRAME, data_paths)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["code"] == 0
    assert seen["qt_built"] is False
    assert seen["lightness"] < 128
    assert seen["follows"] is True  # the system's scheme is asked after the first paint


def test_a_page_is_built_the_first_time_it_is_shown(qtbot, make_window) -> None:
    window = make_window()
    assert "rejections" not in window._built
    window.rail.setCurrentRow(1)
    assert window.pages.currentWidget() is window.rejections
    assert "rejections" in window._built
    assert window.rejections.isVisible()


SETTLED = """
import sys
from trackrecord.cli import main
code = main(["--data-dir", sys.argv[1], "--exit-at", "settled"])
print("sqlalchemy.orm" in sys.modules and "trackrecord.core.store.models" in sys.modules)
sys.exit(code)
"""


def test_the_orm_is_loaded_in_the_background_once_entries_are_shown(
        data_paths: DataPaths) -> None:
    with open_store(data_paths) as store:
        EntryService(store).create("shipped", "Ledger")
    done = _run(SETTLED, data_paths)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "True"


def test_the_page_check_starts_even_if_the_entries_never_list(
        qtbot, data_paths: DataPaths, monkeypatch) -> None:
    """Writes wait for the check; a listing that fails must not leave them waiting forever."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from trackrecord.core.store.db import Store
    from trackrecord.ui.record.controller import TrackRecordController
    from trackrecord.ui.shell import app as app_module
    from trackrecord.ui.shell import startup_waits

    open_store(data_paths).close()
    monkeypatch.setattr(TrackRecordController, "start", lambda self, **_options: None)
    monkeypatch.setattr(startup_waits, "CHECK_AT_LATEST_S", 0.2)
    checked: list[bool] = []
    real_check = Store.check
    monkeypatch.setattr(Store, "check",
                        lambda self, **options: (checked.append(True), real_check(self, **options)))
    QTimer.singleShot(2000, lambda: QApplication.instance().exit(0))
    assert app_module.run_gui(data_paths) == 0
    assert checked


def test_a_write_before_the_entries_are_listed_waits_for_the_check_not_forever(
        qtbot, data_paths: DataPaths, monkeypatch) -> None:
    """An entry made on the UI thread before the listing (Ctrl+N at once) waits for the page
    check, which must start without anything the blocked UI thread would have to deliver."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from trackrecord.ui.record.controller import TrackRecordController
    from trackrecord.ui.shell import app as app_module
    from trackrecord.ui.shell import startup_waits

    open_store(data_paths).close()
    monkeypatch.setattr(startup_waits, "CHECK_AT_LATEST_S", 0.3)
    made: list[str] = []
    monkeypatch.setattr(TrackRecordController, "start", lambda self, **_options: made.append(
        self._service.create("shipped", "Typed at once").title))
    QTimer.singleShot(3000, lambda: QApplication.instance().exit(0))
    assert app_module.run_gui(data_paths) == 0
    assert made == ["Typed at once"]
