"""Markdown and HTML output: golden files, and an XSS corpus that must come out harmless.

The golden files in tests/data/golden/ change only on purpose: after a deliberate change to
the output, regenerate them with

    TRACKRECORD_UPDATE_GOLDEN=1 python -m pytest tests/core/test_bragdoc_render.py

and read the diff before committing it.
"""

from __future__ import annotations

import datetime as dt
import os
from html.parser import HTMLParser
from pathlib import Path

import pytest
from test_bragdoc import sample_entries

from trackrecord.core.bragdoc.document import (
    BragOptions,
    build_document,
    render_html,
    render_markdown,
    render_print_html,
)
from trackrecord.core.bragdoc.html import is_safe_url, sanitise_notes
from trackrecord.core.record.entries import EntryData

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "golden"
DAY = dt.date(2026, 11, 26)
HEADER = {"name": "Sam Okafor", "role": "Senior Software Engineer", "prepared_on": DAY}

CASES = {
    "brag-sections-full.md": (render_markdown, BragOptions(details=True, star=True, **HEADER)),
    "brag-year-plain.md": (render_markdown, BragOptions(group="year")),
    "brag-sections-full.html": (render_html, BragOptions(details=True, star=True, **HEADER)),
    "brag-kind-plain.html": (render_html, BragOptions(group="kind", title="Review 2024")),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_files(name: str) -> None:
    render, options = CASES[name]
    got = render(build_document(sample_entries(), options))
    path = GOLDEN / name
    if os.environ.get("TRACKRECORD_UPDATE_GOLDEN"):
        path.write_text(got, encoding="utf-8", newline="\n")
    assert path.exists(), f"missing {path}; set TRACKRECORD_UPDATE_GOLDEN=1 to write it"
    assert got == path.read_text(encoding="utf-8"), f"{name} changed; see the module docstring"


# -- Markdown ----------------------------------------------------------------------------


def test_markdown_keeps_titles_from_becoming_html_and_pushes_note_headings_down() -> None:
    text = render_markdown(build_document(sample_entries(), BragOptions(details=True)))
    assert '**Meetup talk: "Exactly-once" is a promise \\<you keep>**' in text
    assert "    ##### Migration phases" in text  # "## " in the notes, under the entry
    assert "<https://wiki.example.internal/ledger-v2>" in text
    assert "javascript:alert(1)" in text and "<javascript:" not in text


def test_markdown_leaves_code_blocks_in_notes_alone() -> None:
    made = EntryData(id="x", kind="shipped", title="T", start_date=DAY,
                     notes="```\n# a shell comment\n```\n# Heading")
    text = render_markdown(build_document([made], BragOptions(details=True)))
    assert "    # a shell comment" in text
    assert "    #### Heading" in text


def test_an_empty_document_says_so() -> None:
    doc = build_document([], BragOptions(name="Sam"))
    assert "No entries match these filters." in render_markdown(doc)
    assert "No entries match these filters." in render_html(doc)


# -- HTML safety -------------------------------------------------------------------------

XSS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    "<svg/onload=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<a href="javascript:alert(1)">click</a>',
    "<a href='JaVaScRiPt:alert(1)'>x</a>",
    '<a href="&#106;avascript:alert(1)">entity</a>',
    '<a href="java&#x09;script:alert(1)">tab</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
    "[md link](javascript:alert(1))",
    "[md entity](&#106;avascript:alert(1))",
    "[md data](data:text/html,<script>alert(1)</script>)",
    "![img](javascript:alert(1))",
    "<div style=\"background:url(javascript:alert(1))\">styled</div>",
    "<style>body{display:none}</style>",
    "<object data=x.swf></object><embed src=x.swf>",
    '"><script>alert(1)</script>',
    "'><body onload=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<!--<script>alert(1)</script>-->",
    "<base href=\"javascript:alert(1)//\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<form action=javascript:alert(1)><button>go</button></form>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<a href=\" javascript:alert(1)\">leading space</a>",
    "<a href=\"//evil.example/\">protocol-relative</a>",
    "`<script>alert(1)</script>`",
]
FORBIDDEN_TAGS = {
    "script", "iframe", "object", "embed", "img", "svg", "math", "form", "button", "base",
    "input", "link", "frame", "frameset", "video", "audio", "source",
}


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    handle_startendtag = handle_starttag


def _xss_entries() -> list[EntryData]:
    made = []
    for n, payload in enumerate(XSS):
        made.append(
            EntryData(
                id=f"xss-{n}", kind=("shipped", "incident", "mentoring", "other")[n % 4],
                title=f"T{n} {payload}", start_date=dt.date(2024, 1, 1 + n % 28),
                organisation=payload, team=payload, role=payload, summary=payload,
                impact=payload, metrics=payload, tags=(payload, f"tag{n}"),
                links=(payload, "javascript:alert(1)", "data:text/html,x", "https://ok.example/"),
                notes=f"{payload}\n\n- {payload}\n\n{payload}", situation=payload,
                task=payload, action=payload, result=payload, scale=payload, stack=payload,
                severity=payload, root_cause=payload, mentee=payload, outcome=payload,
            )
        )
    return made


@pytest.mark.parametrize("render", [render_html, render_print_html])
@pytest.mark.parametrize("group", ["sections", "year", "kind"])
def test_no_xss_payload_survives_the_html_export(render: object, group: str) -> None:
    options = BragOptions(group=group, details=True, star=True, mentee_initials=False,  # type: ignore[arg-type]
                          name=XSS[0], role=XSS[2], title=XSS[4])
    html = render(build_document(_xss_entries(), options))  # type: ignore[operator]
    parser = _Collector()
    parser.feed(html)
    parser.close()
    seen = {tag for tag, _ in parser.tags}
    assert not seen & FORBIDDEN_TAGS, seen & FORBIDDEN_TAGS
    assert [tag for tag, _ in parser.tags].count("style") == 1  # ours, in <head>
    for tag, attrs in parser.tags:
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name, value)
            assert name not in {"style", "src", "srcset", "action", "formaction"}, (tag, name)
            if name == "href":
                assert value is not None and is_safe_url(value), (tag, value)
                assert value.lower().startswith(("http://", "https://", "mailto:")), value
    metas = [dict(a) for t, a in parser.tags if t == "meta"]
    assert all(m.get("http-equiv") in (None, "Content-Security-Policy") for m in metas)
    # The payloads are still there for a person to read, as text.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_html_file_forbids_scripts_itself() -> None:
    html = render_html(build_document(sample_entries()))
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert "<link" not in html and "src=" not in html  # nothing is loaded from anywhere


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://example.org", True),
        ("HTTP://example.org", True),
        ("mailto:me@example.org", True),
        ("java\tscript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("data:text/html,x", False),
        ("//evil.example", False),
        ("relative/path", False),
        ("file:///etc/passwd", False),
    ],
)
def test_safe_urls(url: str, safe: bool) -> None:
    assert is_safe_url(url) is safe


def test_notes_keep_their_formatting_and_safe_links() -> None:
    html = sanitise_notes("# Plan\n\n**bold** and [docs](https://example.org)\n\n```\nx < y\n```")
    assert "<h4>Plan</h4>" in html
    assert "<strong>bold</strong>" in html
    assert '<a href="https://example.org" rel="noopener noreferrer">docs</a>' in html
    assert "x &lt; y" in html
