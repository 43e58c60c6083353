"""A brag document as one self-contained HTML file, and a variant Qt's rich text can lay out.

Every string from the store is escaped; Markdown notes are rendered with raw HTML disabled
and then cleaned by nh3 against a small allow-list, with links limited to http, https and
mailto. A Content-Security-Policy in the file forbids scripts as a second fence. The file
reads back exactly (trackrecord.core.transfer.html_brag): the dates are written to the day,
the kind is a class on each item, and the notes' Markdown rides along, escaped, in the
notes' ``data-notes-source`` attribute, which browsers never render.
"""

from __future__ import annotations

import html
from functools import lru_cache
from string import Template

from trackrecord.core.bragdoc.markdown import EMPTY_TEXT, GOALS_HEADING
from trackrecord.core.bragdoc.model import BragDocument, BragItem, Fact
from trackrecord.core.record.notes_html import is_safe_url, render_notes
from trackrecord.resource_files import resource_path

RESOURCE_DIR = "export"
QT_LABEL_WIDTH = 96  # pixels at 96 dpi: the label column of the Qt layout


@lru_cache(maxsize=4)
def _resource(name: str) -> str:
    source = resource_path(RESOURCE_DIR, name)
    return source.read_text(encoding="utf-8")


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def sanitise_notes(text: str) -> str:
    """Notes sit under an entry's own heading (h3), so their headings are pushed below it."""
    return render_notes(text, heading_shift=3)


def _link(url: str) -> str:
    if is_safe_url(url):
        return f'<a href="{_e(url)}" rel="noopener noreferrer">{_e(url)}</a>'
    return f'<span class="url">{_e(url)}</span>'


def _fact(fact: Fact) -> str:
    return (
        f'<p class="fact"><span class="label">{_e(fact.label)}</span> '
        f'<span class="value">{_e(fact.value)}</span></p>'
    )


def _facts(facts: list[Fact], links: tuple[str, ...], css_class: str, semantic: bool) -> str:
    """Label/value rows: CSS grid in browsers, a two-column table for Qt's layout."""
    if semantic:
        rows = [_fact(f) for f in facts]
        if links:
            joined = ", ".join(_link(u) for u in links)
            rows.append(
                f'<p class="fact links"><span class="label">Links</span> '
                f'<span class="value">{joined}</span></p>'
            )
        return f'<div class="{css_class}">' + "".join(rows) + "</div>"
    cells = [(_e(f.label), _e(f.value)) for f in facts]
    if links:
        cells.append(("Links", "<br>".join(_link(u) for u in links)))
    rows = [
        f'<tr><td class="label" width="{QT_LABEL_WIDTH}">{label}</td>'
        f'<td class="value">{value}</td></tr>'
        for label, value in cells
    ]
    return (
        f'<table class="{css_class}" width="100%" cellspacing="0" cellpadding="0">'
        + "".join(rows) + "</table>"
    )


def _item(item: BragItem, semantic: bool) -> str:
    box = "article" if semantic else "div"
    parts = [
        f'<{box} class="item kind-{_e(item.kind)}">',
        f'<h3 class="item-title"><span class="title">{_e(item.title)}</span> '
        f'<span class="when">{_e(item.period)}</span></h3>',
    ]
    if item.summary:
        parts.append(f'<p class="summary">{_e(item.summary)}</p>')
    if item.quote:
        by = f' <span class="quote-by">\u2014 {_e(item.quote_by)}</span>' if item.quote_by else ""
        parts.append(f'<p class="quote">\u201c{_e(item.quote)}\u201d{by}</p>')
    facts = [Fact("Impact", item.impact), Fact("Metrics", item.metrics), *item.details]
    facts = [f for f in facts if f.value]
    if facts or item.links:
        parts.append(_facts(facts, item.links, "facts", semantic))
    if item.star:
        parts.append('<div class="star"><p class="star-heading">STAR story</p>')
        parts.append(_facts(list(item.star), (), "star-facts", semantic))
        parts.append("</div>")
    if item.notes:
        # The notes as written travel with the page, escaped, in an attribute (never shown,
        # never run), so importing the file back gives them exactly.
        source = f' data-notes-source="{_e(item.notes)}"' if semantic else ""
        parts.append(f'<div class="notes"{source}>{sanitise_notes(item.notes)}</div>')
    parts.append(f"</{box}>")
    return "\n".join(parts)


def _body(doc: BragDocument, semantic: bool) -> str:
    group = "section" if semantic else "div"
    if semantic:
        parts = ['<header class="doc-header">']
        close_header = "</header>"
    else:  # Qt draws borders on table cells only: a one-cell table carries the header rule
        parts = [
            '<table class="doc-header" width="100%" cellspacing="0" cellpadding="0">'
            '<tr><td class="doc-header-cell">'
        ]
        close_header = "</td></tr></table>"
    parts.append(f'<h1 class="doc-title">{_e(doc.title)}</h1>')
    who = []
    if doc.name:
        who.append(f'<span class="name">{_e(doc.name)}</span>')
    if doc.role:
        who.append(f'<span class="role">{_e(doc.role)}</span>')
    if who:
        parts.append('<p class="who">' + ' <span class="sep">·</span> '.join(who) + "</p>")
    when = [doc.period, f"Prepared {doc.prepared}" if doc.prepared else ""]
    when = [w for w in when if w]
    if when:
        parts.append('<p class="period">' + _e(" · ".join(when)) + "</p>")
    if doc.counts:
        n = doc.entry_count
        counts = f"{n} {'entry' if n == 1 else 'entries'}: {', '.join(doc.counts)}"
        parts.append(f'<p class="counts">{_e(counts)}</p>')
    parts.append(close_header)
    if doc.goals:
        parts.append(f'<{group} class="group goals" id="group-goals">')
        parts.append(f"<h2>{_e(GOALS_HEADING)}</h2>")
        for goal in doc.goals:
            parts.append(f'<p class="goal"><span class="title">{_e(goal.title)}</span> '
                         f'<span class="when">{_e(goal.period)}</span></p>')
            if goal.served:
                parts.append('<ul class="served">' + "".join(
                    f"<li>{_e(s)}</li>" for s in goal.served) + "</ul>")
        parts.append(f"</{group}>")
    if not doc.sections:
        parts.append(f'<p class="empty">{_e(EMPTY_TEXT)}</p>')
    for section in doc.sections:
        parts.append(f'<{group} class="group" id="{_e("group-" + section.key)}">')
        parts.append(f"<h2>{_e(section.heading)}</h2>")
        parts += [_item(item, semantic) for item in section.items]
        parts.append(f"</{group}>")
    return "\n".join(parts)


def _page(doc: BragDocument, css_name: str, semantic: bool) -> str:
    title = " — ".join(v for v in (doc.title, doc.name) if v)
    template = Template(_resource("brag.html"))
    return template.substitute(
        title=_e(title), css=_resource(css_name), body=_body(doc, semantic)
    )


def render_html(doc: BragDocument) -> str:
    """The HTML file people open in a browser or print (CSS embedded, no external loads)."""
    return _page(doc, "brag.css", semantic=True)


def render_print_html(doc: BragDocument) -> str:
    """Same content and escaping, styled with the CSS subset QTextDocument understands.

    Used for the in-app preview and the PDF, which Qt lays out itself.
    """
    return _page(doc, "brag-qt.css", semantic=False)
