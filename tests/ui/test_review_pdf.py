"""The confidence sheet is ONE page, filled with whole sentences: shortened by choosing fewer
items, never by cutting one; and it holds strength, stories and habits, nothing that reopens
a wound (no past rejection, no sting, no growth goal months away)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from trackrecord.core.demo import load_demo
from trackrecord.core.matching.query import MatchQuery
from trackrecord.core.record.entries import EntryService
from trackrecord.core.rejections.analysis import analyse_rejection
from trackrecord.core.rejections.practice import PracticeLog
from trackrecord.core.rejections.service import RejectionService
from trackrecord.core.review.content import sentences
from trackrecord.core.review.deck import build_deck
from trackrecord.core.review.interviews import InterviewData
from trackrecord.core.review.sheet import SHEET_BASE, SHEET_FULL, render_sheet_html
from trackrecord.core.store.db import Store
from trackrecord.pdf.sheet import MARGINS_MM, render_sheet, write_sheet

pytestmark = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("pdfinfo", "pdftotext", "pdftoppm")),
    reason="needs poppler-utils",
)
TODAY = dt.date(2026, 11, 26)
LONG = ("We moved the whole fleet without downtime while keeping every customer informed, "
        "and the numbers moved the right way for a year afterwards. ") * 3
ELLIPSES = ("\u2026", "...")


def pdf(path: Path) -> tuple[list[str], str]:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    return info.stdout.splitlines(), " ".join(text.split())


def pages(info: list[str]) -> int:
    return next(int(line.split()[-1]) for line in info if line.startswith("Pages:"))


def used_height(path: Path, tmp_path: Path) -> float:
    """How much of the page's printable height has ink on it, measured on the page as
    poppler draws it (not as the code that laid it out believes)."""
    subprocess.run(["pdftoppm", "-r", "60", "-gray", "-singlefile", str(path),
                    str(tmp_path / "page")], check=True)
    raw = (tmp_path / "page.pgm").read_bytes()
    fields = raw.split(maxsplit=4)
    assert fields[0] == b"P5"
    width, height = int(fields[1]), int(fields[2])
    pixels = fields[4][-width * height:]
    inked = [y for y in range(height) if min(pixels[y * width:(y + 1) * width]) < 160]
    mm = height / 297.0  # A4
    top, bottom = MARGINS_MM.top() * mm, height - MARGINS_MM.bottom() * mm
    assert inked and inked[0] >= top - 2 and inked[-1] <= bottom + 2
    return (inked[-1] - top) / (bottom - top)


def test_the_demo_sheet_fills_its_page_with_whole_sentences(
    store: Store, tmp_path: Path,
) -> None:
    load_demo(store, with_rejections=True)
    target = InterviewData(id="", stages=("system-design", "coding", "behavioral"),
                           company="Northwind", role="Staff Backend Engineer")
    deck = build_deck(store, target, TODAY)
    fit = write_sheet(deck, tmp_path / "sheet.pdf", protect=store.paths)
    info, text = pdf(tmp_path / "sheet.pdf")
    assert pages(info) == 1 and any("A4" in line for line in info)
    # About a quarter of the page was blank, with every line cut short: now it is filled.
    assert fit.fill > 0.9
    assert used_height(tmp_path / "sheet.pdf", tmp_path) > 0.85
    assert not any(mark in text for mark in ELLIPSES)
    # Each entry is led by its numbers; its impact and each story's result, when printed,
    # are whole sentences.
    html = render_sheet_html(deck, fit.plan)
    assert fit.plan.impact and fit.plan.result and fit.plan.evidence == 3
    for card in deck.stage_cards:
        assert card.label in text
        for item in card.evidence:
            assert item.title in text
            first_number = item.metrics.split(";")[0].strip().replace(" -> ", " \u2192 ")
            assert first_number in text
            assert html.index(first_number) < html.index(
                sentences(item.impact)[0].replace("'", "&#x27;")[:40])
    for story in deck.stories[: fit.plan.stories]:
        assert story.title in text
    stories_told = [s for s in deck.stories[: fit.plan.stories] if s.ready]
    assert any(sentences(s.result)[0] in text for s in stories_told)


def test_the_sheet_holds_strength_not_the_rejections(store: Store, tmp_path: Path) -> None:
    """Issue 17: it reprinted a past rejection with "sting 80 -> 45" and a growth goal
    months away."""
    load_demo(store, with_rejections=True)
    # A rejection whose reframe names a gap; its growth goal is kept on the practice list.
    query = MatchQuery(stage="system-design", company="Quarry",
                       feedback="We needed someone with hands-on Elixir experience.")
    analysis = analyse_rejection(store, query)
    goal = next(p for p in analysis.reframe.practice if "Elixir" in p)
    service = RejectionService(store)
    saved = service.create("Quarry", "system-design", date="2026-11-01", sting_before=90,
                           sting_after=60, snapshot=analysis.to_snapshot())
    service.add_practice(goal, saved.id)
    service.add_practice("Say the trade-off out loud (You noted: went quiet at the schema.)",
                         saved.id)
    deck = build_deck(store, InterviewData(id="", stages=("system-design",)), TODAY)
    assert deck.reframes.items and any(i.text == goal for i in deck.practice.items)
    data, fit = render_sheet(deck)
    path = tmp_path / "sheet.pdf"
    path.write_bytes(data)
    _info, text = pdf(path)
    html = render_sheet_html(deck, fit.plan)
    for wound in ("sting", "Quarry", "Harbourline", "Mistral", "Elixir", "Worth rereading",
                  "You noted", "months"):
        assert wound not in text and wound not in html, wound
    assert "Say the trade-off out loud" in text
    assert "Keep it in proportion" in text


def test_a_long_deck_is_shortened_by_choosing_fewer_items_and_stays_one_page(
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
                           impact=LONG, metrics=LONG, situation=LONG, task=LONG, action=LONG,
                           result=LONG)
    log = PracticeLog(store)
    for n in range(8):
        log.add_habit(f"A practice habit with quite a lot of words in it, number {n}, " * 2)
    stages = ("system-design", "behavioral", "coding", "hiring-manager", "onsite")
    deck = build_deck(store, InterviewData(id="", stages=stages, company="Big"), TODAY)
    data, fit = render_sheet(deck, "Letter")
    assert fit.plan != SHEET_FULL and fit.fill <= 1.0
    path = tmp_path / "long.pdf"
    path.write_bytes(data)
    info, text = pdf(path)
    assert pages(info) == 1
    assert any("letter" in line.lower() for line in info)
    assert not any(mark in text for mark in ELLIPSES)
    # What is kept is the best of each part: each stage's strongest evidence, the first
    # stories, what to practise next.
    for card in deck.stage_cards:
        assert card.label in text
        assert card.evidence[0].title in text
    assert deck.stories[0].question.split(".")[0][:40] in text
    assert "Next: A practice habit" in text


def test_an_empty_track_record_still_prints_one_calm_page(store: Store, tmp_path: Path) -> None:
    deck = build_deck(store, InterviewData(id="", stages=("coding",)), TODAY)
    data, fit = render_sheet(deck)
    path = tmp_path / "empty.pdf"
    path.write_bytes(data)
    info, text = pdf(path)
    assert pages(info) == 1 and fit.plan != SHEET_BASE
    assert "Nothing finished in your track record for this stage yet." in text
    assert "In the room, whatever the question" in text and "Look after tonight" in text
