"""What used to end in a traceback, or in a quiet surprise, now ends in one sentence.

Each case from the issue's points 4 and 5: the sentence, exit status 2 (or what was
promised), and nothing written.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from trackrecord.cli import main
from trackrecord.core.backup.copies import make_backup
from trackrecord.core.record.entries import EntryService
from trackrecord.core.store.db import open_store
from trackrecord.paths import DataPaths

CLI = [sys.executable, "-m", "trackrecord"]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _one_line(err: str, says: str) -> None:
    assert says in err, err
    assert err.count("\n") == 1 and "Traceback" not in err, err


def _filled(data: Path) -> DataPaths:
    paths = DataPaths(data)
    with open_store(paths) as store:
        EntryService(store).create("shipped", "Ledger", start_date="2024-03-01")
    return paths


def _everything(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` and its bytes; SQLite's shared-memory file, which any
    reader may leave beside the store, is left out, and a WAL must hold nothing."""
    files = {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()
             and not p.name.endswith("-shm")}
    assert not any(name.endswith("-wal") and data for name, data in files.items())
    return {name: data for name, data in files.items() if not name.endswith("-wal")}


# -- undecodable bytes ----------------------------------------------------------------------

BAD = b"\xff\xfe"


@pytest.mark.parametrize("argv", [
    [b"add", b"shipped", b"--title", BAD],
    [b"add", b"shipped", b"--title", b"Ledger", b"--tag", BAD],
    [b"show", BAD],
    [b"list", b"--search", BAD],
    [b"edit", b"abcd", b"--summary", BAD],
    [b"rejection", b"add", b"--company", BAD, b"--role", b"r", b"--stage", b"coding"],
    [b"export", b"--format", b"md", b"-o", b"brag-" + BAD + b".md"],
    [b"import", BAD + b".md"],
])
def test_undecodable_bytes_in_an_argument_are_refused(tmp_path: Path, argv: list[bytes]) -> None:
    data = tmp_path / "data"
    _filled(data)
    before = _everything(data)
    done = subprocess.run([*CLI, "--data-dir", str(data), *argv], capture_output=True,
                          cwd=tmp_path)
    assert done.returncode == 2
    err = done.stderr.decode("utf-8", "replace")
    _one_line(err, "holds bytes that are not UTF-8 text (")
    assert "\\xff\\xfe" in err
    assert _everything(data) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_binary_notes_on_standard_input_are_refused(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _filled(data)
    before = _everything(data)
    for command in (["add", "other", "--title", "Talk", "--notes", "-"],
                    ["rejection", "add", "--company", "Acme", "--role", "r", "--stage",
                     "coding", "--feedback", "-"]):
        done = subprocess.run([*CLI, "--data-dir", str(data), *command],
                              input=b"\x89PNG\r\n\x1a\n\x00\x00\x90", capture_output=True)
        assert done.returncode == 2
        _one_line(done.stderr.decode(), "standard input is not UTF-8 text (byte 0x89")
    assert _everything(data) == before


# -- the database path, the data folder -----------------------------------------------------

@pytest.mark.parametrize("argv", [
    ["list"], ["add", "shipped", "--title", "Ledger"], ["show", "abcd"],
    ["export", "--format", "md", "-o", "-"], ["backup"], ["rejection", "list"],
    ["reframe", "--stage", "coding", "--feedback", "communication"],
    ["review", "--stage", "coding"],
])
def test_a_folder_where_the_database_should_be_is_explained(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    (tmp_path / "data" / "trackrecord.sqlite3").mkdir(parents=True)
    code, out, err = run(capsys, "--data-dir", str(tmp_path / "data"), *argv)
    assert code == 2 and out == ""
    _one_line(err, "is a folder, not a database file")
    assert list((tmp_path / "data" / "trackrecord.sqlite3").iterdir()) == []


def test_check_and_restore_with_a_folder_there(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    paths = _filled(tmp_path / "data")
    backup = make_backup(paths, "manual").path
    paths.database.unlink()
    paths.database.mkdir()
    code, out, _ = run(capsys, "--data-dir", str(paths.root), "check")
    assert code == 1 and "is a folder, not a database file" in out
    code, _, err = run(capsys, "--data-dir", str(paths.root), "restore", str(backup))
    assert code == 2
    _one_line(err, "is not a database file (a folder?)")
    assert paths.database.is_dir()


@pytest.mark.parametrize("value", ["", "  "])
def test_an_empty_data_dir_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                      value: str) -> None:
    for argv in (["--data-dir", value, "list"], ["--data-dir", value, "--exit-when-ready"]):
        code, out, err = run(capsys, *argv)
        assert code == 2 and out == ""
        _one_line(err, "--data-dir is empty")


# -- the migration table --------------------------------------------------------------------

@pytest.mark.parametrize("damage", ["DROP TABLE alembic_version", "DELETE FROM alembic_version"])
def test_a_store_without_its_schema_version_is_refused_unchanged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], damage: str
) -> None:
    paths = _filled(tmp_path / "data")
    conn = sqlite3.connect(paths.database)
    conn.execute(damage)
    conn.commit()
    conn.close()
    before = _everything(paths.root)
    for argv in (["list"], ["add", "shipped", "--title", "New"], ["export", "-f", "md",
                                                                   "-o", "-"]):
        code, out, err = run(capsys, "--data-dir", str(paths.root), *argv)
        assert code == 2 and out == ""
        _one_line(err, "its record of which schema version they are (the alembic_version "
                       "table) is")
    assert _everything(paths.root) == before  # no "create tables", no header change, no backup
    code, out, _ = run(capsys, "--data-dir", str(paths.root), "check")
    assert code == 1
    assert "FAIL  schema_version: the alembic_version table is" in out
    assert _everything(paths.root) == before


# -- imports ---------------------------------------------------------------------------------

def _backup_document(tmp_path: Path, *titles: str) -> Path:
    stamp = "2024-03-01T09:30:00+00:00"
    doc = {"format": "trackrecord-backup", "version": 1, "entries": [
        {"id": f"00000000-0000-4000-8000-{i:012d}", "kind": "shipped", "title": title,
         "start_date": "2024-03-01", "created_at": stamp, "updated_at": stamp}
        for i, title in enumerate(titles)],
        "rejections": [], "practice_items": [], "practice_sessions": [], "custom_reframes": [],
        "upcoming_interviews": [], "settings": {}}
    path = tmp_path / f"backup-{len(titles)}.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_a_dry_run_into_a_missing_folder_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = _backup_document(tmp_path, "Ledger")
    code, out, _ = run(capsys, "--data-dir", str(tmp_path / "new" / "data"), "import",
                       str(file), "--dry-run")
    assert code == 0 and "Would import: 1 added" in out
    assert not (tmp_path / "new").exists()


def test_a_json_import_that_changes_nothing_takes_no_backup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = _filled(tmp_path / "data")
    file = _backup_document(tmp_path, "Imported")
    root = str(paths.root)
    assert run(capsys, "--data-dir", root, "import", str(file))[0] == 0
    assert len(list(paths.backups.glob("*-pre-import.sqlite3"))) == 1
    before = _everything(paths.root)
    code, out, _ = run(capsys, "--data-dir", root, "import", str(file))
    assert code == 0 and "Imported: 0 added" in out
    assert "kept in" not in out
    assert _everything(paths.root) == before


def test_pre_import_backups_are_rotated(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    paths = _filled(tmp_path / "data")
    for n in range(1, 16):  # fifteen imports that each add something
        file = tmp_path / f"brag-{n}.md"
        file.write_text(f"# Brag document\n\n## Projects\n\n- Project number {n}\n")
        assert run(capsys, "--data-dir", str(paths.root), "import", str(file))[0] == 0
    kept = list(paths.backups.glob("*-pre-import.sqlite3"))
    assert len(kept) == 12  # the 12 newest (all from today: one day, one week, one month)
    with open_store(paths) as store:
        assert len(EntryService(store).list()) == 16


def test_control_characters_in_an_imported_file_never_reach_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = _backup_document(tmp_path, "Ledger\x00\x1b[2J\x1b]0;pwned\x07 v2", "Plain")
    root = str(tmp_path / "data")
    code, out, _ = run(capsys, "--data-dir", root, "import", str(file))
    assert code == 0
    assert "control characters (such as NUL or ESC) were taken out of 1 text field(s): " \
           "entries[0].title" in out
    code, out, _ = run(capsys, "--data-dir", root, "list")
    assert code == 0 and "Ledger[2J]0;pwned v2" in out
    assert not any(c in out for c in "\x00\x1b\x07")


def test_list_never_prints_escapes_an_older_store_still_holds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = _filled(tmp_path / "data")
    conn = sqlite3.connect(paths.database)  # as written by an older version, or by hand
    conn.execute("UPDATE entries SET title = 'Ledger\x1b[2J'")
    conn.commit()
    conn.close()
    code, out, _ = run(capsys, "--data-dir", str(paths.root), "list")
    assert code == 0 and "Ledger\\x1b[2J" in out and "\x1b" not in out


# -- dates ------------------------------------------------------------------------------------

@pytest.mark.parametrize("date", ["20240301", "2024-W10-1", "2024-061", "2024-3-1"])
def test_dates_are_only_yyyy_mm_dd(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                   date: str) -> None:
    paths = _filled(tmp_path / "data")
    before = _everything(paths.root)
    for argv in (["add", "shipped", "--title", "New", "--date", date],
                 ["list", "--since", date],
                 ["rejection", "add", "--company", "Acme", "--role", "r", "--stage", "coding",
                  "--date", date]):
        code, out, err = run(capsys, "--data-dir", str(paths.root), *argv)
        assert code == 2 and out == ""
        _one_line(err, "is not a date written YYYY-MM-DD")
    assert _everything(paths.root) == before


def test_a_rejection_from_the_future_is_refused(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    paths = _filled(tmp_path / "data")
    before = _everything(paths.root)
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    code, out, err = run(capsys, "--data-dir", str(paths.root), "rejection", "add",
                         "--company", "Acme", "--role", "r", "--stage", "coding",
                         "--date", tomorrow)
    assert code == 2 and out == ""
    _one_line(err, f"the date {tomorrow} is in the future")
    assert _everything(paths.root) == before
    code, _, _ = run(capsys, "--data-dir", str(paths.root), "rejection", "add", "--company",
                     "Acme", "--role", "r", "--stage", "coding", "--date",
                     dt.date.today().isoformat())
    assert code == 0  # today is fine


def test_an_interview_in_the_past_gets_a_note(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    paths = _filled(tmp_path / "data")
    code, out, err = run(capsys, "--data-dir", str(paths.root), "review", "--stage", "coding",
                         "--date", "2020-01-06")
    assert code == 0 and out.startswith("#")
    _one_line(err, "note: the interview date 2020-01-06 is in the past")
    code, out, err = run(capsys, "--data-dir", str(paths.root), "review", "--stage", "coding",
                         "--date", (dt.date.today() + dt.timedelta(days=3)).isoformat())
    assert code == 0 and err == ""


# -- a read-only data folder ----------------------------------------------------------------

def _can_mount_read_only() -> bool:
    from shutil import which

    if which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-rm", "sh", "-c", "mount --bind /tmp /tmp && "
                            "mount -o remount,bind,ro /tmp"], capture_output=True)
    return probe.returncode == 0


@pytest.mark.skipif(not _can_mount_read_only(), reason="cannot make a read-only mount here")
def test_a_read_only_folder_still_lists_shows_and_exports(tmp_path: Path) -> None:
    paths = _filled(tmp_path / "data")
    before = _everything(paths.root)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    script = (f"mount --bind {paths.root} {paths.root} && "
              f"mount -o remount,bind,ro {paths.root} && exec \"$@\"")

    def ro(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["unshare", "-rm", "sh", "-c", script, "sh", *CLI,
                               "--data-dir", str(paths.root), *argv],
                              capture_output=True, text=True, timeout=120,
                              env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})

    listed = ro("list")
    assert listed.returncode == 0 and "Ledger" in listed.stdout, listed.stderr
    shown = ro("show", listed.stdout.split()[0])
    assert shown.returncode == 0 and shown.stdout.startswith("Ledger")
    for fmt in ("md", "json"):
        exported = ro("export", "--format", fmt, "-o", str(out_dir / f"brag.{fmt}"))
        assert exported.returncode == 0, exported.stderr
    assert "Ledger" in (out_dir / "brag.md").read_text()
    added = ro("add", "shipped", "--title", "New")
    assert added.returncode == 2 and "read-only" in added.stderr
    assert _everything(paths.root) == before
