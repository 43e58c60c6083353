"""Starting the desktop app: QApplication set-up, opening the store, and the main window.

No business logic lives here; ``run_gui`` is what ``trackrecord`` (no sub-command) calls.

The window frame is on screen first; the store is opened (checked, migrated if need be) on a
worker thread meanwhile, and the entries appear when it is ready. Once they are listed,
SQLAlchemy is loaded on another thread so the first edit does not wait for it.
"""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QObject,
    QTimer,
    QTranslator,
    Signal,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from trackrecord import APP_ID, APP_NAME, __version__
from trackrecord.paths import DataDirError, DataPaths
from trackrecord.resource_files import resource_path
from trackrecord.ui.shell.main_window import MainWindow
from trackrecord.ui.shell.pages import prepare_attach
from trackrecord.ui.shell.single_instance import SingleInstance
from trackrecord.ui.shell.startup_waits import FirstPaintWatcher, StoreOpener
from trackrecord.ui.shell.theme import apply_chosen_scheme, follow_color_scheme

if TYPE_CHECKING:
    from trackrecord.core.store.db import Store
    from trackrecord.core.store.file_state import StoreError
    from trackrecord.ui.widgets.notes_preview import UrlOpener

STYLESHEET = ("ui", "style.qss")
ExitAt = Literal["painted", "ready", "settled"]


# --exit-when-ready must never hang a test run or a packaging check if no frame ever comes.
READY_TIMEOUT_MS = 60_000
# Spelled out at each call so lupdate collects the string (docs/translations.md).
translate = QCoreApplication.translate


def load_stylesheet() -> str:
    try:
        return resource_path(*STYLESHEET).read_text("utf-8")
    except FileNotFoundError:
        return ""


def create_application() -> QApplication:
    """The one QApplication, named so the desktop and QSettings know who we are."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)  # the icon is set after the first paint (finish_dressing)
    install_translators(app)
    apply_chosen_scheme(app)  # the system's, after the first paint (finish_dressing)
    app.setStyleSheet(load_stylesheet())
    return app


def finish_dressing(app: QApplication) -> None:
    """What the first paint goes without, for speed: the system's colour scheme (asking
    builds Qt's namespace of enums, see theme), followed from now on, and the icon (its SVG
    loads Qt's SVG support)."""
    # Qt's namespace is built here, on the UI thread, even with a chosen scheme: the prepare
    # thread's imports then find it built, rather than race this thread to build it.
    from PySide6.QtCore import Qt  # noqa: F401

    follow_color_scheme(app)
    app.setWindowIcon(_app_icon())


def _app_icon() -> QIcon:
    """The theme's icon when the app is installed, else the one shipped in resources/."""
    shipped = resource_path("icons", f"{APP_ID}.svg")
    return QIcon.fromTheme(APP_ID, QIcon(str(shipped)))


def install_translators(app: QApplication) -> None:
    """Qt's own strings and ours in the system language, when translations exist
    (docs/translations.md says how to make them)."""
    locale = QLocale.system()
    ours = str(resource_path("i18n"))
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in (("qtbase", qt_dir), ("trackrecord", ours)):
        translator = QTranslator(app)
        if translator.load(locale, name, "_", folder):
            app.installTranslator(translator)


def build_main_window(
    store: Store,
    paths: DataPaths,
    *,
    demo: bool = False,
    open_url: UrlOpener | None = None,
) -> MainWindow:
    """The main window over ``store``, filled and ready to show (tests use it with qtbot)."""
    window = MainWindow(paths, demo=demo, open_url=open_url)
    window.attach(store)
    return window


def run_gui(paths: DataPaths, *, exit_when_ready: bool = False, demo: bool = False,
            exit_at: ExitAt | None = None) -> int:
    """Open the window over the store in ``paths`` and run until it is closed.

    With ``exit_when_ready`` the app exits 0 as soon as the listed entries have been painted
    (tests, benchmarks and packaging checks); ``exit_at`` picks another moment for the
    start-up benchmark: "painted" (the window's first paint, before the store is open) or
    "settled" (entries painted and SQLAlchemy loaded). Returns 2 when the store cannot be
    opened, and 0 when another window already has this data folder (it is brought forward
    instead).
    """
    if exit_when_ready and exit_at is None:
        exit_at = "ready"
    exit_when_ready = exit_at is not None
    app = create_application()
    try:
        paths.ensure()
    except DataDirError as exc:
        return _cannot_open(str(exc), exit_when_ready)
    guard = SingleInstance(paths)
    if not guard.acquire():
        if guard.ask_owner_to_raise():
            print("trackrecord: already open on this data folder; brought that window forward",
                  file=sys.stderr)
            return 0
        return _cannot_open(
            translate("App", "Another Track Record is using {0} and did not answer. Close it "
                             "and try again.").format(paths.root), exit_when_ready)
    from trackrecord.ui.shell.quit_signals import QuitOnSignals

    # SIGTERM (a logout, kill) quits as File ▸ Quit does: edits saved, quit backup taken.
    signals = QuitOnSignals(app.quit)
    try:
        return _run_window(app, paths, demo=demo, guard=guard, exit_at=exit_at)
    finally:
        signals.restore()
        guard.release()


def _run_window(app: QApplication, paths: DataPaths, *, demo: bool, guard: SingleInstance,
                exit_at: ExitAt | None) -> int:
    """Run sessions of the window until one ends without asking for a restore."""
    while True:
        session = _Session(app, paths, demo=demo, guard=guard, exit_at=exit_at)
        code, restore = session.run()
        if session.damage:
            from trackrecord.ui.backups.recovery_dialog import offer_recovery

            if offer_recovery(paths, session.damage):
                continue  # the restored file, opened like any other
            return _cannot_open(session.damage, quietly=True)
        if restore is None:
            return code
        # The store is closed now: swap the data, then open a fresh window on it.
        from PySide6.QtWidgets import QMessageBox

        from trackrecord.core.backup.copies import BackupError
        from trackrecord.core.backup.restore import restore_backup

        try:
            _restored, safety = restore_backup(paths, restore)
        except (BackupError, OSError) as exc:
            QMessageBox.critical(None, translate("App", "Restore failed"), str(exc))
            continue
        said = translate("App", "Your data is back as it was in that backup.")
        if safety:
            said += " " + translate("App", "What you had is kept as {0}.").format(
                safety.path.name)
        QMessageBox.information(None, translate("App", "Backup restored"), said)


class _Session(QObject):
    """One window over one opening of the store, from first paint to close."""

    settled = Signal()  # SQLAlchemy has loaded (the warm-up thread says so)
    prepared = Signal()  # the entry page's code is loaded (the prepare thread says so)

    def __init__(self, app: QApplication, paths: DataPaths, *, demo: bool,
                 guard: SingleInstance, exit_at: ExitAt | None) -> None:
        super().__init__()
        self._app, self._paths, self._guard = app, paths, guard
        self._exit_at, self._demo = exit_at, demo
        self._exit_when_ready = exit_at is not None  # a check or benchmark run
        self._keeps_backups = exit_at is None and not demo  # a check run should not linger
        self._store: Store | None = None
        self._code = 0
        self._wanted: list[Path] = []
        self._backups: QObject | None = None
        self._warm_up: threading.Thread | None = None
        self._opener = StoreOpener(paths, self)
        self._opener.opened.connect(self._on_opened)
        self._opener.checked.connect(self._on_checked)
        self._opener.failed.connect(self._on_failed)
        self.damage = ""  # set when the store turned out damaged: offer a backup, then retry
        # The entries are shown once the store is open *and* their code is loaded: building
        # the page while the prepare thread still imports would only fight it for the GIL.
        self._waiting = {"opened", "prepared"}
        self._closed = False  # late reports from the worker threads are then ignored
        self.prepared.connect(lambda: self._ready_for("prepared"))

    def run(self) -> tuple[int, Path | None]:
        app = self._app
        window = self._window = MainWindow(self._paths, demo=self._demo)
        window.restore_requested.connect(lambda path: (self._wanted.append(path), app.exit(0)))
        if self._exit_when_ready:
            watchdog = QTimer(window)  # owned by the window: it dies with it
            watchdog.setSingleShot(True)
            watchdog.timeout.connect(lambda: _give_up(app))
            watchdog.start(READY_TIMEOUT_MS)
        # Open the store once the frame is on screen: the two would only slow each other.
        on_painted = app.quit if self._exit_at == "painted" else self._on_painted
        FirstPaintWatcher(window.pages, on_painted)
        window.show()
        try:
            self._code = app.exec() or self._code
        finally:
            self._close(window)
        return self._code, (self._wanted[0] if self._wanted else None)

    def _on_painted(self) -> None:
        finish_dressing(self._app)  # first: see there
        self._guard.listen(self._window.bring_forward)
        self._opener.start()
        # Meanwhile (SQLite's checks leave Python free), load the code the entries need.
        threading.Thread(target=self._prepare, name="prepare", daemon=True).start()

    def _prepare(self) -> None:
        _quietly(prepare_attach)
        self.prepared.emit()

    def _on_opened(self, store: Store) -> None:
        self._store = store
        self._ready_for("opened")

    def _ready_for(self, step: str) -> None:
        self._waiting.discard(step)
        if not self._waiting and not self._closed:
            self._show_entries()

    def _show_entries(self) -> None:
        assert self._store is not None
        store, window = self._store, self._window
        window.attach(store, list_in_background=True)
        window.controller.listed.connect(self._opener.start_check)  # or a moment later
        # An application-wide event filter costs every event a call into Python (about 25 ms
        # before the first paint): it starts once the entries are listed.
        window.controller.listed.connect(self._guard_the_wheel)
        if self._exit_at == "ready":
            # Ready once the listed entries have been painted.
            window.controller.listed.connect(self._exit_once_painted)
            return
        window.controller.listed.connect(self._start_warm_up)
        if self._exit_at == "settled":
            self.settled.connect(self._app.quit)

    def _guard_the_wheel(self) -> None:
        from trackrecord.ui.support.wheel_guard import install_wheel_guard

        install_wheel_guard(self._app)

    def _exit_once_painted(self) -> None:
        from PySide6.QtCore import Qt

        # (Let that paint finish and reach the screen first, as FirstPaintWatcher does.)
        self._window.page.list.painted.connect(
            lambda: QTimer.singleShot(0, self._app.quit), Qt.ConnectionType.SingleShotConnection)

    def _start_warm_up(self) -> None:
        """Once the entries are shown, load SQLAlchemy off the UI thread, so the first edit
        does not wait for it (started no sooner: it would compete with the listing)."""
        if self._warm_up is not None or self._store is None or self._closed:
            return
        self._warm_up = threading.Thread(target=self._load_orm, args=(self._store,),
                                         name="warm-up", daemon=True)
        self._warm_up.start()

    def _on_checked(self) -> None:
        # (Backing up a file whose pages are not checked would be no use.)
        if self._keeps_backups and not self._closed:
            from trackrecord.ui.backups.scheduler import BackupScheduler

            backups = self._backups = BackupScheduler(self._paths)
            backups.finished.connect(self._window.show_backup_result)
            backups.start()

    def _load_orm(self, store: Store) -> None:
        _quietly(store.warm_up)
        self.settled.emit()

    def _on_failed(self, error: StoreError) -> None:
        from trackrecord.core.store.file_state import DamagedDatabaseError

        if self._closed:
            return
        if isinstance(error, DamagedDatabaseError) and not self._exit_when_ready:
            # The store must be closed before a backup can replace it: end this session.
            self.damage = str(error)
            self._code = 2
        else:
            quietly = self._exit_when_ready or isinstance(error, DamagedDatabaseError)
            self._code = _cannot_open(str(error), quietly, self._window)
        self._app.exit(self._code)

    def _close(self, window: MainWindow) -> None:
        self._closed = True
        _dispose(self._app, window)
        self._opener.cancel()  # a store still opening is closed below like any other
        if self._backups is not None and not self._wanted:
            self._backups.stop()  # type: ignore[attr-defined]  # after the last edit was flushed
        if self._warm_up is not None:
            self._warm_up.join()
        # (Closed before the store was ready, the opened store never reached _on_opened.)
        store = self._store or self._opener.store
        if store is not None:
            store.close()


def _quietly(work: Callable[[], object]) -> None:
    """Run ahead-of-time work (loading code); any failure is reported properly where the
    code is really used."""
    with contextlib.suppress(Exception):
        work()


def _cannot_open(message: str, quietly: bool, parent: QWidget | None = None) -> int:
    if quietly:
        print(f"trackrecord: {message}", file=sys.stderr)
    else:
        from PySide6.QtWidgets import QMessageBox

        app = QApplication.instance()
        if isinstance(app, QApplication):
            finish_dressing(app)  # this may come before any window was painted
        QMessageBox.critical(
            parent, translate("App", "Track Record cannot open your data"), message)
    return 2


def _dispose(app: QApplication, window: MainWindow) -> None:
    """Close and delete the window before the store closes, so nothing outlives its data
    (and a caller that runs the GUI again, like the tests, starts from a clean slate)."""
    window.close()  # saves anything still pending; harmless after aboutToQuit did
    window.deleteLater()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def _give_up(app: QApplication) -> None:
    print("trackrecord: the window was never painted", file=sys.stderr)
    app.exit(1)
