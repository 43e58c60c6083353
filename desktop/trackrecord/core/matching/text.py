"""The text side of evidence matching: which skills a rejection names, the full-text queries
built from them, and the gaps — skills the feedback names that nothing in the track record shows.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from trackrecord.core.matching.clauses import marker_positions
from trackrecord.core.matching.phrases import (
    PUNCTUATION,
    PhraseMatcher,
    Words,
    longest_first,
    split_words,
)
from trackrecord.core.matching.query import MatchQuery
from trackrecord.core.matching.vocabulary import (
    Synonyms,
    current_synonyms,
    debrief_skills,
    exact_skill_terms,
    generic_words,
    level_rules,
    masked,
    query_ignore,
    skill_matcher,
    skills,
    stage_priors,
)
from trackrecord.core.matching.wants import (
    compound_partner,
    is_generic_term,
    polarity,
    wanted_items,
)
from trackrecord.core.rejections.categorise import phrase_positions, read_feedback
from trackrecord.core.rejections.debrief import DEBRIEF_LABELS
from trackrecord.core.store.fulltext import any_of_query

FEEDBACK_SOURCES = ("feedback", "own read")
MAX_FEEDBACK_TERMS = 12  # bm25 costs rows x phrases x columns: keep the ranked query short
MAX_TAG_QUERIES = 4
MAX_CONTEXT_TERMS = 16
MIN_RESIDUAL_LENGTH = 3
# Full-text columns that make an entry *about* a skill (a passing word in the notes does not).
EVIDENCE_COLUMNS = "{title tag_text summary impact metrics}"
CONTEXT_COLUMNS = "{title tag_text summary}"


@dataclass(frozen=True)
class NamedSkill:
    """A skill the rejection names, where, and in which words."""

    skill: str
    label: str
    phrase: str  # as written ("k8s"), or the debrief topic / level word
    source: str  # "feedback", "own read", "role", "level", "debrief", "related"
    reason: str = ""  # for level, debrief and related: the sentence an evidence card shows
    # For feedback and your own read: "wanted" (asked for or found lacking), "has" (the
    # feedback says you have it: never a gap), or "" (named without either).
    polarity: str = ""


@dataclass(frozen=True)
class TextQuery:
    match: str | None  # an FTS5 query, or None when there is nothing to look for
    residual: dict[str, str]  # stem -> word as typed, for feedback words outside the vocabulary
    tagged: tuple[str, ...] = ()  # one FTS5 query per named skill, over the tags column


@dataclass(frozen=True)
class Gap:
    """Something the feedback names that no entry shows: said plainly, never papered over."""

    label: str
    missing: tuple[str, ...]  # the words from the feedback that found nothing
    skill: str | None = None  # None when the words are not in the skills vocabulary

    @property
    def message(self) -> str:
        words = _join(self.missing)
        what = f"{words} ({self.label})" if self.skill and words != self.label else words
        them = "them" if len(self.missing) > 1 else "it"
        return f"The feedback names {what}; nothing in your track record shows {them} yet."


class RawQueries:
    """The session's own DBAPI connection: the same transaction, without SQLAlchemy's
    per-statement bookkeeping, which doubled the cost of a match (about ten small queries).

    A failure is re-raised as SQLAlchemy's matching DBAPIError, so Store.read() turns it into
    the same StorageError as any other read.
    """

    def __init__(self, s: Session) -> None:
        conn = s.connection().connection.driver_connection
        if not isinstance(conn, sqlite3.Connection):  # pragma: no cover - always sqlite3 here
            raise TypeError("evidence matching needs the sqlite3 driver")
        self._conn = conn

    def rows(self, sql: str, params: Sequence[object] = ()) -> list[Any]:
        try:
            return self._conn.execute(sql, tuple(params)).fetchall()
        except sqlite3.Error as exc:
            raise DBAPIError.instance(sql, tuple(params), exc, sqlite3.Error) from exc

    def first(self, sql: str, params: Sequence[object] = ()) -> Any | None:
        found = self.rows(sql, params)
        return found[0] if found else None


def raw_cursor(s: Session) -> RawQueries:
    return RawQueries(s)


def _join(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


# -- which skills are named ---------------------------------------------------------------------


def named_skills(query: MatchQuery) -> tuple[NamedSkill, ...]:
    found: list[NamedSkill] = []
    for source, value in (
        ("feedback", query.feedback), ("own read", query.own_read), ("role", query.role)
    ):
        found += _skills_in(value, source)
    found += _level_skills(query)
    catalogue = skills()
    for answer in query.debrief:
        if answer.needs_practice:
            for name in debrief_skills().get(answer.topic, ()):
                topic = DEBRIEF_LABELS[answer.topic].lower()
                reason = f"you answered \u201c{answer.answer}\u201d on {topic}"
                found.append(NamedSkill(name, catalogue[name].label, topic, "debrief", reason))
    unique: dict[tuple[str, str, str], NamedSkill] = {}
    for n in found:  # every phrase is kept: a gap names all the words that found nothing
        unique.setdefault((n.skill, n.source, n.phrase.casefold()), n)
    return tuple(unique.values())


def _skills_in(value: str, source: str) -> list[NamedSkill]:
    if not value.strip():
        return []
    catalogue = skills()
    if source in FEEDBACK_SOURCES:
        reading = read_feedback(value)
        words, quiet = reading.words, reading.quiet
        clause_of = reading.clauses.clause_of
    else:
        words, quiet = split_words(value), frozenset()
        clause_of = _no_clause
    hidden = masked(words) | quiet
    hits = [h for h in skill_matcher().find(words) if not hidden & set(range(h.start, h.end))]
    term_positions = {i for h in hits for i in range(h.start, h.end)}
    kept = []
    for h in longest_first(hits):
        # "bug" in "bug bounty", "performance" in "performance reviews": a longer name
        # that the vocabulary does not know, not the skill.
        if is_generic_term(words.stems[h.start:h.end]) and (
                compound_partner(words, h.start - 1, term_positions)
                or compound_partner(words, h.end, term_positions)):
            continue
        kept.append((h.start, h.end))
    spans = set(kept)
    positioned: list[tuple[int, NamedSkill]] = [
        (h.start, NamedSkill(h.value, catalogue[h.value].label, words.span(h.start, h.end),
                             source, polarity=polarity(clause_of(h.start))))
        for h in hits
        if (h.start, h.end) in spans
    ]
    for pattern, term, name in exact_skill_terms():
        for m in pattern.finditer(value):
            at = _word_index(words, m.start())
            if at not in hidden:
                positioned.append((at, NamedSkill(name, catalogue[name].label, term, source,
                                                  polarity=polarity(clause_of(at)))))
    return [n for _, n in sorted(positioned, key=lambda p: p[0])]


def _no_clause(_position: int) -> None:
    return None


def _word_index(words: Words, offset: int) -> int:
    for i, (start, _end) in enumerate(words.spans):
        if start >= offset:
            return i
    return len(words.spans)


def _level_skills(query: MatchQuery) -> list[NamedSkill]:
    words = split_words(f"{query.level} {query.role}")
    catalogue = skills()
    out: list[NamedSkill] = []
    for rule in level_rules():
        for i, w in enumerate(words.stems):
            if w in rule.words:
                shown = words.span(i, i + 1).capitalize()
                reason = rule.reason.format(level=shown)
                out += [NamedSkill(s, catalogue[s].label, shown, "level", reason)
                        for s in rule.skills]
                break
    return out


def mention_matcher(names: frozenset[str]) -> tuple[PhraseMatcher[str], frozenset[str]]:
    """The skill matcher cut down to the named skills (hits keep the full matcher's order),
    and the first words of their phrases, so most fields are passed over at C speed."""
    return _mention_matcher(names, current_synonyms())


@functools.lru_cache(maxsize=64)
def _mention_matcher(
    names: frozenset[str], _synonyms: Synonyms
) -> tuple[PhraseMatcher[str], frozenset[str]]:
    phrases = [(t, s.name) for s in skills().values() if s.name in names for t in s.terms]
    matcher = PhraseMatcher(phrases)
    firsts = (split_words(t.replace("*", " ")).stems[:1] for t, _name in phrases)
    return matcher, frozenset(w for first in firsts for w in first)


# -- the full-text queries ---------------------------------------------------------------------


def related_to_gaps(gaps: Sequence[Gap]) -> list[NamedSkill]:
    """For a skill nothing shows, the nearest skills that something might (said as such)."""
    catalogue = skills()
    out: list[NamedSkill] = []
    for gap in gaps:
        if gap.skill is None:
            continue
        for name in catalogue[gap.skill].related:
            reason = f"nothing shows {gap.label} yet; this is the nearest evidence"
            out.append(NamedSkill(name, catalogue[name].label, gap.missing[0], "related", reason))
    return out


def feedback_query(query: MatchQuery, named: Sequence[NamedSkill]) -> TextQuery:
    """The feedback's own words first, then each named skill's main tags and synonyms, then
    words outside the vocabulary (often the domain: "payments", "healthcare"), which count only
    where an entry says what it is about. Per named skill, a query over the tags column makes
    sure tagged entries reach the candidate pool.

    Process skills ("hard to follow" names communication) add only the words used: the
    feedback is about how the interview went, so they must not steer the search.
    """
    catalogue = skills()
    fed = [n for n in named if n.source in (*FEEDBACK_SOURCES, "related")]
    content = [n for n in fed if not catalogue[n.skill].process]
    residual = _residual_words(query)
    terms: list[str] = [n.phrase for n in fed if n.source != "related"]
    for n in content:
        terms += [t.replace("-", " ") for t in catalogue[n.skill].tags[:2]]
    for n in content:
        terms += list(catalogue[n.skill].terms[:2])
    terms = _unique(terms)[: max(MAX_FEEDBACK_TERMS - len(residual), MAX_FEEDBACK_TERMS // 2)]
    match = any_of_query(terms)
    about = any_of_query(list(residual.values())[: MAX_FEEDBACK_TERMS - len(terms)])
    if about:
        about = f"{CONTEXT_COLUMNS} : ({about})"
        match = f"{match} OR {about}" if match else about
    tagged: list[str] = []
    for name in _unique([n.skill for n in content])[:MAX_TAG_QUERIES]:
        inner = any_of_query([t.replace("-", " ") for t in catalogue[name].tags])
        if inner:
            tagged.append(f"tag_text : ({inner})")
    return TextQuery(match, residual, tuple(tagged))


def context_query(named: Sequence[NamedSkill], stage: str) -> TextQuery:
    """Role, level, debrief and stage skills, looked for where an entry says what it is about."""
    catalogue = skills()
    names = [n.skill for n in named if n.source not in (*FEEDBACK_SOURCES, "related")]
    names += list(stage_priors()[stage].skills)
    terms: list[str] = [n.phrase for n in named if n.source == "role"]
    for name in _unique(names):
        terms += [t.replace("-", " ") for t in catalogue[name].tags[:3]]
    inner = any_of_query(_unique(terms)[:MAX_CONTEXT_TERMS])
    return TextQuery(f"{CONTEXT_COLUMNS} : ({inner})" if inner else None, {})


def _residual_words(query: MatchQuery) -> dict[str, str]:
    """Feedback words outside the skills vocabulary that may still find evidence ("ledger"),
    from the clauses that talk about the work (they ask for something, or name a skill):
    never greetings, pleasantries or form letters, the words of category phrases ("withdraw
    the offer" is about the decision), numbers, or words too general to link anything
    ("systems", "code"). "Dismissive of the interviewer's suggestions" says nothing about
    an entry called "Substitution suggestions"."""
    out: dict[str, str] = {}
    ignore = query_ignore()
    general = generic_words()
    for value in (query.feedback, query.own_read):
        if not value.strip():
            continue
        reading = read_feedback(value)
        words = reading.words
        covered = masked(words) | phrase_positions(words) | reading.quiet
        technical: set[int] = set()
        for hit in skill_matcher().find(words):
            covered.update(range(hit.start, hit.end))
            clause = reading.clauses.clause_of(hit.start)
            if clause is not None:
                technical.add(clause.start)
        about_work = {i for c in reading.clauses.clauses if c.wanted or c.start in technical
                      for i in range(c.start, c.end)}
        for i, w in enumerate(words.stems):
            if i not in about_work or i in covered or w in ignore or w in general \
                    or w in PUNCTUATION:
                continue
            if len(w) < MIN_RESIDUAL_LENGTH or any(ch.isdigit() for ch in w):
                continue
            out.setdefault(w, words.surface[i])
    return out


def _unique(items: Sequence[str]) -> list[str]:
    """First of each, comparing as the full-text index does ("on-call" is "on call")."""
    seen: set[str] = set()
    out: list[str] = []
    for item in items:
        key = " ".join(split_words(item).stems)
        if key and key not in seen:
            seen.add(key)
            out.append(item)
    return out


# -- gaps ---------------------------------------------------------------------------------------

_ANY_TAG = (
    "SELECT 1 FROM tags t JOIN entry_tags et ON et.tag_pk = t.pk WHERE t.name IN ({}) LIMIT 1"
)
_ANY_TEXT = "SELECT 1 FROM entry_fts WHERE entry_fts MATCH ? LIMIT 1"
# Without stemming: "games" must not be found in "game days", nor "ads" in "added".
_ANY_WORD = "SELECT 1 FROM entry_prefix WHERE entry_prefix MATCH ? LIMIT 1"


def find_gaps(
    cur: RawQueries, query: MatchQuery, named: Sequence[NamedSkill]
) -> tuple[Gap, ...]:
    """What the feedback asks for that nothing in the track record shows: skills it names
    (a domain is shown by any of its words), and things out of the vocabulary it says were
    wanted ("strong Rust and embedded systems experience"). Never something the feedback
    says the person has."""
    catalogue = skills()
    phrases: dict[str, list[str]] = {}
    has = {n.skill for n in named if n.source in FEEDBACK_SOURCES and n.polarity == "has"}
    for n in named:
        # "Hard to follow" names communication, but as a report on the interview, not as a
        # skill the track record lacks: process skills are never gaps.
        if n.source in FEEDBACK_SOURCES and not catalogue[n.skill].process \
                and n.skill not in has:
            phrases.setdefault(n.skill, [])
            if n.phrase.casefold() not in (p.casefold() for p in phrases[n.skill]):
                phrases[n.skill].append(n.phrase)
    gaps: list[Gap] = []
    for name, said in phrases.items():
        skill = catalogue[name]
        if _shown(cur, skill.tags):
            continue
        if skill.domain:
            if any(_appears(cur, t, EVIDENCE_COLUMNS, exact=True) for t in skill.terms):
                continue
            gaps.append(Gap(skill.label, tuple(said), name))
            continue
        missing = tuple(p for p in said if not _appears(cur, p, EVIDENCE_COLUMNS))
        if missing:
            gaps.append(Gap(skill.label, missing, name))
    seen = {g.casefold() for gap in gaps for g in gap.missing}
    for value in (query.feedback, query.own_read):
        for wanted in _unnamed_wants(value):
            if wanted.casefold() not in seen and not _appears(cur, wanted, "", exact=True):
                seen.add(wanted.casefold())
                gaps.append(Gap(wanted, (wanted,)))
    return tuple(gaps)


def _shown(cur: RawQueries, tags: Sequence[str]) -> bool:
    spellings = _tag_spellings(tags)
    sql = _ANY_TAG.format(", ".join("?" * len(spellings)))
    return cur.first(sql, spellings) is not None


def _tag_spellings(keys: Sequence[str]) -> list[str]:
    out: set[str] = set()
    for key in keys:
        out |= {key, key.replace("-", " "), key.replace("-", "_"), key.replace("-", "")}
    return sorted(out)


def _appears(cur: RawQueries, phrase: str, columns: str, *, exact: bool = False) -> bool:
    """Does the phrase appear in an entry (as written, with ``exact``)?"""
    inner = any_of_query([phrase])
    if inner is None:
        return True
    q = f"{columns} : ({inner})" if columns else inner
    return cur.first(_ANY_WORD if exact else _ANY_TEXT, (q,)) is not None


def _unnamed_wants(value: str) -> list[str]:
    """What a "wanted" clause asks for that the skills vocabulary does not fully name:
    "embedded systems", "managed managers", "a computer science degree"."""
    if not value.strip():
        return []
    reading = read_feedback(value)
    words = reading.words
    hidden = masked(words)
    hits = [h for h in skill_matcher().find(words)]
    terms = {i for h in hits for i in range(h.start, h.end)}
    for pattern, _term, _name in exact_skill_terms():
        for m in pattern.finditer(value):
            terms.add(_word_index(words, m.start()))
    out: list[str] = []
    blocked = phrase_positions(words, least=2) | marker_positions(words) | hidden
    for item in wanted_items(words, reading.clauses.clauses, reading.quiet,
                             [(h.start, h.end) for h in hits], blocked):
        inside = set(range(item.start, item.end))
        if inside <= terms or inside & hidden:
            continue  # a skill the vocabulary knows: find_gaps has looked for it already
        if item.text.casefold() not in (o.casefold() for o in out):
            out.append(item.text)
    return out
