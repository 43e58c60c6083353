"""Feedback split into sentences and clauses, each marked with what it can tell us.

Real feedback comes wrapped in greetings, thanks and sign-offs, and its verdict often sits
after a "but". This module finds the clauses, weighs them (the verdict more, a concession
less), marks the ones that are only pleasantries or greetings, and says whether a clause
talks about something wanted or about something the person has. Everything it looks for is
data: ``resources/vocabulary/reading.toml``.
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass

from trackrecord.core.matching.phrases import (
    PUNCTUATION,
    PhraseHit,
    PhraseMatcher,
    Words,
    split_words,
    stem,
)
from trackrecord.core.matching.vocabulary import (
    exact_skill_terms,
    generic_words,
    load_toml,
    masked,
    query_ignore,
    shipped_skill_matcher,
)

SENTENCE_ENDS = frozenset(".!?;")
MAX_GREETING_WORDS = 4
MAX_SIGNOFF_WORDS = 4


@dataclass(frozen=True)
class Clause:
    start: int  # word positions, end exclusive
    end: int
    weight: float  # how much it counts for the category
    form: bool  # a greeting, a sign-off, or nothing but pleasantries
    wanted: bool  # names something wanted or lacking ("we need", "more", "the gap was")
    has: bool  # says the person has something ("your Kubernetes knowledge was clear")
    content_words: int  # words that are not stop words, pleasantries, numbers or names
    skill: bool = False  # names a skill outside a job title and pleasantries ("your Go")
    not_needed: bool = False  # says something is not wanted ("there's no need for Elixir")


@dataclass(frozen=True)
class ClauseReading:
    words: Words
    clauses: tuple[Clause, ...]
    pleasant: frozenset[int] = frozenset()  # words inside pleasantries ("sorry to be writing")
    content_at: frozenset[int] = frozenset()  # positions of the content words counted
    judged: frozenset[int] = frozenset()  # content words a judgement falls on ("too intense")
    titles: frozenset[int] = frozenset()  # the job applied for ("the Data Engineer opening")
    masked: frozenset[int] = frozenset()  # words never read as skills ("hiring freeze")
    # words a "has" phrase wraps ("your [Kafka] experience was strong"): credited whatever
    # else their clause says ("The role is mostly Kafka and your Kafka experience ...")
    credited: frozenset[int] = frozenset()

    def clause_of(self, position: int) -> Clause | None:
        for clause in self.clauses:
            if clause.start <= position < clause.end:
                return clause
        return None


@dataclass(frozen=True)
class _Vocabulary:
    verdict: PhraseMatcher[str]
    concession: PhraseMatcher[str]
    after_comma: frozenset[str]
    credit_endings: frozenset[str]
    credit_turns: frozenset[str]
    verdict_weight: float
    concession_weight: float
    before_verdict_weight: float
    greetings: PhraseMatcher[str]
    addressing: PhraseMatcher[str]
    signoffs: PhraseMatcher[str]
    pleasantries: PhraseMatcher[str]
    form_words: frozenset[str]
    sender_teams: frozenset[str]  # "Recruiting", "HR": a sender's team in a signature
    content_words: int
    wanted: PhraseMatcher[str]
    has: PhraseMatcher[str]
    not_needed: PhraseMatcher[str]
    judgement: PhraseMatcher[str]
    judgement_skip: frozenset[str]
    role_nouns: frozenset[str]


TEAM_WORDS = 3  # "Backend Engineer, Payments Risk": at most this many words of team name
JUDGED_WITHIN = 2  # a judgement falls on a content word at most this many words after it
MAX_COMPARED = 6  # "heavier than [this two-screen app] needed": words between "than" and it
# "further along than you, someone who had led ...": another comparison, then an ask
# ("closer than usual and the team needs Kubernetes": a new clause, then an ask)
_PEOPLE_OR_BREAK = frozenset({"you", "your", "someone", "somebody", "anyone", ",", ";",
                              "and", "but", "because", "so", "while", *SENTENCE_ENDS})


def _matcher(phrases: list[str]) -> PhraseMatcher[str]:
    return PhraseMatcher((p, p) for p in phrases)


@functools.cache
def _vocabulary() -> _Vocabulary:
    data = load_toml("vocabulary", "reading.toml")
    clauses, form, polarity = data["clauses"], data["form"], data["polarity"]
    return _Vocabulary(
        verdict=_matcher(clauses["verdict"]),
        concession=_matcher(clauses["concession"]),
        after_comma=frozenset(stem(w) for w in clauses["after_comma"]),
        credit_endings=frozenset(stem(w) for w in polarity["credit_endings"]),
        credit_turns=frozenset(stem(w) for w in polarity["credit_turns"]),
        verdict_weight=float(clauses["verdict_weight"]),
        concession_weight=float(clauses["concession_weight"]),
        before_verdict_weight=float(clauses["before_verdict_weight"]),
        greetings=_matcher(form["greetings"]),
        addressing=_matcher(form["addressing"]),
        signoffs=_matcher(form["signoffs"]),
        pleasantries=_matcher(form["pleasantries"]),
        form_words=frozenset(stem(w) for w in form["words"]),
        sender_teams=frozenset(stem(w) for w in form["sender_teams"]),
        content_words=int(form["content_words"]),
        wanted=_matcher(polarity["wanted"]),
        has=_matcher(polarity["has"]),
        not_needed=_matcher(polarity["not_needed"]),
        judgement=_matcher(form["judgement"]),
        judgement_skip=frozenset(form["judgement_skip"]),
        role_nouns=frozenset(stem(w) for w in form["role_nouns"]),
    )


def _boundaries(words: Words) -> list[int]:
    """Word positions that start a sentence (a line break ends one too)."""
    starts = [0]
    for i in range(1, len(words.stems)):
        prev = words.stems[i - 1]
        if (prev in SENTENCE_ENDS and not (prev == "." and glued(words, i - 1))) \
                or starts_line(words, i):
            starts.append(i)
    return starts


@functools.lru_cache(maxsize=256)
def read_clauses(text: str) -> ClauseReading:
    """The clauses of ``text`` (cached: the same feedback is read on every keystroke)."""
    words = split_words(text)
    vocab = _vocabulary()
    n = len(words.stems)
    if not n:
        return ClauseReading(words, ())
    verdict_at = {h.start: h.end for h in vocab.verdict.find(words)}
    concession_at = {h.start: h.end for h in vocab.concession.find(words)}
    sentence_starts = _boundaries(words)
    cuts: list[tuple[int, str]] = []  # (position, "verdict" | "concession" | "")
    for s, start in enumerate(sentence_starts):
        end = sentence_starts[s + 1] if s + 1 < len(sentence_starts) else n
        cuts.append((start, ""))
        for i in range(start + 1, end):
            if i in verdict_at:
                cuts.append((i, "verdict"))
            elif i in concession_at:
                cuts.append((i, "concession"))
            elif words.stems[i - 1] == "," and words.stems[i] in vocab.after_comma:
                cuts.append((i, ""))
            elif words.stems[i - 1] in (":", "\u2014", "\u2013") and _is_greeting(
                    words, start, i, vocab):
                cuts.append((i, ""))  # "Hi Robin \u2014 thank you ..."
    cuts.sort()
    bounds = [(pos, kind) for k, (pos, kind) in enumerate(cuts)
              if k == 0 or pos != cuts[k - 1][0]]
    sentence_set = set(sentence_starts)
    pleasant = _covered(vocab.pleasantries, words)
    has_hits = vocab.has.find(words)
    # "No concerns about your testing": a wanted word inside a "has" phrase is not a want,
    # nor one inside "no need for" or "not required".
    unneeded = vocab.not_needed.find(words)
    not_wants = {i for h in (*has_hits, *unneeded) for i in range(h.start, h.end)}
    wanted_hits = [h for h in vocab.wanted.find(words)
                   if not set(range(h.start, h.end)) <= not_wants
                   and not measured_against_need(words, h.start, 0)]
    titles = _job_titles(words, vocab)
    starts = set(sentence_starts)
    # "Your Go was strong": a name read only as written is a skill, not a person or a company,
    # except at the start of a sentence ("Go well", "Go ahead and apply again").
    exact = exact_positions(words) - starts
    skill_hits = shipped_skill_matcher().find(words)
    skill_at = {i for h in skill_hits for i in range(h.start, h.end)}
    names = _names(words, starts, exact | skill_at) | titles
    # A skill's name that is also a word of every rejection email ("our hiring team",
    # "Recruiting at Lumen") says nothing on its own.
    hidden = frozenset(masked(words) | _addressed(words, vocab) | _loose_periods(words))
    runs = _capitalised_runs(words, starts)
    proper = runs | hidden
    terms = {i for h in skill_hits
             if not all(words.stems[j] in vocab.form_words for j in range(h.start, h.end))
             for i in range(h.start, h.end) if i not in titles and i not in proper}
    terms |= exact - titles - proper
    # "the ... position at Northbeam Analytics" (not "struggled at System Design")
    companies = _after_at(words, runs, skill_at)
    out: list[Clause] = []
    content_at: set[int] = set()
    for k, (start, kind) in enumerate(bounds):
        end = bounds[k + 1][0] if k + 1 < len(bounds) else n
        weight = 1.0
        if kind == "verdict":
            weight = vocab.verdict_weight
        elif kind == "concession":
            weight = vocab.concession_weight
        else:
            nxt = bounds[k + 1] if k + 1 < len(bounds) else None
            if nxt is not None and nxt[1] == "verdict" and nxt[0] not in sentence_set:
                weight = vocab.before_verdict_weight  # "Everyone liked him, but ..."
        said = [i for i in range(start, end) if i not in pleasant and i not in names
                and i not in companies and _content_word(words.stems[i], vocab)]
        content_at.update(said)
        skill = any(i in terms and i not in pleasant for i in range(start, end))
        content = len(said) + 2 * skill
        form = (
            _is_greeting(words, start, end, vocab) or _is_signoff(words, start, end, vocab)
            or (content == 0 and any(i in pleasant for i in range(start, end)))
        )
        wanted = any(start <= h.start < end for h in wanted_hits)
        has = any(start <= h.start < end for h in has_hits)
        if not (wanted or has) and out and start not in sentence_set and kind == "":
            wanted, has = out[-1].wanted, out[-1].has  # ", and experience running a ..."
        not_needed = not wanted and any(start <= h.start < end for h in unneeded)
        out.append(Clause(start, end, weight, form, wanted=wanted, has=has,
                          content_words=content, skill=skill, not_needed=not_needed))
    judged = {i for h in vocab.judgement.find(words)
              for i in range(h.end, min(n, h.end + JUDGED_WITHIN))
              if i not in pleasant and _judged_word(words.stems[i], vocab)}
    credited = {i for h in has_hits if _credits(words, h, sentence_starts, vocab)
                for i in range(h.start, h.end)}
    return ClauseReading(words, tuple(out), frozenset(pleasant), frozenset(content_at),
                         frozenset(judged), frozenset(titles), hidden, frozenset(credited))


def _credits(words: Words, hit: PhraseHit[str], sentence_starts: list[int],
             vocab: _Vocabulary) -> bool:
    """Does this "has" phrase credit what its "*" wraps, however its clause goes on? Only
    praise ("your * experience was strong") with nothing in its sentence turning it ("...
    was solid for the exercise but we need someone who has shipped it", "the gaps in your
    Kubernetes experience were clear")."""
    if "*" not in hit.phrase or words.stems[hit.end - 1] not in vocab.credit_endings:
        return False
    begin = max(pos for pos in sentence_starts if pos <= hit.start)
    ends = [pos for pos in sentence_starts if pos > hit.start]
    end = min(ends) if ends else len(words.stems)
    sentence = (*words.stems[begin:hit.start], *words.stems[hit.end:end])
    return not any(w in vocab.credit_turns for w in sentence)


def _addressed(words: Words, vocab: _Vocabulary) -> set[int]:
    """The name a letter is addressed to ("Thanks Maren, the team needs ..."): never a skill
    or a thing asked for."""
    return {h.end for h in vocab.addressing.find(words)
            if h.end < len(words.stems) and _capitalised(words, h.end)}


def _loose_periods(words: Words) -> set[int]:
    """A full stop with a space after it: it starts no ".NET" ("... SLAs.\n\nNet: not a
    match")."""
    return {i for i in range(len(words.stems) - 1)
            if words.stems[i] == "." and not glued(words, i)}


def measured_against_need(words: Words, at: int, floor: int) -> bool:
    """"More machinery than the problem needed (a registry, ...)", "Redux Toolkit felt heavier
    than this two-screen app needed": what was built, measured against the need, not a
    thing asked for."""
    start = max(floor, at - MAX_COMPARED)
    before = words.stems[start:at]
    if "than" not in before:
        return False
    than = start + len(before) - 1 - before[::-1].index("than")
    if than > 0 and words.stems[than - 1] in ("other", "rather"):
        return False  # "Other than that we needed ...", "Rather than Java we need Go"
    return not any(w in _PEOPLE_OR_BREAK for w in words.stems[than + 1:at])


def marker_positions(words: Words) -> set[int]:
    """Positions of the words that say something is wanted or had ("we need", "your *
    background"): they are never themselves the thing asked for."""
    vocab = _vocabulary()
    return _covered(vocab.wanted, words) | _covered(vocab.has, words)


def _covered(matcher: PhraseMatcher[str], words: Words) -> set[int]:
    out: set[int] = set()
    for hit in matcher.find(words):
        out.update(range(hit.start, hit.end))
    return out


def _real_words(words: Words, start: int, end: int) -> list[int]:
    return [i for i in range(start, end) if words.stems[i] not in ".,;:!?()\u2013\u2014"]


def _is_greeting(words: Words, start: int, end: int, vocab: _Vocabulary) -> bool:
    real = _real_words(words, start, end)
    if not real or len(real) > MAX_GREETING_WORDS:
        return False
    return any(h.start == real[0] for h in vocab.greetings.find(words))


def _is_signoff(words: Words, start: int, end: int, vocab: _Vocabulary) -> bool:
    real = _real_words(words, start, end)
    if not real or len(real) > MAX_SIGNOFF_WORDS:
        return False
    if any(h.start == real[0] for h in vocab.signoffs.find(words)):
        return True
    # A name on its own line at the end ("Priya"), the sender's team, or a letterhead on the
    # first line of a longer letter ("Birchfold Careers").
    head = start == 0 and end < len(words.stems) and words.stems[end - 1] not in ".,;:!?"
    return (start > 0 or head) and len(real) <= 2 and all(
        _capitalised(words, i) or words.stems[i] in vocab.form_words for i in real) or (
        # "Cinder AI Recruiting", "HR service Altea": the sender's team and the company's
        # name, alone on the last line ("People Leadership Experience" is not one).
        start > 0 and len(real) <= MAX_SIGNOFF_WORDS and _nothing_after(words, end, vocab)
        and starts_line(words, real[0])
        and (words.stems[real[-1]] in vocab.sender_teams
             or words.stems[real[0]] in vocab.sender_teams)
        and all(_capitalised(words, i) or words.stems[i] in generic_words()
                for i in real)) or (
        len(real) <= MAX_SIGNOFF_WORDS and start > 0
        and [words.stems[i] for i in real[:1]] == ["the"]
        and all(words.stems[i] in vocab.form_words for i in real[1:]))  # "The Recruiting Team"


def _nothing_after(words: Words, end: int, vocab: _Vocabulary) -> bool:
    """Only form words after it ("This mailbox is not monitored."): the end of the letter."""
    return not any(_content_word(w, vocab) for w in words.stems[end:])


def starts_line(words: Words, i: int) -> bool:
    """Does word ``i`` start a line of its own?"""
    if not words.spans or i == 0:
        return i == 0
    return "\n" in words.text[words.spans[i - 1][1]:words.spans[i][0]]


def glued(words: Words, i: int) -> bool:
    """Is the word at ``i`` (a full stop) written right against the next one (".NET",
    "node.js")?"""
    if not words.spans or i + 1 >= len(words.spans):
        return False
    return words.spans[i][1] == words.spans[i + 1][0]


def _job_titles(words: Words, vocab: _Vocabulary) -> set[int]:
    """The title of the job applied for ("the Backend Engineer (Platform Services) opening"):
    capitalised words ending in a role noun, and a capitalised parenthesis after them. A
    title names the opening, not anything said about the person."""
    if not words.spans:
        return set()
    out: set[int] = set()
    for i, w in enumerate(words.stems):
        if w not in vocab.role_nouns or not _capitalised(words, i):
            continue
        j = i
        while j > 0 and _capitalised(words, j - 1) and words.stems[j - 1] not in PUNCTUATION:
            j -= 1
        out.update(range(j, i + 1))
        # "Senior Engineer, Payments Infrastructure": the team after a comma is the title too.
        k = i + 2
        if i + 1 < len(words.stems) and words.stems[i + 1] == ",":
            while k < len(words.stems) and k - i <= TEAM_WORDS and _capitalised(words, k) \
                    and words.stems[k] not in PUNCTUATION:
                out.add(k)
                k += 1
        if i + 1 < len(words.stems) and words.stems[i + 1] == "(":
            k = i + 2
            while k < len(words.stems) and words.stems[k] != ")" and k - i < 8:
                k += 1
            if k < len(words.stems) and words.stems[k] == ")":
                out.update(range(i + 1, k + 1))
    return out


def _capitalised_runs(words: Words, sentence_starts: set[int]) -> set[int]:
    """Words in a run of two or more capitalised words inside a sentence: a name ("Corvid
    Logistics", "Harrow Bank Careers"), whatever skill its words might name elsewhere. The
    first word of a sentence is capitalised anyway ("Your Python was strong")."""
    out: set[int] = set()
    run: list[int] = []
    for i in range(len(words.stems) + 1):
        if i < len(words.stems) and i not in sentence_starts \
                and words.stems[i] not in PUNCTUATION and _capitalised(words, i):
            run.append(i)
            continue
        if len(run) >= 2:
            out.update(run)
        run = []
    return out


def _after_at(words: Words, runs: set[int], skills: set[int]) -> set[int]:
    """The capitalised runs right after "at" that begin with a word no skill has: a
    company's name ("your interest in the role at Northbeam Analytics"), whatever skill a
    later word of it names elsewhere ("struggled at System Design" is the skill)."""
    out: set[int] = set()
    for i in sorted(runs):
        if (i - 1 in out) or (i > 0 and words.stems[i - 1] == "at" and i not in skills):
            out.add(i)
    return out


def exact_positions(words: Words) -> set[int]:
    """Where a name the vocabulary reads only as written stands ("your Go", "Rust"): a
    skill, not the name of a person or a company."""
    if not words.spans:
        return set()
    starts = [start for start, _end in words.spans]
    return {i for pattern, _term, _name in exact_skill_terms()
            for m in pattern.finditer(words.text)
            if (i := bisect.bisect_left(starts, m.start())) < len(starts)
            and starts[i] == m.start()}


def _capitalised(words: Words, i: int) -> bool:
    return bool(words.spans) and words.text[words.spans[i][0]].isupper()


def _names(words: Words, sentence_starts: set[int], skill_positions: set[int]) -> set[int]:
    """Capitalised words inside a sentence that are not skills: names of people, companies
    and products, which say nothing about the decision. (At the start of a sentence a
    capital says nothing, so those words count as written.)"""
    if not words.spans:
        return set()
    return {
        i for i in range(len(words.stems))
        if i not in sentence_starts and i not in skill_positions and _capitalised(words, i)
    }


def _judged_word(w: str, vocab: _Vocabulary) -> bool:
    """A word a judgement can fall on: "short" in "a little too short" (everyday words that
    are no evidence of anything still say what was wrong)."""
    return w.isalpha() and len(w) >= 3 and w not in vocab.judgement_skip


def _content_word(w: str, vocab: _Vocabulary) -> bool:
    if w in ".,;:!?()\u2013\u2014" or w in query_ignore() or w in vocab.form_words:
        return False
    return not (any(ch.isdigit() for ch in w) or len(w) < 3)
