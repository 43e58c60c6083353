"""Gaps: what the feedback asks for that nothing in the track record shows, said plainly.

Skills the feedback names (a domain is shown by any of its words), and things out of the
vocabulary it says were wanted ("strong Rust and embedded systems experience"); never
something the feedback says the person has, and at most a handful.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

from trackrecord.core.matching.clauses import exact_positions, marker_positions
from trackrecord.core.matching.phrases import PhraseHit, Words, longest_first, split_words
from trackrecord.core.matching.query import MatchQuery
from trackrecord.core.matching.text import (
    EVIDENCE_COLUMNS,
    FEEDBACK_SOURCES,
    NOT_ASKED,
    NamedSkill,
    RawQueries,
)
from trackrecord.core.matching.vocabulary import (
    Skill,
    current_synonyms,
    phrase_key,
    showing_tags,
    skill_matcher,
    skills,
    tag_key,
    tag_keys,
)
from trackrecord.core.matching.wants import is_head, is_qualifier, said_whole, wanted_items
from trackrecord.core.rejections.categorise import phrase_positions, read_feedback
from trackrecord.core.rejections.stages import parse_stage
from trackrecord.core.store.fulltext import any_of_query

MAX_GAPS = 5  # named plainly, a handful at most: a long paste should not become a list
ACRONYM_PLURAL = re.compile(r"[A-Z0-9]{2,}s")  # "SCPs", "SDKs", "HSMs"


def _join(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


@dataclass(frozen=True)
class Gap:
    """Something the feedback names that no entry shows: said plainly, never papered over."""

    label: str
    missing: tuple[str, ...]  # the words from the feedback that found nothing
    skill: str | None = None  # None when the words are not in the skills vocabulary
    source: str = "feedback"  # or "own read": where the words were written
    # Only particular tools of a skill the record otherwise shows are missing ("Azure" beside
    # AWS work): the skill's own evidence is the nearest, not its related skills'.
    skill_shown: bool = False

    @property
    def message(self) -> str:
        words = _join(self.missing)
        what = f"{words} ({self.label})" if self.skill and words != self.label else words
        them = "them" if len(self.missing) > 1 else "it"
        who = "Your own read" if self.source == "own read" else "The feedback"
        return f"{who} names {what}; nothing in your track record shows {them} yet."



# Where an entry shows a particular tool: what it is about and what it was built with (the
# customers' "Android phones" in an impact is not Android work).
BUILT_WITH_COLUMNS = "{title tag_text summary stack}"
NAMED_COLUMNS = "{title tag_text}"  # what an entry is, in its own words

_ANY_TAG = (
    "SELECT 1 FROM tags t JOIN entry_tags et ON et.tag_pk = t.pk WHERE t.name IN ({}) LIMIT 1"
)
# Compound tags in use ("embedded-linux", "Embedded Linux"): one read, whatever skill asks.
_COMPOUND_TAGS = (
    "SELECT DISTINCT t.name FROM tags t JOIN entry_tags et ON et.tag_pk = t.pk "
    "WHERE t.name LIKE '%-%' OR t.name LIKE '% %' OR t.name LIKE '%\\_%' ESCAPE '\\'"
)
_ANY_TEXT = "SELECT 1 FROM entry_fts WHERE entry_fts MATCH ? LIMIT 1"
# What the entries that use a word say around it, to read a name as written ("Go").
_TEXTS = (
    "SELECT title || ' ' || summary || ' ' || impact || ' ' || metrics, stack FROM entries "
    "WHERE pk IN (SELECT rowid FROM entry_fts WHERE entry_fts MATCH ? LIMIT ?)"
)
MAX_WRITTEN_ROWS = 200
# Without stemming: "games" must not be found in "game days", nor "ads" in "added".
_ANY_WORD = "SELECT 1 FROM entry_prefix WHERE entry_prefix MATCH ? LIMIT 1"


class GapReading(NamedTuple):
    named: tuple[Gap, ...]  # the gaps the page names
    # Every skill the feedback mentions that nothing shows, named or not: its nearest
    # evidence still counts ("scale it out", in a report on a round, is not a gap).
    unshown: tuple[Gap, ...]


def find_gaps(
    cur: RawQueries, query: MatchQuery, named: Sequence[NamedSkill],
    interview_report: bool = False, round_skills: Collection[str] = (),
) -> GapReading:
    """What the feedback asks for that nothing in the track record shows: skills it names
    (a domain is shown by any of its words), and things out of the vocabulary it says were
    wanted ("strong Rust and embedded systems experience"). Never something the feedback
    says the person has. ``round_skills``: what the round reported on probes."""
    catalogue = skills()
    submission = parse_stage(query.stage) == "take-home"
    asked: set[str] = set()  # skills named as a gap, not only mentioned in a report
    phrases: dict[str, list[str]] = {}
    sources: dict[str, str] = {}
    has = {n.skill for n in named if n.source in FEEDBACK_SOURCES and n.polarity == "has"}
    # "your pen-testing background was strong" credits penetration testing too
    has_said = {catalogue[n.skill].spelling(phrase_key(n.phrase)) for n in named
                if n.source in FEEDBACK_SOURCES and n.polarity == "has"}
    # "Mobile CI at scale": what a qualifier qualifies is the gap, when the feedback names
    # something else (a way of working too: "more ownership at scale" asks for no scale);
    # "more experience operating systems at scale" asks for it alone.
    said_in = {source: _Said.of(_text(query, source)) for source in FEEDBACK_SOURCES}
    unnamed = {source: _unnamed_wants(_text(query, source), said_in[source].hits, has)
               for source in FEEDBACK_SOURCES}
    qualified = any(not is_qualifier(n.phrase) for n in named if n.source in FEEDBACK_SOURCES
                    and not catalogue[n.skill].process and n.polarity not in NOT_ASKED) or any(
        wants for wants, _examples in unnamed.values())  # "video ... at scale": the video
    for n in named:
        # "Hard to follow" names communication, but as a report on the interview, not as a
        # skill the track record lacks: process skills are never gaps. Nor is a way of
        # working any work shows ("we wanted more ownership"), only a particular practice
        # of it ("stakeholder management with C-level executives").
        if n.source not in FEEDBACK_SOURCES or catalogue[n.skill].process or (
                catalogue[n.skill].way_of_working
                and phrase_key(n.phrase) not in catalogue[n.skill].specific):
            continue
        # "Your payment ledger design didn't address retries": this mention is of something
        # you made (another, "we need deeper ledger experience", still asks for it); "there's
        # no need for Elixir" asks for nothing either.
        if n.polarity in NOT_ASKED or (qualified and is_qualifier(n.phrase)):
            continue
        key = phrase_key(n.phrase)
        # What the feedback credits is never a gap; a particular tool it names beside
        # something it credits still can be ("you know mobile apps ... native iOS").
        particular = key in catalogue[n.skill].specific
        if catalogue[n.skill].spelling(key) in has_said or (n.skill in has and not particular):
            continue
        # "Your first move was to scale it out": in a report on how a round went, a general
        # skill named without being asked for describes the round, not what the record
        # lacks (a particular tool it names, "certificate pinning", still can be). Nor is
        # what the round itself probes, even asked for: "we needed to see the trade-offs",
        # in a design round, is about what came through in it.
        # "The PySpark job collects the table to the driver": a take-home's review names
        # what the submission was built with, which no record lacks unless it is asked for.
        # A particular tool named in a report on a round is the one the candidate chose
        # ("you proposed Kafka for the event bus"), unless the report asks for it.
        if not (interview_report and (n.polarity != "wanted" or (
                not particular and n.skill in round_skills))) and not (
                submission and n.polarity != "wanted"):
            asked.add(n.skill)
        phrases.setdefault(n.skill, [])
        sources.setdefault(n.skill, n.source)
        if n.phrase.casefold() not in (p.casefold() for p in phrases[n.skill]):
            phrases[n.skill].append(n.phrase)
    own = dict(current_synonyms())
    record = RecordTags(cur)
    unshown: list[Gap] = []
    for name, said in phrases.items():
        if len(unshown) >= MAX_GAPS * 2:
            break
        skill = catalogue[name]
        specific = [p for p in said if phrase_key(p) in skill.specific]
        general = [p for p in said if p not in specific]
        shown = record.show(showing_tags(name, current_synonyms()))
        missing = [p for p in specific if not _shown_as_said(record, p, own, skill)]
        # "Kafka or RabbitMQ" beside RabbitMQ work: one of the alternatives is enough; and
        # "(Kafka, SQS or similar)" gives examples of what the skill's own work shows.
        text = said_in[sources[name]]
        missing = [p for p in missing if not (
            any(text.alternatives(p, q) for q in specific if q not in missing)
            or (shown and text.or_similar(p)))]
        if general and not shown:
            if skill.domain:
                if not any(_appears(cur, t, EVIDENCE_COLUMNS, exact=True) for t in skill.terms):
                    missing = general + missing
            else:
                missing = [p for p in general
                           if not _said_in_record(record, p, own, skill)] + missing
        # "double-entry ledger" says all that "ledger" does: name the longer words once.
        missing = [p for p in missing if not any(
            p.casefold() != q.casefold() and p.casefold() in q.casefold() for q in missing)]
        if missing and all(p in specific for p in missing):
            # Named by what is missing: "frontend and React" would be wrong beside React work,
            # and by the one thing it all is, where it is one ("people management" for "line
            # manager and performance reviews").
            label = (_one_thing(skill, missing) or _join(missing)) if shown else skill.label
            unshown.append(Gap(label, tuple(missing), name, sources[name], shown))
        elif missing:
            unshown.append(Gap(skill.label, tuple(missing), name, sources[name]))
    gaps = [g for g in unshown if g.skill in asked][:MAX_GAPS]
    seen = {g.casefold() for gap in gaps for g in gap.missing}
    for source, (wants, said_examples) in unnamed.items():
        # An example the record shows is not missing ("observability tooling (Prometheus,
        # Grafana)" beside Prometheus work).
        examples = {head: tuple(e for e in found if not _shown_as_said(record, e, own))
                    for head, found in said_examples.items()}
        taken: set[str] = set()  # each item's examples go to one gap, the first it names
        gaps = [_with_examples(g, examples, taken) for g in gaps]
        for wanted in wants:
            if len(gaps) >= MAX_GAPS:
                break
            if wanted.casefold() in seen or _appears(cur, wanted, "", exact=True) or any(
                    _appears(cur, said, NAMED_COLUMNS, exact=True)
                    for said in _other_number(wanted)):
                continue
            seen.add(wanted.casefold())
            # "BLE sensor pairing" says more than the Bluetooth gap's "BLE": it is that gap.
            wider = next((i for i, g in enumerate(gaps)
                          if any(_within(p, wanted) for p in g.missing)), None)
            if wider is not None:
                gap = gaps[wider]
                kept = [p for p in gap.missing if not _within(p, wanted)]
                gaps[wider] = replace(gap, missing=tuple(dict.fromkeys((wanted, *kept))))
                # "GCP BigQuery" is one thing: not a cloud gap and a data one besides
                gaps = [g for k, g in enumerate(gaps) if k == wider or not all(
                    _within(p, wanted) for p in g.missing)]
                continue
            more = () if wanted in taken else examples.get(wanted, ())
            gaps.append(Gap(wanted, (wanted, *more), None, source))
    gaps = [said_in[g.source].as_said(g) for g in gaps[:MAX_GAPS]]
    return GapReading(tuple(gaps), tuple(unshown))


def _text(query: MatchQuery, source: str) -> str:
    return query.feedback if source == "feedback" else query.own_read


OR_WITHIN = 6  # "Kafka, SQS or Kinesis": words between two alternatives
_OR_SIMILAR = ("or similar", "or equivalent", "or another", "or comparable", "or the like")


@dataclass(frozen=True)
class _Said:
    """One text's words and where the vocabulary names something in them: read once per
    match (this is on the typing path), for every gap the text gives."""

    words: Words
    hits: tuple[PhraseHit[str], ...]  # the names the vocabulary knows in it
    terms: frozenset[int]  # ...and the positions they cover

    @classmethod
    def of(cls, value: str) -> _Said:
        words = read_feedback(value).words
        hits = tuple(skill_matcher().find(words)) if value.strip() else ()
        return cls(words, hits, frozenset(i for h in hits for i in range(h.start, h.end)))

    def as_said(self, gap: Gap) -> Gap:
        """The gap's words as the feedback said them, with the tail that makes them one
        thing ("SOX controls", "regulatory reporting")."""
        said: list[str] = []
        for phrase in gap.missing:
            stems = split_words(phrase).stems
            found = _find(self.words.stems, stems)
            # Said more than once ("your payments fraud work was impressive, but we need
            # payments experience"): which mention asked is not known here, so as it stands.
            if len(found) != 1:
                said.append(phrase)
                continue
            at, end = found[0], found[0] + len(stems)
            whole = said_whole(self.words, at, end, set(self.terms))
            # "our Fraud Data team" is a name, not a kind of work
            tail = self.words.surface[end:whole]
            said.append(self.words.span(at, whole) if whole > end and not any(
                w[:1].isupper() for w in tail) else phrase)
        if said == list(gap.missing):
            return gap
        label = said[0] if gap.skill is None and len(gap.missing) == 1 else gap.label
        return replace(gap, label=label, missing=tuple(dict.fromkeys(said)))

    def alternatives(self, a: str, b: str) -> bool:
        """Are ``a`` and ``b`` offered as alternatives ("Kafka or RabbitMQ", "Kafka, SQS or
        Kinesis"): nothing between them but "or", commas and other names?"""
        stems = self.words.stems
        named = {stems[i] for i in self.terms}
        for i in _find(stems, split_words(a).stems):
            for j in _find(stems, split_words(b).stems):
                lo, hi = min(i, j), max(i, j)
                # "AWS or GCP with Terraform": Terraform is no alternative to AWS
                if hi - lo <= OR_WITHIN and "or" in stems[lo + 1:hi] and all(
                        w in (",", "or", "/") or w in named for w in stems[lo + 1:hi]):
                    return True
        return False

    def or_similar(self, phrase: str) -> bool:
        """Is ``phrase`` an example, "or similar" just after it or after a list it ends?"""
        stems = self.words.stems
        ends = [split_words(o).stems for o in _OR_SIMILAR]
        for i in _find(stems, split_words(phrase).stems):
            for j in range(i + 1, min(len(stems), i + OR_WITHIN + 1)):
                if stems[j] in ".;!?":
                    break
                if any(tuple(stems[j:j + len(e)]) == tuple(e) for e in ends):
                    return True
        return False


def _find(stems: Sequence[str], phrase: Sequence[str]) -> list[int]:
    n = len(phrase)
    return [i for i in range(len(stems) - n + 1) if tuple(stems[i:i + n]) == tuple(phrase)]


def _other_number(phrase: str) -> tuple[str, ...]:
    """A common noun asked for in the plural, in the singular: "marketplaces" is shown by an
    entry titled or tagged "marketplace". Not a name ("Windows" is no window) nor a short
    word ("news", "redis"); and only where an entry names what it is, so "derivatives" is
    not shown by "a derivative of the curve" in a summary."""
    head, _, last = phrase.rpartition(" ")
    if (len(last) < 6 or not last.islower() or not last.endswith("s")
            or last.endswith(("ss", "us", "is"))):
        return ()
    return (f"{head} {last[:-1]}".strip(),)


def _with_examples(gap: Gap, examples: Mapping[str, tuple[str, ...]], taken: set[str]) -> Gap:
    """"Fintech regulation (PSD2, AML)": the examples are what the gap is missing too, for
    the first gap the item names (``taken`` keeps count)."""
    said = [p.casefold() for p in gap.missing]
    heads = [head for head in examples
             if head not in taken and any(_within(p, head) for p in said)]
    taken.update(heads)
    more = [e for head in heads for e in examples[head] if e.casefold() not in said]
    return replace(gap, missing=(*gap.missing, *dict.fromkeys(more))) if more else gap


def _within(phrase: str, text: str) -> bool:
    """Is ``phrase`` a run of whole words of ``text`` ("regulation" in "fintech regulation",
    never "ai" in "maintenance")?"""
    want = split_words(phrase).stems
    return bool(want) and bool(_find(split_words(text).stems, want))


def _shown_as_said(record: RecordTags, phrase: str, own: Mapping[str, Sequence[str]],
                   skill: Skill | None = None) -> bool:
    """Is this particular thing in the record: as a tag, or in what an entry is about or
    was built with, in its own words or the person's synonyms for it? With its ``skill``, a
    particular term ending in a general word ("ledger design") is also shown by what an
    entry is about or tagged ("Merchant ledger v2"), when the rest is that skill's term too."""
    for said in (phrase, *own.get(" ".join(phrase.split()).casefold(), ()),
                 *_other_spellings(phrase, skill)):
        if record.show([tag_key(said)]) or _appears(record.cur, said, BUILT_WITH_COLUMNS,
                                                    exact=True):
            return True
    head = _head(phrase, skill) if skill else ""
    return bool(head) and (record.show([tag_key(head)])
                           or _appears(record.cur, head, "{title tag_text}", exact=True))


def _head(phrase: str, skill: Skill) -> str:
    """"Ledger design" without the general word that ends it ("ledger"), when what is left
    is a term of the same skill ("responsive design" is not shown by a responsive API)."""
    words = split_words(phrase)
    n = len(words.stems)
    while n > 1 and words.stems[n - 1] in _TRAILING_GENERIC:
        n -= 1
    if n == len(words.stems) or " ".join(words.stems[:n]) not in map(phrase_key, skill.terms):
        return ""
    return words.span(0, n)


# Words that end a particular thing's name without naming anything themselves ("design
# system" is a thing, so "system" is not one of them).
_TRAILING_GENERIC = frozenset({"design", "work", "experience", "knowledge", "skill",
                               "background"})


class RecordTags:
    """Whether the record's tags show a skill, for one reading: a tag of its own, or a part
    of a compound the person wrote ("embedded-linux" shows embedded). The compounds are read
    once, the first time a skill's own tags are not found."""

    def __init__(self, cur: RawQueries) -> None:
        self.cur = cur
        self._parts: frozenset[str] | None = None

    def show(self, tags: Sequence[str]) -> bool:
        spellings = _tag_spellings(tags)
        if self.cur.first(_ANY_TAG.format(", ".join("?" * len(spellings))), spellings):
            return True
        if self._parts is None:
            self._parts = frozenset(part for (name,) in self.cur.rows(_COMPOUND_TAGS)
                                    for part in tag_keys(tag_key(name)))
        return not self._parts.isdisjoint(tags)


def _tag_spellings(keys: Sequence[str]) -> list[str]:
    out: set[str] = set()
    for key in keys:
        out |= {key, key.replace("-", " "), key.replace("-", "_"), key.replace("-", "")}
    return sorted(out)


def _one_thing(skill: Skill, said: Sequence[str]) -> str | None:
    """The first written spelling of the one particular thing all of ``said`` name, if they
    name one."""
    spelt = {skill.spelling(phrase_key(p)) for p in said}
    if len(spelt) != 1 or not skill.same:
        return None
    (key,) = spelt
    if any(phrase_key(p) == key for p in said):
        return None  # "Helm" is named as itself, not "Helm (helm)"
    return next((t for t in skill.terms if phrase_key(t) == key), None)


def _other_spellings(phrase: str, skill: Skill | None) -> list[str]:
    """The same particular thing written otherwise: the skill's other spellings of it
    ("penetration testing" for "pentest") and an acronym's singular ("SCP" for "SCPs"; the
    record is searched as written, so a plural does not find it)."""
    out = [phrase[:-1]] if ACRONYM_PLURAL.fullmatch(phrase) else []
    if skill is not None and skill.same:
        spelt = skill.spelling(phrase_key(phrase))
        out += [t for t in skill.terms if t.casefold() != phrase.casefold()
                and phrase_key(t) in skill.same and skill.spelling(phrase_key(t)) == spelt]
    return out


def _said_in_record(record: RecordTags, phrase: str, own: Mapping[str, Sequence[str]],
                    skill: Skill) -> bool:
    """Does an entry say this, or is it tagged with it? A name the vocabulary reads only as
    written ("Go") is looked for as written, not in the "go-live" of an entry's summary."""
    if phrase not in skill.exact:
        return _appears(record.cur, phrase, EVIDENCE_COLUMNS) or _shown_as_said(record, phrase,
                                                                                own)
    inner = any_of_query([phrase])
    if inner is None or record.show([tag_key(phrase)]):
        return True
    # As written, or lower-cased where it can only be the name: in a stack list, or after
    # "in", "with" or "using" ("the ingest service in go, handling 2k rps").
    word = re.escape(phrase)
    written = re.compile(rf"(?<![\w-]){word}(?![\w-])|\b(?:in|with|using)\s+(?i:{word})"
                         rf"(?![\w-])")
    listed = re.compile(rf"(?i)(?<![\w-]){word}(?![\w-])")
    return any(written.search(text) or listed.search(stack) for text, stack in record.cur.rows(
        _TEXTS, (f"{{title summary impact metrics stack}} : ({inner})", MAX_WRITTEN_ROWS)))


def _appears(cur: RawQueries, phrase: str, columns: str, *, exact: bool = False) -> bool:
    """Does the phrase appear in an entry (as written, with ``exact``)?"""
    inner = any_of_query([phrase])
    if inner is None:
        return True
    q = f"{columns} : ({inner})" if columns else inner
    return cur.first(_ANY_WORD if exact else _ANY_TEXT, (q,)) is not None


def _unnamed_wants(value: str, hits: Sequence[PhraseHit[str]], credited: Collection[str] = (),
                   ) -> tuple[list[str], dict[str, tuple[str, ...]]]:
    """What a "wanted" clause asks for that the skills vocabulary (``hits``: the names it
    knows in ``value``) does not fully name ("embedded systems", "managed managers", "a
    computer science degree"), and the examples
    a parenthesis gives of an item, by the item ("current-gen hardware": "PS5", ...). An
    example is never a gap of its own: it is part of its item's, or nothing when the record
    shows the item."""
    if not value.strip():
        return [], {}
    reading = read_feedback(value)
    words = reading.words
    hidden = reading.clauses.masked
    terms = {i for h in hits for i in range(h.start, h.end)} | exact_positions(words)
    names = longest_first(hits)
    out: list[str] = []
    examples: dict[str, list[str]] = {}
    blocked = phrase_positions(words, least=2) | marker_positions(words) | hidden
    for item in wanted_items(words, reading.clauses.clauses, reading.quiet,
                             [(h.start, h.end) for h in hits], blocked):
        inside = set(range(item.start, item.end))
        if inside & hidden:
            continue
        if item.example_of is not None:
            examples.setdefault(words.span(*item.example_of), []).append(item.text)
            continue
        # a skill the vocabulary knows: find_gaps has looked for it already; two names it
        # knows, side by side, are one thing it does not ("ML infrastructure")
        if inside <= terms and not _compound(words, item.start, item.end, names, credited):
            continue
        if item.text.casefold() not in (o.casefold() for o in out):
            out.append(item.text)
    return out, {head: tuple(found) for head, found in examples.items()}


def _compound(words: Words, start: int, end: int, names: Sequence[PhraseHit[str]],
              credited: Collection[str]) -> bool:
    """Is ``start``..``end`` a skill's name followed by another's that names a kind of work
    ("ML infrastructure"; "Kubernetes operators" is one name), none of them how much ("end
    to end") or a skill the feedback credits ("our stack is dbt Cloud" beside "your dbt
    experience", "a deployment platform" beside "strong on CI/CD")?"""
    inside = [h for h in names if start <= h.start < end]
    if len({h.value for h in inside}) < 2:
        return False  # "proactive ownership": one skill's words, said twice over
    # "ML infrastructure", "KYC/AML tooling": the last name is a kind of work (reading.toml
    # [wants] heads); "Python Django Postgres" is a stack, three things
    if not is_head(words.stems[inside[-1].start:inside[-1].end]):
        return False
    return not any(is_qualifier(h.phrase) or h.value in credited for h in inside)


def related_to_role(cur: RawQueries, named: Sequence[NamedSkill]) -> list[NamedSkill]:
    """A role nothing in the record shows ("Senior Mobile Engineer" for a backend record):
    the nearest skills that something might, as for a gap (never a gap itself: a role's
    title is not the feedback)."""
    catalogue = skills()
    record = RecordTags(cur)
    out: list[NamedSkill] = []
    for n in named:
        skill = catalogue[n.skill]
        if n.source != "role" or not skill.related or record.show(
                showing_tags(n.skill, current_synonyms())):
            continue
        for name in skill.related:
            reason = f"nothing shows {skill.label} yet; this is the nearest evidence"
            out.append(NamedSkill(name, catalogue[name].label, n.phrase, "related", reason))
    return out


def related_to_gaps(gaps: Sequence[Gap]) -> list[NamedSkill]:
    """For a skill nothing shows, the nearest skills that something might (said as such)."""
    catalogue = skills()
    out: list[NamedSkill] = []
    for gap in gaps:
        if gap.skill is None:
            continue
        if gap.skill_shown:
            continue  # only a particular tool is missing: the skill's own work is nearest
        for name in catalogue[gap.skill].related:
            reason = f"nothing shows {gap.label} yet; this is the nearest evidence"
            out.append(NamedSkill(name, catalogue[name].label, gap.missing[0], "related", reason))
    return out
