"""The shortcuts that keep evidence matching fast give the answers of the plain rules.

Scoring reads which skill a candidate's tags show from an index of the few skills a match is
about, and looks for skill mentions with a matcher cut down to the skills the feedback names.
Both are checked against the straightforward definitions; the text pass, which now reads an
entry's write-up only when feedback words are still unfound, is checked on a small store.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from trackrecord.core.matching.evidence import match_evidence
from trackrecord.core.matching.phrases import split_words
from trackrecord.core.matching.pool import shown_skills, tag_index
from trackrecord.core.matching.query import MatchQuery
from trackrecord.core.matching.text import mention_matcher
from trackrecord.core.matching.vocabulary import showing_tags, skill_matcher, skills, tag_keys
from trackrecord.core.record.entries import EntryService
from trackrecord.core.store.db import Store

SKILLS = sorted(skills())
TAG_KEYS = sorted({key for s in skills() for key in showing_tags(s)}
                  | {"unrelated", "embedded-linux", "design-system", "low-latency"})
TERMS = sorted({term for s in skills().values() for term in s.terms})
FILLER = ["the", "and", "we", "shipped", "a", "of", ".", "more", "with", "experience"]
TODAY = dt.date(2025, 11, 1)


def _first_listed(tags: dict[str, str], name: str) -> str | None:
    """The rule: of the tags that show the skill (its listed tags, then its own names), the
    first that the entry has, itself or as a part of a compound ("embedded-linux" has
    embedded)."""
    return next((tags[have] for key in showing_tags(name) for have in tags
                 if key in tag_keys(have)), None)


@given(
    keys=st.lists(st.sampled_from(TAG_KEYS), max_size=10, unique=True),
    names=st.sets(st.sampled_from(SKILLS), max_size=10),
)
def test_shown_skills_name_the_first_listed_tag(keys: list[str], names: set[str]) -> None:
    tags = {key: key.replace("-", " ").title() for key in keys}  # key -> the tag as written
    shows = shown_skills(tags, tag_index(frozenset(names)))
    assert set(shows) <= names
    for name in names:
        assert shows.get(name) == _first_listed(tags, name)


def test_two_tags_of_one_skill_name_the_first_listed() -> None:
    skill = next(s for s in skills().values() if len(s.tags) >= 3)
    later, first = skill.tags[2], skill.tags[0]
    tags = {later: "later", first: "first"}  # the entry lists them the other way round
    assert shown_skills(tags, tag_index(frozenset({skill.name}))) == {skill.name: "first"}


@given(
    words=st.lists(st.sampled_from(TERMS + FILLER), max_size=14),
    names=st.sets(st.sampled_from(SKILLS), min_size=1, max_size=4),
)
def test_the_cut_down_matcher_finds_what_the_full_one_finds(
    words: list[str], names: set[str]
) -> None:
    text = split_words(" ".join(words))
    matcher, firsts = mention_matcher(frozenset(names))
    expected = [h for h in skill_matcher().find(text) if h.value in names]
    assert matcher.find(text) == expected
    if expected:  # the first-word check never passes over a field that names a skill
        assert not firsts.isdisjoint(text.stems)


def test_the_text_pass_reads_summaries_and_write_ups(store: Store) -> None:
    entries = EntryService(store)
    summary = entries.create(
        "shipped", "Payments service", start_date="2024-02-01",
        summary="Moved the payments workers onto kubernetes",
    ).id
    write_up = entries.create(  # found through its tag; "conveyor" is only in its notes
        "shipped", "Billing batch jobs", start_date="2024-03-01", tags=["kubernetes"],
        notes="Most of the work was on the conveyor scheduling.",
    ).id
    named_only_in_notes = entries.create(
        "shipped", "Search indexing", start_date="2024-04-01",
        notes="We ran it on kubernetes.",
    ).id
    query = MatchQuery("onsite", feedback="Kubernetes answers were thin; conveyor too.")
    result = match_evidence(store, query, limit=10, today=TODAY)
    reasons = {e.entry_id: e.reasons for e in result.evidence}
    assert ("the feedback asks about *Kubernetes*; this entry's summary talks about kubernetes"
            in reasons[summary])
    assert "the feedback mentions *conveyor*; so does this entry's write-up" in reasons[write_up]
    # A skill named only in the notes is not what the entry is about.
    assert not any("talks about" in r for r in reasons.get(named_only_in_notes, ()))


def test_who_has_done_is_read_as_has_and_only_for_a_person() -> None:
    assert split_words("someone who's done security work").surface[:4] == (
        "someone", "who", "has", "done")
    assert split_words("she's shipped two apps").surface[:2] == ("she", "has")
    assert split_words("who's leaving the team").surface[:2] == ("who", "is")
    assert split_words("it's used everywhere").surface[:2] == ("it", "is")
