"""Starting the desktop app: QApplication set-up, opening the store, and the main window.

No business logic lives here; ``run_gui`` is what ``trackrecord`` (no sub-command) calls.
"""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QObject,
    QTimer,
    QTranslator,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from trackrecord import APP_ID, APP_NAME, __version__
from trackrecord.core.backup import BackupError
from trackrecord.core.db import DamagedDatabaseError, Store, StoreError, open_store
from trackrecord.core.restore import restore_backup
from trackrecord.paths import DataDirError, DataPaths
from trackrecord.ui.backup_scheduler import BackupScheduler
from trackrecord.ui.main_window import MainWindow
from trackrecord.ui.notes_preview import UrlOpener
from trackrecord.ui.recovery_dialog import offer_recovery
from trackrecord.ui.single_instance import SingleInstance
from trackrecord.ui.theme import follow_color_scheme

STYLESHEET = ("ui", "style.qss")
# --exit-when-ready must never hang a test run or a packaging check if no frame ever comes.
READY_TIMEOUT_MS = 60_000


def _t(text: str) -> str:
    return QCoreApplication.translate("App", text)


def load_stylesheet() -> str:
    try:
        return resources.files("trackrecord.resources").joinpath(*STYLESHEET).read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return ""


def create_application() -> QApplication:
    """The one QApplication, named so the desktop and QSettings know who we are."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(_app_icon())
    install_translators(app)
    follow_color_scheme(app)
    app.setStyleSheet(load_stylesheet())
    return app


def _app_icon() -> QIcon:
    """The theme's icon when the app is installed, else the one shipped in resources/."""
    shipped = resources.files("trackrecord.resources").joinpath("icons", f"{APP_ID}.svg")
    return QIcon.fromTheme(APP_ID, QIcon(str(shipped)))


def install_translators(app: QApplication) -> None:
    """Qt's own strings and ours in the system language, when translations exist
    (docs/translations.md says how to make them)."""
    locale = QLocale.system()
    ours = str(resources.files("trackrecord.resources").joinpath("i18n"))
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
    return MainWindow(store, paths, demo=demo, open_url=open_url)


class FirstPaintWatcher(QObject):
    """Calls ``on_painted`` once, after the first paint of a widget whose content is ready."""

    def __init__(self, widget: QWidget, on_painted: object) -> None:
        super().__init__(widget)
        self._widget = widget
        self._on_painted = on_painted
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._widget and event.type() == QEvent.Type.Paint:
            self._widget.removeEventFilter(self)
            # Let this paint finish and reach the screen before acting on it.
            QTimer.singleShot(0, self._on_painted)  # type: ignore[arg-type]
        return False


def run_gui(paths: DataPaths, *, exit_when_ready: bool = False, demo: bool = False) -> int:
    """Open the window over the store in ``paths`` and run until it is closed.

    With ``exit_when_ready`` the app exits 0 as soon as the listed entries have been painted
    (tests, benchmarks and packaging checks). Returns 2 when the store cannot be opened, and
    0 when another window already has this data folder (it is brought forward instead).
    """
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
            _t("Another Track Record is using {0} and did not answer. Close it and try "
               "again.").format(paths.root), exit_when_ready)
    try:
        return _run_window(app, paths, exit_when_ready=exit_when_ready, demo=demo, guard=guard)
    finally:
        guard.release()


def _run_window(app: QApplication, paths: DataPaths, *, exit_when_ready: bool, demo: bool,
                guard: SingleInstance) -> int:
    """Run sessions of the window until one ends without asking for a restore."""
    while True:
        code, restore = _session(app, paths, exit_when_ready=exit_when_ready, demo=demo,
                                 guard=guard)
        if restore is None:
            return code
        # The store is closed now: swap the data, then open a fresh window on it.
        try:
            _restored, safety = restore_backup(paths, restore)
        except (BackupError, OSError) as exc:
            QMessageBox.critical(None, _t("Restore failed"), str(exc))
            continue
        kept = f" {_t('What you had is kept as {0}.').format(safety.path.name)}" if safety else ""
        QMessageBox.information(None, _t("Backup restored"),
                                _t("Your data is back as it was in that backup.") + kept)


def _session(app: QApplication, paths: DataPaths, *, exit_when_ready: bool, demo: bool,
             guard: SingleInstance) -> tuple[int, Path | None]:
    try:
        store = open_store(paths)
    except DamagedDatabaseError as exc:
        if exit_when_ready or not offer_recovery(paths, str(exc)):
            return _cannot_open(str(exc), quietly=True), None
        store = open_store(paths)
    except StoreError as exc:
        return _cannot_open(str(exc), exit_when_ready), None
    window: MainWindow | None = None
    backups = BackupScheduler(paths)
    wanted: list[Path] = []
    try:
        window = build_main_window(store, paths, demo=demo)
        guard.listen(window.bring_forward)
        window.restore_requested.connect(lambda path: (wanted.append(path), app.exit(0)))
        if exit_when_ready:
            FirstPaintWatcher(window.page.list.viewport(), app.quit)
            watchdog = QTimer(window)  # owned by the window: it dies with it
            watchdog.setSingleShot(True)
            watchdog.timeout.connect(lambda: _give_up(app))
            watchdog.start(READY_TIMEOUT_MS)
        elif not demo:  # the demo is thrown away; a check run should not linger
            backups.finished.connect(window.show_backup_result)
            backups.start()
        window.show()
        code = app.exec()
    finally:
        if window is not None:
            _dispose(app, window)
        if not exit_when_ready and not demo and not wanted:
            backups.stop()  # after the last edit was flushed, before the store closes
        store.close()
    return code, (wanted[0] if wanted else None)


def _cannot_open(message: str, quietly: bool) -> int:
    if quietly:
        print(f"trackrecord: {message}", file=sys.stderr)
    else:
        QMessageBox.critical(None, _t("Track Record cannot open your data"), message)
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
