"""Fuzzing the Markdown, HTML, CSV and jrnl importers: whatever the file holds, the import either
works or is refused with one clear ImportFileError — never a traceback — and a refused
import leaves the database byte-for-byte as it was.

Each strategy runs twice: a quick pass in the normal suite, and ten times as many examples
under ``-m slow``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store_helpers import db_state
from trackrecord.core.store.db import Store
from trackrecord.core.transfer.csv_tracker import SYNONYMS
from trackrecord.core.transfer.import_base import ImportFileError
from trackrecord.core.transfer.imports import commit_import, parse_import, preview_import
from trackrecord.paths import DataPaths

TODAY = dt.date(2024, 6, 1)
QUICK, LONG = 120, 1200


def attempt(store: Store, paths: DataPaths, data: bytes, fmt: str | None, name: str) -> str:
    """Parse, preview and commit; returns what happened. Fails the test on a traceback."""
    before = db_state(paths)
    try:
        parsed = parse_import(data, name, fmt, today=TODAY)
    except ImportFileError as exc:
        _clear(exc)
        assert db_state(paths) == before
        return "refused"
    preview = preview_import(store, parsed)
    assert db_state(paths) == before, "a preview wrote to the store"
    try:
        done = commit_import(store, parsed)
    except ImportFileError as exc:
        _clear(exc)
        assert parsed.problem, "only a file with a problem is refused at commit"
        assert db_state(paths) == before
        return "refused at commit"
    assert done.counts["added"] == preview.counts["added"]
    if not done.writes:
        assert db_state(paths) == before
    return "imported" if done.writes else "nothing to add"


def _clear(exc: Exception) -> None:
    message = str(exc)
    assert message and "\n" not in message and "Traceback" not in message


def _run(store: Store, paths: DataPaths, examples: int,
         strategy: st.SearchStrategy[bytes], fmt: str | None, name: str) -> None:
    seen: dict[str, int] = {}

    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(strategy)
    def check(data: bytes) -> None:
        outcome = attempt(store, paths, data, fmt, name)
        seen[outcome] = seen.get(outcome, 0) + 1

    check()
    assert sum(seen.values()) >= min(examples, 50)


# -- Markdown -----------------------------------------------------------------------------------

_MD_WORDS = st.sampled_from([
    "Shipped", "the", "API", "**Payments**", "__bold__", "\u2014", ":", "(Mar 2024)", "2024-03",
    "2024-03-15", "Q1 2024", "2023\u20132024", "2023-2024", "H2 2023", "2023", "March 15, 2024",
    "Feb \u2013", "present", "to", "-", "[doc](https://x.example)", "<https://y.example>",
    "`code`", "\\<", "#tag", "Impact:", "**Impact:**", "**STAR story**", "Notes:",
    "Skills: a, b", "Organisation: A \u00b7 B", "Links: x, y", "[x]", "\u00e9", "\t", "31/02/2024",
    "Projects", "Incidents", "Mentoring", "Design & documentation", "What I learned", "2099",
]) | st.text(max_size=8)
_MD_LINE = st.one_of(
    st.tuples(st.integers(1, 7), st.lists(_MD_WORDS, max_size=5)).map(
        lambda t: "#" * t[0] + " " + " ".join(t[1])),
    st.tuples(st.integers(0, 9), st.sampled_from(["-", "*", "+", "1.", "2)", "- [ ]", "- [x]"]),
              st.lists(_MD_WORDS, max_size=8)).map(
        lambda t: " " * t[0] + t[1] + " " + " ".join(t[2])),
    st.tuples(st.integers(0, 6), st.sampled_from(["```", "~~~", "* * *", "---", ""])).map(
        lambda t: " " * t[0] + t[1]),
    st.lists(_MD_WORDS, max_size=6).map(" ".join),
)
MARKDOWN = st.one_of(
    st.lists(_MD_LINE, max_size=40).map(lambda lines: "\n".join(lines).encode("utf-8")),
    st.text(max_size=2000).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.binary(max_size=2000),
)


# -- CSV ----------------------------------------------------------------------------------------

_HEADERS = st.sampled_from(
    sorted({s for names in SYNONYMS.values() for s in names} | {"URL", "", "Salary", "ID"})
) | st.text(max_size=10)
_CELLS = st.text(min_size=1, max_size=12) | st.sampled_from([
    "Acme", "Globex", "", " ", "Onsite", "Phone Screen", "Rejected after HM", "Bookmarked",
    "Accepted", "Rejected", "03/04/2024", "12/25/2023", "15.03.2024", "2024-13-45",
    "2024-03-15T10:00:00Z", "Mar 15, 2024", "a,b", 'quote "x"', "line\nbreak", "\u00e9\u00e8",
    "\x00", "=cmd()", "x" * 300,
])


@st.composite
def _csv_files(draw: st.DrawFn) -> bytes:
    headers = draw(st.lists(_HEADERS, min_size=1, max_size=7))
    if draw(st.integers(0, 3)):  # mostly files a tracker could have written: with a company
        headers.insert(draw(st.integers(0, len(headers))),
                       draw(st.sampled_from(SYNONYMS["company"])))
    rows = draw(st.lists(st.lists(_CELLS, max_size=8), max_size=6))
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    out = io.StringIO()
    if draw(st.booleans()):
        writer = csv.writer(out, delimiter=delimiter)
        writer.writerow(headers)
        writer.writerows(rows)
    else:  # hand-made: no quoting at all, so quotes and delimiters break rows
        out.write("\n".join(delimiter.join(r) for r in [headers, *rows]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"]))
    return out.getvalue().encode(encoding, "replace")


CSV_FILES = st.one_of(_csv_files(), st.binary(max_size=1500),
                      st.text(max_size=1500).map(lambda t: t.encode("utf-8", "surrogatepass")))


# -- jrnl ---------------------------------------------------------------------------------------

JSON_VALUES: st.SearchStrategy[Any] = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10)
    | st.floats(allow_nan=False, allow_infinity=False),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner,
                                                                max_size=3),
    max_leaves=8,
)
def _mostly(good: st.SearchStrategy[Any], bad: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(good, good, good, bad)


_JRNL_ENTRY = st.fixed_dictionaries({
    "date": _mostly(st.dates().map(str),
                    st.sampled_from(["2024-02-30", "2024-1-1", ""]) | JSON_VALUES),
    "title": _mostly(st.text(min_size=1, max_size=120), JSON_VALUES),
}, optional={
    "time": st.sampled_from(["09:00", "25:99"]) | JSON_VALUES,
    "body": _mostly(st.text(max_size=200), JSON_VALUES),
    "tags": _mostly(st.lists(st.text(max_size=90).map(lambda t: "@" + t), max_size=4),
                    JSON_VALUES),
    "starred": _mostly(st.booleans(), JSON_VALUES),
})
_JRNL = st.fixed_dictionaries(
    {"entries": st.lists(_JRNL_ENTRY | JSON_VALUES, max_size=6)},
    optional={"tags": JSON_VALUES},
)
JRNL_FILES = st.one_of(
    _JRNL.map(lambda d: json.dumps(d).encode("utf-8")),
    JSON_VALUES.map(lambda d: json.dumps(d).encode("utf-8")),
    st.text(max_size=500).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.binary(max_size=500),
    st.just(b'{"entries": [' * 3000),
    st.just(b'{"entries": [{"date": "2024-01-01", "title": "x", "n": NaN}]}'),
)

# -- HTML ---------------------------------------------------------------------------------------

_HTML_PIECES = st.sampled_from([
    "<h2>Projects</h2>", "<h3>", "</h3>", "<ul>", "</ul>", "<li>", "</li>", "<p>", "</p>",
    '<section class="group" id="group-design">', "</section>",
    '<article class="item kind-shipped">', '<article class="item kind-nope">', "</article>",
    '<span class="title">', '<span class="when">', '<span class="label">', "Impact", "Links",
    '<span class="value">', "</span>", '<p class="summary">', '<a href="https://x.example">',
    "</a>", '<template class="notes-source">', "</template>", "Mar 3 \u2013 Apr 12, 2024",
    "2099", "Shipped X", "&amp;", "&#0;", "<br>", "<script>x</script>", "<!--", "-->",
]) | st.text(max_size=8)
HTML = st.lists(_HTML_PIECES, max_size=60).map(
    lambda parts: ("<!DOCTYPE html><html><body>" + "".join(parts)).encode("utf-8",
                                                                          "surrogatepass"))

CASES: list[tuple[str, st.SearchStrategy[bytes], str | None, str]] = [
    ("markdown", MARKDOWN, "md", "brag.md"),
    ("html", HTML, "html", "brag.html"),
    ("csv", CSV_FILES, "csv", "tracker.csv"),
    ("jrnl", JRNL_FILES, "jrnl", "journal.json"),
    ("guessed", st.one_of(MARKDOWN, HTML, CSV_FILES, JRNL_FILES), None, "upload"),
]


@pytest.mark.parametrize(("strategy", "fmt", "name"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_importers_never_crash_and_refusals_write_nothing(
    store: Store, data_paths: DataPaths, strategy: st.SearchStrategy[bytes], fmt: str | None,
    name: str,
) -> None:
    _run(store, data_paths, QUICK, strategy, fmt, name)


@pytest.mark.slow
@pytest.mark.parametrize(("strategy", "fmt", "name"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_importers_never_crash_long_run(
    store: Store, data_paths: DataPaths, strategy: st.SearchStrategy[bytes], fmt: str | None,
    name: str,
) -> None:
    _run(store, data_paths, LONG, strategy, fmt, name)


def test_the_strategies_reach_every_outcome(store: Store, data_paths: DataPaths) -> None:
    """The fuzzing is not vacuous: files are imported, refused, and read with nothing new."""
    seen: set[str] = set()
    samples: list[Callable[[], tuple[bytes, str | None, str]]] = [
        lambda: (b"## Projects\n- Shipped it (2024-03)\n", "md", "a.md"),
        lambda: (b"## Projects\n- Shipped it (2024-03)\n", "md", "a.md"),
        lambda: (b"Outfit\nAcme\n", "csv", "a.csv"),
        lambda: (b"[1, 2", "jrnl", "a.json"),
    ]
    for sample in samples:
        seen.add(attempt(store, data_paths, *sample()))
    assert seen == {"imported", "nothing to add", "refused at commit", "refused"}
