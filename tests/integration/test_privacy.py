"""No network, ever: the suite blocks IP sockets, and the app runs where there is none."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest


def test_the_suite_blocks_ip_sockets() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock, pytest.raises(
        AssertionError, match="network use"
    ):
        sock.connect(("127.0.0.1", 9))


def _unshare_works() -> bool:
    if shutil.which("unshare") is None:
        return False
    return subprocess.run(["unshare", "-rn", "true"], capture_output=True).returncode == 0


@pytest.mark.skipif(not _unshare_works(), reason="this machine cannot make a network namespace")
def test_cli_and_window_work_with_no_network_at_all(tmp_path: Path) -> None:
    env = {**os.environ, "TRACKRECORD_DATA_DIR": str(tmp_path / "data"),
           "QT_QPA_PLATFORM": "offscreen"}

    def offline(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["unshare", "-rn", sys.executable, "-m", "trackrecord", *argv],
            capture_output=True, text=True, env=env, timeout=120,
        )

    added = offline("add", "shipped", "--title", "Offline ledger")
    assert added.returncode == 0, added.stderr
    assert "Offline ledger" in offline("list").stdout
    ready = offline("--exit-when-ready")
    assert ready.returncode == 0, ready.stderr


def test_nothing_the_app_prints_or_keeps_beside_the_data_repeats_what_you_wrote(
    tmp_path: Path,
) -> None:
    """No logs of entry text: not on stderr, not in files beside the database."""
    secret = "Quasar-Nightingale-7781"
    env = {**os.environ, "TRACKRECORD_DATA_DIR": str(tmp_path / "data"),
           "QT_QPA_PLATFORM": "offscreen", "QT_LOGGING_RULES": "*.debug=true"}

    def run(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "trackrecord", *argv],
                              capture_output=True, text=True, env=env, timeout=120)

    added = run("add", "incident", "--title", secret, "--notes", f"{secret} notes")
    assert added.returncode == 0
    outputs = [added.stderr, run("list").stderr, run("backup").stderr,
               run("--exit-when-ready").stderr]
    assert not any(secret in text for text in outputs)
    for file in (tmp_path / "data").rglob("*"):
        is_database = file.name.endswith((".sqlite3", ".sqlite3-wal", ".sqlite3-shm"))
        if file.is_file() and not is_database:  # the data itself and its backups hold it
            assert secret not in file.read_text(errors="replace"), file.name
