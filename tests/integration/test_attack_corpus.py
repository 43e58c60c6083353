"""The attack corpus in tests/data/attack/, run as a person would meet it.

- ``cli_arguments.json``: bad command lines. Each ends in one line on stderr saying what is
  wrong, exit status 2, nothing on stdout, and the data folder exactly as it was.
- ``imports/`` with ``imports.json``: malformed files to import. Each is refused the same
  way, or imported without anything harmful reaching the store (no control characters, a
  store that still passes ``check``, lists and exports that still work).
- ``damaged_stores.json``: ways a store can be damaged or tampered with. Where the store
  cannot be trusted it is refused, unchanged, by every command; where it can still be read,
  ``check`` names what is wrong. Each damage done to a backup stops it being restored.

The XSS payloads (``xss.txt``) are in test_attack_xss.py.
"""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from trackrecord.cli import main
from trackrecord.core.backup.copies import make_backup
from trackrecord.core.record.entries import EntryService
from trackrecord.core.rejections.service import RejectionService
from trackrecord.core.store.db import Store, open_store
from trackrecord.core.store.integrity import check_database
from trackrecord.paths import DataPaths

ATTACK = Path(__file__).resolve().parents[1] / "data" / "attack"
CLI_CASES: list[dict[str, Any]] = json.loads((ATTACK / "cli_arguments.json").read_text("utf-8"))
IMPORTS: dict[str, dict[str, str]] = json.loads((ATTACK / "imports.json").read_text("utf-8"))
DAMAGE: list[dict[str, Any]] = json.loads((ATTACK / "damaged_stores.json").read_text("utf-8"))
CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _one_line(err: str) -> None:
    assert err.startswith("trackrecord: ") and err.count("\n") == 1, err
    assert "Traceback" not in err and not CONTROLS.search(err), err


def _folder(root: Path) -> dict[str, bytes]:
    """The data folder's files and bytes (SQLite's shared-memory file, which any reader may
    leave, aside; a WAL must be empty)."""
    files = {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*")
             if p.is_file() and not p.name.endswith("-shm")}
    assert not any(n.endswith("-wal") and b for n, b in files.items()), "a WAL holds data"
    return {n: b for n, b in files.items() if not n.endswith("-wal")}


def _filled(root: Path) -> tuple[DataPaths, str]:
    paths = DataPaths(root)
    with open_store(paths) as store:
        entry = EntryService(store).create("shipped", "Ledger", start_date="2024-03-01")
        EntryService(store).create("incident", "Outage", start_date="2024-04-01")
        EntryService(store).create("other", "Talk", start_date="2024-05-01")
        rejection = RejectionService(store).create("Acme", "coding", role="Engineer",
                                                   date="2024-03-04")
        RejectionService(store).add_practice("Narrate the approach", rejection.id)
    return paths, entry.id


# -- bad command lines --------------------------------------------------------------------


@pytest.mark.parametrize("case", CLI_CASES, ids=[" ".join(c["argv"])[:60] for c in CLI_CASES])
def test_a_bad_command_line_gets_one_sentence_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: dict[str, Any]
) -> None:
    paths, entry_id = _filled(tmp_path / "data")
    (tmp_path / "ok.json").write_text(json.dumps({
        "format": "trackrecord-backup", "version": 1, "entries": [], "rejections": [],
        "practice_items": [], "practice_sessions": [], "custom_reframes": [],
        "upcoming_interviews": [], "settings": {}}))
    (tmp_path / "brag.md").write_text("# Brag\n\n- Shipped a thing\n")
    before = _folder(paths.root)
    places = {"{ID}": entry_id[:8], "{TMP}": str(tmp_path), "{DATA}": str(paths.root)}

    def fill(text: str) -> str:
        for key, value in places.items():
            text = text.replace(key, value)
        return text

    argv = [fill(word) for word in case["argv"]]
    if argv[:1] != ["--data-dir"]:
        argv = ["--data-dir", str(paths.root), *argv]
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == "", (out, err)
    _one_line(err)
    assert fill(case["says"]) in err
    assert _folder(paths.root) == before


# -- malformed imports ----------------------------------------------------------------------


def _stored_text(store: Store) -> list[str]:
    with store.query() as conn:
        out: list[str] = []
        for table, columns in (("entries", "title, summary, notes, organisation, tag_text"),
                               ("rejections", "company, role, feedback, own_read"),
                               ("practice_items", "text"), ("tags", "name")):
            for row in conn.execute(f"SELECT {columns} FROM {table}"):
                out += [str(v) for v in row if v is not None]
    return out


@pytest.mark.parametrize("name", sorted(IMPORTS))
def test_a_malformed_import_is_refused_or_comes_in_harmless(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    paths, _ = _filled(tmp_path / "data")
    expected = IMPORTS[name]
    before = _folder(paths.root)
    root = str(paths.root)
    code, out, err = run(capsys, "--data-dir", root, "import", str(ATTACK / "imports" / name))
    if expected["outcome"] == "refused":
        assert code == 2, out
        _one_line(err)
        assert expected["says"] in err
        assert _folder(paths.root) == before
        return
    assert code == 0, err
    assert not CONTROLS.search(out)
    assert check_database(paths.database).ok
    with open_store(paths) as store:
        for text in _stored_text(store):
            assert not CONTROLS.search(text), repr(text)
    for argv in (["list"], ["rejection", "list"], ["export", "--format", "html", "-o", "-"]):
        code, out, err = run(capsys, "--data-dir", root, *argv)
        assert code == 0 and err == "" and not CONTROLS.search(out), (argv, err)
    assert "<script" not in out.lower()  # (the HTML export: a title's markup is text there)


# -- damaged stores -------------------------------------------------------------------------


def _damage(path: Path, recipe: dict[str, Any]) -> None:
    if "sql" in recipe:
        conn = sqlite3.connect(path, isolation_level=None)
        try:
            for statement in recipe["sql"]:
                conn.execute(statement)
        finally:
            conn.close()
    if "truncate" in recipe:
        size = path.stat().st_size // 2 if recipe["truncate"] == "half" else recipe["truncate"]
        with path.open("r+b") as fh:
            fh.truncate(size)
    if "write" in recipe:
        how = recipe["write"]
        with path.open("r+b") as fh:
            fh.seek(how["at"])
            fh.write(bytes.fromhex(how["hex"]) * how["times"])
    if "wal" in recipe:
        path.with_name(path.name + "-wal").write_text(recipe["wal"])
    replacement = recipe.get("replace_with")
    if replacement is not None:
        path.unlink()
        if replacement == "folder":
            path.mkdir()
        elif replacement == "dangling link":
            path.symlink_to(path.parent / "gone" / path.name)
        elif replacement == "link loop":
            path.symlink_to(path.name)
        else:
            path.write_text("these are not the entries you are looking for\n")


READERS = (["list"], ["show", "{ID}"], ["export", "--format", "md", "-o", "-"],
           ["rejection", "list"], ["reframe", "--stage", "coding", "--feedback", "nerves"])
WRITERS = (["add", "shipped", "--title", "New"], ["backup"],
           ["import", str(ATTACK / "imports" / "controls-in-text.json")])


@pytest.mark.parametrize("recipe", DAMAGE, ids=[r["name"] for r in DAMAGE])
def test_a_damaged_store_is_refused_unchanged_or_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], recipe: dict[str, Any]
) -> None:
    paths, entry_id = _filled(tmp_path / "data")
    _damage(paths.database, recipe)
    root = str(paths.root)
    if recipe["open"] == "refused":
        before = _folder(paths.root)
        for argv in (*READERS, *WRITERS):
            code, out, err = run(capsys, "--data-dir", root,
                                 *[w.replace("{ID}", entry_id[:8]) for w in argv])
            assert code == 2 and out == "", (argv, out, err)
            _one_line(err)
            assert recipe["says"] in err, (argv, err)
        assert _folder(paths.root) == before  # not a byte changed, no backup taken
        code, out, err = run(capsys, "--data-dir", root, "check")
        assert code == 1 and "FAIL" in out and "Traceback" not in err
        assert _folder(paths.root) == before
        return
    code, out, err = run(capsys, "--data-dir", root, "list")
    assert code == 0 and "Ledger" in out, err
    code, out, err = run(capsys, "--data-dir", root, "check")
    assert "Traceback" not in err
    if recipe["check"] is None:
        assert code == 0, out
    else:
        assert code == 1 and recipe["check"] in out, out


@pytest.mark.parametrize("recipe", [r for r in DAMAGE if r.get("as_backup", True)],
                         ids=[r["name"] for r in DAMAGE if r.get("as_backup", True)])
def test_a_damaged_backup_is_never_restored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], recipe: dict[str, Any]
) -> None:
    paths, _ = _filled(tmp_path / "data")
    backup = make_backup(paths, "manual").path
    with open_store(paths) as store:
        EntryService(store).create("other", "Written after the backup")
    _damage(backup, recipe)
    before = _folder(paths.root)
    code, out, err = run(capsys, "--data-dir", str(paths.root), "restore", str(backup))
    assert code == 2 and out == "", (out, err)
    _one_line(err)
    assert "cannot be restored" in err or "not a backup file" in err
    assert _folder(paths.root) == before
    code, out, _ = run(capsys, "--data-dir", str(paths.root), "backups")
    assert code == 0 and "NOT USABLE" in out


def test_the_corpus_is_as_large_as_the_issue_asked(tmp_path: Path) -> None:
    """The issue tried about 100 bad arguments, 60 import files and 12 damaged stores."""
    assert len(CLI_CASES) >= 100
    assert len(IMPORTS) >= 60 and set(IMPORTS) == {p.name for p in (ATTACK / "imports").iterdir()}
    assert len(DAMAGE) >= 12
