"""run_gui: the entry point the command line calls.

The runs that show a window happen in a child interpreter, as ``trackrecord`` would run them:
one QApplication event loop per process, and the exit status is what a script sees.
"""

from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtWidgets import QMessageBox

from trackrecord.core.record.entries import EntryService
from trackrecord.core.store.db import open_store
from trackrecord.paths import DataPaths
from trackrecord.ui.shell.app import run_gui

CHILD = """
import sys
from trackrecord.paths import DataPaths
from trackrecord.ui.shell.app import run_gui
sys.exit(run_gui(DataPaths(__import__("pathlib").Path(sys.argv[1])), exit_when_ready=True))
"""


def run_child(paths: DataPaths) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-c", CHILD, str(paths.root)],
        capture_output=True, text=True, env=env, timeout=120,
    )


def test_exit_when_ready_returns_0_after_painting(data_paths: DataPaths):
    with open_store(data_paths) as store:
        EntryService(store).create("shipped", "Ledger")
    done = run_child(data_paths)
    assert done.returncode == 0, done.stderr
    assert data_paths.ui_state.exists()  # the quit path saved the window state
    assert "Warning" not in done.stderr and "QSS" not in done.stderr


def test_exit_when_ready_on_a_new_data_folder(data_paths: DataPaths):
    done = run_child(data_paths)
    assert done.returncode == 0, done.stderr
    assert data_paths.database.exists()


def test_a_foreign_file_is_refused_with_status_2(qtbot, data_paths: DataPaths, capsys):
    data_paths.root.mkdir(parents=True)
    data_paths.database.write_bytes(b"not a database at all" * 10)
    before = data_paths.database.read_bytes()
    assert run_gui(data_paths, exit_when_ready=True) == 2
    assert "not a Track Record database" in capsys.readouterr().err
    assert data_paths.database.read_bytes() == before


def test_a_foreign_file_shows_a_message_box(qtbot, data_paths: DataPaths, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: shown.append(args[2]))
    data_paths.root.mkdir(parents=True)
    data_paths.database.write_bytes(b"x" * 200)
    assert run_gui(data_paths) == 2
    assert shown and "not a Track Record database" in shown[0]


def test_an_unusable_data_folder_is_refused(qtbot, tmp_path, capsys):
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    assert run_gui(DataPaths(not_a_folder), exit_when_ready=True) == 2
    assert "cannot create the data folder" in capsys.readouterr().err
