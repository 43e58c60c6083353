"""The text of a Markdown brag document's bullets: inline Markdown, titles and summaries,
dates that only date a bullet, and sub-bullets that fill fields ("**Impact:** ...").

The counterpart of trackrecord.core.bragdoc.markdown: what it escapes is unescaped here, and
the note headings it pushes down are pulled back up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from trackrecord.core.transfer.dates import Period
from trackrecord.core.transfer.import_base import short_title

# Sub-bullet labels -> entry fields ("**Impact:** ..." or "Impact: ...").
_LABELS = {
    "impact": "impact", "metrics": "metrics", "role": "role", "organisation": "organisation",
    "organization": "organisation", "team": "team", "scale": "scale", "stack": "stack",
    "severity": "severity", "time to mitigate": "time_to_mitigate", "root cause": "root_cause",
    "mentee": "mentee", "duration": "duration", "outcome": "outcome", "skills": "tags",
    "tags": "tags", "links": "links", "situation": "situation", "task": "task",
    "action": "action", "result": "result", "notes": "notes",
}

BULLET = re.compile(r"^([ \t]*)(?:[-*+]|\d{1,9}[.)])[ \t]+(.*)$")
FENCE = re.compile(r"^[ \t]*(```|~~~)")
TASK = re.compile(r"^\[[ xX]\][ \t]+")
_LABEL = re.compile(
    r"^(?:\*\*|__)?([A-Za-z][A-Za-z ]{1,20}?)(?:\*\*|__)?:(?:\*\*|__)?(?:[ \t]+|$)(.*)$"
)
_BOLD_LEAD = re.compile(r"^(?:\*\*(.+?)\*\*|__(.+?)__)")
_LINK = re.compile(
    r"\[(?P<label>[^\]\n]*)\]\((?P<url>[^)\s]+)(?:\s+\"[^\"]*\")?\)"
    r"|<(?P<auto>(?:https?|mailto):[^>\s]+)>",
    re.IGNORECASE,
)
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_SEPARATORS = " \t-\u2013\u2014:,;|"
_PUSHED = re.compile(r"^(\s*)###(#{1,3})(?=\s|$)")


def unescape(text: str) -> str:
    return _ESCAPE.sub(r"\1", text)


def plain(text: str) -> str:
    """Inline Markdown to plain text: no emphasis markers, code ticks or escapes."""
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"\1", text)
    text = text.replace("`", "")
    return " ".join(unescape(text).split())


def extract_links(text: str, links: list[str]) -> str:
    """Links become their text in the entry; their addresses go to its links, in order."""

    def link(m: re.Match[str]) -> str:
        links.append(m["url"] or m["auto"])
        return m["label"] if m["url"] else m["auto"]

    return _LINK.sub(link, text)


def title_summary(text: str, period: Period | None) -> tuple[str, str]:
    """Title from a bold lead or the first clause; summary the bullet's text, without a
    date that is only there to date it ("(Mar 2024)", "2024-03:", "— Q1 2024")."""
    bold = _BOLD_LEAD.match(text)
    if bold:
        title = plain(bold[1] or bold[2])
        rest = _drop_date(as_written(text[bold.end():]), period).strip(_SEPARATORS)
        return short_title(title, 120), rest or title
    summary = capitalised(_drop_date(as_written(text), period).strip(_SEPARATORS))
    for sep in (" \u2014 ", " \u2013 ", ": ", " - "):
        lead = plain(summary.split(sep, 1)[0])
        if lead != plain(summary) and 3 <= len(lead) <= 80:
            return lead, summary
    sentence = re.split(r"(?<=[.!?])\s+", plain(summary), maxsplit=1)[0]
    return short_title(sentence.removesuffix(".")), summary


def as_written(text: str) -> str:
    """Text kept as the person wrote it (Markdown and all), minus escapes and line breaks."""
    return " ".join(unescape(text).split())


def capitalised(text: str) -> str:
    """"paged at 3am" -> "Paged at 3am" (a date in front took the capital); "iOS" stays."""
    first = text.split(" ", 1)[0]
    if first.isalpha() and first.islower():
        return text[:1].upper() + text[1:]
    return text


def _drop_date(text: str, period: Period | None) -> str:
    """Remove the date when it stands apart: in brackets, at either end, or between
    separators ("Led X, Q1 2024: zero downtime"); a date inside a sentence stays."""
    if period is None:
        return text
    found = text.find(period.text)
    if found < 0:
        return text
    before = text[:found].rstrip()
    after = text[found + len(period.text):].lstrip()
    if before.endswith(("(", "[")) and after.startswith((")", "]")):
        return _join(before[:-1], after[1:]).strip(_SEPARATORS)
    tail = re.sub(r"(?:\s*\([^()]*\))+\s*$", "", after)  # "... 2024-05-15 (design doc)"
    at_end = not before.strip(_SEPARATORS) or not tail.strip(_SEPARATORS + ".)")
    between = before[-1:] in tuple(",;|\u2013\u2014-") and after[:1] in tuple(":,;|.\u2013\u2014-")
    if at_end or between:
        return _join(before.rstrip(",;|"), after).strip(_SEPARATORS)
    return text


def _join(left: str, right: str) -> str:
    left, right = left.rstrip(), right.lstrip()
    if right[:1] in tuple(":,;.!?)"):
        return left + right
    return f"{left} {right}"


@dataclass
class _Fields:
    texts: dict[str, list[str]] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def body_fields(body: list[str]) -> _Fields:
    """Sub-bullets: labelled ones fill fields, everything else becomes the notes."""
    found = _Fields()
    for block in _blocks(_dedent(body)):
        _block(block, found)
    while found.notes and not found.notes[-1].strip():
        found.notes.pop()
    while found.notes and not found.notes[0].strip():
        found.notes.pop(0)
    return found


def _block(block: list[str], found: _Fields) -> None:
    bullet = BULLET.match(block[0])
    if bullet and plain(bullet[2]).casefold().rstrip(":") == "star story":
        for inner in _blocks(_dedent(block[1:])):
            _block(inner, found)
        return
    label = _LABEL.match(bullet[2]) if bullet else None
    name = _LABELS.get(" ".join(label[1].split()).casefold()) if label else None
    if label is None or name is None:
        found.notes.extend(block)
        return
    raw = label[2]
    value = as_written(raw)
    rest = _dedent(block[1:])
    if name == "notes":
        text = "\n".join(_pull_headings(rest)).strip("\n")
        found.notes.extend(([value] if value else []) + ([text] if text else []))
        return
    if name == "tags":
        found.tags += [t.strip() for t in value.split(",")]
    elif name == "links":
        extract_links(raw, found.links)
        bare = _LINK.sub("", raw)
        found.links += [unescape(p.strip()) for p in bare.split(",") if p.strip()]
    elif name == "organisation" and " \u00b7 " in value:
        org, team = value.split(" \u00b7 ", 1)
        found.texts.setdefault("organisation", []).append(org.strip())
        found.texts.setdefault("team", []).append(team.strip())
    else:
        found.texts.setdefault(name, []).append(value)
    found.notes.extend(rest)


def _pull_headings(lines: list[str]) -> list[str]:
    """Undo the export's pushing of note headings three levels down (not inside code)."""
    out, fenced = [], False
    for line in lines:
        if FENCE.match(line):
            fenced = not fenced
        out.append(line if fenced else _PUSHED.sub(r"\1\2", line))
    return out


def _blocks(lines: list[str]) -> list[list[str]]:
    blocks: list[list[str]] = []
    for line in lines:
        if (line and not line[0].isspace()) or not blocks:
            blocks.append([line])
        else:
            blocks[-1].append(line)
    return blocks


def _dedent(lines: list[str]) -> list[str]:
    widths = [len(ln) - len(ln.lstrip(" ")) for ln in lines if ln.strip()]
    cut = min(widths, default=0)
    return [ln[cut:] if ln.strip() else "" for ln in lines]


