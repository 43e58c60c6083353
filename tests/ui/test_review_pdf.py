"""The confidence sheet is always ONE page: trimmed to the best items when the deck is long."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from trackrecord.core.demo import load_demo
from trackrecord.core.record.entries import EntryService
from trackrecord.core.rejections.practice import PracticeLog
from trackrecord.core.review.deck import build_deck
from trackrecord.core.review.interviews import InterviewData
from trackrecord.core.review.render import SHEET_LEVELS
from trackrecord.core.store.db import Store
from trackrecord.pdf.sheet import render_sheet, write_sheet

pytestmark = pytest.mark.skipif(
    not (shutil.which("pdfinfo") and shutil.which("pdftotext")), reason="needs poppler-utils"
)
TODAY = dt.date(2026, 11, 26)
LONG = ("We moved the whole fleet without downtime while keeping every customer informed, "
        "and the numbers moved the right way for a year afterwards. ") * 3


def pdf(path: Path) -> tuple[list[str], str]:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    return info.stdout.splitlines(), " ".join(text.split())


def pages(info: list[str]) -> int:
    return next(int(line.split()[-1]) for line in info if line.startswith("Pages:"))


def test_the_demo_deck_fits_one_page_at_full_detail(store: Store, tmp_path: Path) -> None:
    load_demo(store)
    target = InterviewData(id="", stages=("system-design", "behavioral"), company="Northwind")
    deck = build_deck(store, target, TODAY)
    limits = write_sheet(deck, tmp_path / "sheet.pdf")
    info, text = pdf(tmp_path / "sheet.pdf")
    assert pages(info) == 1 and limits == SHEET_LEVELS[0]
    assert any("A4" in line for line in info)
    for story in deck.stories:
        assert story.title in text


def test_a_long_deck_is_trimmed_to_the_best_items_and_still_one_page(
    store: Store, tmp_path: Path,
) -> None:
    service = EntryService(store)
    for year in range(2010, 2026):
        for kind, tags in (("shipped", ["system-design", "scalability", "api-design"]),
                           ("incident", ["incident-response", "debugging", "performance"]),
                           ("mentoring", ["mentoring", "people-leadership"]),
                           ("other", ["collaboration", "communication", "hiring", "testing"])):
            service.create(kind, f"{kind.title()} work of {year} with a long descriptive title",
                           start_date=f"{year}-03-01", end_date=f"{year}-09-30", tags=tags,
                           impact=LONG, metrics=LONG,
                           situation=LONG, task=LONG, action=LONG, result=LONG)
    log = PracticeLog(store)
    for n in range(8):
        log.add_habit(f"A practice habit with quite a lot of words in it, number {n}, " * 2)
    stages = ("system-design", "behavioral", "coding", "hiring-manager", "onsite")
    deck = build_deck(store, InterviewData(id="", stages=stages, company="Big"), TODAY)
    data, limits = render_sheet(deck, "Letter")
    assert limits != SHEET_LEVELS[0]
    path = tmp_path / "long.pdf"
    path.write_bytes(data)
    info, text = pdf(path)
    assert pages(info) == 1
    assert any("letter" in line.lower() for line in info)
    # What is kept is the best of each part: each stage's strongest evidence, the first
    # stories, what to practise next.
    for card in deck.stage_cards:
        assert card.label in text
        assert card.evidence[0].title in text
    assert deck.stories[0].question.split(".")[0][:40] in text
    assert "Next: A practice habit" in text
