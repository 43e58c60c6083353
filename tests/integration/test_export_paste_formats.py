"""From the command line: ODT and CV brag documents, a sealed backup and its import."""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from store_helpers import db_state
from trackrecord.cli import main
from trackrecord.core.demo import load_demo
from trackrecord.core.record.entries import EntryService
from trackrecord.core.store.db import open_store
from trackrecord.paths import DataPaths

ODF_TEXT = "application/vnd.oasis.opendocument.text"


@pytest.fixture
def demo(data_paths: DataPaths) -> DataPaths:
    with open_store(data_paths) as store:
        load_demo(store)
    return data_paths


def run(paths: DataPaths, *argv: str) -> int:
    return main(["--data-dir", str(paths.root), *argv])


def test_an_odt_is_a_valid_opendocument_with_the_entries(demo: DataPaths, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]
                                                          ) -> None:
    target = tmp_path / "brag.odt"
    assert run(demo, "export", "--format", "odt", "-o", str(target)) == 0
    with zipfile.ZipFile(target) as odt:
        first = odt.infolist()[0]
        assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
        assert odt.read("mimetype").decode() == ODF_TEXT
        content = ET.fromstring(odt.read("content.xml"))
        text = "".join(content.itertext())
        assert ET.fromstring(odt.read("META-INF/manifest.xml")) is not None
    with open_store(demo) as store:
        titles = [e.title for e in EntryService(store).all()]
    assert sum(title in text for title in titles) >= len(titles) // 2
    assert "Rejection" not in text  # the rejection log never reaches a brag document
    assert capsys.readouterr().err == ""
    assert run(demo, "export", "--format", "odt", "-o", "-") == 2  # binary: not to a terminal


def test_cv_bullets_for_the_entries_picked(demo: DataPaths,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    with open_store(demo) as store:
        picked = EntryService(store).all()[:2]
    argv = ["export", "--format", "cv", "-o", "-"]
    for entry in picked:
        argv += ["--entry", entry.id[:8]]
    assert run(demo, *argv) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and all(line.startswith("- ") for line in lines)


def test_a_sealed_backup_round_trips_and_a_wrong_passphrase_changes_nothing(
    demo: DataPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    sealed = tmp_path / "moving.sealed"
    monkeypatch.setenv("TRACKRECORD_PASSPHRASE", "a long passphrase")
    assert run(demo, "export", "--format", "json", "--encrypt", "-o", str(sealed)) == 0
    assert sealed.read_bytes().startswith(b"TRKRSEAL")
    assert run(demo, "export", "--format", "md", "--encrypt", "-o", "-") == 2

    elsewhere = DataPaths(tmp_path / "laptop")
    open_store(elsewhere).close()
    before = db_state(elsewhere)
    monkeypatch.setenv("TRACKRECORD_PASSPHRASE", "not the passphrase")
    assert run(elsewhere, "import", str(sealed)) == 2
    assert "passphrase is wrong" in capsys.readouterr().err
    assert db_state(elsewhere) == before
    monkeypatch.setenv("TRACKRECORD_PASSPHRASE", "a long passphrase")
    assert run(elsewhere, "import", str(sealed)) == 0
    with open_store(demo) as a, open_store(elsewhere) as b:
        assert [e.title for e in EntryService(a).all()] == [
            e.title for e in EntryService(b).all()]


def test_without_a_terminal_or_the_variable_a_sealed_file_asks_in_a_sentence(
    demo: DataPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.delenv("TRACKRECORD_PASSPHRASE", raising=False)
    assert run(demo, "export", "--format", "json", "--encrypt", "-o",
               str(tmp_path / "x.sealed")) == 2
    assert "TRACKRECORD_PASSPHRASE" in capsys.readouterr().err
    assert not (tmp_path / "x.sealed").exists()
