"""``trackrecord export`` for Markdown and HTML (PDF is in tests/ui/test_export_pdf.py)."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from trackrecord.cli import main
from trackrecord.commands import export as export_command
from trackrecord.core.record.entries import EntryService
from trackrecord.core.registry import Registry
from trackrecord.core.store.db import open_store
from trackrecord.core.transfer.export_formats import EXPORT_FORMATS, ExportFormat, ExportJob
from trackrecord.paths import DataPaths


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def filled(data_paths: DataPaths) -> None:
    # Closed before the command runs: a store created moments ago keeps its header in the WAL
    # until the last connection closes, and a second open would not recognise it yet.
    with open_store(data_paths) as store:
        _fill(EntryService(store))


def _fill(entries: EntryService) -> None:
    entries.create("shipped", "Ledger v2", start_date="2024-02-01", end_date="2024-09-30",
                   summary="Moved balances to a double-entry ledger", impact="Month-end in a day",
                   tags=["postgres", "go"], role="Tech lead")
    entries.create("incident", "Checkout outage", start_date="2023-11-08",
                   summary="Led the response", tags=["on-call"])
    entries.create("mentoring", "Mentoring Priya", start_date="2022-04-01", end_date="2022-10-01",
                   mentee="Priya Sharma", summary="Coached Priya to lead incident reviews",
                   impact="Priya leads the rotation")
    entries.create("other", "Hiring panel", start_date="2021-05-01", end_date="2021-12-01",
                   tags=["hiring"],
                   metrics="21 interviews")


def test_markdown_to_standard_output(capsys: pytest.CaptureFixture[str],
                                     filled: None) -> None:
    code, out, err = run(capsys, "export", "--format", "md", "-o", "-", "--name", "Sam Okafor")
    assert code == 0, err
    assert out.startswith("# Brag document\n\n**Sam Okafor**")
    for heading in ("## Projects", "## Incidents & operations", "## Collaboration & mentorship",
                    "## Company building"):
        assert heading in out
    assert "Mentoring P." in out and "Priya" not in out


def test_html_to_a_private_file(capsys: pytest.CaptureFixture[str], filled: None,
                                tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "brag.html"
    target.write_text("old")
    target.chmod(0o644)
    code, out, _ = run(capsys, "export", "-f", "html", "-o", str(target), "--details")
    assert code == 0
    assert str(target) in out
    text = target.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "Ledger v2" in text and "Tech lead" in text
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in out_dir.iterdir()] == ["brag.html"]  # no temporary file left


def test_filters_and_grouping(capsys: pytest.CaptureFixture[str], filled: None) -> None:
    def titles(*extra: str) -> list[str]:
        code, out, err = run(capsys, "export", "-f", "md", "-o", "-", *extra)
        assert code == 0, err
        return [line.split("**")[1] for line in out.splitlines() if line.startswith("- **")]

    assert titles("--kind", "incident", "--kind", "other") == ["Checkout outage", "Hiring panel"]
    assert titles("--tag", "GO", "--tag", "hiring") == ["Ledger v2", "Hiring panel"]
    assert titles("--since", "2023-01-01", "--until", "2023-12-31") == ["Checkout outage"]
    assert titles("--only-impact") == ["Ledger v2", "Mentoring P.", "Hiring panel"]
    assert titles("--full-mentee-names", "--kind", "mentoring") == ["Mentoring Priya"]
    code, out, _ = run(capsys, "export", "-f", "md", "-o", "-", "--group", "year")
    assert [line for line in out.splitlines() if line.startswith("## ")] == [
        "## 2024", "## 2023", "## 2022", "## 2021",
    ]


def test_no_match_writes_an_empty_document_and_says_so(
    capsys: pytest.CaptureFixture[str], filled: None
) -> None:
    code, out, err = run(capsys, "export", "-f", "md", "-o", "-", "--tag", "nothing-has-this")
    assert code == 0
    assert "No entries match these filters." in out
    assert "no entries match" in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["-f", "docx", "-o", "x.docx"], "invalid choice: 'docx'"),
        (["-f", "pdf", "-o", "-"], "pdf cannot be written to standard output"),
        (["-f", "md", "-o", "out.md", "--since", "2024-13-01"], "is not a date"),
        (["-f", "md", "-o", "out.md", "--since", "2024-06-01", "--until", "2024-01-01"],
         "the start of the period is after its end"),
        (["-f", "md", "-o", "out.md", "--period", "this-year", "--since", "2024-01-01"],
         "either --period or --since/--until"),
        (["-f", "md", "-o", "out.md", "--kind", "rejection"], "invalid choice: 'rejection'"),
        (["-f", "md", "-o", "out.md", "--group", "month"], "invalid choice: 'month'"),
        (["-f", "pdf", "-o", "out.pdf", "--page-size", "A3"], "not a page size"),
        (["-f", "md", "-o", "no-such-folder/out.md"], "does not exist"),
        (["-f", "md", "-o", "."], "is a folder"),
        (["-f", "md"], "required: -o/--output"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_nothing_written(
    capsys: pytest.CaptureFixture[str], filled: None, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, argv: list[str], message: str,
) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    monkeypatch.chdir(out_dir)
    code, out, err = run(capsys, "export", *argv)
    assert code == 2
    assert out == ""
    assert message in err
    assert err.count("\n") == 1 and err.startswith("trackrecord: ")
    assert list(out_dir.iterdir()) == []


def test_a_format_added_to_the_table_is_exported_by_the_command(
    capsys: pytest.CaptureFixture[str], filled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Adding an export format is one record in the core's table; the command reads it."""

    def count(job: ExportJob) -> bytes:
        assert job.store is not None
        return f"{len(EntryService(job.store).all())} entries\n".encode()

    table = Registry("format", (*EXPORT_FORMATS, ExportFormat(
        "count", "Entry count", "how many entries", (".txt",), count, whole_store=True)))
    monkeypatch.setattr(export_command, "EXPORT_FORMATS", table)
    code, out, err = run(capsys, "export", "--format", "count", "-o", "-")
    assert (code, out, err) == (0, "4 entries\n", "")
