"""The second pass of evidence matching: what the few candidates that can still win say in
their own words about the skills and words of the feedback.

Only links a person would accept count: a skill's words in what the entry is about, and
feedback words outside the vocabulary ("ledger") that the entry also uses, or a whole tag of
the entry ("ledger" is not "distributed" of "distributed-systems").
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from trackrecord.core.matching.phrases import Words, split_words, stem
from trackrecord.core.matching.pool import WRITE_UP, Candidate, Reason, in_list
from trackrecord.core.matching.text import (
    FEEDBACK_SOURCES,
    NamedSkill,
    RawQueries,
    TextQuery,
    mention_matcher,
)
from trackrecord.core.matching.vocabulary import ambiguous_mentions, phrase_key, skills, tag_keys

W_FEEDBACK_MENTION = 1.2  # the entry's title, summary, impact or metrics names a named skill
PROCESS_FACTOR = 0.5  # halved for process skills ("hard to follow" names communication)
HAS_FACTOR = 0.4  # and less for what the feedback says you have: it is not in question
W_DOMAIN = 0.8  # per feedback word outside the vocabulary ("ledger") in a title, summary or tag
MAX_DOMAIN_WORDS = 2
W_SKILL_KIND = (0.3, 0.15, 0.05)  # the entry is of the kind that most typically shows a skill
# A tag that shows the skill without naming what the feedback said ("react" for
# *accessibility*): a looser link, and labellers accepted it less often (63% against 80%).
LOOSE_LINK = 0.7


def said_by(n: NamedSkill) -> str:
    """How a card says where a skill was named, and in what sense."""
    who = "the feedback" if n.source == "feedback" else "your own read"
    if n.polarity == "wanted":
        return f"{who} asks about *{n.phrase}*"
    if n.polarity == "has":
        return f"{who} credits you with *{n.phrase}*"
    return f"{who} mentions *{n.phrase}*"


def naming_tag(c: Candidate, n: NamedSkill) -> str | None:
    """The entry's tag for the very thing the feedback named ("accessibility" for
    *accessibility*, "kafka-streams" for *Kafka Streams*: every word of it), or "" when its
    title or summary names it; None when it shows the skill only through a tag for some
    other part of it ("react" for *accessibility*, "design" for *system design*)."""
    said = _word_stems(n.phrase)
    skill = skills()[n.skill]
    spelt = skill.spelling(phrase_key(n.phrase))  # "k8s" is "kubernetes"
    for key, tag in c.tags.items():
        if skill.spelling(phrase_key(key)) == spelt:
            return tag
        if said <= _word_stems(key) and any(part in skill.tags for part in tag_keys(key)):
            return tag
    return "" if said <= _word_stems(f"{c.title} {c.summary}") else None


@functools.lru_cache(maxsize=4096)  # the same few tags and titles, match after match
def _word_stems(text: str) -> frozenset[str]:
    """Each word's stem, with British and American spellings alike ("authorisation")."""
    return frozenset(w.replace("z", "s") for w in split_words(text).stems)


def mention_factor(n: NamedSkill) -> float:
    factor = PROCESS_FACTOR if skills()[n.skill].process else 1.0
    return factor * (HAS_FACTOR if n.polarity == "has" else 1.0)


def kind_weight(skill_kinds: Sequence[str], kind: str) -> float:
    if kind in skill_kinds:
        position = skill_kinds.index(kind)
        return W_SKILL_KIND[min(position, len(W_SKILL_KIND) - 1)]
    return 0.0


def second_pass(
    cur: RawQueries, detailed: list[Candidate], named: Sequence[NamedSkill], fb: TextQuery,
    asks: bool = False,
) -> None:
    """Mentions in the text, worked out only for the few candidates that can still win.

    ``asks``: the feedback asks for something or voices a concern, so what it credits you
    with links nothing (the first pass decides it; see evidence._first_pass)."""
    catalogue = skills()
    wanted: dict[str, NamedSkill] = {}
    for n in named:
        if asks and n.polarity == "has":
            continue
        if n.source in FEEDBACK_SOURCES and (n.skill not in wanted or n.polarity != "has"):
            wanted[n.skill] = n  # the sense that asks for it wins over the one that credits
    matcher, firsts = mention_matcher(frozenset(wanted))
    ambiguous = ambiguous_mentions()
    used: dict[str, set[str]] = {}
    for fed in named:
        if fed.source in FEEDBACK_SOURCES:
            used.setdefault(fed.skill, set()).add(" ".join(split_words(fed.phrase).stems))

    def read(c: Candidate, field_name: str, value: str, mentioned: set[str],
             residual_left: set[str]) -> None:
        words = split_words(value)
        # Only the named skills' phrases can count, and none can where no first word occurs.
        hits = () if firsts.isdisjoint(words.stems) else matcher.find(words)
        for hit in hits:
            n = wanted[hit.value]
            if n.skill in mentioned:
                continue
            # A synonym counts where the entry says what it is about; elsewhere only the
            # words the feedback used do ("browser" in an impact is not accessibility).
            said = " ".join(words.stems[hit.start : hit.end])
            if said not in used[n.skill] and (
                    field_name not in ("title", "summary") or said in ambiguous):
                continue
            mentioned.add(n.skill)
            about = words.span(hit.start, hit.end)
            if said not in used[n.skill]:  # another word for it: say which skill it is
                about = f"{about} ({catalogue[n.skill].label})"
            c.add(W_FEEDBACK_MENTION * mention_factor(n), f"{said_by(n)}; this entry's "
                  f"{field_name} talks about {about}", f"skill:{n.skill}", "mention")
            c.add(kind_weight(catalogue[n.skill].kinds, c.kind), None, f"skill:{n.skill}",
                  "skill_kind")
        if residual_left:
            residual_in(c, field_name, words, residual_left, fb)

    left: dict[int, set[str]] = {}
    for c in detailed:
        mentioned = {name for name in wanted if name in c.shows}
        residual_left = left[c.pk] = set(fb.residual) if c.text else set()
        for field_name, value in (("title", c.title), ("summary", c.summary),
                                  ("impact", c.impact), ("metrics", c.metrics)):
            # (Once every named skill is mentioned and every word found, nothing can count.)
            if value.strip() and (len(mentioned) < len(wanted) or residual_left):
                read(c, field_name, value, mentioned, residual_left)
    # The write-up (notes and STAR fields, kilobytes an entry) only ever adds feedback words
    # (a skill named there is not what the entry is about): read it only where some are left.
    pks = [c.pk for c in detailed if left[c.pk]]
    write_ups = dict(cur.rows(in_list(WRITE_UP, len(pks)), pks)) if pks else {}
    for c in detailed:
        residual_left = left[c.pk]
        value = str(write_ups.get(c.pk) or "")
        if value.strip():
            residual_in(c, "write-up", split_words(value), residual_left, fb)
        # A whole tag, not a piece of one: "systems" is not "distributed-systems".
        whole = {stem(key) for key in c.tags if "-" not in key} if residual_left else set()
        found = _allowed(c, sorted(w for w in residual_left if w in whole))
        if found:
            shown = " and ".join(f"*{fb.residual[w]}*" for w in found[:MAX_DOMAIN_WORDS])
            tags = ", ".join(name for key, name in c.tags.items() if stem(key) in found)
            c.add(W_DOMAIN * min(len(found), MAX_DOMAIN_WORDS),
                  f"the feedback mentions {shown}; this entry is tagged {tags}", part="domain")


def residual_in(
    c: Candidate, field_name: str, words: Words, residual_left: set[str], fb: TextQuery
) -> None:
    """Feedback words outside the vocabulary ("ledger") that this field also uses."""
    found = sorted(w for w in residual_left if w in words.stems)
    residual_left -= set(found)
    found = _allowed(c, found)
    if not found:
        return
    shown = " and ".join(f"*{fb.residual[w]}*" for w in found[:MAX_DOMAIN_WORDS])
    said = f"the feedback mentions {shown}; so does this entry's {field_name}"
    if field_name in ("title", "summary"):  # what the entry is about
        c.add(W_DOMAIN * min(len(found), MAX_DOMAIN_WORDS), said, part="domain")
    else:
        c.parts.append(Reason(0.5, said))


def _allowed(c: Candidate, found: list[str]) -> list[str]:
    """The words that may still link this entry (the person may have said otherwise)."""
    kept = [w for w in found if f"word:{w}" not in c.not_links]
    c.links.update(f"word:{w}" for w in kept)
    return kept
