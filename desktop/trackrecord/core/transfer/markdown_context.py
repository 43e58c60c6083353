"""What a brag document's headings and surroundings say about the lines under them.

A heading may name a kind of entry ("Projects", "On-call"), a section of other wins ("What
you learned", "Outside of work"), a period ("2023", "H2 2024", "2024-03-18"), goals ("Goals for
H1 2026", "My goals", "Objectives": their lines become goals), the template's guidance
("General prompts"), work still going ("In progress") — or a project, whose name the lines
under it need to read whole. The document's own year comes from its title, its front matter,
its first line or its file name.
A line that reads as the template's guidance ("what you contributed (the design?)", "your
impact") or a placeholder ("[Goal 1]") is offered unticked. Every word list is data
(resources/imports/brag.toml).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import PurePath

from trackrecord.core.bragdoc.sections import default_scheme
from trackrecord.core.record.kinds import KIND_REGISTRY
from trackrecord.core.transfer.dates import Period, find_period
from trackrecord.core.transfer.import_words import load_words, norm
from trackrecord.core.transfer.markdown_doc import Document, Heading
from trackrecord.core.transfer.markdown_text import BULLET

_WORDS = load_words("brag")
_KIND_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = tuple(
    (kind, tuple(words)) for kind, words in _WORDS["kinds"].items()
)
# For "other" headings that name a brag-doc section: a tag that keeps the entry there.
_SECTION_TAGS = {
    "design": "documentation", "company": "process", "learning": "learning",
    "outside": "community",
}


def _heading_set(name: str) -> frozenset[str]:
    return frozenset(_key(h) for h in _WORDS[name]["headings"])


def _key(text: str) -> str:
    return norm(text.replace("&", " and "))


_GOALS, _GUIDANCE = _heading_set("goals"), _heading_set("guidance")
_TO_DO = frozenset(_key(h) for h in _WORDS["goals"]["to_do"])
_GOAL_WORDS = frozenset(_WORDS["goals"]["words"])
_GOAL_FILLERS = frozenset(_WORDS["goals"]["fillers"])
_ONGOING, _GENERIC = _heading_set("ongoing"), _heading_set("generic")
_SECTIONS = {_key(h): key for key, names in _WORDS["sections"].items() for h in names}
_LEAD_INS = tuple(norm(w) for w in _WORDS["guidance"]["lead_ins"])
_ITEM_PREFIX = re.compile(
    r"^(?:" + "|".join(re.escape(p) for p in _WORDS["items"]["prefixes"])
    + r")\s*[:\u2014\u2013-]\s*", re.IGNORECASE)
_YOU = re.compile(r"(?<!thank )(?<!thank-)\b(?:you|your|you're|youre|yours|yourself)\b",
                  re.IGNORECASE)
_PLACEHOLDER_X = re.compile(
    r"\b(?:for|by|of|sell|saved|helped)\s+[XY]\b|\b[XY]%|\b[XY]\s+(?:dollars|users|deals|big)\b"
    r"|\b(?:OTHER_TEAM|TEAM_NAME|PROJECT_NAME)\b")
_PLACEHOLDER = re.compile(r"^\s*(?:\[[^\]]*\]|<[^>]*>|\.{3}|\u2026|todo|tbd|tba|xxx|goal \d+"
                          r"|task \d+|example|n/?a)\s*[.:]?\s*$", re.IGNORECASE)
_FILE_YEAR = re.compile(r"(?<!\d)((?:19[7-9]|20\d)\d)(?!\d)")
_FRONT_KEYS = ("year", "period", "title", "date", "last_updated", "updated", "modified",
               "created", "last-updated", "lastmod")
GUIDANCE, PLACEHOLDER = "template guidance", "placeholder"


def heading_kind(text: str) -> str | None:
    words = " " + re.sub(r"[^\w-]+", " ", text.casefold()) + " "
    for kind, names in _KIND_WORDS:
        if any(f" {name} " in words for name in names):
            return kind
    return None


def section_tag(text: str) -> str | None:
    """The tag that files an "other" entry under the section a heading names, if any."""
    wanted = _key(text)
    key = _SECTIONS.get(wanted)
    if key is None:
        own = {kind.bragdoc_section for kind in KIND_REGISTRY}
        for rule in default_scheme().sections:
            if rule.key not in own and rule.tags and wanted in (_key(rule.heading), rule.key):
                key = rule.key
                break
    if key is None:
        return None
    rule_tags = next((r.tags for r in default_scheme().sections if r.key == key), frozenset())
    return _SECTION_TAGS.get(key) or (sorted(rule_tags)[0] if rule_tags else None)


@dataclass(frozen=True)
class Meaning:
    """One heading, read."""

    level: int
    text: str
    kind: str | None = None
    period: Period | None = None
    tag: str | None = None
    goal: bool = False
    guidance: bool = False
    ongoing: bool = False
    generic: bool = False
    title: bool = False  # the document's title (its first heading, at level 1)
    item: bool = False  # named as one item ("Accomplishment: ...")
    next_year: bool = False  # goals for the year after the document's
    to_do: bool = False  # a list of things to do: offered as goals, unticked

    @property
    def project(self) -> str | None:
        """The heading as the name of a project (or of one item), when it is nothing else."""
        if self.item and not (self.goal or self.guidance):
            return item_title(self.text) or None
        if (self.title or self.level < 3 or self.kind or self.tag or self.goal
                or self.guidance or self.ongoing or self.generic):
            return None
        if self.period is not None and not self.text.replace(self.period.text, "").strip(
                " -\u2013\u2014:,|()"):
            return None  # a date, not a name
        return item_title(self.text) or None


def read_heading(heading: Heading, *, title: bool) -> Meaning:
    text = heading.text
    key = _key(text)
    kind = heading_kind(text)
    period = find_period(text, bare_years=True)
    goal = key in _GOALS or key in _TO_DO or (key.startswith("goals ") and kind is None) or (
        _goal_words(key, period))
    return Meaning(
        heading.level, text, kind=kind, period=period,
        tag=None if kind else section_tag(text), goal=goal,
        next_year=goal and " next year " in f" {key} ", to_do=key in _TO_DO,
        guidance=key in _GUIDANCE, ongoing=key in _ONGOING,
        generic=key in _GENERIC or key.startswith("week "), title=title,
        item=bool(_ITEM_PREFIX.match(text)),
    )


def _goal_words(key: str, period: Period | None) -> bool:
    """"My goals for 2026", "Q3 objectives": a goal word, and nothing but fillers around."""
    if period is not None:
        key = key.replace(_key(period.text), " ")
    words = key.split()
    return any(w in _GOAL_WORDS for w in words) and all(
        w in _GOAL_WORDS or w in _GOAL_FILLERS for w in words)


def item_title(text: str) -> str:
    """"Accomplishment: Led the team" -> "Led the team"."""
    return _ITEM_PREFIX.sub("", text).strip()


def doc_period(doc: Document, source: str) -> tuple[Period, str] | None:
    """A year for what has no date: from the front matter, the first line, or the file
    name (the title, a heading, is read as one), with where it was found."""
    for key in _FRONT_KEYS:
        value = doc.front.get(key)
        found = find_period(value, bare_years=True) if value else None
        if found is not None:
            return _year(found.start.year, found.end), "its front matter"
    first = next((line.strip() for _, line in doc.blocks[0].lines if line.strip()), "")
    if first and len(first) <= 60 and not BULLET.match(first) and not first.startswith(">"):
        found = find_period(re.sub(r"[*_`#]", "", first), bare_years=True)
        if found is not None:
            return found, "its first line"
    year = _FILE_YEAR.search(PurePath(source).stem)
    if year:
        return _year(int(year[1]), None), "its file name"
    return None


def _year(year: int, end: dt.date | None) -> Period:
    last = end if end is not None and end.year > year else dt.date(year, 12, 31)
    text = str(year) if last.year == year else f"{year}\u2013{last.year}"
    return Period(dt.date(year, 1, 1), last, text, (0, 0))


def is_lead_in(paragraph: str) -> bool:
    """"Examples of things in this category:" — a sentence that introduces guidance."""
    text = paragraph.strip()
    if not text.endswith(":"):
        return False
    words = f" {norm(text)} "
    return any(f" {w} " in words for w in _LEAD_INS)


_QUOTED = re.compile(
    r"\"[^\"]*\"|\u201c[^\u201d]*\u201d|(?<!\w)'[^']*'(?!\w)|\u2018[^\u2019]*\u2019")


def guidance(text: str) -> str | None:
    """Why a line reads as a template's guidance or a placeholder, if it does. Words in
    quotes (a talk's title) do not count."""
    if _PLACEHOLDER.match(text):
        return PLACEHOLDER
    own = _QUOTED.sub(" ", text)
    if _YOU.search(own) or own.rstrip().endswith("?") or _PLACEHOLDER_X.search(own):
        return GUIDANCE
    return None
