"""One window per data folder; a crashed window's lock does not lock you out."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pytestqt.qtbot import QtBot

from trackrecord.paths import DataPaths
from trackrecord.ui.shell.single_instance import LOCK_NAME, SingleInstance, server_name


def test_a_second_instance_asks_the_first_to_come_forward(
    qtbot: QtBot, data_paths: DataPaths
) -> None:
    data_paths.ensure()
    first = SingleInstance(data_paths)
    assert first.acquire()
    raised: list[bool] = []
    first.listen(lambda: raised.append(True))
    second = SingleInstance(data_paths)
    try:
        assert not second.acquire()
        assert second.ask_owner_to_raise()
        qtbot.waitUntil(lambda: raised == [True], timeout=3000)
    finally:
        first.release()
    assert second.acquire()  # once the first lets go, the folder is free again
    second.release()


def _launch(data: Path, *extra: str) -> subprocess.Popen[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.Popen(
        [sys.executable, "-m", "trackrecord", "--data-dir", str(data), *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )


def test_second_launch_exits_and_a_crashed_lock_is_recovered(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = _launch(data)
    try:
        # Qt's local server on Unix is a socket file in the temporary folder: once it is
        # there, the first window holds the lock and listens.
        listening = Path(tempfile.gettempdir()) / server_name(DataPaths(data))
        deadline = time.monotonic() + 30
        while not ((data / LOCK_NAME).exists() and listening.exists()):
            assert first.poll() is None, first.communicate()
            assert time.monotonic() < deadline, "the first window never started listening"
            time.sleep(0.05)
        second = _launch(data)
        _, err = second.communicate(timeout=30)
        assert second.returncode == 0
        assert "brought that window forward" in err
        assert first.poll() is None  # the first one is still running
    finally:
        first.send_signal(signal.SIGKILL)
        first.communicate()
    assert (data / LOCK_NAME).exists()  # left behind by the crash
    third = _launch(data, "--exit-when-ready")
    _, err = third.communicate(timeout=60)
    assert third.returncode == 0, err
