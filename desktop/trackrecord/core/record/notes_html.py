"""Markdown notes to HTML that is safe to show or write: the one sanitiser the app uses.

Notes are the user's own text, and neither the preview nor an export may ever run anything:
raw HTML typed into the notes is escaped (shown as text, the way it was typed), and the
result is cleaned with nh3 against an allow-list that also drops ``javascript:`` links.
"""

from __future__ import annotations

import re
import threading
from typing import Any

import nh3

SAFE_URL_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto"})
# Images are left out on purpose: nothing shown loads anything by itself, local or remote.
ALLOWED_TAGS: frozenset[str] = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "dl", "dt", "em",
        "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "kbd", "li", "ol", "p", "pre",
        "s", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
    }
)
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "td": {"align"},
    "th": {"align"},
}
_HEADING = re.compile(r"<(/?)h([1-6])>")
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


def is_safe_url(url: str) -> bool:
    """An absolute http, https or mailto URL (control characters and spaces ignored, as
    browsers ignore them)."""
    scheme, sep, _rest = _CONTROL.sub("", url).partition(":")
    return bool(sep) and scheme.lower() in SAFE_URL_SCHEMES


def _keep_safe_links(tag: str, attribute: str, value: str) -> str | None:
    if tag == "a" and attribute == "href":
        return value if is_safe_url(value) else None
    return value


_local = threading.local()  # one converter per thread: the UI and export workers both render


def _converter() -> Any:
    """This thread's Markdown converter, reset for a new text.

    Built once: building one costs far more than converting a note. The extensions are
    passed as objects, not names, so markdown does not scan every installed package's
    entry points to find them (30 ms on the first note the window shows).
    """
    md = getattr(_local, "converter", None)
    if md is None:
        import markdown  # type: ignore[import-untyped, unused-ignore]
        from markdown.extensions.fenced_code import (  # type: ignore[import-untyped, unused-ignore]
            FencedCodeExtension,
        )
        from markdown.extensions.sane_lists import (  # type: ignore[import-untyped, unused-ignore]
            SaneListExtension,
        )
        from markdown.extensions.tables import (  # type: ignore[import-untyped, unused-ignore]
            TableExtension,
        )

        md = markdown.Markdown(
            extensions=[FencedCodeExtension(), TableExtension(), SaneListExtension()],
            output_format="html")
        # Without these two, "<script>" typed in the notes would pass through as markup.
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        _local.converter = md
    return md.reset()


def render_notes(text: str, *, heading_shift: int = 0) -> str:
    """Markdown → sanitised HTML. ``heading_shift`` pushes headings down (h1 → h4 for 3)
    where notes sit under a heading of their own, as in a brag document."""
    rendered: str = _converter().convert(text)
    if heading_shift:
        rendered = _HEADING.sub(
            lambda m: f"<{m[1]}h{min(int(m[2]) + heading_shift, 6)}>", rendered
        )
    return nh3.clean(
        rendered,
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style", "iframe", "object", "embed", "template"},
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_keep_safe_links,
        url_schemes=set(SAFE_URL_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
