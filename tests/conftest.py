"""Shared test set-up: headless Qt, and a private temporary data folder for every test."""

from __future__ import annotations

import os

# Before anything can import Qt: every test runs without a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from trackrecord.core.db import Store, open_store  # noqa: E402
from trackrecord.core.entries import EntryService  # noqa: E402
from trackrecord.paths import ENV_DATA_DIR, DataPaths  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test may read or write the real user's data, config or cache folders."""
    monkeypatch.setenv(ENV_DATA_DIR, str(tmp_path / "data"))
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(var, str(tmp_path / "xdg" / var.lower()))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


@pytest.fixture
def data_paths(tmp_path: Path) -> DataPaths:
    return DataPaths(tmp_path / "data")


@pytest.fixture
def store(data_paths: DataPaths) -> Iterator[Store]:
    opened = open_store(data_paths)
    yield opened
    opened.close()


@pytest.fixture
def entries(store: Store) -> EntryService:
    return EntryService(store)
