"""Wins from git history: choose repositories (or a folder holding many), whose commits and
when; the history is read off the UI thread with a progress bar and Cancel; the drafts are
previewed like an import's, each with a box to keep it and its kind to change. Nothing is
saved until Keep; a draft kept before is not proposed again."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDate, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trackrecord.core.capture.git_drafts import GitDraft
from trackrecord.core.capture.git_keep import ScanResult, keep, scan
from trackrecord.core.capture.git_log import ScanCancelled
from trackrecord.core.errors import TrackRecordError
from trackrecord.core.record.kinds import KINDS
from trackrecord.core.store.db import Store
from trackrecord.ui.record.list_model import kind_label
from trackrecord.ui.support.background import Background
from trackrecord.ui.widgets.accessibility import name_buttons
from trackrecord.ui.widgets.fields import ErrorLabel

DEFAULT_MONTHS = 6


class _Progress(QObject):
    moved = Signal(int, int)  # emitted on the worker thread, delivered on the UI thread


class GitScanDialog(QDialog):
    kept = Signal(list)  # the ids of the entries made

    def __init__(self, store: Store, parent: QWidget | None = None, *,
                 today: Callable[[], dt.date] = dt.date.today,
                 choose_folder: Callable[[], str] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gitScanDialog")
        self.setWindowTitle(self.tr("Wins from git history"))
        self._store = store
        self._worker = Background(self)
        self._cancel = threading.Event()
        self._progress = _Progress(self)
        self._progress.moved.connect(self._moved)
        self._choose_folder = choose_folder or self._ask_folder
        self.drafts: list[GitDraft] = []
        self._build(today())
        self.resize(900, 620)
        name_buttons(self)

    # -- building ------------------------------------------------------------------------

    def _build(self, today: dt.date) -> None:
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Track Record reads your commits in local repositories "
                               "(only reads: nothing is changed, nothing goes over the "
                               "network) and proposes entries. Nothing is saved until you "
                               "keep it."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.repos = QListWidget(self)
        self.repos.setAccessibleName(self.tr("Repositories"))
        self.repos.setMaximumHeight(84)
        repo_buttons = QHBoxLayout()
        self.typed = QLineEdit(self)
        self.typed.setAccessibleName(self.tr("Folder to add"))
        self.typed.setPlaceholderText(self.tr("Type or paste a folder, then Enter"))
        self.typed.returnPressed.connect(self._add_typed)
        repo_buttons.addWidget(self.typed, 1)
        self.add_button = QPushButton(self.tr("Add folder…"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        repo_buttons.addWidget(self.add_button)
        repo_buttons.addWidget(self.remove_button)
        repo_box = QVBoxLayout()
        repo_box.addWidget(self.repos)
        repo_box.addLayout(repo_buttons)
        form.addRow(self.tr("Repositories"), repo_box)
        self.author = QLineEdit(self)
        self.author.setAccessibleName(self.tr("Author"))
        self.author.setPlaceholderText(self.tr("each repository's own user.email"))
        form.addRow(self.tr("&Author"), self.author)
        dates = QHBoxLayout()
        start = today.replace(day=1) - dt.timedelta(days=30 * (DEFAULT_MONTHS - 1))
        self.since = self._date(start.replace(day=1), self.tr("Since"))
        self.until = self._date(today, self.tr("Until"))
        dates.addWidget(self.since)
        dates.addWidget(QLabel("–", self))
        dates.addWidget(self.until)
        dates.addStretch(1)
        self.scan_button = QPushButton(self.tr("Read history"), self)
        self.scan_button.setDefault(True)
        dates.addWidget(self.scan_button)
        form.addRow(self.tr("Commits from"), dates)
        layout.addLayout(form)

        status = QHBoxLayout()
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(self.tr("Reading progress"))
        self.progress.setVisible(False)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setVisible(False)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        status.addWidget(self.status, 1)
        status.addWidget(self.progress, 1)
        status.addWidget(self.cancel_button)
        layout.addLayout(status)

        self.preview = QTreeWidget(self)
        self.preview.setObjectName("gitPreview")
        self.preview.setAccessibleName(self.tr("Proposed entries"))
        self.preview.setHeaderLabels([self.tr("Keep"), self.tr("Kind"), self.tr("When"),
                                      self.tr("Repository"), self.tr("Numbers")])
        self.preview.setRootIsDecorated(False)
        for column, width in enumerate((300, 140, 180, 100)):
            self.preview.setColumnWidth(column, width)
        layout.addWidget(self.preview, 1)
        self.error = ErrorLabel(self)
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        self.keep_button = QPushButton(self.tr("Keep"), self)
        self.keep_button.setEnabled(False)
        self.close_button = QPushButton(self.tr("Close"), self)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.keep_button)
        layout.addLayout(buttons)

        self.add_button.clicked.connect(self._add_folder)
        self.remove_button.clicked.connect(lambda: self.repos.takeItem(self.repos.currentRow()))
        self.scan_button.clicked.connect(self.start_scan)
        self.cancel_button.clicked.connect(self.cancel)
        self.keep_button.clicked.connect(self.keep_chosen)
        self.close_button.clicked.connect(self.reject)
        self.preview.itemChanged.connect(lambda *_: self._sync_keep())

    def _date(self, day: dt.date, name: str) -> QDateEdit:
        edit = QDateEdit(QDate(day), self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setAccessibleName(name)
        return edit

    def _ask_folder(self) -> str:
        return QFileDialog.getExistingDirectory(self, self.tr("A repository, or a folder "
                                                              "holding several"))

    def _add_folder(self) -> None:
        folder = self._choose_folder()
        if folder:
            self.add_repository(Path(folder))

    def _add_typed(self) -> None:
        text = self.typed.text().strip()
        if text:
            self.add_repository(Path(text).expanduser())
            self.typed.clear()

    def add_repository(self, path: Path) -> None:
        if not self.repos.findItems(str(path), Qt.MatchFlag.MatchExactly):
            self.repos.addItem(str(path))

    # -- reading -------------------------------------------------------------------------

    def start_scan(self) -> None:
        paths = [Path(self.repos.item(i).text()) for i in range(self.repos.count())]
        if not paths:
            self.error.show_message(self.tr("Add a repository, or a folder holding some."))
            return
        since, until = self.since.date().toPython(), self.until.date().toPython()
        authors = [a.strip() for a in self.author.text().split(",") if a.strip()]
        self.error.show_message("")
        self._cancel.clear()
        self._busy(True)
        self.status.setText(self.tr("Reading history…"))
        store, progress, cancel = self._store, self._progress, self._cancel
        self._worker.run(
            lambda: scan(store, paths, authors=authors, since=since, until=until,
                         cancelled=cancel.is_set, progress=progress.moved.emit),
            self._scanned)

    def cancel(self) -> None:
        self._cancel.set()
        self.status.setText(self.tr("Cancelling…"))

    @property
    def busy(self) -> bool:
        return self._worker.busy

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.progress.setRange(0, 0)
        self.cancel_button.setVisible(busy)
        for widget in (self.scan_button, self.keep_button, self.add_button):
            widget.setEnabled(not busy)

    def _moved(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))

    def _scanned(self, result: object, error: Exception | None) -> None:
        self._busy(False)
        if isinstance(error, ScanCancelled):
            self.status.setText(self.tr("Cancelled: nothing was read."))
            return
        if error is not None:
            self.status.setText("")
            self.error.show_message(str(error))
            return
        assert isinstance(result, ScanResult)
        self.show_drafts(result)

    def show_drafts(self, result: ScanResult) -> None:
        self.drafts = list(result.drafts)
        self.preview.blockSignals(True)
        self.preview.clear()
        self.kind_boxes: dict[str, QComboBox] = {}
        for draft in self.drafts:
            when = (draft.start_date.isoformat() if draft.start_date == draft.end_date
                    else f"{draft.start_date} – {draft.end_date}")
            item = QTreeWidgetItem([draft.title, "", when, draft.repository, draft.metrics])
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Checked if draft.piece != "week"
                               else Qt.CheckState.Unchecked)
            item.setToolTip(0, draft.notes)
            item.setToolTip(4, draft.metrics)
            self.preview.addTopLevelItem(item)
            kind = QComboBox(self.preview)
            kind.setAccessibleName(self.tr("Kind of {0}").format(draft.title))
            for key in KINDS:
                kind.addItem(kind_label(key), key)
            kind.setCurrentIndex(kind.findData(draft.kind))
            self.preview.setItemWidget(item, 1, kind)
            self.kind_boxes[draft.key] = kind
        self.preview.blockSignals(False)
        said = (self.tr("Read 1 commit of yours") if result.commits_read == 1
                else self.tr("Read {0} commits of yours").format(result.commits_read))
        found = (self.tr("1 draft proposed") if len(self.drafts) == 1
                 else self.tr("{0} drafts proposed").format(len(self.drafts)))
        self.status.setText(f"{said}; {found}." + ("\n" + "\n".join(result.problems)
                                                   if result.problems else ""))
        self._sync_keep()

    def chosen(self) -> list[GitDraft]:
        return [d for i, d in enumerate(self.drafts)
                if self.preview.topLevelItem(i).checkState(0) == Qt.CheckState.Checked]

    def _sync_keep(self) -> None:
        n = len(self.chosen())
        self.keep_button.setEnabled(n > 0 and not self.busy)
        if n == 1:
            self.keep_button.setText(self.tr("Keep 1 as an entry"))
        else:
            self.keep_button.setText(self.tr("Keep {0} as entries").format(n) if n
                                     else self.tr("Keep"))

    def keep_chosen(self) -> None:
        chosen = self.chosen()
        overrides = {d.key: {"kind": self.kind_boxes[d.key].currentData()} for d in chosen}
        try:
            made = keep(self._store, chosen, overrides)
        except TrackRecordError as exc:
            self.error.show_message(str(exc))
            return
        self.kept.emit([e.id for e in made])
        self.accept()

    def shutdown(self) -> None:
        self._cancel.set()
        self._worker.wait()
