"""One window per data folder: a second launch brings the first forward and exits.

A QLockFile in the data folder says who owns it (a lock left by a crash is recognised as
stale by its process id and taken over); a QLocalServer, named after the folder, lets a
second launch ask the owner to raise its window.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject

from trackrecord.paths import PRIVATE_FILE_MODE, DataPaths

if TYPE_CHECKING:
    # QtNetwork and hashlib are imported when first needed: the window is shown without them.
    from PySide6.QtNetwork import QLocalServer

LOCK_NAME = ".trackrecord.lock"
RAISE_MESSAGE = b"raise\n"
CONNECT_TIMEOUT_MS = 1000


def server_name(paths: DataPaths) -> str:
    """Per user and per data folder: two folders may each have their own window."""
    import hashlib

    digest = hashlib.sha256(str(paths.root.resolve()).encode()).hexdigest()[:16]
    return f"trackrecord-{os.getuid() if hasattr(os, 'getuid') else 'user'}-{digest}"


class SingleInstance(QObject):
    """Hold the data folder for this process, or find out that someone else holds it."""

    def __init__(self, paths: DataPaths, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._paths = paths
        self._lock = QLockFile(str(paths.root / LOCK_NAME))
        # 0: never judge a lock stale by age; a live owner keeps it however long it runs.
        # A dead owner's lock is still taken over: QLockFile checks its process id.
        self._lock.setStaleLockTime(0)
        self._server: QLocalServer | None = None
        self._on_raise: Callable[[], None] | None = None

    def acquire(self) -> bool:
        if not self._lock.tryLock(100):
            return False
        lock_path = self._paths.root / LOCK_NAME
        if lock_path.exists():
            lock_path.chmod(PRIVATE_FILE_MODE)
        return True

    def listen(self, on_raise: Callable[[], None]) -> None:
        """Answer later launches by calling ``on_raise`` (bring the window forward)."""
        self._on_raise = on_raise
        if self._server is not None:  # a new window after a restore: same server, new target
            return
        from PySide6.QtNetwork import QLocalServer

        name = server_name(self._paths)
        QLocalServer.removeServer(name)  # a socket file left by a crash
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if server.listen(name):
            server.newConnection.connect(self._answer)
            self._server = server

    def _answer(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.waitForReadyRead(CONNECT_TIMEOUT_MS)
            if socket.readAll().data().startswith(RAISE_MESSAGE.strip()) and self._on_raise:
                self._on_raise()
            socket.disconnectFromServer()
            socket.deleteLater()

    def ask_owner_to_raise(self) -> bool:
        """From a second launch: True if the running window was asked to come forward."""
        from PySide6.QtNetwork import QLocalSocket

        socket = QLocalSocket()
        socket.connectToServer(server_name(self._paths))
        if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
            return False
        socket.write(RAISE_MESSAGE)
        socket.flush()
        socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
        socket.disconnectFromServer()
        return True

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
        self._lock.unlock()
