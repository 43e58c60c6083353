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
