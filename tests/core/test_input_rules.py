"""Text and dates as the store takes them: no terminal escapes, no undecodable bytes, and
dates only as YYYY-MM-DD."""

from __future__ import annotations

import datetime as dt

import pytest

from trackrecord.core.errors import ValidationError
from trackrecord.core.record.entries import EntryService
from trackrecord.core.rejections.service import RejectionService
from trackrecord.core.review.interviews import UpcomingInterviewService
from trackrecord.core.store.db import Store
from trackrecord.core.store.input_rules import clean_block, clean_line, parse_day

ESCAPES = "\x1b[31mred\x1b[0m\x00\x07\x9b2J"


def test_control_characters_never_reach_an_entry(entries: EntryService) -> None:
    made = entries.create("shipped", f"Ledger {ESCAPES}\nv2", notes=f"line one\r\n{ESCAPES}\tend",
                          tags=["po\x1bstgres"], organisation="Acme\x00 Corp")
    got = entries.get(made.id)
    assert got.title == "Ledger [31mred[0m2J v2"  # one line: the break became a space
    assert got.notes == "line one\n[31mred[0m2J\tend"  # paragraphs and tabs stay
    assert got.tags == ("postgres",)
    assert got.organisation == "Acme Corp"
    for text in (got.title, got.notes, *got.tags, got.organisation):
        assert not any(ord(c) < 32 and c not in "\n\t" or 0x7F <= ord(c) <= 0x9F for c in text)


def test_control_characters_never_reach_a_rejection_or_an_interview(store: Store) -> None:
    rejection = RejectionService(store).create("Acme\x1b]0;pwned\x07", "coding",
                                               feedback="no\x00 thanks\r\nbye")
    assert rejection.company == "Acme]0;pwned"
    assert rejection.feedback == "no thanks\nbye"
    interview = UpcomingInterviewService(store).create(["coding"], company="Nor\x1bthwind",
                                                       notes="a\x00b")
    assert (interview.company, interview.notes) == ("Northwind", "ab")


@pytest.mark.parametrize("field", ["title", "notes", "tags"])
def test_undecodable_bytes_are_refused_with_a_sentence(entries: EntryService, field: str) -> None:
    bad = b"caf\xe9".decode("utf-8", "surrogateescape")  # how argv hands over Latin-1 bytes
    values = {"tags": [bad]} if field == "tags" else {field: bad}
    title = values.pop("title", "Ledger")
    with pytest.raises(ValidationError, match="not UTF-8 text"):
        entries.create("shipped", title, **values)
    assert entries.list() == []


@pytest.mark.parametrize("text", ["20240301", "2024-W10-1", "2024-W10", "2024-061",
                                  "2024-3-1", "1 March 2024", "2024-02-30", "２０２４-03-01"])
def test_only_yyyy_mm_dd_is_a_date(entries: EntryService, text: str) -> None:
    with pytest.raises(ValidationError, match="YYYY-MM-DD"):
        parse_day(text)
    with pytest.raises(ValidationError, match="YYYY-MM-DD"):
        entries.create("shipped", "Ledger", start_date=text)
    assert entries.list() == []


def test_a_proper_date_is_read() -> None:
    assert parse_day(" 2024-03-01 ") == dt.date(2024, 3, 1)


def test_cleaning_keeps_ordinary_text() -> None:
    text = "Café — naïve 日本語 \U0001f600, tabs\tand\nlines"
    assert clean_block(text) == text
    assert clean_line(text) == text.replace("\t", " ").replace("\n", " ")
