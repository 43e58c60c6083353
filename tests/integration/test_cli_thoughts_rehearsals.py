"""``trackrecord rejection thought`` and ``trackrecord review stories|rehearsed|told``
through main(argv): what a person or a script sees, and nothing written on bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from trackrecord.cli import main
from trackrecord.core.demo import load_demo
from trackrecord.core.rejections.service import RejectionService
from trackrecord.core.rejections.thoughts import ThoughtService
from trackrecord.core.review.interviews import UpcomingInterviewService
from trackrecord.core.review.rehearsals import RehearsalService
from trackrecord.core.store.db import open_store
from trackrecord.paths import DataPaths


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def demo_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "demo"
    with open_store(DataPaths(folder)) as store:
        load_demo(store)
        RejectionService(store).create(
            "Northwind", "behavioral", date="2026-11-02",
            feedback="Your examples were hard to follow. We liked your ownership.")
        UpcomingInterviewService(store).create(["behavioral"], company="Northwind",
                                               role="Staff Engineer", date="2026-12-20")
    return folder


def _ids(folder: Path) -> tuple[str, str]:
    with open_store(DataPaths(folder)) as store:
        return (RejectionService(store).list()[0].id,
                UpcomingInterviewService(store).list()[0].id)


def test_a_thought_record_written_and_read_from_the_shell(
        capsys: pytest.CaptureFixture[str], demo_dir: Path) -> None:
    rejection, _ = _ids(demo_dir)
    d = ("--data-dir", str(demo_dir))
    code, out, _ = run(capsys, *d, "rejection", "thought", rejection[:6])
    assert code == 0 and "no thought record yet" in out
    code, out, _ = run(capsys, *d, "rejection", "thought", rejection[:6], "--thought",
                       "I'm not good enough for senior roles", "--emotion", "ashamed=80",
                       "--emotion", "worried about money=55")
    assert code == 0 and "Labelling (“I'm not good enough”)" in out  # suggested, not ticked
    code, out, _ = run(capsys, *d, "rejection", "thought", rejection[:6], "--after",
                       "Ashamed=40", "--trap", "labelling", "--balanced",
                       "One team, one day; the payments work is still mine.")
    assert code == 0 and "ashamed: 80 → 40" in out and "Labelling: Summing yourself" in out
    code, out, _ = run(capsys, *d, "rejection", "thought", rejection[:6], "--json")
    record = json.loads(out)
    assert record["emotions"] == [{"name": "ashamed", "before": 80, "after": 40},
                                  {"name": "worried about money", "before": 55, "after": None}]
    assert record["traps"] == ["labelling"] and record["company"] == "Northwind"
    code, out, _ = run(capsys, *d, "rejection", "show", rejection[:6], "--json")
    assert json.loads(out)["thought_record"]["balanced"].startswith("One team, one day")


@pytest.mark.parametrize(("argv", "message"), [
    (("--emotion", "ashamed=140"), "from 0 to 100, not 140; nothing was saved"),
    (("--emotion", "ashamed"), "write it NAME=0-100"),
    (("--after", "sad=20"), "name the emotion first"),
    (("--trap", "doom"), "unknown thinking trap 'doom'"),
])
def test_a_bad_value_says_why_and_writes_nothing(capsys: pytest.CaptureFixture[str],
                                                 demo_dir: Path, argv: tuple[str, ...],
                                                 message: str) -> None:
    rejection, _ = _ids(demo_dir)
    code, _, err = run(capsys, "--data-dir", str(demo_dir), "rejection", "thought",
                       rejection[:6], "--thought", "They hated me", *argv)
    assert code == 2 and message in err
    with open_store(DataPaths(demo_dir)) as store:
        assert ThoughtService(store).get(rejection) is None


def test_stories_rehearsed_and_told_from_the_shell(capsys: pytest.CaptureFixture[str],
                                                   demo_dir: Path) -> None:
    _, interview = _ids(demo_dir)
    d = ("--data-dir", str(demo_dir))
    code, out, _ = run(capsys, *d, "review", "stories", "--interview", interview[:6], "--json")
    stories = [s for s in json.loads(out) if s["entry_id"]]
    assert code == 0 and len(stories) >= 2
    first, second = stories[0], stories[1]
    assert first["practice"]["rehearsals"] == 0
    code, out, _ = run(capsys, *d, "review", "rehearsed", first["entry_id"][:8], "--went",
                       "smooth", "--time", "1:55", "--interview", interview[:6])
    assert code == 0 and f"rehearsed “{first['title']}”" in out and "smooth in 1:55" in out
    code, out, _ = run(capsys, *d, "review", "told", first["entry_id"][:8], "--interview",
                       interview[:6])
    assert code == 0 and "told at Northwind" in out
    code, out, _ = run(capsys, *d, "review", "stories", "--interview", interview[:6], "--json")
    after = [s for s in json.loads(out) if s["entry_id"]]
    # Rehearsed today: now after the ones never rehearsed.
    assert after[0]["entry_id"] == second["entry_id"]
    assert after[-1]["entry_id"] == first["entry_id"]
    practice = after[-1]["practice"]
    assert practice["rehearsals"] == 1 and practice["last_seconds"] == 115
    assert practice["told_here"] is True
    code, out, _ = run(capsys, *d, "review", "stories")
    assert code == 0 and "Rehearsed once, last today (smooth, 1:55)" in out
    # The plain sheet still works with no action.
    code, out, _ = run(capsys, *d, "review", "--stage", "coding")
    assert code == 0 and out.startswith("# Coding interview")


@pytest.mark.parametrize(("argv", "message"), [
    (("--went", "great"), "unknown rehearsal outcome 'great'"),
    (("--went", "okay", "--time", "75"), "write minutes and seconds"),
    (("--went", "okay", "--date", "2999-01-01"), "in the future"),
])
def test_a_bad_rehearsal_writes_nothing(capsys: pytest.CaptureFixture[str], demo_dir: Path,
                                        argv: tuple[str, ...], message: str) -> None:
    with open_store(DataPaths(demo_dir)) as store:
        entry = RehearsalService(store).stories()[0][0]
    code, _, err = run(capsys, "--data-dir", str(demo_dir), "review", "rehearsed", entry[:8],
                       *argv)
    assert code == 2 and message in err
    with open_store(DataPaths(demo_dir)) as store:
        assert RehearsalService(store).history() == []
