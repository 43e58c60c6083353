"""``trackrecord export --format md`` starts like a small script: no SQLAlchemy, no Qt, no
Markdown-to-HTML renderer, and no other sub-command's module (their imports were most of a
1,000-entry export's time). Checked in a fresh interpreter, where nothing is imported yet."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from trackrecord.cli import main
from trackrecord.commands import COMMANDS
from trackrecord.core.bragdoc.prefs import ExportPrefs, load_prefs, save_prefs
from trackrecord.core.record.entries import EntryService
from trackrecord.core.store.db import open_store
from trackrecord.paths import DataPaths

# Runs the real command in a child process, then reports what it imported (on stderr, as
# the document may be on stdout).
CHILD = """
import json, sys
from trackrecord.cli import main
code = main(sys.argv[1:])
heavy = ("sqlalchemy", "PySide6", "markdown", "nh3", "alembic")
loaded = sorted(m for m in sys.modules if m.split(".")[0] in heavy
                or m.startswith("trackrecord.commands.") and m != "trackrecord.commands.base"
                and m != "trackrecord.commands.export")
print(json.dumps({"code": code, "loaded": loaded}), file=sys.stderr)
"""


@pytest.fixture
def filled(data_paths: DataPaths) -> DataPaths:
    with open_store(data_paths) as store:
        service = EntryService(store)
        service.create("shipped", "Ledger v2", start_date="2024-02-01", tags=["go"],
                       notes="# Design\n\nSee the **RFC**: <https://example.com/rfc>",
                       links=["https://example.com/ledger"])
        service.create("mentoring", "Mentoring Priya", mentee="Priya Sharma",
                       start_date="2022-04-01")
        save_prefs(store, ExportPrefs(format="md", name="Sam"))
    return data_paths


def _export(data: DataPaths, *args: str) -> tuple[str, list[str]]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, "--data-dir", str(data.root), "export", *args],
        capture_output=True, text=True, env=env, timeout=120,
    )
    report = json.loads(done.stderr.strip().splitlines()[-1])
    assert report["code"] == 0, done.stderr
    return done.stdout, report["loaded"]


@pytest.mark.parametrize("details", [(), ("--details", "--star")])
def test_markdown_to_standard_output_imports_nothing_heavy(
    filled: DataPaths, details: tuple[str, ...]
) -> None:
    out, loaded = _export(filled, "--format", "md", "-o", "-", *details)
    assert out.startswith("# Brag document\n")
    assert "Ledger v2" in out
    assert loaded == []


def test_markdown_to_a_file_imports_nothing_heavy(filled: DataPaths, tmp_path: Path) -> None:
    target = tmp_path / "brag.md"
    out, loaded = _export(filled, "--format", "md", "-o", str(target), "--details")
    assert out == f"wrote {target}\n"
    assert "See the **RFC**" in target.read_text(encoding="utf-8")
    assert loaded == []


def test_html_still_renders_notes_with_markdown(filled: DataPaths) -> None:
    out, loaded = _export(filled, "--format", "html", "-o", "-", "--details")
    assert "<strong>RFC</strong>" in out
    assert "markdown" in loaded and "sqlalchemy" not in loaded


def test_settings_are_read_without_the_orm(filled: DataPaths) -> None:
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from trackrecord.core.bragdoc.prefs import load_prefs\n"
        "from trackrecord.core.store.db import open_store\n"
        "from trackrecord.paths import DataPaths\n"
        "with open_store(DataPaths(Path(sys.argv[1]))) as store:\n"
        "    print(load_prefs(store).name, 'sqlalchemy' in sys.modules)\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run([sys.executable, "-c", code, str(filled.root)], capture_output=True,
                          text=True, env=env, timeout=60)
    assert done.stdout.strip() == "Sam False", done.stderr
    with open_store(filled) as store:  # and in this process, where the ORM may be loaded
        assert load_prefs(store) == ExportPrefs(format="md", name="Sam")


def test_help_still_lists_every_sub_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    listed = capsys.readouterr().out
    for command in COMMANDS:
        assert command in listed
    assert main(["export", "--help"]) == 0
    assert "--format" in capsys.readouterr().out


def test_a_mistyped_command_is_answered_with_every_choice(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["exprot", "--format", "md"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("trackrecord: ") and "'exprot'" in err
    for command in COMMANDS:
        assert command in err
