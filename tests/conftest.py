"""Shared test set-up: headless Qt, and a private temporary data folder for every test."""

from __future__ import annotations

import os

# Before anything can import Qt: every test runs without a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil  # noqa: E402
import socket  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from trackrecord.core.record.entries import EntryService  # noqa: E402
from trackrecord.core.store.db import Store, open_store  # noqa: E402
from trackrecord.paths import ENV_DATA_DIR, DataPaths  # noqa: E402


class NetworkUseError(AssertionError):
    """Track Record makes no network calls; a test that tries has found a bug."""


_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _guard(sock: socket.socket) -> None:
    # Qt's local sockets (QLocalServer, D-Bus) are Unix sockets: those stay allowed.
    if sock.family != socket.AF_UNIX:
        raise NetworkUseError(f"network use attempted: {sock.family.name}")


def _guarded_connect(self: socket.socket, address: object) -> None:
    _guard(self)
    _real_connect(self, address)  # type: ignore[arg-type]


def _guarded_connect_ex(self: socket.socket, address: object) -> int:
    _guard(self)
    return _real_connect_ex(self, address)  # type: ignore[arg-type]


@pytest.fixture(autouse=True, scope="session")
def _no_network() -> Iterator[None]:
    """The whole suite runs with IP sockets blocked in this process."""
    socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
    socket.socket.connect_ex = _guarded_connect_ex  # type: ignore[method-assign]
    yield
    socket.socket.connect = _real_connect  # type: ignore[method-assign]
    socket.socket.connect_ex = _real_connect_ex  # type: ignore[method-assign]


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


@pytest.fixture(scope="session")
def store_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty store at the head revision, made once per test process: each test's store
    starts as a copy of it instead of running every migration again."""
    paths = DataPaths(tmp_path_factory.mktemp("template") / "data")
    open_store(paths).close()
    return paths.database


@pytest.fixture
def store(data_paths: DataPaths, store_template: Path) -> Iterator[Store]:
    data_paths.ensure()
    shutil.copyfile(store_template, data_paths.database)
    opened = open_store(data_paths)
    yield opened
    opened.close()


@pytest.fixture
def entries(store: Store) -> EntryService:
    return EntryService(store)
