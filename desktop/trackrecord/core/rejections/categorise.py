"""Suggesting a category for a rejection from its feedback, with the phrase that decided it.

The feedback is read clause by clause (trackrecord.core.matching.clauses): greetings, thanks
and sign-offs count for nothing, the verdict after a "but" counts for more than the praise
before it, and a negated phrase does not count. The phrases live in
``resources/vocabulary/categories.toml``, grouped by topic (a freeze, an internal candidate,
the level, ...) so the reframe can answer what was actually said.

The suggestion is only ever a suggestion: the person confirms or changes it, and the phrase
that decided it is shown so they can see why. Feedback that says something is never read as
silence: when no phrase names a kind of no, the stage decides, and the clause that said
something is shown as the reason.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field

from trackrecord.core.matching.clauses import Clause, ClauseReading, read_clauses
from trackrecord.core.matching.phrases import (
    PUNCTUATION,
    PhraseHit,
    PhraseMatcher,
    Words,
    longest_first,
    split_words,
    stem,
)
from trackrecord.core.matching.vocabulary import load_toml
from trackrecord.core.rejections.categories import CATEGORIES, CATEGORY_REGISTRY, UNKNOWN
from trackrecord.core.rejections.stages import STAGE_REGISTRY
from trackrecord.core.rejections.templates import TEMPLATE_TOPICS, template_clauses

WEIGHTS = {"strong": 2.0, "phrases": 1.0, "weak": 0.5}
OWN_READ_WEIGHT = 0.5  # your own read counts, but less than what they actually said
CANCEL_WINDOW = 4
PRAISE_WINDOW = 3
PRAISED_SUBJECT = 12  # "your experience with ... was noted positively": the words after the
# phrase, up to the end of its clause, in which the verb and the praise are looked for
_COPULAS = frozenset({"was", "were", "is", "are"})
PRAISED_OWNER = 2  # "your HealthKit depth": words between "your" and the phrase
PRAISE_BEFORE_WINDOW = 2
NEGATION_WINDOW = 3  # "you did not explain your trade-offs clearly": not praise
NEGATIONS = frozenset({"not", "no", "never", "without"})
REPORTER_WINDOW = 3  # "the recruiter eventually said": who reports, this close before it
SECOND_SHARE = 0.5  # a second reading is offered when it has half the winner's weight...
SECOND_MIN = 1.5  # ...and at least one strong phrase's worth
TRIGGER_WORDS = 10  # a clause shown as the reason is cut to this many words...
TRIGGER_CHARS = 70  # ...and characters


@dataclass(frozen=True)
class CategorySuggestion:
    category: str
    trigger: str | None  # the phrase as it was written, or None when nothing was said
    scores: tuple[tuple[str, float], ...] = ()
    second: str | None = None  # a defensible second reading of mixed feedback
    second_trigger: str | None = None
    topics: tuple[str, ...] = ()  # what the feedback says, for the category chosen
    content: bool = False  # the feedback (or your own read) says something
    by_stage: bool = False  # nothing named a kind of no: the stage decided
    # Every category's topics, strongest first (for a category the person chose instead).
    all_topics: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def topics_for(self, category: str) -> tuple[str, ...]:
        return dict(self.all_topics).get(category, ())


@dataclass(frozen=True)
class _Phrase:
    category: str
    topic: str
    weight: float
    praise_before: bool
    bar: bool = False  # the bar a round was judged against (categories.toml [bar])


@dataclass(frozen=True)
class CategoryHit:
    category: str
    topic: str
    base: float  # the phrase list's weight (2, 1 or 0.5)
    weight: float  # times the clause's weight and the source's
    start: int
    end: int
    phrase: str  # as written


@dataclass(frozen=True)
class FeedbackReading:
    """One text read for its category: the clauses, the phrases that count, and which words
    say nothing (greetings, pleasantries, the words of a form letter)."""

    clauses: ClauseReading
    hits: tuple[CategoryHit, ...]
    quiet: frozenset[int]  # word positions in greetings, pleasantries and form letters
    content: bool
    # Says something about the person: a judgement ("too intense"), a skill ("the tests
    # were missing"), or a phrase that names a kind of no. A form letter's boilerplate ("your
    # profile stays in our talent community") has content words but says none of these.
    specific: bool = False

    @property
    def words(self) -> Words:
        return self.clauses.words

    @property
    def unread(self) -> frozenset[int]:
        """Words never read for skills or evidence: quiet clauses, and pleasantries inside
        a clause that says something ("sorry to be writing with this news: ...")."""
        return self.quiet | self.clauses.pleasant

    def first_content_clause(self) -> Clause | None:
        for clause in self.clauses.clauses:
            if clause.start not in self.quiet and (
                    clause.content_words
                    or self.clauses.judged.intersection(range(clause.start, clause.end))):
                return clause
        return None


@dataclass(frozen=True)
class TopicEvidence:
    """What a topic's evidence has to show, when the feedback names no skill of its own."""

    about: str  # "how you came across with the interviewers"
    skills: tuple[str, ...]
    words: bool = True  # the clause's other words may find evidence
    rich: bool = False  # evidence with numbers and a full story answers it best
    # Phrases of the topic that say nothing about how you work ("salary", "not a fit"), as
    # stems joined by spaces: found by these alone, the topic asks for no evidence.
    no_evidence: frozenset[str] = frozenset()
    # Which kinds of entry answer it (0..1), where that differs from what the stage rewards
    # ("dismissive of the interviewer" is answered by the people you helped grow), and the
    # sentence a card shows for each.
    kinds: Mapping[str, float] = field(default_factory=dict)
    reasons: Mapping[str, str] = field(default_factory=dict)

    def asks_for_evidence(self, phrases: list[str]) -> bool:
        """Do these phrases of the topic, found in the feedback, ask for its evidence?"""
        return not phrases or any(
            " ".join(split_words(p).stems) not in self.no_evidence for p in phrases)


@dataclass(frozen=True)
class _Vocabulary:
    matcher: PhraseMatcher[_Phrase]
    cancel: dict[str, PhraseMatcher[str]]
    praise: frozenset[str]
    plain_praise: frozenset[str]  # [negation]: what a praised long subject is praised with
    praise_skip: frozenset[str]
    praise_turns: frozenset[str]
    stage_lean: dict[str, dict[str, float]]
    content_words: int
    topics: dict[tuple[str, str], TopicEvidence]
    reported: frozenset[str]  # [reported] verbs: "then the recruiter said ..."
    reporters: frozenset[str]  # [reported] who: someone on their side


@functools.cache
def _vocabulary() -> _Vocabulary:
    data = load_toml("vocabulary", "categories.toml")
    reading = load_toml("vocabulary", "reading.toml")
    phrases: list[tuple[str, _Phrase]] = []
    cancel: dict[str, PhraseMatcher[str]] = {}
    topics: dict[tuple[str, str], TopicEvidence] = {}
    for category in CATEGORIES:
        raw = data["category"][category]
        for topic, lists in raw.get("topic", {}).items():
            topics[(category, topic)] = TopicEvidence(
                str(lists.get("about", "")), tuple(lists.get("evidence", ())),
                bool(lists.get("words", True)), bool(lists.get("rich", False)),
                frozenset(" ".join(split_words(p).stems) for p in lists.get("no_evidence", ())),
                {k: float(v) for k, v in lists.get("kinds", raw.get("kinds", {})).items()},
                dict(lists.get("reasons", raw.get("reasons", {}))))
            praise_before = bool(lists.get("praise_before", False))
            for key, weight in WEIGHTS.items():
                phrases += [(p, _Phrase(category, topic, weight, praise_before))
                            for p in lists.get(key, ())]
        cancel[category] = PhraseMatcher((p, p) for p in raw.get("cancel", ()))
    # The bar a round was judged against: it outlasts the level phrases inside it, and counts
    # as a weak one itself.
    phrases += [(p, _Phrase("fit", "level", WEIGHTS["weak"], False, bar=True))
                for p in data.get("bar", {}).get("phrases", ())]
    negation = data.get("negation", {})
    return _Vocabulary(
        matcher=PhraseMatcher(phrases),
        cancel=cancel,
        praise=frozenset(stem(w) for w in negation.get("praise", ())),
        plain_praise=frozenset(stem(w) for w in negation.get("plain_praise", ())),
        praise_skip=frozenset(stem(w) for w in negation.get("praise_skip", ())),
        praise_turns=frozenset(stem(w) for w in negation.get("praise_turns", ())),
        stage_lean={k: dict(v) for k, v in data.get("stage_lean", {}).items()},
        content_words=int(reading["form"]["content_words"]),
        topics=topics,
        reported=frozenset(stem(w) for w in data["reported"]["verbs"]),
        reporters=frozenset(stem(w) for w in data["reported"]["who"]),
    )


def topic_evidence(category: str, topic: str) -> TopicEvidence:
    return _vocabulary().topics.get((category, topic), TopicEvidence("", ()))


@functools.lru_cache(maxsize=256)
def read_feedback(text: str) -> FeedbackReading:
    """The category reading of one text (cached: it is read again on every keystroke)."""
    vocab = _vocabulary()
    clauses = read_clauses(text)
    words = clauses.words
    hits: list[CategoryHit] = []
    in_form: list[CategoryHit] = []  # form-letter phrases in clauses of nothing but form words
    # "candidates whose experience more closely matches our needs": a form letter
    found = longest_first(vocab.matcher.find(words))
    templates = {c.start: _clip(words, c.start, c.end)
                 for c in template_clauses(clauses, [h.start for h in found
                                                     if h.value.category == UNKNOWN])}
    for hit in found:
        clause = clauses.clause_of(hit.start)
        # A clause of nothing but form words says nothing about you, except that it may be
        # a form letter ("after careful consideration, the team has decided not to move
        # forward with your candidacy").
        if clause is None or (clause.form and hit.value.category != UNKNOWN) or _cancelled(
                vocab, words, hit, clause):
            continue
        category, topic, base = hit.value.category, hit.value.topic, hit.value.weight
        phrase = words.span(hit.start, hit.end)
        if clause.start in templates and category == "fit" and topic in TEMPLATE_TOPICS:
            category, topic, base = UNKNOWN, "form-letter", WEIGHTS["phrases"]
            phrase = templates[clause.start]
        (in_form if clause.form else hits).append(CategoryHit(
            category, topic, base, base * clause.weight, hit.start, hit.end, phrase))
    for start, phrase in templates.items():
        clause = clauses.clause_of(start)
        if clause and not any(clause.start <= h.start < clause.end for h in hits):
            hits.append(CategoryHit(UNKNOWN, "form-letter", WEIGHTS["phrases"],
                                    WEIGHTS["phrases"] * clause.weight, clause.start,
                                    clause.end, phrase))
    quiet: set[int] = set()
    content = specific = False
    spoken = 0  # content words outside form clauses and silence phrases, over the whole text
    for clause in clauses.clauses:
        inside = [h for h in hits if clause.start <= h.start < clause.end]
        said = [h for h in inside if not CATEGORY_REGISTRY[h.category].silence]
        silent = bool(inside) and not said
        if clause.form:
            quiet.update(range(clause.start, clause.end))
            continue
        # "we can't move forward due to visa sponsorship": a form-letter phrase does not
        # silence the reason given beside it.
        covered = {i for h in inside for i in range(h.start, h.end)}
        if clause.start in templates:
            covered.update(range(clause.start, clause.end))
        left = [i for i in clauses.content_at
                if clause.start <= i < clause.end and i not in covered]
        spoken += len(left)
        if not silent and clauses.judged.intersection(range(clause.start, clause.end)):
            content = specific = True  # "a bit too intense"
        specific = specific or any(map(_decides, said)) or (not silent and clause.skill)
        if silent and len(left) < vocab.content_words:
            quiet.update(range(clause.start, clause.end))
        elif any(_decides(h) for h in said) or clause.content_words >= vocab.content_words:
            content = True
    # ...unless a sentence of its own says something about you ("Your answers in the design
    # round stayed fairly general"): then that is what the letter is.
    if not content:
        hits.extend(in_form)
    # A reason spread over short clauses ("not ready for the staff role yet; open to
    # talking about senior") still says something.
    content = content or spoken >= vocab.content_words
    return FeedbackReading(clauses, tuple(hits), frozenset(quiet), content, specific)


def suggest_category(feedback: str, stage: str = "other", own_read: str = "") -> CategorySuggestion:
    """The most likely category, the phrase that suggested it, and a second reading when the
    feedback is mixed.

    Empty feedback, ghosting and form letters are "unknown": silence is information too, but
    not about you. Feedback with content is never "unknown".
    """
    vocab = _vocabulary()
    totals: dict[str, float] = dict.fromkeys(CATEGORIES, 0.0)
    topic_totals: dict[tuple[str, str], float] = {}
    topic_best: dict[tuple[str, str], tuple[float, int]] = {}  # strongest hit, -order
    # category -> (base, weight, words, -order, phrase): the strongest, then the longest
    best: dict[str, tuple[float, float, int, int, str]] = {}
    decided: set[str] = set()  # categories with a phrase that can decide them
    order = 0
    readings: list[FeedbackReading] = []
    for text, factor in ((feedback, 1.0), (own_read, OWN_READ_WEIGHT)):
        if not text.strip():
            continue
        reading = read_feedback(text)
        readings.append(reading)
        for hit in reading.hits:
            weight = hit.weight * factor
            totals[hit.category] += weight
            key = (hit.category, hit.topic)
            topic_totals[key] = topic_totals.get(key, 0.0) + weight
            order += 1
            topic_best[key] = max(topic_best.get(key, (0.0, 0)), (weight, -order))
            ranked = (hit.base, weight, hit.end - hit.start, -order, hit.phrase)
            if _decides(hit):
                decided.add(hit.category)
            if hit.category not in best or ranked[:4] > best[hit.category][:4]:
                best[hit.category] = ranked
    content = any(r.content for r in readings)
    spoken = [c for c in best if not CATEGORY_REGISTRY[c].silence and c in decided]
    silent = [c for c in best if CATEGORY_REGISTRY[c].silence]
    if silent and all(best[c][0] < WEIGHTS["phrases"] for c in spoken):
        spoken = []  # a stray weak word ("match call") does not outweigh "no response"
    if silent and not feedback.strip() and best[UNKNOWN][0] >= WEIGHTS["strong"]:
        # Nothing came back, and your own read says so ("two nudges, then nothing for six
        # weeks"): what you did along the way ("we spent a long time on ...") is not a reason;
        # only what they told you after the silence is ("an auto-reply, then the recruiter
        # said the panel found me not senior enough").
        told = _said_after_silence(readings[0])
        spoken = [c for c in spoken if c in told]
    if not spoken:
        # With no feedback, your own read of what happened ("sent the take-home; two
        # follow-ups got nothing") is not a reason given: its silence phrase decides.
        heard = bool(feedback.strip()) and readings[0].content
        # ...and a form letter says nothing about you, however many words it takes.
        specific = any(r.specific for r in readings)
        if content and ((heard and specific) or UNKNOWN not in decided):
            return _by_stage(stage, readings, totals)
        trigger = best[UNKNOWN][4] if UNKNOWN in best else None
        topics = _ranked(topic_best, UNKNOWN)
        return CategorySuggestion(UNKNOWN, trigger, tuple(totals.items()), topics=topics,
                                  all_topics=((UNKNOWN, topics),) if topics else ())
    for category, lean in vocab.stage_lean.get(stage, {}).items():
        if category in spoken:
            totals[category] += float(lean)
    # Highest total wins; on a tie, the category whose strongest phrase came first.
    winner = max(spoken, key=lambda c: (totals[c], best[c][:4]))
    second = None
    runners = sorted((c for c in spoken if c != winner), key=lambda c: -totals[c])
    if runners and totals[runners[0]] >= max(SECOND_MIN, SECOND_SHARE * totals[winner]):
        second = runners[0]
    every = tuple((c, _ranked(topic_best, c)) for c in CATEGORIES
                  if any(k == c for k, _t in topic_totals))
    return CategorySuggestion(
        winner, best[winner][4], tuple(totals.items()),
        second=second, second_trigger=best[second][4] if second else None,
        topics=dict(every).get(winner, ()), content=True, all_topics=every,
    )


def _said_after_silence(reading: FeedbackReading) -> set[str]:
    """The categories of what they told you after the last strong silence phrase of this
    text ("... then the recruiter called and said the panel found me not senior enough"):
    someone reports it, and it is a strong phrase. Your own impressions after it ("I said I'd
    written very little Rust") and a profile that "said she'd left" are not."""
    silences = [h.end for h in reading.hits if CATEGORY_REGISTRY[h.category].silence
                and h.base >= WEIGHTS["strong"]]
    if not silences:
        return set()
    after = max(silences)
    stems = reading.words.stems
    vocab = _vocabulary()
    told = next((i for i in range(after, len(stems)) if stems[i] in vocab.reported
                 and not vocab.reporters.isdisjoint(stems[max(after, i - REPORTER_WINDOW):i])),
                None)
    return set() if told is None else {
        h.category for h in reading.hits if h.start > told and h.base >= WEIGHTS["strong"]
        and not CATEGORY_REGISTRY[h.category].silence}


def _decides(hit: CategoryHit) -> bool:
    """A phrase of several words, or a strong word ("nervous"), can decide a category; a
    single ordinary word ("domain", "experience", "finalist") cannot."""
    return hit.end - hit.start > 1 or hit.base >= WEIGHTS["strong"]


def _ranked(topic_best: dict[tuple[str, str], tuple[float, int]],
            category: str) -> tuple[str, ...]:
    """A category's topics, the one with the strongest single phrase first (the earliest
    on a tie): "not senior enough" leads "we need someone who has ..." after it."""
    found = [t for (c, t) in topic_best if c == category]
    return tuple(sorted(found, key=lambda t: topic_best[(category, t)], reverse=True))


def _by_stage(stage: str, readings: list[FeedbackReading],
              totals: dict[str, float]) -> CategorySuggestion:
    """Something was said, but nothing names a kind of no: a round where someone watched you
    work reads as about the round, anything else as about the profile."""
    want = "judged" if STAGE_REGISTRY[stage].judged else "screened"
    category = next(c.key for c in CATEGORY_REGISTRY if c.fallback == want)
    trigger = None
    for reading in readings:
        clause = reading.first_content_clause()
        if clause is not None:
            trigger = _clip(reading.words, clause.start, clause.end)
            break
    return CategorySuggestion(category, trigger, tuple(totals.items()), content=True,
                              by_stage=True)


def _clip(words: Words, start: int, end: int) -> str:
    real = [i for i in range(start, end) if words.stems[i] not in PUNCTUATION]
    if not real:
        return words.span(start, end)[:TRIGGER_CHARS]
    shown = real[:TRIGGER_WORDS]
    said = words.span(shown[0], shown[-1] + 1)
    if len(said) > TRIGGER_CHARS:
        return said[: TRIGGER_CHARS - 1].rstrip() + "\u2026"
    return said + ("\u2026" if len(real) > TRIGGER_WORDS else "")


def phrase_positions(words: Words, *, least: int = 1) -> set[int]:
    return set(_phrase_positions(words, least))


@functools.lru_cache(maxsize=256)
def _phrase_positions(words: Words, least: int) -> frozenset[int]:
    """Positions of the words a category phrase of at least ``least`` words spells out (not
    the words its "*" stands for: in "more * experience" the Elixir of "more Elixir
    experience" is still the thing)."""
    out: set[int] = set()
    for hit in _vocabulary().matcher.find(words):
        if hit.value.bar:
            continue  # the bar a round was judged against says what was asked for
        spelled = _spelled(hit.phrase)
        if len(spelled) >= least:
            out.update(i for i in range(hit.start, hit.end) if words.stems[i] in spelled)
    return frozenset(out)


@functools.lru_cache(maxsize=4096)
def _spelled(phrase: str) -> frozenset[str]:
    return frozenset(w for w in split_words(phrase.replace("*", " ")).stems)


def _cancelled(vocab: _Vocabulary, words: Words, hit: PhraseHit[_Phrase], clause: Clause) -> bool:
    before = _window(words, clause, hit.start, -CANCEL_WINDOW)
    if vocab.cancel[hit.value.category].find(before):
        return True
    if praised_after(words, clause, hit.start, hit.end) \
            or _praised_subject(words, clause, hit.start, hit.end):
        return True
    if hit.value.praise_before:
        close = _window(words, clause, hit.start, -PRAISE_BEFORE_WINDOW)
        return any(w in vocab.praise for w in close.stems)
    return False


def praised_after(words: Words, clause: Clause, start: int, end: int) -> bool:
    """Is what stands at ``start``..``end`` praised just after it ("communication was
    excellent")? Not when it was said in the negative: in "did not communicate clearly",
    "clearly" is part of the shortfall."""
    said = words.stems[start:end] + _window(words, clause, start, -NEGATION_WINDOW).stems
    if any(w in NEGATIONS for w in said):
        return False
    after = _window(words, clause, end, PRAISE_WINDOW)
    return any(w in _vocabulary().praise for w in after.stems)


def _praised_subject(words: Words, clause: Clause, start: int, end: int) -> bool:
    """"Your experience with public-sector data and accessibility was noted positively": a
    category phrase in the subject of a sentence that only praises it, however long the
    subject. Only plain praise right after the verb counts, and nothing after it may turn
    it ("clearly a long way from", "good but not at the level", "a clear gap")."""
    # "your ... depth", "your HealthKit depth": at most a name or two between
    before = words.stems[max(0, start - PRAISED_OWNER):start + 1]
    if "your" not in before or any(
            w in PUNCTUATION for w in before[len(before) - before[::-1].index("your"):]):
        return False
    vocab = _vocabulary()
    rest = _window(words, clause, end, PRAISED_SUBJECT).stems
    verb = next((k for k, w in enumerate(rest) if w in _COPULAS), None)
    if verb is None or any(w in vocab.praise_turns for w in rest):
        return False
    said = [w for w in rest[verb + 1:] if w not in vocab.praise_skip]
    return bool(said) and said[0] in vocab.plain_praise


def _window(words: Words, clause: Clause, at: int, width: int) -> Words:
    """Up to ``width`` words before (negative) or after ``at``, inside the clause and stopping
    at punctuation."""
    picked: list[int] = []
    if width < 0:
        for i in range(at - 1, max(at + width, clause.start) - 1, -1):
            if words.stems[i] in PUNCTUATION:
                break
            picked.insert(0, i)
    else:
        for i in range(at, min(at + width, clause.end)):
            if words.stems[i] in PUNCTUATION:
                break
            picked.append(i)
    return Words(
        tuple(words.stems[i] for i in picked), tuple(words.surface[i] for i in picked)
    )
