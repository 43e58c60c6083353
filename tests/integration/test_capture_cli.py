"""CLI parity for capture: capture, goal, cycle, export --cycle and git-scan."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from git_repo import build
from trackrecord.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def data(tmp_path: Path) -> str:
    return str(tmp_path / "data")


def test_capture_from_piped_lines_guesses_kinds(capsys: pytest.CaptureFixture[str], data: str,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(
        "Fixed the login outage\n\npraise: Dana said the doc was the clearest yet\n"))
    code, out, _ = run(capsys, "--data-dir", data, "capture", "--date", "2026-12-04")
    assert code == 0
    assert "Incident solved · Fixed the login outage" in out
    assert "Praise · Dana said the doc was the clearest yet" in out
    code, out, _ = run(capsys, "--data-dir", data, "list", "--json")
    assert {(e["kind"], e["start_date"]) for e in json.loads(out)} == {
        ("incident", "2026-12-04"), ("praise", "2026-12-04")}


def test_capture_refuses_a_bad_kind_and_saves_nothing(capsys: pytest.CaptureFixture[str],
                                                      data: str) -> None:
    code, _, err = run(capsys, "--data-dir", data, "capture", "--win", "Shipped it",
                       "--win", "Wrote docs", "--date", "2026-13-01")
    assert code == 2 and "not a date" in err
    code, out, _ = run(capsys, "--data-dir", data, "list", "--json")
    assert json.loads(out) == []


def test_goals_cycles_and_an_export_scoped_to_a_cycle(capsys: pytest.CaptureFixture[str],
                                                      data: str) -> None:
    code, out, _ = run(capsys, "--data-dir", data, "add", "shipped", "--title", "Payments v2",
                       "--date", "2026-02-01", "--end", "2026-03-01")
    entry_id = out.strip()
    run(capsys, "--data-dir", data, "add", "other", "--title", "Old talk", "--date",
        "2025-02-01", "--end", "2025-02-01")
    code, out, _ = run(capsys, "--data-dir", data, "goal", "add", "Lead payments",
                       "--since", "2026-01-01", "--until", "2026-06-30", "--entry", entry_id[:8])
    assert code == 0 and "1 entries linked" in out
    code, out, _ = run(capsys, "--data-dir", data, "goal", "list")
    assert "Lead payments (H1 2026)" in out and "- Payments v2" in out
    code, out, _ = run(capsys, "--data-dir", data, "cycle", "add", "2026 mid-year", "--since",
                       "2026-01-01", "--until", "2026-06-30")
    assert code == 0
    code, _, err = run(capsys, "--data-dir", data, "cycle", "add", "2026 Mid-Year", "--since",
                       "2026-01-01", "--until", "2026-06-30")
    assert code == 2 and "already" in err
    code, out, _ = run(capsys, "--data-dir", data, "cycle", "list", "--json")
    assert [c["name"] for c in json.loads(out)] == ["2026 mid-year"]
    code, out, _ = run(capsys, "--data-dir", data, "export", "-f", "md", "-o", "-",
                       "--cycle", "2026 mid-year")
    assert code == 0 and "Payments v2" in out and "Old talk" not in out
    assert out.index("## Goals") < out.index("Payments v2")
    code, _, err = run(capsys, "--data-dir", data, "export", "-f", "md", "-o", "-",
                       "--cycle", "2031")
    assert code == 2 and "no review cycle called '2031'" in err
    code, _, err = run(capsys, "--data-dir", data, "export", "-f", "md", "-o", "-",
                       "--cycle", "2026 mid-year", "--period", "this-year")
    assert code == 2 and "sets the period" in err


def test_git_scan_dry_run_then_keep(capsys: pytest.CaptureFixture[str], data: str,
                                    tmp_path: Path) -> None:
    repo = build(tmp_path / "shop")
    code, out, _ = run(capsys, "--data-dir", data, "git-scan", str(repo.root), "--dry-run")
    assert code == 0 and "Merged payments-retry" in out and "nothing was kept" in out
    code, out, _ = run(capsys, "--data-dir", data, "list", "--json")
    assert json.loads(out) == []
    code, out, _ = run(capsys, "--data-dir", data, "git-scan", str(repo.root), "--author",
                       "bob@example.com", "--only", "week", "--json")
    report = json.loads(out)
    assert report["kept"] is True and report["commits_read"] == 3
    assert {d["piece"] for d in report["drafts"]} == {"week"}
    code, out, _ = run(capsys, "--data-dir", data, "git-scan", str(repo.root), "--author",
                       "bob@example.com", "--only", "week", "--dry-run")
    assert "0 drafts" in out  # kept before: not proposed again
    code, _, err = run(capsys, "--data-dir", data, "git-scan", str(tmp_path / "nowhere"))
    assert code == 2 and "not a folder" in err
