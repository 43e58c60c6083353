"""Window geometry and splitter positions, kept in an INI file in the data folder.

The file sits beside the database (not in the platform's settings store), so --data-dir and
--demo keep their window state to themselves; it is made private like every file we write.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from trackrecord.paths import PRIVATE_FILE_MODE


class UiState:
    def __init__(self, path: Path) -> None:
        self._path = path
        self._settings = QSettings(str(path), QSettings.Format.IniFormat)

    def bytes(self, key: str) -> QByteArray | None:
        value = self._settings.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def text(self, key: str, default: str = "") -> str:
        value = self._settings.value(key, default)
        return str(value) if value is not None else default

    def set(self, key: str, value: QByteArray | str | bool) -> None:
        self._settings.setValue(key, value)

    def save(self) -> None:
        self._settings.sync()
        with contextlib.suppress(OSError):  # a read-only data folder must not stop a quit
            if self._path.exists():
                self._path.chmod(PRIVATE_FILE_MODE)
