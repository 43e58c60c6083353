"""The text side of evidence matching: which skills a rejection names, the full-text queries
built from them, and the gaps — skills the feedback names that nothing in the track record shows.
"""

from __future__ import annotations

import functools
import re
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from trackrecord.core.matching.clauses import Clause
from trackrecord.core.matching.phrases import (
    PUNCTUATION,
    PhraseMatcher,
    Words,
    longest_first,
    split_words,
    stem,
)
from trackrecord.core.matching.query import MatchQuery
from trackrecord.core.matching.vocabulary import (
    Synonyms,
    current_synonyms,
    debrief_skills,
    exact_skill_terms,
    generic_words,
    level_rules,
    load_toml,
    masked,
    query_ignore,
    skill_matcher,
    skills,
    stage_priors,
    stop_words,
)
from trackrecord.core.matching.wants import (
    compound_partner,
    is_generic_term,
    polarity,
    yours,
)
from trackrecord.core.rejections.categorise import (
    FeedbackReading,
    phrase_positions,
    praised_after,
    read_feedback,
    suggest_category,
    topic_evidence,
)
from trackrecord.core.rejections.debrief import DEBRIEF_LABELS
from trackrecord.core.rejections.stages import parse_stage
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
    source: str  # "feedback", "own read", "role", "level", "debrief", "topic", "related"
    reason: str = ""  # for level, debrief, topic, related: the sentence an evidence card shows
    # For feedback and your own read: "wanted" (asked for or found lacking), "has" (the
    # feedback says you have it: never a gap), "yours" (said of something you made, "your
    # ledger design": never a gap, but not credited either), "unneeded" (said not to be
    # wanted, "there's no need for Elixir": the same), or "" (named without either).
    polarity: str = ""
    # Wrapped in praise nothing turns ("your [Kafka] experience was strong"): it outranks
    # another mention of the same words that asks for them.
    credited: bool = False


# Mentions that ask for nothing and credit nothing (see NamedSkill.polarity).
NOT_ASKED = frozenset({"yours", "unneeded"})


@dataclass(frozen=True)
class TextQuery:
    match: str | None  # an FTS5 query, or None when there is nothing to look for
    residual: dict[str, str]  # stem -> word as typed, for feedback words outside the vocabulary
    tagged: tuple[str, ...] = ()  # one FTS5 query per named skill, over the tags column


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
    catalogue = skills()
    found += [NamedSkill(extra, catalogue[extra].label, n.phrase, "role")
              for n in found if n.source == "role" for extra in catalogue[n.skill].roles]
    found += _level_skills(query)
    catalogue = skills()
    found += _topic_skills(query)
    for answer in query.debrief:
        if answer.needs_practice:
            for name in debrief_skills().get(answer.topic, ()):
                topic = DEBRIEF_LABELS[answer.topic].lower()
                reason = f"you answered \u201c{answer.answer}\u201d on {topic}"
                found.append(NamedSkill(name, catalogue[name].label, topic, "debrief", reason))
    unique: dict[tuple[str, str, str], NamedSkill] = {}
    for n in found:  # every phrase is kept: a gap names all the words that found nothing
        key = (n.skill, n.source, n.phrase.casefold())
        # "Your Rust service ..., but we need deeper Rust": the mention that is not only of
        # something you made says what the feedback thinks of it; "built with Terraform ...
        # limited hands-on Terraform": the mention that asks for it, over one that only
        # names it; and a credit over either ("the role is mostly Kafka and your Kafka
        # experience was strong")
        held = unique.get(key)
        if held is None or (held.polarity in NOT_ASKED and n.polarity not in NOT_ASKED) or (
                held.polarity == "" and n.polarity == "wanted") or (
                n.credited and not held.credited):
            unique[key] = n
    return tuple(unique.values())


MAX_TOPICS = 2


def _topic_skills(query: MatchQuery) -> list[NamedSkill]:
    """What the feedback is about when it names no skill ("dismissive of the interviewer's
    suggestions" is about collaboration), from the topics of the category it suggests."""
    if not (query.feedback.strip() or query.own_read.strip()):
        return []
    suggestion = suggest_category(query.feedback, parse_stage(query.stage), query.own_read)
    catalogue = skills()
    found = [h for value in (query.feedback, query.own_read) if value.strip()
             for h in read_feedback(value).hits if h.category == suggestion.category]
    out: list[NamedSkill] = []
    for topic in suggestion.topics[:MAX_TOPICS]:
        about = topic_evidence(suggestion.category, topic)
        if not about.asks_for_evidence([h.phrase for h in found if h.topic == topic]):
            continue  # "above the band", "not a fit": nothing about how you work
        for name in about.skills:
            if name in catalogue:
                out.append(NamedSkill(name, catalogue[name].label, topic, "topic",
                                      f"the feedback is about {about.about}"))
    return out


def _skills_in(value: str, source: str) -> list[NamedSkill]:
    if not value.strip():
        return []
    catalogue = skills()
    clause_of: Callable[[int], Clause | None] = _no_clause
    credited: frozenset[int] = frozenset()
    if source in FEEDBACK_SOURCES:
        reading = read_feedback(value)
        # A job title names the opening ("Senior Mobile Engineer (iOS)"), which the role
        # says already: nothing in it is something the feedback asks about or credits.
        words = reading.words
        hidden = reading.clauses.masked | reading.unread | reading.clauses.titles
        clause_of = reading.clauses.clause_of
        credited = reading.clauses.credited
    else:
        words = split_words(value)
        hidden = frozenset(masked(words))
    hits = [h for h in skill_matcher().find(words) if not hidden & set(range(h.start, h.end))]
    term_positions = {i for h in hits for i in range(h.start, h.end)}
    kept = []
    for h in longest_first(hits):
        # "bug" in "bug bounty", "performance" in "performance reviews": a longer name
        # that the vocabulary does not know, not the skill.
        # A role's team name is such a compound only where the word is its head: "Payments
        # Risk" is payments work, "Order Management" is not managing people.
        if is_generic_term(words.stems[h.start:h.end]) and (
                compound_partner(words, h.start - 1, term_positions)
                or (source != "role" and compound_partner(words, h.end, term_positions))):
            continue
        kept.append((h.start, h.end))
    spans = set(kept)
    owner = "my" if source == "own read" else "your"
    def said(start: int, end: int) -> str:
        if start in credited:
            return "has"
        clause = clause_of(start)
        found = polarity(clause)
        # "Communication throughout was excellent": praise just after it credits it.
        if not found and clause is not None and praised_after(words, clause, start, end):
            return "has"
        # "Your payment ledger design didn't address retries": what you made, in the round
        # or before it, is yours (a clause that finds something lacking stays "wanted").
        if not found and clause is not None and yours(words, clause.start, start, end, owner):
            return "yours"
        # "There's no need for Elixir": not asked for, and not credited either.
        if not found and clause is not None and clause.not_needed:
            return "unneeded"
        return found

    positioned: list[tuple[int, NamedSkill]] = [
        (h.start, NamedSkill(h.value, catalogue[h.value].label, words.span(h.start, h.end),
                             source, polarity=said(h.start, h.end),
                             credited=h.start in credited))
        for h in hits
        if (h.start, h.end) in spans
    ]
    for pattern, term, name in exact_skill_terms():
        for m in pattern.finditer(value):
            at = word_index(words, m.start())
            if at not in hidden:
                positioned.append((at, NamedSkill(name, catalogue[name].label, term, source,
                                                  polarity=said(at, at + 1))))
    return [n for _, n in sorted(positioned, key=lambda p: p[0])]


def _no_clause(_position: int) -> None:
    return None


def word_index(words: Words, offset: int) -> int:
    for i, (start, _end) in enumerate(words.spans):
        if start >= offset:
            return i
    return len(words.spans)


@dataclass(frozen=True)
class RoleTeam:
    """The team a job title names after its comma ("Tech Lead, Order Management")."""

    name: str  # as written
    words: frozenset[str]  # its stems that can say what an entry is about


_TEAM_SPLIT = re.compile(r",| [-\u2013\u2014] |\(")


def role_title(role: str) -> str:
    """The job itself, without the team it is on: "Tech Lead" of "Tech Lead, Order
    Management" (whose "Management" is not a manager's level)."""
    return _TEAM_SPLIT.split(role, maxsplit=1)[0]


@functools.lru_cache(maxsize=256)
def role_team(role: str) -> RoleTeam:
    parts = _TEAM_SPLIT.split(role, maxsplit=1)
    if len(parts) < 2:
        return RoleTeam("", frozenset())
    name = parts[1].strip(" )")
    stems = {w for w in split_words(name).stems if w.isalpha() and len(w) > 2}
    return RoleTeam(name, frozenset(stems - _team_noise()))


@functools.cache
def _team_noise() -> frozenset[str]:
    """Words that say nothing about what a team works on: the vocabulary's general words
    ("platform", "systems", "team"), its stop words, and the few a job title adds."""
    extra = load_toml("vocabulary", "reading.toml")["role"]["team_noise"]
    return generic_words() | stop_words() | frozenset(stem(w) for w in extra)


def _level_skills(query: MatchQuery) -> list[NamedSkill]:
    words = split_words(f"{query.level} {role_title(query.role)}")
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
    from the clauses that talk about the work (not about how you came across): never
    greetings, pleasantries or form letters, the words of category phrases ("withdraw
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
        covered = set(reading.clauses.masked | phrase_positions(words) | reading.unread)
        for hit in skill_matcher().find(words):
            covered.update(range(hit.start, hit.end))
        about_work = {i for c in reading.clauses.clauses if _about_work(reading, c)
                      for i in range(c.start, c.end)}
        for i, w in enumerate(words.stems):
            if i not in about_work or i in covered or w in ignore or w in general \
                    or w in PUNCTUATION:
                continue
            if len(w) < MIN_RESIDUAL_LENGTH or any(ch.isdigit() for ch in w):
                continue
            out.setdefault(w, words.surface[i])
    return out


def _about_work(reading: FeedbackReading, clause: Clause) -> bool:
    """A clause whose phrases are all about the decision or how you came across ("we have
    decided to pause hiring", "dismissive of the suggestions") says nothing about which
    evidence answers it; one with any other phrase, or none, may."""
    inside = [h for h in reading.hits if clause.start <= h.start < clause.end]
    return not inside or any(topic_evidence(h.category, h.topic).words for h in inside)


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
