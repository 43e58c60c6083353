"""The PDF brag document: real text, the expected pages, numbered, fonts embedded, private."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from trackrecord.cli import main
from trackrecord.core.bragdoc.document import BragOptions, build_document
from trackrecord.core.demo import load_demo
from trackrecord.core.record.entries import EntryData, EntryService
from trackrecord.core.store.db import Store, open_store
from trackrecord.paths import DataPaths
from trackrecord.pdf.bragdoc import write_pdf

# A data folder the PDFs written here have nothing to do with.
ELSEWHERE = DataPaths(Path("/nonexistent-trackrecord-data"))

pytestmark = pytest.mark.skipif(
    not (shutil.which("pdftotext") and shutil.which("pdfinfo")),
    reason="needs poppler-utils (pdftotext, pdfinfo)",
)
DAY = dt.date(2026, 11, 26)


def pdf_text(path: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    done = subprocess.run(["pdftotext", "-layout", *pages, str(path), "-"],
                          capture_output=True, text=True, check=True)
    return done.stdout


def pdf_info(path: Path) -> dict[str, str]:
    done = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return dict(line.split(":", 1) for line in done.stdout.splitlines() if ":" in line)


@pytest.fixture
def demo(store: Store) -> list[EntryData]:
    load_demo(store)
    return EntryService(store).all()


def test_the_demo_brag_document_as_pdf(qapp: QApplication, demo: list[EntryData],
                                       tmp_path: Path) -> None:
    options = BragOptions(name="Sam Okafor", role="Senior Software Engineer", prepared_on=DAY)
    path = tmp_path / "brag.pdf"
    pages = write_pdf(build_document(demo, options), path, protect=ELSEWHERE)
    info = pdf_info(path)
    # 42 entries, summary and impact each: about a page per seven entries on A4.
    assert 4 <= pages <= 9
    assert int(info["Pages"]) == pages
    assert "A4" in info["Page size"]
    assert info["Title"].strip() == "Brag document — Sam Okafor"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = pdf_text(path)
    for expected in (
        "Brag document", "Sam Okafor", "Senior Software Engineer", "June 2017 – present",
        "42 entries", "Projects", "Incidents & operations", "Collaboration & mentorship",
        "Design & documentation", "Company building", "What I learned", "Outside work",
        "Shipment status webhooks", "Tracking database disk full", "Ledger v2 design doc",
    ):
        assert expected in text, expected
    for page in range(1, pages + 1):
        assert re.search(rf"Page {page} of {pages}\s*$", pdf_text(path, page)), page


def test_details_add_pages_letter_paper_and_initials(qapp: QApplication, demo: list[EntryData],
                                                     tmp_path: Path) -> None:
    plain = write_pdf(build_document(demo), tmp_path / "plain.pdf", "Letter",
                      protect=ELSEWHERE)
    full_path = tmp_path / "full.pdf"
    full = write_pdf(build_document(demo, BragOptions(details=True, star=True)), full_path,
                     "Letter", protect=ELSEWHERE)
    assert full > plain
    assert "letter" in pdf_info(full_path)["Page size"].lower()
    text = pdf_text(full_path)
    assert "T. W." in text and "Tomasz" not in text
    assert "Situation" in text.title() and "Fernhollow Health" in text


def test_one_short_entry_is_one_page_with_embedded_fonts(qapp: QApplication,
                                                          tmp_path: Path) -> None:
    made = EntryData(id="1", kind="incident", title="Disk full on the tracking database",
                     start_date=dt.date(2018, 7, 14), impact="No data lost")
    path = tmp_path / "one.pdf"
    assert write_pdf(build_document([made]), path, protect=ELSEWHERE) == 1
    assert "Page 1 of 1" in pdf_text(path)
    if shutil.which("pdffonts"):
        done = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                              check=True)
        rows = done.stdout.splitlines()[2:]
        assert rows and all(" yes " in row for row in rows), done.stdout


def test_cli_pdf_in_process(qapp: QApplication, data_paths: DataPaths, tmp_path: Path) -> None:
    with open_store(data_paths) as store:
        load_demo(store)
    target = tmp_path / "out.pdf"
    assert main(["export", "-f", "pdf", "-o", str(target), "--kind", "incident",
                 "--page-size", "letter"]) == 0
    assert target.read_bytes().startswith(b"%PDF")
    assert "Incidents & operations" in pdf_text(target)
    assert "Projects" not in pdf_text(target)
    assert "letter" in pdf_info(target)["Page size"].lower()


def test_cli_pdf_in_a_process_without_a_display(tmp_path: Path) -> None:
    """The command line makes its own offscreen Qt application when there is no display."""
    data = tmp_path / "cli-data"
    with open_store(DataPaths(data)) as store:
        load_demo(store)
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    target = tmp_path / "cli.pdf"
    done = subprocess.run(
        [sys.executable, "-m", "trackrecord", "--data-dir", str(data), "export", "-f", "pdf",
         "-o", str(target), "--name", "Sam Okafor"],
        capture_output=True, text=True, env=env, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Sam Okafor" in pdf_text(target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
