"""``trackrecord import`` and ``trackrecord export --format json`` from the shell."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from store_helpers import DATA, db_state, fill_store
from trackrecord.cli import main
from trackrecord.core.record.entries import EntryService
from trackrecord.core.rejections.service import RejectionService
from trackrecord.core.store.db import open_store
from trackrecord.paths import DataPaths


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _one_error(err: str) -> None:
    assert err.startswith("trackrecord: ") and err.count("\n") == 1


@pytest.fixture(scope="module")
def backup_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A backup of a filled store elsewhere (closed, so its file is complete)."""
    tmp_path = tmp_path_factory.mktemp("backup")
    paths = DataPaths(tmp_path / "elsewhere")
    with open_store(paths) as store:
        fill_store(store)
    target = tmp_path / "backup.json"
    code = main(["--data-dir", str(paths.root), "export", "--format", "json", "-o",
                 str(target)])
    assert code == 0
    return target


@pytest.fixture(autouse=True)
def _quiet(capsys: pytest.CaptureFixture[str], backup_file: Path) -> None:
    capsys.readouterr()  # what the fixtures printed is not the tests' output


def test_export_json_writes_everything(capsys: pytest.CaptureFixture[str], backup_file: Path,
                                       ) -> None:
    doc = json.loads(backup_file.read_text(encoding="utf-8"))
    assert doc["format"] == "trackrecord-backup" and len(doc["rejections"]) == 2
    assert oct(backup_file.stat().st_mode & 0o777) == "0o600"
    code, out, err = run(capsys, "--data-dir", str(backup_file.parent / "elsewhere"),
                         "export", "--format", "json", "-o", "-")
    assert code == 0 and out.encode("utf-8") == backup_file.read_bytes()


def test_export_json_refuses_brag_filters(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "export", "--format", "json", "-o", "-", "--kind", "shipped")
    assert code == 2 and out == ""
    assert "backs up everything" in err
    _one_error(err)


def test_dry_run_prints_the_preview_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], backup_file: Path, data_paths: DataPaths
) -> None:
    with open_store(data_paths):
        pass
    before = db_state(data_paths)
    code, out, err = run(capsys, "import", str(backup_file), "--dry-run")
    assert code == 0, err
    assert out.startswith("Track Record backup (JSON): backup.json\n")
    assert "  add    rejection Acme \u2014 Senior Backend Engineer" in out
    assert out.rstrip().endswith("Would import: 54 added (dry run: nothing was written)")
    assert db_state(data_paths) == before


def test_import_commits_and_reports(capsys: pytest.CaptureFixture[str], backup_file: Path,
                                    data_paths: DataPaths) -> None:
    code, out, err = run(capsys, "import", str(backup_file))
    assert code == 0, err
    assert out.rstrip().endswith("Imported: 54 added")
    code, out, err = run(capsys, "import", str(backup_file), "--json")
    assert code == 0
    report = json.loads(out)
    assert report["committed"] is True and report["counts"]["unchanged"] == 54
    with open_store(data_paths) as store:
        assert len(EntryService(store).all()) == 43  # the demo's 42 and a piece of praise


def test_replace_says_where_the_backup_is(capsys: pytest.CaptureFixture[str],
                                          backup_file: Path, data_paths: DataPaths) -> None:
    with open_store(data_paths) as store:
        EntryService(store).create("other", "Only here")
    code, out, err = run(capsys, "import", str(backup_file), "--mode", "replace")
    assert code == 0, err
    kept = out.rstrip().splitlines()[-1]
    assert kept.startswith("what was there before is kept in ") and "pre-import" in kept
    assert Path(kept.split(" in ", 1)[1]).exists()


def test_markdown_csv_and_jrnl_are_recognised(capsys: pytest.CaptureFixture[str],
                                             data_paths: DataPaths) -> None:
    for name, label in (("brag-doc.md", "Markdown brag document"),
                        ("teal-export.csv", "CSV of rejections (job tracker)"),
                        ("jrnl-export.json", "jrnl JSON export")):
        code, out, err = run(capsys, "import", str(DATA / name))
        assert code == 0, err
        assert out.startswith(f"{label}: {name}\n")
    with open_store(data_paths) as store:
        assert len(EntryService(store).all()) == 13 + 4
        assert len(RejectionService(store).list()) == 1


def test_rows_left_unticked_can_be_included(capsys: pytest.CaptureFixture[str],
                                            data_paths: DataPaths) -> None:
    code, out, err = run(capsys, "import", str(DATA / "teal-export.csv"), "--dry-run")
    assert code == 0, err
    assert "Would import: 1 added, 9 skipped (3 pending, 1 accepted, 1 no answer," in out
    assert ("Left unticked (add them with --include): 1 'no answer', "
            "1 'status not understood'") in out
    code, out, err = run(capsys, "import", str(DATA / "teal-export.csv"), "--include",
                         "no answer", "--leave-out", "line 2", "--leave-out", "line 11")
    assert code == 0, err
    with open_store(data_paths) as store:
        (ghosted,) = RejectionService(store).list()
    assert ghosted.company == "Vandelay Industries" and ghosted.category == "unknown"
    code, out, err = run(capsys, "import", str(DATA / "teal-export.csv"), "--include", "offer")
    assert code == 2 and "left out as: 'no answer', 'status not understood'" in err


def test_a_csv_column_can_be_chosen(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    csv = tmp_path / "odd.csv"
    csv.write_text("Outfit,When\nAcme,2024-01-02\n", encoding="utf-8")
    code, out, err = run(capsys, "import", str(csv), "--dry-run")
    assert code == 2 and "no column is the company" in err
    assert "Outfit -> (ignored)" in out
    _one_error(err)
    code, out, err = run(capsys, "import", str(csv), "--map", "company=Outfit", "--map",
                         "date=2")
    assert code == 0, err
    assert "Outfit -> Company" in out and "When -> Date applied" in out


@pytest.mark.parametrize(("argv", "message"), [
    (["import", "missing.json"], "cannot read"),
    (["import", "{data}/brag-doc.md", "--mode", "replace"], "replace is only for"),
    (["import", "{data}/brag-doc.md", "--map", "company=A"], "--map is only for CSV"),
    (["import", "{data}/teal-export.csv", "--map", "colour=A"], "--map takes FIELD=COLUMN"),
    (["import", "{data}/teal-export.csv", "--format", "json"], "is not valid JSON"),
    (["import", "{data}/teal-export.csv", "--format", "xml"], "invalid choice"),
])
def test_bad_imports_are_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], data_paths: DataPaths, argv: list[str], message: str,
) -> None:
    with open_store(data_paths):
        pass
    before = db_state(data_paths)
    code, out, err = run(capsys, *(a.replace("{data}", str(DATA)) for a in argv))
    assert code == 2
    assert message in err
    _one_error(err)
    assert db_state(data_paths) == before


def test_a_refused_file_never_opens_the_store(capsys: pytest.CaptureFixture[str],
                                              tmp_path: Path, data_paths: DataPaths) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "trackrecord-backup", "version": 9}', encoding="utf-8")
    code, out, err = run(capsys, "import", str(bad))
    assert code == 2 and "newer Track Record" in err
    assert not data_paths.database.exists()


GOALS_DOC = """# Brag document 2026

## My goals

- Become the go-to person for billing
  - Rewrote the invoice service
- Ship search v2 (H1 2026)
- Q3: mentor two new hires

## Goals for next year

- Move towards a staff role

## Projects

- **Rewrote the invoice service** (Mar 2026) — cut failed invoices by 80%
"""


def test_import_a_brag_docs_goals(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    doc = tmp_path / "brag.md"
    doc.write_text(GOALS_DOC, encoding="utf-8")
    code, out, _ = run(capsys, "--data-dir", data, "import", "--dry-run", str(doc))
    assert code == 0
    assert "  add    goal      line 5  Become the go-to person for billing  \u00b7 2026 \u00b7 " \
           "linked to 1 entry of this file" in out
    assert "  add    goal      line 12  Move towards a staff role  \u00b7 2027" in out
    assert out.rstrip().endswith(
        "Would import: 5 added (4 goals, 1 entry) (dry run: nothing was written)")
    code, out, _ = run(capsys, "--data-dir", data, "goal", "list")
    assert code == 0 and "billing" not in out, "a dry run writes nothing"

    code, out, _ = run(capsys, "--data-dir", data, "import", str(doc))
    assert code == 0 and out.rstrip().endswith("Imported: 5 added (4 goals, 1 entry)")
    code, listed, _ = run(capsys, "--data-dir", data, "goal", "list")
    assert "Become the go-to person for billing (2026)" in listed
    assert "Ship search v2 (H1 2026)" in listed and "Move towards a staff role (2027)" in listed
    assert "- Rewrote the invoice service" in listed, "the goal lists the entry that served it"

    before = db_state(DataPaths(tmp_path / "data"))
    code, out, _ = run(capsys, "--data-dir", data, "import", str(doc))
    assert code == 0 and out.rstrip().endswith("Imported: 0 added, 5 skipped (5 already here)")
    assert db_state(DataPaths(tmp_path / "data")) == before
    code, again, _ = run(capsys, "--data-dir", data, "goal", "list")
    assert again == listed, "a second import adds no goal"
