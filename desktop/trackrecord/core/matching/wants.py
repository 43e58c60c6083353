"""What feedback asks for, in or out of the skills vocabulary, and whether a skill it names
is one it found lacking, one it says the person has, or part of something they made.

"We needed strong Rust and embedded systems experience" asks for Rust and embedded systems;
"your background is mostly Python and Java" says the person has Python and Java, so neither
may ever be named as a gap. The anchors, filler words and joins are data in
``resources/vocabulary/reading.toml`` ([wants], [polarity] and [yours]).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from trackrecord.core.matching.clauses import Clause, glued, measured_against_need, starts_line
from trackrecord.core.matching.phrases import PUNCTUATION, PhraseMatcher, Words, stem
from trackrecord.core.matching.vocabulary import (
    action_words,
    generic_terms,
    generic_words,
    load_toml,
    people_words,
    phrase_key,
    stop_words,
)
from trackrecord.core.rejections.categorise import NEGATIONS

FUNCTION_WORDS = frozenset({
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "with", "and", "or", "but", "is",
    "are", "was", "were", "be", "been", "your", "you", "our", "we", "their", "they", "it",
    "its", "this", "that", "these", "those", "as", "by", "from", "into", "about", "not", "no",
    "did", "do", "doe", "had", "ha", "have", "more", "most", "very", "so", "too", "all",
    "any", "some", "i", "my", "me", "he", "she", "him", "her", "his", "there", "here", "when",
    "where", "which", "who", "what", "how", "why", "if", "than", "then", "would", "could",
    "should", "will", "can", "may", "might", "must", "just", "also", "only", "own", "same",
    "whose", "whom", "able",
})
_SOMEONE = frozenset({"someone", "somebody", "person", "people"})
_DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})
_HAVE = frozenset({"has", "have", "had"})
_HAVE_ADVERBS = frozenset({"already", "also", "previously", "actually"})  # "has already led"
_VERB_AFTER = frozenset({"to", "into", "up", "it", "them", "us", "our", "the", "a", "an"})
# After "and" or a comma, a modal or a subject starts a new clause, not the list's next item.
_NEW_CLAUSE = frozenset({"can", "could", "will", "would", "should", "may", "might", "must",
                         "you", "we", "they", "he", "she", "i", "it", "who", "which"})
MAX_LEAD = 4  # words of filler allowed between an anchor and what it asks for
MAX_BEFORE_JOIN = 3  # words between an item's end and a comma or "and" that carries its list on


@dataclass(frozen=True)
class Wanted:
    start: int  # word positions, end exclusive
    end: int
    text: str  # as written
    # The item a parenthesis right after names examples of: "current-gen hardware (PS5,
    # Series X|S)" asks for one thing, shown by its examples, not for three.
    example_of: tuple[int, int] | None = None


@dataclass(frozen=True)
class _Vocabulary:
    before: PhraseMatcher[str]
    after: PhraseMatcher[str]
    filler: frozenset[str]
    joins: frozenset[str]
    lead: frozenset[str]
    max_words: int
    not_items: frozenset[str]
    places: frozenset[str]
    faults: frozenset[str]
    impressions: frozenset[str]
    participles: frozenset[str]  # as written
    heads: frozenset[str]  # stemmed
    describing_endings: tuple[str, ...]
    compound_not: frozenset[str]
    alone_not: frozenset[str]
    alone_endings: tuple[str, ...]
    alone_ok: frozenset[str]
    where_after_someone: frozenset[str]
    qualifiers: frozenset[str]  # phrase keys
    not_anchors: PhraseMatcher[str]  # "if our needs shift": the word is a noun there


@functools.cache
def _vocabulary() -> _Vocabulary:
    data = load_toml("vocabulary", "reading.toml")["wants"]
    return _Vocabulary(
        before=PhraseMatcher((p, p) for p in data["before"]),
        after=PhraseMatcher((p, p) for p in data["after"]),
        filler=frozenset(stem(w) for w in data["filler"]),
        joins=frozenset(stem(w) for w in data["joins"] if " " not in w),
        lead=frozenset(stem(w) for w in data["lead"]),
        max_words=int(data["max_words"]),
        not_items=frozenset(stem(w) for w in data["not_items"]),
        alone_not=frozenset(stem(w) for w in data["alone_not"]),
        alone_endings=tuple(data["alone_endings"]),
        alone_ok=frozenset(stem(w) for w in data["alone_ok"]),
        places=frozenset(stem(w) for w in data["places"]),
        faults=frozenset(stem(w) for w in data["faults"]),
        impressions=frozenset(data["impressions"]),  # as written: "signals" are a skill
        participles=frozenset(data["participles"]),
        heads=frozenset(stem(w) for w in data["heads"]),
        describing_endings=tuple(data["describing_endings"]),
        compound_not=frozenset(stem(w) for w in data["compound_not"]),
        where_after_someone=frozenset(stem(w) for w in data["where_after_someone"]),
        qualifiers=frozenset(phrase_key(p) for p in data["qualifiers"]),
        not_anchors=PhraseMatcher((p, p) for p in data["not_anchors"]),
    )


def is_qualifier(phrase: str) -> bool:
    """"At scale", "end to end": says how much of something else was wanted, never a gap
    on its own."""
    return phrase_key(phrase) in _vocabulary().qualifiers


def polarity(clause: Clause | None) -> str:
    """"wanted", "has" or "" for a mention in this clause (a wanted phrase wins)."""
    if clause is None:
        return ""
    if clause.wanted:
        return "wanted"
    return "has" if clause.has else ""


def compound_partner(words: Words, i: int, skill_positions: set[int]) -> bool:
    """Is the word at ``i`` part of a name the vocabulary does not know ("bounty" beside
    "bug")? Function words, punctuation, numbers and other skills' words are not."""
    if i < 0 or i >= len(words.stems) or i in skill_positions:
        return False
    w = words.stems[i]
    if w in PUNCTUATION or w in FUNCTION_WORDS or w in _vocabulary().filler:
        return False
    if any(ch.isdigit() for ch in w) or len(w) < 3:
        return False
    return w not in generic_words()


def is_generic_term(phrase_stems: tuple[str, ...]) -> bool:
    return len(phrase_stems) == 1 and phrase_stems[0] in generic_terms()


def wanted_items(words: Words, clauses: tuple[Clause, ...], quiet: frozenset[int],
                 term_spans: list[tuple[int, int]], blocked: set[int]) -> list[Wanted]:
    """The things each "wanted" clause asks for, as written, in order. ``blocked`` are the
    positions of words that say how (category phrases, "we need"): never part of an item."""
    vocab = _vocabulary()
    starts = {a: b for a, b in term_spans if b - a > 1}  # multi-word skills end an item
    known = frozenset(i for a, b in term_spans for i in range(a, b))
    found: dict[tuple[int, int], Wanted] = {}
    nouns = {i for h in vocab.not_anchors.find(words) for i in range(h.start, h.end)}
    for clause in clauses:
        if not clause.wanted or clause.start in quiet:
            continue
        inside = range(clause.start, clause.end)
        for hit in vocab.before.find(words):
            if hit.start in inside and hit.start not in nouns \
                    and not measured_against_need(words, hit.start, clause.start):
                for a, b, of in _walk(words, hit.end, clause.end, 1, vocab, starts, blocked,
                                      known):
                    found.setdefault((a, b), Wanted(a, b, words.span(a, b), of))
        for hit in vocab.after.find(words):
            if hit.start in inside:
                for a, b, of in _walk(words, hit.start - 1, clause.start - 1, -1, vocab,
                                      starts, blocked, known):
                    found.setdefault((a, b), Wanted(a, b, words.span(a, b), of))
    return [found[k] for k in sorted(found)]


MAX_TAIL = 2  # "ledger systems", "regulatory reporting": words a name's tail may add


def said_whole(words: Words, start: int, end: int, terms: set[int]) -> int:
    """Where the thing named at ``start``..``end`` ends as the feedback said it: "SOX
    controls", "regulatory reporting", not "SOX" (reading.toml [wants] heads); "the ledger
    stays", "Android devices", "Java reporting to the CTO" and a line break end at the
    name."""
    vocab = _vocabulary()
    stop = min(len(words.stems), end + MAX_TAIL)
    if words.stems[end - 1] in people_words():
        return end  # "two line managers reporting in": what people do, not a kind of work
    while end < stop and end not in terms and words.stems[end] in vocab.heads \
            and not starts_line(words, end) and not _verb_use(words, end):
        end += 1
    return end


def is_head(stems: Sequence[str]) -> bool:
    """Does this name, after another, say a kind of work ("infrastructure", "security")?"""
    return len(stems) == 1 and stems[0] in _vocabulary().heads


def _verb_use(words: Words, i: int) -> bool:
    """"Java reporting to the CTO", "testing it": the word is doing, not naming."""
    nxt = words.stems[i + 1] if i + 1 < len(words.stems) else ""
    return nxt in _VERB_AFTER


def _item_word(w: str, vocab: _Vocabulary) -> bool:
    if w in PUNCTUATION or w in vocab.filler or w in vocab.joins or w in FUNCTION_WORDS:
        return False
    if w in stop_words() or w in vocab.not_items:
        return False
    return not w.replace("+", "").isdigit()


def _walk(words: Words, at: int, stop: int, step: int, vocab: _Vocabulary,
          term_starts: dict[int, int], blocked: set[int], known: frozenset[int],
          ) -> list[tuple[int, int, tuple[int, int] | None]]:
    """From an anchor, the items it asks for: runs of item words, joined by "and", "or" and
    commas; a parenthesis right after an item names examples of it (the third value)."""
    items: list[tuple[int, int]] = []
    examples: list[tuple[int, int]] = []
    head: tuple[int, int] | None = None
    current: list[int] = []
    lead = 0
    i = at
    while i != stop:
        w = words.stems[i]
        if w in ("(", ")"):
            if current:
                items.append(_span(current))
                current = []
            if step > 0 and w == "(":
                i, inner = _parenthesis(words, i + 1, stop, vocab)
                if items and _worth_naming(words, *items[-1], vocab):
                    head = items[-1]
                    examples = [span for span in inner if _worth_naming(words, *span, vocab)]
                else:
                    items += inner
            break
        if w in vocab.joins:
            if current:
                items.append(_span(current))
                current = []
            nxt = _next_real(words, i + step, stop, step, vocab)
            if not items or nxt is None or not _item_word(words.stems[nxt], vocab) \
                    or nxt in blocked or abs(nxt - i) > 3 \
                    or any(words.stems[j] in _NEW_CLAUSE for j in range(i, nxt, step)):
                break  # "Terraform and AWS": a list goes on; "..., we are not able" and
                # "shipped Flutter and can help set up patterns" start something else
            i = nxt
            continue
        if w == "." and glued(words, i):
            i += step  # ".NET": not the end of a sentence
            continue
        if w in PUNCTUATION:
            break
        if i in blocked and not (current or items):
            lead += 1
            if lead > MAX_LEAD or step < 0:
                break
            i += step
            continue
        if step > 0 and not (current or items) and _after_have(words, i) \
                and i not in term_starts \
                and words.span(i, i + 1).casefold() in vocab.participles:
            i += step  # "someone who has taken models to production": what they did
            continue
        if _item_word(w, vocab) and i not in blocked:
            if step > 0 and current and i in term_starts \
                    and not _describes(words, current, known, vocab):
                items.append(_span(current))
                current = []
            current.append(i)
            i += step
            continue
        if current:  # a filler or function word ends the item...
            items.append(_span(current))
            current = []
            nxt = _next_real(words, i, stop, step, vocab)
            if nxt is None or words.stems[nxt] not in vocab.joins \
                    or abs(nxt - i) > MAX_BEFORE_JOIN:
                break  # ...and the list, unless another item is joined on right there
                # ("Kafka experience, and Go"; not "Hi Maren, thanks for applying - we're
                # looking for deep learning experience", a sentence away)
            i = nxt
            continue
        # Before the first item: "with a strong ..." going forward; only adjectives ("strong
        # Rust", "more recent React") going back from "experience".
        if step > 0 and w in vocab.where_after_someone and i > 0 \
                and words.stems[i - 1] in _SOMEONE:
            break  # "we need someone in Oslo": a place, not a skill
        if step > 0 and w in _DEMONSTRATIVES and _points_back(words, i + 1, stop, vocab, blocked):
            break  # "I need that picture": what was said already, not a thing asked for
        lead += 1
        allowed = vocab.filler if step < 0 else vocab.filler | vocab.lead
        if lead > MAX_LEAD or w not in allowed:
            break
        i += step
    if current:
        items.append(_span(current))
    named = [(a, b, None) for a, b in items if _worth_naming(words, a, b, vocab)]
    return named + [(a, b, head) for a, b in examples]


def _describes(words: Words, current: list[int], known: frozenset[int],
               vocab: _Vocabulary) -> bool:
    """One describing word before a skill belongs to it ("stateful stream processing"),
    unless it is a skill itself ("Java Spring Boot" asks for two things)."""
    if len(current) != 1 or current[0] in known:
        return False
    return words.span(current[0], current[0] + 1).casefold().endswith(vocab.describing_endings)


def _points_back(words: Words, i: int, stop: int, vocab: _Vocabulary, blocked: set[int]) -> bool:
    """After "that" or "this": one plain word and no more ("that picture to make the case"),
    not a name or a thing of several words ("that Murex back-office depth")."""
    if i >= stop or i in blocked or not _item_word(words.stems[i], vocab):
        return False
    if words.span(i, i + 1)[:1].isupper():
        return False
    return i + 1 >= stop or not _item_word(words.stems[i + 1], vocab)


def _after_have(words: Words, i: int) -> bool:
    """Does the word at ``i`` follow "has" ("has taken"), perhaps past an adverb ("has
    already carried reports")?"""
    before = words.stems[max(0, i - 2):i]
    return bool(before) and (before[-1] in _HAVE or (
        len(before) == 2 and before[0] in _HAVE and before[1] in _HAVE_ADVERBS))


def _next_real(words: Words, i: int, stop: int, step: int, vocab: _Vocabulary) -> int | None:
    j = i
    while j != stop:
        w = words.stems[j]
        if w in vocab.joins or w in PUNCTUATION or _item_word(w, vocab):
            return j
        j += step
    return None


def _parenthesis(words: Words, i: int, stop: int,
                 vocab: _Vocabulary) -> tuple[int, list[tuple[int, int]]]:
    items: list[tuple[int, int]] = []
    current: list[int] = []
    while i != stop and words.stems[i] != ")":
        w = words.stems[i]
        if w in vocab.joins or w in PUNCTUATION:
            if current:
                items.append(_span(current))
                current = []
        elif _item_word(w, vocab):
            current.append(i)
        i += 1
    if current:
        items.append(_span(current))
    return i, items


def _span(positions: list[int]) -> tuple[int, int]:
    return min(positions), max(positions) + 1


def _worth_naming(words: Words, a: int, b: int, vocab: _Vocabulary) -> bool:
    """An item names something when some word in it is neither general ("services") nor
    only what someone did ("owning", "splits"): "owning services" is an activity, not a
    skill; "managed managers" still names something (a manager of managers)."""
    if b - a > vocab.max_words:
        return False
    said = [words.stems[i] for i in range(a, b)]
    if (any(w in vocab.places for w in said) or said[-1] in vocab.faults
            or words.span(b - 1, b).casefold() in vocab.impressions):
        # "the Lisbon office", "the concurrency issue", "a stronger coding signal": where,
        # what went wrong, or what came through in a round
        return False
    if said[-1] in vocab.compound_not and "-" in words.span(b - 1, b):
        return False  # "product-heavy": how much of something, not a thing
    if len(said) == 1 and not _alone_names(words, a, vocab):
        return False  # "trained", "minimum", "estimation": doing or measuring, not a skill
    if len(said) > 1 and said[0] in action_words() and all(
            w in generic_words() and w not in people_words() for w in said[1:]):
        return False
    return any(w not in generic_words() and len(w) > 1 for w in said)


def _alone_names(words: Words, i: int, vocab: _Vocabulary) -> bool:
    """Can this one word, on its own, be something asked for? Not a verb form, a measure or
    a general activity, unless it is written as a name ("Kotlin") or listed as a thing."""
    w = words.stems[i]
    if w in vocab.alone_ok:
        return True
    if w in vocab.alone_not:
        return False
    written = words.span(i, i + 1)  # as typed: the stems and surface are lower-cased
    if written[:1].isupper() and i > 0 and words.stems[i - 1] not in PUNCTUATION:
        return True  # a name, capitalised inside a sentence ("Spring", "Kotlin")
    if "-" in written.strip("-"):
        return True  # a compound written as one word ("learning-to-rank")
    return not (w.isalpha() and w.endswith(vocab.alone_endings))


MAX_OWNED_MODIFIERS = 2  # "your [payment ledger] design"
MAX_MADE_LIST = 12  # "your submission included [Kubernetes manifests, three services, a] Terraform"


@dataclass(frozen=True)
class _Made:
    things: frozenset[str]  # "design", "submission": what you make in and for an interview
    contained: frozenset[str]  # "included", "used": what your work is said to contain
    not_made: frozenset[str]  # "instead", "nothing": the list turns into what it lacked


@functools.cache
def _made() -> _Made:
    data = load_toml("vocabulary", "reading.toml")["yours"]
    return _Made(*(frozenset(stem(w) for w in data[k]) for k in ("made", "contained", "not_made")))


def yours(words: Words, floor: int, start: int, end: int, owner: str = "your") -> bool:
    """Is what stands at ``start``..``end`` part of something you made: ``owner`` ("your")
    just before it, with at most MAX_OWNED_MODIFIERS words between, and a thing made right
    after it ("your payment ledger design", "your Rust service"); or in what your work is
    said to contain ("your submission included Kubernetes manifests and a Terraform module")?
    Not your experience, background or team: those say what you have or where you go."""
    made = _made()
    made_after = any(w in made.things for w in words.stems[end - 1:end + 2])
    for i in range(start - 1, max(floor, start - 1 - MAX_OWNED_MODIFIERS) - 1, -1):
        w = words.stems[i]
        if w == owner:
            return made_after
        if w in PUNCTUATION or w in FUNCTION_WORDS:
            break
    return _in_what_you_made(words, floor, start, owner, made)


def _in_what_you_made(words: Words, floor: int, start: int, owner: str, made: _Made) -> bool:
    """"Your submission included X, Y and a Z": back from Z over the list to a verb of
    containing, with ``owner`` and a thing made at most three words before it. "Did not
    include", "used polling instead of Kafka", "expected your design to include" are not."""
    for i in range(start - 1, max(floor, start - 1 - MAX_MADE_LIST) - 1, -1):
        w = words.stems[i]
        if w in NEGATIONS or w in made.not_made:
            return False
        if w in PUNCTUATION and w != ",":
            return False
        if w in made.contained:
            subject = words.stems[max(floor, i - 3):i]
            return owner in subject and any(s in made.things for s in subject) \
                and words.stems[i - 1] != "to" \
                and not any(b in NEGATIONS for b in subject)
    return False
