"""``trackrecord reframe`` and ``trackrecord rejection ...`` through main(argv)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from trackrecord.cli import main
from trackrecord.core.rejections.service import RejectionService
from trackrecord.core.store.db import open_store
from trackrecord.paths import DataPaths

ANALYSIS_KEYS = ["category", "category_trigger", "evidence", "gaps", "reframe"]
EVIDENCE_KEYS = ["id", "title", "kind", "score", "reasons"]
REFRAME_KEYS = ["headline", "body", "questions", "practice"]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def data(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> str:
    """A data folder with two entries, added through the CLI."""
    folder = str(tmp_path / "mine")
    for argv in (
        ["add", "shipped", "--title", "Sharded the routing service", "--date", "2022-03-01",
         "--tag", "distributed-systems", "--tag", "go", "--impact", "No incidents at launch"],
        ["add", "incident", "--title", "Kafka consumer lag", "--date", "2020-05-18",
         "--tag", "kafka", "--tag", "incident-response"],
    ):
        assert run(capsys, "--data-dir", folder, *argv)[0] == 0
    return folder


def stored(folder: str) -> list[str]:
    with open_store(DataPaths(Path(folder))) as store:
        return [r.company for r in RejectionService(store).list()]


def _check_shape(doc: dict[str, object]) -> None:
    assert list(doc)[-5:] == ANALYSIS_KEYS
    evidence = doc["evidence"]
    assert isinstance(evidence, list) and evidence
    for item in evidence:
        assert list(item) == EVIDENCE_KEYS
        assert isinstance(item["score"], float) and item["reasons"]
    assert isinstance(doc["gaps"], list)
    reframe = doc["reframe"]
    assert isinstance(reframe, dict) and list(reframe) == REFRAME_KEYS
    assert isinstance(reframe["questions"], list) and isinstance(reframe["practice"], list)


def test_reframe_json_has_exactly_the_documented_shape(
    capsys: pytest.CaptureFixture[str], data: str
) -> None:
    code, out, err = run(
        capsys, "--data-dir", data, "reframe", "--stage", "system-design", "--company", "Hollis",
        "--role", "Senior Backend Engineer", "--feedback",
        "We wanted more depth on scaling, and someone with more iOS experience.", "--json",
    )
    assert (code, err) == (0, "")
    doc = json.loads(out)
    assert list(doc) == ANALYSIS_KEYS
    _check_shape(doc)
    assert doc["category"] == "fit"
    assert doc["category_trigger"] == "someone with more"
    assert doc["evidence"][0]["title"] == "Sharded the routing service"
    assert doc["gaps"] == ["mobile development"]
    assert stored(data) == []  # reframe never saves


def test_reframe_reads_feedback_from_stdin_and_prints_text(
    capsys: pytest.CaptureFixture[str], data: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("You ran out of time and went quiet."))
    code, out, _ = run(capsys, "--data-dir", data, "reframe", "--stage", "Coding interview",
                       "--feedback", "-")
    assert code == 0
    assert "Category: Signal gap (suggested by \u201cran out of time\u201d)" in out
    assert "Your evidence" in out and "Practise next" in out
    assert "Sharded the routing service" in out


def test_rejection_add_saves_what_it_printed(
    capsys: pytest.CaptureFixture[str], data: str
) -> None:
    code, out, _ = run(
        capsys, "--data-dir", data, "rejection", "add", "--company", "Acme", "--role",
        "Backend Engineer", "--stage", "coding", "--date", "2025-02-03", "--feedback",
        "We went with an internal candidate.", "--sting-before", "60", "--keep-practice",
        "--json",
    )
    assert code == 0
    added = json.loads(out)
    assert list(added) == ["id", *ANALYSIS_KEYS]
    _check_shape(added)
    assert added["category"] == "external-noise"

    code, out, _ = run(capsys, "--data-dir", data, "rejection", "show", added["id"][:8], "--json")
    assert code == 0
    shown = json.loads(out)
    assert shown["company"] == "Acme" and shown["date"] == "2025-02-03"
    assert shown["sting_before"] == 60 and shown["sting_after"] is None
    assert shown["analysis"] == {k: v for k, v in added.items() if k != "id"}
    assert [p["text"] for p in shown["practice"]] == added["reframe"]["practice"]

    code, out, _ = run(capsys, "--data-dir", data, "rejection", "list", "--json")
    [row] = json.loads(out)
    assert row["id"] == added["id"] and row["category"] == "external-noise"
    code, out, _ = run(capsys, "--data-dir", data, "rejection", "list")
    assert "Acme \u2014 Backend Engineer" in out and "External noise" in out
    assert "sting 60 \u2192 ?" in out


def test_rejection_show_prints_the_saved_analysis(
    capsys: pytest.CaptureFixture[str], data: str
) -> None:
    _, out, _ = run(capsys, "--data-dir", data, "rejection", "add", "--company", "Acme",
                    "--role", "SRE", "--stage", "onsite", "--category", "fit", "--json")
    rejection_id = json.loads(out)["id"]
    code, out, _ = run(capsys, "--data-dir", data, "rejection", "show", rejection_id)
    assert code == 0
    assert "Acme \u2014 SRE" in out
    assert "What was shown when it was logged" in out
    assert "Category: Fit, not ability (your choice; the feedback suggested Unknown)" in out
    code, out, _ = run(capsys, "--data-dir", data, "rejection", "delete", rejection_id[:8])
    assert code == 0 and stored(data) == []


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["reframe", "--stage", "lunch"], "unknown stage 'lunch'"),
        (["rejection", "add", "--company", "Acme", "--role", "R", "--stage", "lunch"],
         "unknown stage 'lunch'"),
        (["rejection", "add", "--company", "Acme", "--role", "R", "--stage", "coding",
          "--category", "bad-luck"], "unknown category 'bad-luck'"),
        (["rejection", "add", "--company", "  ", "--role", "R", "--stage", "coding"],
         "the company cannot be empty"),
        (["rejection", "add", "--company", "Acme", "--role", "R", "--stage", "coding",
          "--sting-before", "140"], "from 0 to 100, not 140"),
        (["rejection", "add", "--role", "R", "--stage", "coding"], "--company"),
        (["rejection", "add", "--company", "Acme", "--role", "R", "--stage", "coding",
          "--date", "soon"], "YYYY-MM-DD"),
        (["rejection", "show", "ffffffff"], "no rejection with id"),
        (["rejection", "list", "--category", "luck"], "unknown category"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_nothing_saved(
    capsys: pytest.CaptureFixture[str], data: str, argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, "--data-dir", data, *argv)
    assert code == 2
    assert out == ""
    assert message in err
    assert err.count("\n") == 1 and err.startswith("trackrecord: ")
    assert stored(data) == []
