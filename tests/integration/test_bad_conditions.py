"""A read-only folder, a full disk, a locked database: a clear line, and nothing lost."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from trackrecord.core.record.entries import EntryService
from trackrecord.core.store.db import open_store
from trackrecord.core.store.integrity import check_database
from trackrecord.paths import DataPaths

CLI = [sys.executable, "-m", "trackrecord"]


def _titles(data: Path) -> list[str]:
    with open_store(DataPaths(data)) as store:
        return sorted(e.title for e in EntryService(store).list())


def _existing(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    with open_store(DataPaths(data)) as store:
        EntryService(store).create("shipped", "Existing entry")
    return data


def _can_mount_read_only() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        ["unshare", "-rm", "sh", "-c", "mount --bind /tmp /tmp && mount -o remount,bind,ro /tmp"],
        capture_output=True,
    )
    return probe.returncode == 0


@pytest.mark.skipif(not _can_mount_read_only(), reason="cannot make a read-only mount here")
def test_a_read_only_data_folder_is_explained_and_nothing_is_lost(tmp_path: Path) -> None:
    data = _existing(tmp_path)
    before = (data / "trackrecord.sqlite3").read_bytes()
    script = (
        f"mount --bind {data} {data} && mount -o remount,bind,ro {data} && "
        f'exec "$@"'
    )
    for argv in (["add", "shipped", "--title", "New"], ["--exit-when-ready"]):
        done = subprocess.run(
            ["unshare", "-rm", "sh", "-c", script, "sh", *CLI, "--data-dir", str(data), *argv],
            capture_output=True, text=True, timeout=120,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )
        assert done.returncode == 2, done.stderr
        assert "read-only" in done.stderr
        assert "Traceback" not in done.stderr
    assert (data / "trackrecord.sqlite3").read_bytes() == before
    assert _titles(data) == ["Existing entry"]


def test_a_full_disk_is_explained_and_nothing_is_lost(tmp_path: Path) -> None:
    data = _existing(tmp_path)
    limit = (data / "trackrecord.sqlite3").stat().st_size + 16_384

    def small_disk() -> None:
        # Writing past the limit then fails with EFBIG, as on a full disk, instead of
        # killing the process.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    done = subprocess.run(
        [*CLI, "--data-dir", str(data), "add", "other", "--title", "Long notes", "--notes", "-"],
        input="a long story " * 40_000, capture_output=True, text=True, preexec_fn=small_disk,
    )
    assert done.returncode == 2
    assert "could not be saved" in done.stderr and "Traceback" not in done.stderr
    assert done.stdout == ""  # no id printed: nothing claims to be saved
    assert check_database(data / "trackrecord.sqlite3").ok
    assert _titles(data) == ["Existing entry"]


def test_a_locked_database_is_explained_and_nothing_is_lost(tmp_path: Path) -> None:
    data = _existing(tmp_path)
    holder = sqlite3.connect(data / "trackrecord.sqlite3", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the lock past our 5 s patience
    try:
        done = subprocess.run(
            [*CLI, "--data-dir", str(data), "add", "shipped", "--title", "While locked"],
            capture_output=True, text=True, timeout=60,
        )
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert done.returncode == 2
    assert "busy" in done.stderr and "Traceback" not in done.stderr
    assert _titles(data) == ["Existing entry"]
    # Once the other writer is done, the same command goes through.
    again = subprocess.run(
        [*CLI, "--data-dir", str(data), "add", "shipped", "--title", "After the lock"],
        capture_output=True, text=True, timeout=60,
    )
    assert again.returncode == 0, again.stderr
    assert _titles(data) == ["After the lock", "Existing entry"]
