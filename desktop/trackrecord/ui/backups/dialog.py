"""File ▸ Backups…: every backup with its date, size and contents; take one now or restore.

Restoring needs the store closed, so the dialog only chooses: it returns the backup to
restore and the app (app.py) swaps the data and reopens the window.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trackrecord.core.backup.copies import BackupError, BackupInfo, list_backups, make_backup
from trackrecord.paths import DataPaths

# Marked for lupdate (the dialog translates them with self.tr when it shows them).
REASONS = {
    "start": QT_TRANSLATE_NOOP("BackupsDialog", "automatic (start)"),
    "auto": QT_TRANSLATE_NOOP("BackupsDialog", "automatic"),
    "quit": QT_TRANSLATE_NOOP("BackupsDialog", "automatic (quit)"),
    "manual": QT_TRANSLATE_NOOP("BackupsDialog", "by you"),
    "pre-migration": QT_TRANSLATE_NOOP("BackupsDialog", "before an upgrade"),
    "pre-restore": QT_TRANSLATE_NOOP("BackupsDialog", "before a restore"),
    "pre-import": QT_TRANSLATE_NOOP("BackupsDialog", "before an import"),
}


def _size(n: int) -> str:
    return f"{n / 1024:.0f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"


def _contents(info: BackupInfo) -> str:
    parts = [(info.counts.get("entries", 0), "entries"),
             (info.counts.get("rejections", 0), "rejections")]
    return ", ".join(f"{n} {what}" for n, what in parts)


class BackupsDialog(QDialog):
    def __init__(self, paths: DataPaths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Backups"))
        self.setAccessibleName(self.tr("Backups"))
        self.resize(720, 420)
        self._paths = paths
        self._backups: list[BackupInfo] = []
        self.chosen: Path | None = None

        intro = QLabel(self.tr(
            "Track Record backs up your data when it starts, every 30 minutes while you work, "
            "and when you quit, keeping recent copies and one a day, a week and a month "
            "further back. Only copies that passed their check can be restored."), self)
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 5, self)
        self.table.setAccessibleName(self.tr("Backups, newest first"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Date"), self.tr("Taken"), self.tr("Size"), self.tr("Contains"),
             self.tr("State")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.empty = QLabel(self.tr(
            "No backups yet. The first is taken on its own when Track Record starts or quits "
            "with something new to keep; “Back up now” takes one at once."), self)
        self.empty.setObjectName("editorHint")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setMargin(24)
        self.list_stack = QStackedWidget(self)
        self.list_stack.addWidget(self.table)
        self.list_stack.addWidget(self.empty)

        self.backup_now = QPushButton(self.tr("Back up now"), self)
        self.backup_now.setAccessibleName(self.tr("Back up now"))
        self.backup_now.clicked.connect(self._backup_now)
        self.restore = QPushButton(self.tr("Restore…"), self)
        self.restore.setAccessibleName(self.tr("Restore the selected backup"))
        self.restore.setEnabled(False)
        self.restore.clicked.connect(self._restore)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.backup_now, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.restore, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list_stack, 1)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        self._backups = list_backups(self._paths)
        self.list_stack.setCurrentWidget(self.table if self._backups else self.empty)
        self.table.setRowCount(len(self._backups))
        for row, info in enumerate(self._backups):
            state = self.tr("verified") if info.offered else info.problem
            cells = (
                info.created_at.astimezone().strftime("%Y-%m-%d %H:%M"),
                self.tr(REASONS.get(info.reason, info.reason)),
                _size(info.size), _contents(info), state,
            )
            # The state's tooltip says in full what differs, or how the copy was checked.
            state_tip = (info.problem if not info.offered else info.note) or str(info.path)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(state_tip if column == 4 else str(info.path))
                if not info.offered:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
                self.table.setItem(row, column, item)

    def _selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self._backups[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        info = self._selected()
        self.restore.setEnabled(info is not None and info.offered)

    def _backup_now(self) -> None:
        try:
            info = make_backup(self._paths, "manual")
        except BackupError as exc:
            QMessageBox.warning(self, self.tr("Backup failed"), str(exc))
            return
        self.reload()
        if not info.ok:
            QMessageBox.warning(self, self.tr("Backup failed its check"), info.problem)

    def _restore(self) -> None:
        info = self._selected()
        if info is None or not info.offered:
            return
        when = info.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
        answer = QMessageBox.question(
            self, self.tr("Restore this backup?"),
            self.tr("Your data will be replaced by the backup from {0} ({1}). What you have "
                    "now is kept as a backup first, so this can be undone.").format(
                        when, _contents(info)))
        if answer == QMessageBox.StandardButton.Yes:
            self.chosen = info.path
            self.accept()
