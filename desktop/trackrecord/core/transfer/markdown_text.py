"""The text of a Markdown brag document's bullets: inline Markdown, titles and summaries,
dates that only date a bullet, @word tags, and labelled lines that fill fields
("**Impact:** ...", "Context: ...").

The counterpart of trackrecord.core.bragdoc.markdown: what it escapes is unescaped here, and
the note headings it pushes down are pulled back up. The labels and the words it reads by are
data (resources/imports/brag.toml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from trackrecord.core.transfer.dates import Period
from trackrecord.core.transfer.import_base import short_title
from trackrecord.core.transfer.import_words import load_words, norm

BULLET = re.compile(r"^([ \t]*)(?:[-*+]|\d{1,9}[.)])[ \t]+(.*)$")
FENCE = re.compile(r"^[ \t]*(```|~~~)")
TASK = re.compile(r"^\[[ xX]\][ \t]+")
LABEL = re.compile(
    r"^(?:\*\*|__)?([A-Za-z][A-Za-z &/;'-]{0,30}?)(?:\*\*|__)?[ \t]*:(?:\*\*|__)?(?:[ \t]+|$)(.*)$"
)
_BOLD_LEAD = re.compile(r"^(?:\*\*(.+?)\*\*|__(.+?)__)")
_LINK = re.compile(
    r"\[(?P<label>(?:\\.|[^\]\\\n])*)\]\((?P<url>(?:[^()\s]|\([^()\s]*\))+)(?:\s+\"[^\"]*\")?\)"
    r"|<(?P<auto>(?:https?|mailto):[^>\s]+)>",
    re.IGNORECASE,
)
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_SEPARATORS = " \t-\u2013\u2014:,;|"
_PUSHED = re.compile(r"^(\s*)###(#{1,3})(?=\s|$)")
_TAG = re.compile(r"(?<![\w@.`/])`?@([A-Za-z][\w+#/.-]*[\w+#]|[A-Za-z])`?(?![\w@])")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")
TITLE_MAX = 90

_WORDS = load_words("brag")


def label_key(text: str) -> str:
    return norm(text.replace("&", " and "))


LABELS: dict[str, str] = {
    label_key(label): name for name, labels in _WORDS["labels"].items() for label in labels
}
_FILLERS = frozenset(norm(w) for w in _WORDS["fillers"]["leads"])
_PEOPLE_BEFORE = frozenset(_WORDS["people"]["before"])
_PREPOSITIONS = frozenset({
    "in", "on", "at", "by", "since", "from", "during", "for", "of", "until", "till",
    "before", "after", "around", "circa", "between", "through", "throughout", "across",
    "over", "within", "as", "early", "late", "mid",
})


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


def take_tags(text: str) -> tuple[str, list[str], list[str]]:
    """``@word`` tags out of a work-log line: (text, tags, people).

    Tags at the start ("`@feature`: added X") or at the end ("... @triage @ci") leave the
    text; one inside a sentence stays as its word ("the @platform channel" -> "the platform
    channel"). A name after "with", "thanks" and the like is a person, not a skill, and is
    left as written."""
    tags: list[str] = []
    people: list[str] = []
    found = list(_TAG.finditer(text))
    if not found:
        return text, tags, people
    out, last = [], 0
    for m in found:
        before = text[:m.start()].rstrip()
        word = before.rsplit(" ", 1)[-1].casefold() if before else ""
        if word.strip("(,") in _PEOPLE_BEFORE:
            people.append(m[1])
            continue
        tags.append(m[1])
        rest = text[m.end():]
        alone = not plain(before).strip(_SEPARATORS) or not re.sub(
            _TAG.pattern, "", rest).strip(_SEPARATORS + ".")
        out.append(text[last:m.start()])
        out.append("" if alone else m[1])
        last = m.end()
    out.append(text[last:])
    joined = "".join(out)
    joined = re.sub(r"^[\s:\u2013\u2014-]+", "", joined) if joined != text else joined
    return " ".join(joined.split()).rstrip(" ,;"), tags, people


def _lead(summary: str) -> tuple[str, str] | None:
    """("TL;DR", "rest") when the line opens with a word that says nothing about the work."""
    head, sep, rest = summary.partition(": ")
    if sep and norm(head) in _FILLERS:
        return head, rest
    return None


def title_summary(text: str, period: Period | None) -> tuple[str, str]:
    """Title from a bold lead, else the line's first sentence, whole, when it is short enough
    to be one, else the clause before a dash or colon; the summary is the line,
    without a date that is only there to date it ("(Mar 2024)", "2024-03:", "— Q1 2024")."""
    bold = _BOLD_LEAD.match(text)
    if bold:
        title = plain(bold[1] or bold[2]).rstrip(":").strip()
        rest = _drop_date(as_written(text[bold.end():]), period).strip(_SEPARATORS)
        return short_title(title, 120), rest or title
    summary = capitalised(_drop_date(as_written(text), period).strip(_SEPARATORS))
    filler = _lead(summary)
    if filler is not None:
        summary = capitalised(filler[1])
    whole = plain(summary)
    sentence = _SENTENCE_END.split(whole, maxsplit=1)[0]
    if len(sentence) <= TITLE_MAX:
        return sentence.removesuffix("."), summary
    for sep in (" \u2014 ", " \u2013 ", ": ", " - "):
        lead = whole.split(sep, 1)[0]
        if lead != whole and len(lead.split()) >= 3 and len(lead) <= TITLE_MAX:
            return lead, summary
    return short_title(whole, TITLE_MAX), summary


def has_filler(text: str) -> bool:
    return _lead(plain(text)) is not None


def is_fragment(title: str) -> bool:
    """A title that needs its project to read ("v5.5", "Release planning and execution:",
    "Marketplace move")."""
    words = title.split()
    return title.endswith(":") or len(words) <= 3 and not any(
        w.casefold().endswith("ed") for w in words[:1])


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
    separators ("Led X, Q1 2024: zero downtime"); a date inside a sentence stays, and so
    does one whose removal would leave the sentence hanging ("Shipped it in March 2023")."""
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
    hanging = bool(before) and before.rsplit(" ", 1)[-1].casefold() in _PREPOSITIONS
    if (at_end or between) and not hanging:
        return _join(before.rstrip(",;|"), after).strip(_SEPARATORS)
    return text


def _join(left: str, right: str) -> str:
    left, right = left.rstrip(), right.lstrip()
    if right[:1] in tuple(":,;.!?)"):
        return left + right
    return f"{left} {right}"


def label_of(line: str) -> tuple[str, str] | None:
    """(field, value) for a labelled line ("**Impact:** x", "- Context: y"), else None."""
    bullet = BULLET.match(line)
    found = LABEL.match((bullet[2] if bullet else line).strip())
    if found is None:
        return None
    name = LABELS.get(label_key(found[1]))
    return (name, found[2]) if name else None


@dataclass
class Fields:
    texts: dict[str, list[str]] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)

    def add(self, name: str, raw: str, rest: list[str]) -> None:
        """One labelled line (and the lines under it)."""
        value = as_written(raw)
        if name == "notes":
            text = "\n".join(_pull_headings(rest)).strip("\n")
            self.notes.extend(([value] if value else []) + ([text] if text else []))
            return
        if name == "tags":
            self.tags += [plain(t).strip() for t in re.split(r"[,;]", value)]
        elif name == "links":
            extract_links(raw, self.links)
            bare = _LINK.sub("", raw)
            self.links += [unescape(p.strip()) for p in bare.split(",") if p.strip()]
        elif name == "dates":
            self.dates.append(plain(value))
        elif name == "organisation" and " \u00b7 " in value:
            org, team = value.split(" \u00b7 ", 1)
            self.texts.setdefault("organisation", []).append(org.strip())
            self.texts.setdefault("team", []).append(team.strip())
        else:
            self.texts.setdefault(name, []).append(value)
        self.notes.extend(rest)


def body_fields(body: list[str]) -> Fields:
    """Sub-bullets: labelled ones fill fields, everything else becomes the notes."""
    found = Fields()
    for block in blocks_of(dedent(body)):
        _block(block, found)
    while found.notes and not found.notes[-1].strip():
        found.notes.pop()
    while found.notes and not found.notes[0].strip():
        found.notes.pop(0)
    return found


def _block(block: list[str], found: Fields) -> None:
    bullet = BULLET.match(block[0])
    if bullet and plain(bullet[2]).casefold().rstrip(":") == "star story":
        for inner in blocks_of(dedent(block[1:])):
            _block(inner, found)
        return
    labelled = label_of(block[0]) if bullet else None
    if labelled is None:
        found.notes.extend(block)
        return
    found.add(labelled[0], labelled[1], dedent(block[1:]))


def _pull_headings(lines: list[str]) -> list[str]:
    """Undo the export's pushing of note headings three levels down (not inside code)."""
    out, fenced = [], False
    for line in lines:
        if FENCE.match(line):
            fenced = not fenced
        out.append(line if fenced else _PUSHED.sub(r"\1\2", line))
    return out


def blocks_of(lines: list[str]) -> list[list[str]]:
    """Lines grouped by the unindented line that starts each group."""
    blocks: list[list[str]] = []
    for line in lines:
        if (line and not line[0].isspace()) or not blocks:
            blocks.append([line])
        else:
            blocks[-1].append(line)
    return blocks


def dedent(lines: list[str]) -> list[str]:
    widths = [len(ln) - len(ln.lstrip(" ")) for ln in lines if ln.strip()]
    cut = min(widths, default=0)
    return [ln[cut:] if ln.strip() else "" for ln in lines]
