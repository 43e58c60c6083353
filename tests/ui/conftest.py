"""UI fixtures: real main windows over a store in the test's private data folder."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from trackrecord.core.store.db import Store
from trackrecord.paths import DataPaths
from trackrecord.ui.shell.app import build_main_window
from trackrecord.ui.shell.main_window import MainWindow
from trackrecord.ui.support.wheel_guard import install_wheel_guard

MakeWindow = Callable[..., MainWindow]


@pytest.fixture(autouse=True)
def _wheel_guard(qapp: QApplication) -> None:
    """As create_application does for the app: scrolling a form never changes a field."""
    install_wheel_guard(qapp)


@pytest.fixture(autouse=True)
def _quiet_weekly_nudge(monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows in tests live on a Monday morning, when the weekly question is never due
    (its own tests drive it with a fake clock): a test run on a Friday afternoon must not
    see a banner, nor a setting written behind its back."""
    import datetime as dt

    monday = dt.datetime(2026, 11, 30, 8, 0, tzinfo=dt.UTC)
    monkeypatch.setattr("trackrecord.ui.capture.wiring.local_now", lambda: monday)


@pytest.fixture
def opened_urls() -> list[QUrl]:
    """URLs the app asked the desktop to open (nothing really opens in tests)."""
    return []


@pytest.fixture
def make_window(
    qtbot: QtBot, store: Store, data_paths: DataPaths, opened_urls: list[QUrl]
) -> Iterator[MakeWindow]:
    """Build shown main windows; each is closed (so it saves) before the store closes."""
    made: list[MainWindow] = []

    def make(on: Store | None = None, *, show: bool = True, demo: bool = False) -> MainWindow:
        window = build_main_window(
            on or store, data_paths, demo=demo, open_url=opened_urls.append
        )
        qtbot.addWidget(window)
        made.append(window)
        if show:
            window.show()
            qtbot.waitExposed(window)
            window.activateWindow()
            qtbot.waitUntil(lambda: window.isActiveWindow())
        return window

    yield make
    for window in made:
        window.close()


@pytest.fixture
def window(make_window: MakeWindow) -> MainWindow:
    return make_window()
