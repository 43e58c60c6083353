"""The app backs up what changed: at start (off the UI thread) and at quit."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from trackrecord.core.backup.copies import list_backups
from trackrecord.core.record.entries import EntryService
from trackrecord.core.store.db import Store
from trackrecord.paths import DataPaths
from trackrecord.ui.backups.scheduler import BackupScheduler


def test_start_and_quit_back_up_only_when_something_changed(
    qtbot: QtBot, store: Store, entries: EntryService, data_paths: DataPaths
) -> None:
    scheduler = BackupScheduler(data_paths)
    with qtbot.waitSignal(scheduler.finished, timeout=5000) as started:
        scheduler.start()
    assert started.args == [""]  # an empty store: nothing to protect yet
    entries.create("shipped", "Ledger")
    with qtbot.waitSignal(scheduler.finished, timeout=5000) as again:
        scheduler._start("start")
    assert again.args == ["Backed up"]
    scheduler.stop()  # nothing changed since: no second copy
    assert [b.reason for b in list_backups(data_paths)] == ["start"]
    entries.create("incident", "Outage")
    scheduler.stop()
    found = list_backups(data_paths)
    assert [b.reason for b in found] == ["quit", "start"]
    assert found[0].counts["entries"] == 2 and found[0].offered
