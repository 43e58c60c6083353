"""Restore and import --mode replace never run behind an open window's back.

Once, ``trackrecord restore`` swapped the file while the window kept writing into the deleted
one, showing "Saved" for work that reached nothing. Now the command refuses while a window
holds the data folder, naming it; the window's own File ▸ Backups… restores safely; and once
the window has quit, the command goes through.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from trackrecord.core.backup.copies import make_backup
from trackrecord.core.record.entries import EntryService
from trackrecord.core.store.db import open_store
from trackrecord.paths import DataPaths
from trackrecord.ui.shell.single_instance import LOCK_NAME, server_name

CLI = [sys.executable, "-m", "trackrecord"]
ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def _titles(paths: DataPaths) -> list[str]:
    with open_store(paths) as store:
        return sorted(e.title for e in EntryService(store).list())


def _three_entries_and_a_backup(paths: DataPaths) -> Path:
    with open_store(paths) as store:
        for title in ("Ledger", "Outage", "Mentoring Sam"):
            EntryService(store).create("shipped", title)
    backup = make_backup(paths, "manual").path
    with open_store(paths) as store:
        EntryService(store).create("other", "Typed while the window was open")
    return backup


def _open_window(paths: DataPaths) -> subprocess.Popen[str]:
    window = subprocess.Popen([*CLI, "--data-dir", str(paths.root)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=ENV)
    listening = Path(tempfile.gettempdir()) / server_name(paths)
    deadline = time.monotonic() + 60
    # The window holds the lock and listens once its frame is painted.
    while not ((paths.root / LOCK_NAME).exists() and listening.exists()):
        assert window.poll() is None, window.communicate()
        assert time.monotonic() < deadline, "the window never started"
        time.sleep(0.05)
    return window


def _cli(paths: DataPaths, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, "--data-dir", str(paths.root), *argv], capture_output=True,
                          text=True, env=ENV, timeout=120)


def _replacement(tmp_path: Path) -> Path:
    stamp = "2024-03-01T09:30:00+00:00"
    doc = {"format": "trackrecord-backup", "version": 1, "entries": [
        {"id": "00000000-0000-4000-8000-000000000001", "kind": "shipped",
         "title": "From the other laptop", "start_date": "2024-03-01", "created_at": stamp,
         "updated_at": stamp}], "rejections": [], "practice_items": [],
        "practice_sessions": [], "custom_reframes": [], "upcoming_interviews": [],
        "settings": {}}
    path = tmp_path / "other-laptop.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_restore_and_replace_refuse_while_the_window_is_open(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "data")
    backup = _three_entries_and_a_backup(paths)
    replacement = _replacement(tmp_path)
    before = _titles(paths)
    window = _open_window(paths)
    try:
        for argv in (["restore", str(backup)],
                     ["import", str(replacement), "--mode", "replace"]):
            refused = _cli(paths, *argv)
            assert refused.returncode == 2, refused.stdout
            assert f"a Track Record window is open on {paths.root} (process {window.pid}" \
                in refused.stderr
            assert "nothing was changed" in refused.stderr
            assert "Traceback" not in refused.stderr
            assert _titles(paths) == before
        # What only reads or merges still runs beside the window.
        assert _cli(paths, "import", str(replacement), "--mode", "replace",
                    "--dry-run").returncode == 0
        assert window.poll() is None  # the window is untouched, still open
    finally:
        window.send_signal(signal.SIGTERM)  # quits as File ▸ Quit would
        _, err = window.communicate(timeout=60)
    assert window.returncode == 0, err
    assert not (paths.root / LOCK_NAME).exists()
    assert _titles(paths) == before
    # With the window closed, both go through.
    restored = _cli(paths, "restore", str(backup))
    assert restored.returncode == 0, restored.stderr
    assert _titles(paths) == ["Ledger", "Mentoring Sam", "Outage"]
    replaced = _cli(paths, "import", str(replacement), "--mode", "replace")
    assert replaced.returncode == 0, replaced.stderr
    assert _titles(paths) == ["From the other laptop"]


RESTORING_WINDOW = r"""
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from trackrecord.paths import DataPaths
from trackrecord.ui.shell.app import create_application, run_gui
from trackrecord.ui.shell.main_window import MainWindow

app = create_application()
paths, backup = DataPaths(Path(sys.argv[1])), Path(sys.argv[2])
QMessageBox.information = lambda *args: print("said:", args[2], flush=True)
seen = []

def windows():
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, MainWindow) and hasattr(w, "controller") and w.isVisible()]

def tick():
    for window in windows():
        if window in seen or window.page.list.model().rowCount() == 0:
            continue
        seen.append(window)
        titles = sorted(window.page.list.model().index(r, 0).data()
                        for r in range(window.page.list.model().rowCount()))
        print("window shows:", titles, flush=True)
        if len(seen) == 1:
            window.restore_requested.emit(backup)  # as File > Backups > Restore does
        else:
            app.quit()

timer = QTimer()
timer.timeout.connect(tick)
timer.start(50)
sys.exit(run_gui(paths))
"""


def test_the_windows_own_restore_swaps_and_reopens(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "data")
    backup = _three_entries_and_a_backup(paths)
    done = subprocess.run([sys.executable, "-c", RESTORING_WINDOW, str(paths.root),
                           str(backup)], capture_output=True, text=True, env=ENV, timeout=120)
    assert done.returncode == 0, done.stderr
    shown = [line for line in done.stdout.splitlines() if line.startswith("window shows:")]
    assert len(shown) == 2
    assert "Typed while the window was open" in shown[0]
    assert "Typed while the window was open" not in shown[1]  # the reopened window
    assert "said: Your data is back as it was in that backup." in done.stdout
    assert _titles(paths) == ["Ledger", "Mentoring Sam", "Outage"]
    [safety] = paths.backups.glob("*-pre-restore.sqlite3")
    assert safety.stat().st_mode & 0o777 == 0o600
