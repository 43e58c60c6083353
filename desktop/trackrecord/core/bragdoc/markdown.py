"""A brag document as Markdown: readable as plain text, and renders cleanly in most tools.

Single-line fields are written as the person typed them, except ``<`` (escaped, so a title
never becomes raw HTML when the file is rendered). Notes are the person's own Markdown and
are kept as written, indented under their entry.
"""

from __future__ import annotations

import re

from trackrecord.core.bragdoc.model import BragDocument, BragItem

EMPTY_TEXT = "No entries match these filters."
GOALS_HEADING = "Goals"


def _inline(text: str) -> str:
    return text.replace("\\", "\\\\").replace("<", "\\<")


_FENCE = re.compile(r"^\s*(```|~~~)")
_ATX = re.compile(r"^(\s{0,3})(#{1,6})(?=\s|$)")


def _notes_lines(text: str, spaces: int) -> list[str]:
    """Notes indented under their entry, headings pushed three levels down (as in HTML)."""
    pad = " " * spaces
    out = []
    fenced = False
    for line in text.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced:
            line = _ATX.sub(lambda m: m[1] + "#" * min(len(m[2]) + 3, 6), line)
        out.append(f"{pad}{line}" if line.strip() else "")
    return out


def _autolink(url: str) -> str:
    if url.lower().startswith(("http://", "https://", "mailto:")) and not any(
        c in url for c in " <>"
    ):
        return f"<{url}>"
    return _inline(url)


def _item_lines(item: BragItem) -> list[str]:
    head = f"- **{_inline(item.title)}** ({item.period})"
    if item.summary:
        head += f" — {_inline(item.summary)}"
    lines = [head]
    if item.quote:
        by = f" — {_inline(item.quote_by)}" if item.quote_by else ""
        lines.append(f"  - *\u201c{_inline(item.quote)}\u201d*{by}")
    if item.impact:
        lines.append(f"  - **Impact:** {_inline(item.impact)}")
    if item.metrics:
        lines.append(f"  - **Metrics:** {_inline(item.metrics)}")
    for fact in item.details:
        lines.append(f"  - **{fact.label}:** {_inline(fact.value)}")
    if item.links:
        lines.append("  - **Links:** " + ", ".join(_autolink(u) for u in item.links))
    if item.star:
        lines.append("  - **STAR story**")
        lines += [f"    - **{f.label}:** {_inline(f.value)}" for f in item.star]
    if item.notes:
        lines += ["  - **Notes:**", "", *_notes_lines(item.notes, 4), ""]
    return lines


def render_markdown(doc: BragDocument) -> str:
    lines = [f"# {_inline(doc.title)}", ""]
    who = " — ".join(v for v in (f"**{_inline(doc.name)}**" if doc.name else "",
                                 _inline(doc.role)) if v)
    if who:
        lines += [who, ""]
    when = " · ".join(v for v in (doc.period, f"Prepared {doc.prepared}" if doc.prepared else "")
                      if v)
    if when:
        lines += [when, ""]
    if doc.counts:
        n = doc.entry_count
        lines += [f"{n} {'entry' if n == 1 else 'entries'}: {', '.join(doc.counts)}", ""]
    if doc.goals:
        lines += [f"## {GOALS_HEADING}", ""]
        for goal in doc.goals:
            lines.append(f"- **{_inline(goal.title)}** ({goal.period})")
            lines += [f"  - {_inline(served)}" for served in goal.served]
        lines.append("")
    if not doc.sections:
        lines += [f"_{EMPTY_TEXT}_", ""]
    for section in doc.sections:
        lines += [f"## {_inline(section.heading)}", ""]
        for item in section.items:
            lines += _item_lines(item)
        if lines[-1] != "":
            lines.append("")
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"
