"""The command line, through main(argv) and once as a real process."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from trackrecord import __version__
from trackrecord.cli import main
from trackrecord.core.record.entries import EntryService
from trackrecord.core.store.db import open_store
from trackrecord.paths import DataPaths


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def stored_titles(data_dir: Path) -> list[str]:
    if not (data_dir / "trackrecord.sqlite3").exists():
        return []
    with open_store(DataPaths(data_dir)) as store:
        return sorted(e.title for e in EntryService(store).list())


def test_add_prints_the_id_and_list_shows_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = str(tmp_path / "mine")
    code, out, _ = run(
        capsys, "--data-dir", data, "add", "shipped", "--title", "Payments ledger v2",
        "--date", "2024-03-01", "--tag", "go", "--tag", "postgres", "--summary", "Rebuilt it",
    )
    assert code == 0
    entry_id = out.strip()
    assert len(entry_id) == 36
    code, out, _ = run(capsys, "--data-dir", data, "list", "--json")
    assert code == 0
    [row] = json.loads(out)
    assert row["id"] == entry_id
    assert row["title"] == "Payments ledger v2"
    assert row["start_date"] == "2024-03-01"


def test_show_edit_delete_by_id_prefix(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "add", "incident", "--title", "Checkout outage", "--org", "Copperleaf")
    prefix = out.strip()[:8]
    code, out, _ = run(capsys, "edit", prefix, "--impact", "No data lost", "--json")
    assert code == 0
    assert json.loads(out)["impact"] == "No data lost"
    code, out, _ = run(capsys, "show", prefix)
    assert code == 0
    assert "Checkout outage" in out and "Impact: No data lost" in out and "Copperleaf" in out
    code, out, _ = run(capsys, "delete", prefix)
    assert code == 0 and "Checkout outage" in out
    _, out, _ = run(capsys, "list")
    assert out == ""


def test_list_filters(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "add", "shipped", "--title", "Ledger", "--date", "2022-01-01", "--tag", "go")
    run(capsys, "add", "mentoring", "--title", "Mentored Sam", "--date", "2024-01-01")
    assert "Ledger" in run(capsys, "list", "--kind", "shipped")[1]
    assert "Ledger" not in run(capsys, "list", "--kind", "mentoring")[1]
    assert "Ledger" in run(capsys, "list", "--tag", "GO")[1]
    assert "Ledger" not in run(capsys, "list", "--since", "2023-01-01")[1]
    assert "Mentored Sam" in run(capsys, "list", "--search", "sam")[1]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["add", "award", "--title", "x"], "unknown kind"),
        (["add", "shipped", "--title", "  "], "title cannot be empty"),
        (["add", "shipped", "--title", "x", "--date", "2024-02-30"], "YYYY-MM-DD"),
        (["add", "shipped", "--title", "x", "--date", "2024-03-01", "--end", "2024-01-01"],
         "before the start"),
        (["show", "0000dead"], "no entry"),
        (["edit", "0000dead", "--title", "x"], "no entry"),
        (["delete", "0000dead"], "no entry"),
        (["list", "--since", "yesterday"], "YYYY-MM-DD"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str], message: str
) -> None:
    data = tmp_path / "mine"
    code, out, err = run(capsys, "--data-dir", str(data), *argv)
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert out == ""
    assert stored_titles(data) == []


def test_an_unusable_data_folder_is_one_clear_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = run(capsys, "--data-dir", str(blocker / "data"), "list")
    assert code == 2
    assert "data folder" in err and len(err.strip().splitlines()) == 1


def test_a_foreign_database_is_refused_by_the_cli(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = tmp_path / "mine"
    data.mkdir()
    (data / "trackrecord.sqlite3").write_text("hello")
    code, _, err = run(capsys, "--data-dir", str(data), "add", "shipped", "--title", "x")
    assert code == 2 and "not a Track Record database" in err
    assert (data / "trackrecord.sqlite3").read_text() == "hello"


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert __version__ in out


def test_a_real_process_with_notes_from_stdin(tmp_path: Path) -> None:
    env = {**os.environ, "TRACKRECORD_DATA_DIR": str(tmp_path / "env-data")}
    added = subprocess.run(
        [sys.executable, "-m", "trackrecord", "add", "other", "--title", "Talk", "--notes", "-",
         "--json"],
        input="Spoke about **observability**\n", capture_output=True, text=True, env=env,
        check=True, cwd=tmp_path,
    )
    assert json.loads(added.stdout)["notes"] == "Spoke about **observability**\n"
    listed = subprocess.run(
        [sys.executable, "-m", "trackrecord", "list"], capture_output=True, text=True, env=env,
        check=True, cwd=tmp_path,
    )
    assert "Talk" in listed.stdout
    assert stored_titles(tmp_path / "env-data") == ["Talk"]


def test_every_sub_command_is_in_the_lazy_registry() -> None:
    """cli.COMMANDS must name every sub-command, or the app would start it as a window."""
    from trackrecord.cli import build_parser
    from trackrecord.commands import COMMANDS

    parser = build_parser()
    [sub] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    assert set(sub.choices) == set(COMMANDS)


def test_starting_the_app_imports_no_sub_command_and_no_database_library() -> None:
    code = (
        "import sys\n"
        "from trackrecord.cli import _first_word, build_parser\n"
        "build_parser(with_commands=_first_word(['--data-dir', 'x', '--demo']) is not None)\n"
        "print(sorted(m for m in sys.modules if m.startswith(('sqlalchemy', "
        "'trackrecord.commands.'))))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"


def test_a_reader_that_stops_early_is_not_an_error(tmp_path: Path) -> None:
    env = {**os.environ, "TRACKRECORD_DATA_DIR": str(tmp_path / "data")}
    with open_store(DataPaths(tmp_path / "data")) as store:
        service = EntryService(store)
        for i in range(2500):  # a listing well past one pipe buffer (64 KiB)
            service.create("other", f"A win worth writing down, number {i}")
    listing = subprocess.Popen([sys.executable, "-m", "trackrecord", "list"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert listing.stdout is not None
    listing.stdout.readline()
    listing.stdout.close()  # like `| head -1`
    _, err = listing.communicate(timeout=60)
    assert listing.returncode == 0
    assert b"Traceback" not in err


def test_demo_runs_a_command_on_a_throwaway_copy_of_the_sample_data(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`trackrecord --demo list` printed nothing and made an empty store of yours."""
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", None)  # read TMPDIR again
    mine = Path(os.environ["TRACKRECORD_DATA_DIR"])
    code, out, err = run(capsys, "--demo", "list", "--kind", "shipped")
    assert code == 0
    assert "Merchant ledger v2" in out and len(out.splitlines()) == 14
    assert "demo data" in err and "nothing it changes is kept" in err
    code, out, _ = run(capsys, "--demo", "add", "other", "--title", "Tried it out")
    assert code == 0 and len(out.strip()) == 36
    code, out, _ = run(capsys, "--demo", "list", "--search", "Tried it out")
    assert code == 0 and out == ""  # the change went with the copy
    sheet = tmp_path / "sheet.pdf"
    code, out, _ = run(capsys, "--demo", "review", "--stage", "coding", "-o", str(sheet))
    assert code == 0 and sheet.stat().st_size > 0  # what it writes elsewhere is kept
    assert not mine.exists()  # your own data folder was never opened
    assert list((tmp_path / "tmp").iterdir()) == []  # nor is any copy left behind


def test_demo_with_a_data_folder_is_refused_with_a_sentence(
    capsys: pytest.CaptureFixture[str], tmp_path: Path,
) -> None:
    code, out, err = run(capsys, "--demo", "--data-dir", str(tmp_path / "x"), "list")
    assert code == 2 and out == ""
    assert err == ("trackrecord: --demo uses a throwaway copy of the sample data; leave out "
                   "--data-dir, or --demo to use your own\n")
    assert not (tmp_path / "x").exists()
