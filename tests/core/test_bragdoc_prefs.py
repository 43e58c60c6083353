"""Remembered export choices, JSON settings in the store, and atomic private writes."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest

from trackrecord.core.bragdoc.prefs import ExportPrefs, load_prefs, save_prefs
from trackrecord.core.store.db import Store
from trackrecord.core.store.models import Setting
from trackrecord.core.store.settings import get_json, set_json
from trackrecord.core.transfer.export_formats import EXPORT_FORMATS
from trackrecord.core.transfer.output_file import ExportWriteError, write_atomic
from trackrecord.paths import DataPaths

# A data folder the files written here have nothing to do with.
ELSEWHERE = DataPaths(Path("/nonexistent-trackrecord-data"))

DAY = dt.date(2026, 11, 26)


def test_settings_round_trip_json_values(store: Store) -> None:
    assert get_json(store, "nothing", {"default": True}) == {"default": True}
    set_json(store, "a.b", {"x": [1, "two"], "y": None})
    assert get_json(store, "a.b") == {"x": [1, "two"], "y": None}
    set_json(store, "a.b", 3)
    assert get_json(store, "a.b") == 3
    with store.write() as s:
        s.add(Setting(key="broken", value="{not json"))
    assert get_json(store, "broken", "fallback") == "fallback"
    with pytest.raises(ValueError):
        set_json(store, "", 1)
    with pytest.raises(ValueError):
        set_json(store, "nan", float("nan"))


def test_export_choices_are_remembered_in_the_store(store: Store) -> None:
    assert load_prefs(store) is None
    prefs = ExportPrefs(format="md", group="year", preset="custom",
                        since=dt.date(2024, 1, 1), until=dt.date(2024, 12, 31),
                        kinds=("shipped", "other"), tags=("go",), details=True,
                        name="Sam", page_size="Letter")
    save_prefs(store, prefs)
    assert load_prefs(store) == prefs


def test_bad_remembered_values_fall_back_one_field_at_a_time() -> None:
    got = ExportPrefs.from_json({
        "format": "docx", "group": "year", "preset": 7, "since": "not a date",
        "until": "2024-02-30", "kinds": ["other", "rejection", "shipped"], "tags": "go",
        "details": "yes", "star": True, "name": "x" * 500, "unknown": 1,
    })
    assert got.format == "pdf" and got.preset == "all" and got.since is None
    assert got.group == "year" and got.star is True and got.details is False
    assert got.kinds == ("shipped", "other")  # store order, unknown kinds dropped
    assert got.tags == () and len(got.name) == 200
    assert ExportPrefs.from_json(["not", "a", "dict"]) == ExportPrefs()


def test_prefs_make_options_for_today() -> None:
    options = ExportPrefs(preset="last_6_months", name="Sam").options(DAY)
    assert (options.since, options.until) == (dt.date(2026, 5, 26), DAY)
    assert options.prepared_on == DAY and options.name == "Sam"
    backwards = ExportPrefs(preset="custom", since=DAY, until=dt.date(2026, 1, 1)).options(DAY)
    assert (backwards.since, backwards.until) == (dt.date(2026, 1, 1), DAY)


def test_default_file_names() -> None:
    assert EXPORT_FORMATS["md"].default_filename(DAY) == "brag-document-2026-11-26.md"
    assert EXPORT_FORMATS["pdf"].default_filename(DAY) == "brag-document-2026-11-26.pdf"
    assert EXPORT_FORMATS["json"].default_filename(DAY) == "trackrecord-backup-2026-11-26.json"


def test_atomic_write_is_private_and_replaces_in_one_step(tmp_path: Path) -> None:
    target = tmp_path / "brag.md"
    target.write_text("old")
    os.chmod(target, 0o644)
    write_atomic(target, b"new", protect=ELSEWHERE)
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["brag.md"]


def test_atomic_write_refuses_without_leaving_anything(tmp_path: Path) -> None:
    with pytest.raises(ExportWriteError, match="does not exist"):
        write_atomic(tmp_path / "missing" / "x.md", b"x", protect=ELSEWHERE)
    with pytest.raises(ExportWriteError, match="is a folder"):
        write_atomic(tmp_path, b"x", protect=ELSEWHERE)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores permissions")
def test_an_unwritable_folder_is_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(ExportWriteError, match="could not write"):
            write_atomic(folder / "x.md", b"x", protect=ELSEWHERE)
    finally:
        folder.chmod(0o700)
