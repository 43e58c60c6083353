"""``trackrecord review`` through main(argv): Markdown in the terminal, a one-page PDF sheet."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from trackrecord.cli import main
from trackrecord.core.demo import load_demo
from trackrecord.core.review.interviews import UpcomingInterviewService
from trackrecord.core.store.db import open_store
from trackrecord.paths import DataPaths

needs_poppler = pytest.mark.skipif(
    not (shutil.which("pdfinfo") and shutil.which("pdftotext")), reason="needs poppler-utils"
)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def demo_dir(tmp_path: Path) -> str:
    folder = tmp_path / "demo"
    with open_store(DataPaths(folder)) as store:
        load_demo(store)
    return str(folder)


TOMORROW = (dt.date.today() + dt.timedelta(days=1)).isoformat()


def pdf_text(path: Path) -> tuple[int, str]:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    pages = next(int(line.split()[-1]) for line in info.stdout.splitlines()
                 if line.startswith("Pages:"))
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    return pages, " ".join(text.split())


def test_markdown_goes_to_the_terminal_by_default(
    capsys: pytest.CaptureFixture[str], demo_dir: str,
) -> None:
    code, out, err = run(capsys, "--data-dir", demo_dir, "review", "--stage", "system-design",
                         "--stage", "behavioural", "--company", "Northwind", "--role",
                         "Staff engineer", "--date", TOMORROW)
    assert (code, err) == (0, "")  # (a date in the past would be noted on stderr)
    assert out.startswith("# System design + Behavioural · Staff engineer at Northwind\n")
    for heading in ("## Your numbers", "## System design: your strongest evidence",
                    "## Behavioural interview: your strongest evidence",
                    "## Stories ready for likely questions", "## What you are practising",
                    "## Keep it in proportion", "## Look after tonight"):
        assert f"\n{heading}\n" in out
    assert "14 systems shipped · 10 incidents solved · 7 people mentored" in out
    assert "Your story: Scheduling API v3 (2023)" in out
    assert "- [ ] **Sleep**" in out
    # Nothing was saved.
    with open_store(DataPaths(Path(demo_dir))) as store:
        assert UpcomingInterviewService(store).list() == []
    assert run(capsys, "--data-dir", demo_dir, "review", "--stage", "coding", "-o", "-")[1] \
        .startswith("# Coding interview\n")


@needs_poppler
def test_a_pdf_sheet_is_one_page_with_the_expected_text(
    capsys: pytest.CaptureFixture[str], demo_dir: str, tmp_path: Path,
) -> None:
    sheet = tmp_path / "sheet.pdf"
    code, out, err = run(capsys, "--data-dir", demo_dir, "review", "--stage", "system-design",
                         "--stage", "behavioral", "--company", "Northwind", "--role",
                         "Staff engineer", "-o", str(sheet))
    assert (code, err) == (0, "") and out == f"wrote {sheet}\n"
    assert sheet.stat().st_mode & 0o777 == 0o600
    pages, text = pdf_text(sheet)
    assert pages == 1
    for expected in ("System design + Behavioural · Staff engineer at Northwind",
                     "14 systems shipped", "Your strongest evidence", "Scheduling API v3",
                     "Stories ready for likely questions", "RFC: modular monolith for scheduling",
                     "Look after tonight", "Sleep", "No cramming"):
        assert expected in text, expected


def test_save_then_reuse_a_saved_interview(
    capsys: pytest.CaptureFixture[str], demo_dir: str, tmp_path: Path,
) -> None:
    out_md = tmp_path / "deck.md"
    code, out, _ = run(capsys, "--data-dir", demo_dir, "review", "--stage", "onsite",
                       "--company", "Acme", "--save", "-o", str(out_md))
    assert code == 0 and out.startswith("saved interview ")
    saved_id = out.split()[2]
    assert out_md.read_text(encoding="utf-8").startswith("# Onsite · Acme\n")
    code, out, _ = run(capsys, "--data-dir", demo_dir, "review", "--interview", saved_id[:6])
    assert code == 0 and out.startswith("# Onsite · Acme\n")


@pytest.mark.parametrize(("argv", "message"), [
    (["review"], "give at least one --stage"),
    (["review", "--stage", "lunch"], "unknown stage 'lunch'"),
    (["review", "--stage", "coding", "-f", "pdf"], "cannot be written to standard output"),
    (["review", "--stage", "coding", "-o", "/no/such/folder/sheet.pdf"], "does not exist"),
    (["review", "--stage", "coding", "-o", "x.pdf", "--page-size", "A3"], "not a page size"),
    (["review", "--interview", "zzzzzz"], "no interview with id"),
    (["review", "--stage", "coding", "--date", "soon"], "not a date"),
])
def test_bad_arguments_fail_with_one_line_and_write_nothing(
    capsys: pytest.CaptureFixture[str], demo_dir: str, argv: list[str], message: str,
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "--data-dir", demo_dir, *argv)
    assert code == 2 and message in err and out == ""
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "x.pdf").exists()
