"""Every payload of tests/data/attack/xss.txt, in every text field, comes out as text.

Each payload is stored (through the services, as a person or an import would) in every
field of an entry, a rejection, a practice item, a reframe and an interview; then every HTML
the app makes from them is read back tag by tag: the brag document as a file and as Qt lays
it out for the PDF, the notes preview, and the review's confidence sheet. Nothing may come
out that runs, loads or submits anything: no script, frame, object, image, form or style of
its own, no ``on…`` handler, and links only to http, https or mailto addresses.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from trackrecord.cli import main
from trackrecord.core.bragdoc.document import (
    BragOptions,
    build_document,
    render_html,
    render_print_html,
)
from trackrecord.core.record.data import TEXT_FIELDS
from trackrecord.core.record.entries import EntryService
from trackrecord.core.record.notes_html import is_safe_url, render_notes
from trackrecord.core.rejections.service import RejectionService
from trackrecord.core.review.deck import build_deck
from trackrecord.core.review.interviews import UpcomingInterviewService
from trackrecord.core.review.sheet import render_sheet_html
from trackrecord.core.store.db import Store

ATTACK = Path(__file__).resolve().parents[1] / "data" / "attack"
PAYLOADS = [line for line in (ATTACK / "xss.txt").read_text("utf-8").splitlines()
            if line.strip() and not line.startswith("# ")]
TODAY = dt.date(2026, 11, 26)

# Tags that run, load, submit or restyle something: never in anything made from your text.
FORBIDDEN = {
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "img", "image",
    "svg", "math", "video", "audio", "source", "track", "picture", "form", "input", "button",
    "select", "textarea", "keygen", "base", "link", "template", "noscript", "details",
    "marquee", "portal", "xmp", "plaintext", "listing",
}
# Tags a document has once, in its own frame: a payload must not add another.
STRUCTURE = ("html", "head", "body", "title", "meta", "style")
URL_ATTRIBUTES = {"src", "srcset", "srcdoc", "action", "formaction", "xlink:href", "data",
                  "background", "poster", "ping", "lowsrc", "dynsrc"}


class _Tags(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    handle_startendtag = handle_starttag


def assert_harmless(html: str, baseline: str) -> None:
    """``html`` holds nothing active that ``baseline`` (the same, made of plain words) lacks."""
    found, base = _Tags(html).tags, _Tags(baseline).tags
    names = Counter(tag for tag, _ in found)
    base_names = Counter(tag for tag, _ in base)
    assert not set(names) & FORBIDDEN, set(names) & FORBIDDEN
    for tag in STRUCTURE:
        assert names[tag] == base_names[tag], (tag, names[tag], base_names[tag])
    base_styles = {value for _, attrs in base for name, value in attrs if name == "style"}
    for tag, attrs in found:
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name, value)
            assert name not in URL_ATTRIBUTES, (tag, name, value)
            if name == "style":
                assert value in base_styles, (tag, value)  # only the app's own styling
            if name == "href":
                assert value is not None and is_safe_url(value), (tag, value)
                assert value.strip().lower().startswith(("http://", "https://", "mailto:"))
    metas = [dict(attrs) for tag, attrs in found if tag == "meta"]
    assert all(m.get("http-equiv") in (None, "Content-Security-Policy") for m in metas), metas


def _fill(store: Store, text: str) -> None:
    """``text`` in every field a person can fill, through the services."""
    fields = {name: text for name in TEXT_FIELDS if name != "title"}
    EntryService(store).create("shipped", text, start_date="2024-03-01", tags=[text[:80]],
                               links=[text, "https://example.org/ok"], **fields)
    EntryService(store).create("incident", f"Outage {text}", start_date="2024-04-01",
                               **{**fields, "impact": text})
    rejections = RejectionService(store)
    rejection = rejections.create(text, "system-design", role=text, level=text, feedback=text,
                                  own_read=text, date="2024-05-01")
    rejections.add_practice(text, rejection.id)
    rejections.add_reframe(headline=text, body=text, category="fit", stage="system-design")
    UpcomingInterviewService(store).create(["system-design", "behavioral"], company=text,
                                           role=text, notes=text, date="2026-12-01")


def _renders(store: Store) -> dict[str, str]:
    entries = EntryService(store).all()
    options = BragOptions(details=True, star=True, mentee_initials=False,
                          prepared_on=TODAY)
    doc = build_document(entries, options)
    [interview] = UpcomingInterviewService(store).list(today=TODAY)
    return {
        "brag document (HTML file)": render_html(doc),
        "brag document (PDF layout)": render_print_html(doc),
        "notes preview": "".join(render_notes(e.notes) for e in entries),
        "confidence sheet": render_sheet_html(build_deck(store, interview, TODAY)),
    }


@pytest.fixture(scope="module")
def baselines(tmp_path_factory: pytest.TempPathFactory, store_template: Path) -> dict[str, str]:
    import shutil

    from trackrecord.core.store.db import open_store
    from trackrecord.paths import DataPaths

    paths = DataPaths(tmp_path_factory.mktemp("baseline") / "data")
    paths.ensure()
    shutil.copyfile(store_template, paths.database)
    with open_store(paths) as store:
        _fill(store, "Plain words for a plain test")
        return _renders(store)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_payload_in_every_field_comes_out_as_text(
    store: Store, baselines: dict[str, str], payload: str
) -> None:
    _fill(store, payload)
    for name, html in _renders(store).items():
        try:
            assert_harmless(html, baselines[name])
        except AssertionError as exc:
            raise AssertionError(f"{name}: {exc}") from None


def test_the_payloads_survive_as_text_a_person_can_read(store: Store) -> None:
    _fill(store, "<script>alert('tr-xss')</script>")
    for name, html in _renders(store).items():
        assert "&lt;script&gt;alert(" in html, name


def test_the_exported_file_holds_no_script_whatever_was_imported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], store: Store
) -> None:
    for payload in PAYLOADS:
        EntryService(store).create("other", payload, notes=payload, summary=payload)
    out = tmp_path / "brag.html"
    assert main(["--data-dir", str(store.paths.root), "export", "--format", "html",
                 "--details", "-o", str(out)]) == 0
    baseline_store_html = render_html(build_document([], BragOptions()))
    assert_harmless(out.read_text("utf-8"), baseline_store_html)
    assert "default-src 'none'" in out.read_text("utf-8")  # and the file forbids scripts itself
