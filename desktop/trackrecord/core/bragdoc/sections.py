"""Which brag-document section an entry belongs in, from resources/export/sections.toml.

A kind with a section of its own in the kind registry (shipped systems, incidents,
mentoring) goes there. The others ("other wins") are filed by their tags and words, first
match wins in a fixed order, so a reader of the data file can predict where an entry lands;
anything unmatched goes to a plain "Other wins" section rather than under a heading that
misdescribes it.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from trackrecord.core.record.entries import EntryData
from trackrecord.core.record.kinds import KIND_REGISTRY
from trackrecord.resource_files import resource_path

SECTIONS_FILE = ("export", "sections.toml")


@dataclass(frozen=True)
class SectionRule:
    key: str
    heading: str
    tags: frozenset[str]  # casefolded
    keywords: re.Pattern[str] | None  # all of them in one pattern (``_keywords_pattern``)
    # Count only for an entry with no organisation: open source done for an employer (a
    # tool every team there adopted) is work, not "Outside work".
    own_time_tags: frozenset[str] = frozenset()
    own_time_keywords: re.Pattern[str] | None = None

    def matches(self, entry: EntryData) -> bool:
        if self._matches(entry, self.tags, self.keywords):
            return True
        return not entry.organisation.strip() and self._matches(
            entry, self.own_time_tags, self.own_time_keywords)

    @staticmethod
    def _matches(entry: EntryData, tags: frozenset[str],
                 keywords: re.Pattern[str] | None) -> bool:
        if any(tag.casefold() in tags for tag in entry.tags):
            return True
        if keywords is None:
            return False
        return keywords.search(f"{entry.title}\n{entry.summary}") is not None


@dataclass(frozen=True)
class SectionScheme:
    sections: tuple[SectionRule, ...]  # document order
    other_order: tuple[str, ...]
    fallback: str

    def heading(self, key: str) -> str:
        return self._by_key[key].heading

    def section_for(self, entry: EntryData) -> str:
        by_key = self._by_key
        kind = KIND_REGISTRY.get(entry.kind)
        if kind is not None and kind.bragdoc_section in by_key:
            return kind.bragdoc_section
        for key in self.other_order:
            if by_key[key].matches(entry):
                return key
        return self.fallback

    @cached_property
    def _by_key(self) -> dict[str, SectionRule]:
        return {rule.key: rule for rule in self.sections}


def _keywords_pattern(keywords: list[str]) -> re.Pattern[str] | None:
    """Whole words, any case, any run of spaces; a trailing ``*`` allows any word ending.

    One pattern for all of a section's keywords, with the start-of-word check outside the
    alternatives: it is checked once per position instead of once per keyword per position
    (a search per keyword was a fifth of a 100,000-entry export).
    """
    alternatives = []
    for keyword in keywords:
        word = keyword.strip()
        open_end = word.endswith("*")
        parts = word.rstrip("*").split()
        body = r"[\s\-]+".join(re.escape(p) for p in parts)
        alternatives.append(body + (r"\w*" if open_end else r"\b"))
    if not alternatives:
        return None
    return re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})", re.IGNORECASE)


def _strings(table: dict[str, Any], name: str) -> list[str]:
    value = table.get(name, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"sections.toml: {name!r} must be a list of strings")
    return list(value)


def parse_scheme(text: str) -> SectionScheme:
    data = tomllib.loads(text)
    rules: list[SectionRule] = []
    for table in data.get("section", []):
        rules.append(
            SectionRule(
                key=str(table["key"]),
                heading=str(table["heading"]),
                tags=frozenset(t.casefold() for t in _strings(table, "tags")),
                keywords=_keywords_pattern(_strings(table, "keywords")),
                own_time_tags=frozenset(t.casefold() for t in _strings(table, "own_time_tags")),
                own_time_keywords=_keywords_pattern(_strings(table, "own_time_keywords")),
            )
        )
    keys = [rule.key for rule in rules]
    order = tuple(_strings(data, "other_match_order"))
    fallback = str(data.get("fallback", ""))
    unknown = [k for k in (*order, fallback) if k not in keys]
    if unknown or len(set(keys)) != len(keys):
        raise ValueError(f"sections.toml: unknown or repeated section keys {unknown or keys}")
    return SectionScheme(tuple(rules), order, fallback)


@lru_cache(maxsize=1)
def default_scheme() -> SectionScheme:
    source = resource_path(*SECTIONS_FILE)
    return parse_scheme(source.read_text(encoding="utf-8"))
