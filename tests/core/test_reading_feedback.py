"""Reading feedback the way a thoughtful friend would (issue 15): the category from the whole
text, evidence on links a person would accept, gaps for what was wanted and never for what the
feedback says you have. Each case here is one of the failures the issue reported."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from trackrecord.core.matching.concerns import voiced_concern
from trackrecord.core.matching.evidence import match_evidence
from trackrecord.core.matching.query import MatchQuery
from trackrecord.core.matching.rounds import concern_round
from trackrecord.core.record.entries import EntryService
from trackrecord.core.rejections.categorise import suggest_category
from trackrecord.core.store.db import Store

TODAY = dt.date(2025, 11, 1)


@pytest.mark.parametrize(
    ("feedback", "stage", "category", "trigger"),
    [
        ("The panel felt the candidate is not senior enough", "onsite", "fit",
         "not senior enough"),
        ("You came across as arrogant and dismissive of the interviewer's suggestions.",
         "behavioral", "signal-gap", "came across as"),
        ("But tech-wise we don't think you meet the bar", "onsite", "signal-gap",
         "don't think you meet the bar"),
        ("They didn't think I would enjoy working at a large company", "hiring-manager", "fit",
         "didn't think I would enjoy"),
        ("Everyone liked him, but he is too junior for this team.", "onsite", "fit",
         "too junior"),
        ("No hire.", "coding", "signal-gap", "No hire"),
        ("We needed to see more depth on databases.", "onsite", "signal-gap", "needed to see"),
        ("Room to improve on system design fundamentals.", "system-design", "signal-gap",
         "Room to improve"),
        ("We went with another candidate who had more direct experience with our stack.",
         "onsite", "fit", "more direct experience"),
        ("You were one of two finalists.", "onsite", "fit", "one of two finalists"),
        ("We decided to hire internally.", "hiring-manager", "external-noise",
         "hire internally"),
        ("We've had to close the requisition.", "onsite", "external-noise",
         "close the requisition"),
        ("The role was filled last week by someone further along. So sorry we didn't get to "
         "schedule your next chat in time.", "recruiter", "external-noise", "role was filled"),
        ("Your notice period puts your start date in March; we went with a candidate who can "
         "start in January.", "offer", "external-noise", "Your notice period"),
        ("The requisition you applied for (Req #4821, Senior Engineer, Test Infrastructure) "
         "is no longer accepting candidates.", "application", "external-noise",
         "no longer accepting candidates"),
        ("The lead came away unsure you were excited about the work itself.", "team-match",
         "signal-gap", "unsure you were excited"),
        ("We need someone strong in Go and GCP; we can't afford a long ramp.", "phone-screen",
         "fit", "afford a long ramp"),
        ("They found a candidate with more years in time series forecasting.", "team-match",
         "fit", "more years in"),
        ("The team requires on-site presence in Houston four days a week.", "hiring-manager",
         "external-noise", "four days a week"),
        ("The model scored below the simple baseline and the write-up didn't dig into why.",
         "take-home", "signal-gap", "below the simple baseline"),
        ("Late in the process, one of our own engineers put their hand up for the role.",
         "hiring-manager", "external-noise", "one of our own engineers"),
        ("Another candidate who was further along in our process accepted an offer.",
         "onsite", "external-noise", "further along in our process"),
        ("Your candidacy for Staff Mobile Engineer has been closed.", "onsite", "unknown",
         "Your candidacy"),
        ("Your experience is at the app layer, so it is not the right match for this role.",
         "phone-screen", "fit", "experience is at the"),
    ],
)
def test_common_real_phrasings(feedback: str, stage: str, category: str, trigger: str) -> None:
    suggestion = suggest_category(feedback, stage)
    assert (suggestion.category, suggestion.trigger) == (category, trigger)


@pytest.mark.parametrize("word", ["didn't", "did not", "experience", "domain", "finalist"])
def test_no_single_word_decides_or_is_shown_as_the_reason(word: str) -> None:
    suggestion = suggest_category(f"Thanks for your time. {word}.", "onsite")
    assert suggestion.trigger is None or suggestion.trigger.casefold() != word


@pytest.mark.parametrize(
    ("feedback", "stage", "category"),
    [
        ("The team has concerns about your availability: the project starts next month.",
         "onsite", "external-noise"),  # when you can start is not about you
        ("We're consolidating web engineering into our Lisbon hub, so we can't continue.",
         "onsite", "external-noise"),
        ("Because of a very high volume of applications, we've closed this requisition early "
         "and are no longer reviewing new candidates.", "application", "external-noise"),
        ("The team has decided not to move forward at this stage. From the coding round: the "
         "session ended before you got to keyboard navigation and the error states.",
         "coding", "signal-gap"),
        ("You're not ready for the staff role yet; we'd be open to talking about senior.",
         "onsite", "fit"),
        ("The team has decided to promote from within.", "hiring-manager", "external-noise"),
        ("Thank you, we enjoyed it. Unfortunately we can't move forward due to visa "
         "sponsorship limitations.", "onsite", "external-noise"),
        ("The interview panel was split, and in those cases our policy is not to hire.",
         "onsite", "signal-gap"),
        ("Unfortunately we require candidates to be based in Germany.", "application", "fit"),
        ("The code was clean, but the take-home didn't include any explanation.",
         "take-home", "signal-gap"),
    ],
)
def test_feedback_with_content_is_never_silence(feedback: str, stage: str,
                                                category: str) -> None:
    suggestion = suggest_category(feedback, stage)
    assert suggestion.content
    assert suggestion.category == category


@pytest.mark.parametrize(
    "feedback",
    [
        "",
        "Thank you for your interest. Unfortunately we have decided not to proceed with your "
        "application. We wish you every success in your search.\n\nKind regards,\nThe Talent "
        "Team",
        "Never heard back after the final round.",
        "No feedback provided.",
    ],
)
def test_silence_and_form_letters_are_unknown(feedback: str) -> None:
    suggestion = suggest_category(feedback, "onsite")
    assert (suggestion.category, suggestion.content) == ("unknown", False)


def test_the_stage_decides_when_nothing_names_a_kind_of_no_and_says_so() -> None:
    said = "The engineers compared notes about the pairing exercise with the platform group."
    judged = suggest_category(said, "coding")
    screened = suggest_category(said, "recruiter")
    assert (judged.category, screened.category) == ("signal-gap", "fit")
    assert judged.by_stage and judged.trigger is not None
    assert judged.trigger.startswith("The engineers compared notes")


def test_a_short_judgement_is_content_not_silence() -> None:
    """"A little too short" names nothing in the vocabulary, but it is a verdict on you."""
    suggestion = suggest_category("Your answers were a little too short.", "behavioral")
    assert suggestion.content and suggestion.category != "unknown"
    assert suggestion.by_stage and suggestion.trigger == "Your answers were a little too short"
    ghosted = suggest_category("Sorry, we were a bit slow to get back to you.", "onsite")
    assert ghosted.category == "unknown"  # their delay says nothing about you


def test_mixed_feedback_carries_a_second_category() -> None:
    suggestion = suggest_category(
        "You'd be a strong senior hire, but we're looking for staff and we didn't see enough "
        "cross-team influence.", "onsite")
    assert (suggestion.category, suggestion.second) == ("fit", "signal-gap")
    assert suggestion.second_trigger == "didn't see enough"


def test_praise_before_the_verdict_counts_for_less_than_the_verdict() -> None:
    suggestion = suggest_category(
        "Your communication was clear and you were not nervous at all, but the team felt the "
        "role needed someone with deeper Kafka experience.", "onsite")
    assert suggestion.category == "fit"


# -- evidence and gaps on a small track record ------------------------------------------------


def _add(entries: EntryService, kind: str, title: str, **values: Any) -> str:
    values.setdefault("start_date", "2022-01-01")
    return entries.create(kind, title, **values).id


@pytest.fixture
def record(entries: EntryService) -> dict[str, str]:
    return {
        "hiring": _add(entries, "other", "Interviewing and hiring for the claims team",
                       tags=["hiring", "interviewing", "people-leadership"],
                       end_date="2022-09-01", metrics="40 interviews, 5 hires"),
        "routing": _add(entries, "shipped", "Route optimisation at 10x traffic",
                        tags=["distributed-systems", "go", "performance"],
                        end_date="2022-08-01", metrics="25k req/s at peak"),
        "payouts": _add(entries, "shipped", "Courier payouts service", tags=["payments", "go"],
                        end_date="2023-05-01", summary="Weekly payouts to 4,000 couriers"),
        "ledger": _add(entries, "shipped", "Merchant ledger", tags=["payments", "java"],
                       start_date="2020-06-01", end_date="2021-05-01",
                       summary="Double-entry ledger for merchants"),
        "python": _add(entries, "shipped", "Delivery slot booking", tags=["python", "backend"],
                       end_date="2016-07-01", start_date="2016-02-01"),
        "double": _add(entries, "incident", "Couriers paid twice after a payout retry",
                       tags=["payments", "incident-response"], start_date="2023-08-11",
                       summary="Stopped the second payout batch and made payouts idempotent",
                       impact="212 couriers were paid twice, about 48,000 pounds in total.",
                       time_to_mitigate="35 min"),
        "cache": _add(entries, "other", "Build cache for the monorepo CI",
                      tags=["ci-cd", "caching"], start_date="2025-09-01",
                      summary="Aims to halve CI time by caching build outputs"),
        "flags": _add(entries, "shipped", "Feature flags service", tags=["ci-cd", "backend"],
                      start_date="2022-08-01", end_date="2022-11-30",
                      summary="Percentage rollouts and a kill switch for every deploy"),
    }


def _match(store: Store, feedback: str, stage: str = "onsite", **query: Any) -> Any:
    return match_evidence(store, MatchQuery(stage, feedback=feedback, **query), today=TODAY)


def _reasons(result: Any) -> list[str]:
    return [r for e in result.evidence for r in e.reasons]


def test_a_thank_you_for_interviewing_is_not_about_hiring(store: Store,
                                                          record: dict[str, str]) -> None:
    result = _match(store, "Thanks for interviewing with us. Unfortunately we won't be moving "
                           "forward.")
    assert not any("interviewing" in r for r in _reasons(result))
    assert not [n for n in result.skills_named if n.skill == "hiring"]


def test_numbers_and_general_words_are_never_the_link(store: Store,
                                                      record: dict[str, str]) -> None:
    result = _match(store, "Your incident stories were good, but the data model changed three "
                           "times and the systems you drew were slow.")
    said = " ".join(_reasons(result))
    for word in ("*three*", "*systems*", "*slow*"):
        assert word not in said


def test_systems_in_embedded_systems_is_not_distributed_systems(
        store: Store, record: dict[str, str]) -> None:
    result = _match(store, "We needed strong Rust and embedded systems experience.",
                    "hiring-manager")
    assert not any("distributed" in r for r in _reasons(result))
    assert [g.label for g in result.gaps] == ["Rust", "embedded systems"]


@pytest.mark.parametrize(
    ("feedback", "named"),
    [
        ("The role needs someone who has managed managers or led an org of 30+.",
         "managed managers"),
        ("Good interview overall; the gap was Zig.", "Zig"),
        ("We needed someone with more blockchain experience.", "blockchain"),
        ("The role needs experience with regulated environments (SOX, PCI).", "SOX"),
    ],
)
def test_a_gap_is_named_for_anything_wanted(store: Store, record: dict[str, str],
                                            feedback: str, named: str) -> None:
    result = _match(store, feedback, "hiring-manager")
    assert any(named in g.missing for g in result.gaps), [g.message for g in result.gaps]


@pytest.mark.parametrize(
    ("feedback", "named"),
    [
        ("We need somebody with strong Zig experience.", "Zig"),
        ("We need more experience owning services and Fortran.", "Fortran"),
    ],
)
def test_what_someone_did_to_general_things_is_not_a_gap(
        store: Store, record: dict[str, str], feedback: str, named: str) -> None:
    """"Owning services" is an activity, not a skill the track record could lack."""
    result = _match(store, feedback, "hiring-manager")
    assert [g.label for g in result.gaps] == [named]


def test_what_your_own_read_says_you_have_is_never_a_gap(store: Store,
                                                         record: dict[str, str]) -> None:
    result = _match(store, "", "hiring-manager",
                    own_read="They need someone who can lead the move to microservices, and "
                             "my experience with monolith splits never came up.")
    assert not any("monolith" in g.label for g in result.gaps)


def test_the_company_leadership_is_not_people_leadership(store: Store,
                                                         record: dict[str, str]) -> None:
    result = _match(store, "Leadership has put a freeze on all new roles this quarter.")
    assert not [n for n in result.skills_named if n.skill == "people-leadership"]
    assert not any("*leadership*" in r for r in _reasons(result))


def test_fintech_is_shown_by_payments_work(store: Store, record: dict[str, str]) -> None:
    result = _match(store, "We're looking for someone with more fintech domain experience.",
                    "phone-screen")
    assert result.gaps == ()
    top = {e.entry_id for e in result.evidence[:3]}
    assert {record["payouts"], record["ledger"]} <= top
    assert any("*fintech*; this entry is tagged payments" in r for r in _reasons(result))


def test_what_the_feedback_says_you_have_is_never_a_gap(store: Store,
                                                        record: dict[str, str]) -> None:
    result = _match(store, "This role requires hands-on Go in production from day one, and "
                           "your background is mostly Python and Java.", "recruiter")
    assert result.gaps == ()
    java = [n for n in result.skills_named if n.phrase == "Java"]
    assert java and java[0].polarity == "has"
    # Go is what was asked for: its evidence comes first, not the Python that is not in doubt.
    assert result.evidence[0].entry_id in {record["routing"], record["payouts"]}
    # ...but "your Kafka experience is mostly theoretical" is not a credit: it asks.
    result = _match(store, "Your Kafka experience is mostly theoretical; we needed someone "
                           "who has operated Kafka in production.", "recruiter")
    assert any(g.skill == "messaging" for g in result.gaps)


def test_the_gap_was_graphql_names_no_gap_when_the_record_shows_it(
        store: Store, entries: EntryService) -> None:
    gateway = _add(entries, "shipped", "GraphQL gateway for the driver app",
                   tags=["graphql", "api-design"], end_date="2022-06-01")
    result = _match(store, "Good interview overall, the gap was GraphQL.")
    assert result.gaps == ()
    assert result.evidence[0].entry_id == gateway


def test_unfinished_work_ranks_below_finished_work(store: Store,
                                                   record: dict[str, str]) -> None:
    result = match_evidence(store, MatchQuery("onsite", feedback="We wanted more CI/CD and "
                                              "deployment experience."), limit=8, today=TODAY)
    order = [e.entry_id for e in result.evidence]
    assert order.index(record["flags"]) < order.index(record["cache"])
    cache = next(e for e in result.evidence if e.entry_id == record["cache"])
    assert cache.unfinished
    assert any("still in progress" in r for r in cache.reasons)


def test_an_incident_is_cited_by_what_you_did_not_the_damage(
        store: Store, record: dict[str, str]) -> None:
    result = _match(store, "We wanted to hear more about handling payment incidents.")
    incident = next(e for e in result.evidence if e.entry_id == record["double"])
    assert incident.said.startswith("Stopped the second payout batch")
    assert "mitigated in 35 min" in incident.said
    assert "212 couriers" not in incident.said


def test_no_concerns_about_a_skill_credits_it() -> None:
    from trackrecord.core.matching.text import named_skills

    named = named_skills(MatchQuery("coding", feedback="No concerns about your testing: the "
                                    "code was well tested. But you ran out of time."))
    assert [(n.skill, n.polarity) for n in named if n.source == "feedback"] == [
        ("testing", "has")]


def test_what_you_have_does_not_stand_in_for_what_was_asked(store: Store,
                                                            entries: EntryService) -> None:
    mentee = _add(entries, "mentoring", "Mentoring two graduates", tags=["mentoring"],
                  end_date="2022-12-01")
    led = _add(entries, "other", "Led the team through a reorg",
               tags=["people-leadership"], end_date="2022-12-01")
    result = _match(store, "We were looking for someone with people management experience, "
                           "and your experience is mostly mentoring.", "hiring-manager")
    assert result.evidence[0].entry_id == led
    mentoring = next(e for e in result.evidence if e.entry_id == mentee)
    assert not any("people management" in r for r in mentoring.reasons)


@pytest.mark.parametrize(("feedback", "stage", "not_category"), [
    ("Unfortunately we are no longer considering your application for this role.",
     "application", "external-noise"),
    ("We're consolidating feedback from the panel and will not be moving forward.",
     "onsite", "external-noise"),
    ("We need someone who can start owning the billing service.", "hiring-manager",
     "external-noise"),
    ("This person will own performance reviews, compensation and hiring plans; we want "
     "someone who has had direct reports.", "hiring-manager", "external-noise"),
    ("On the scheduling system question you ran out of time before the data model.",
     "system-design", "fit"),
])
def test_everyday_words_near_a_phrase_do_not_make_it(feedback: str, stage: str,
                                                      not_category: str) -> None:
    assert suggest_category(feedback, stage).category != not_category


def test_praise_for_a_round_or_for_work_you_built_is_no_concern() -> None:
    assert concern_round("The area where you really stood out was the coding round.") is None
    said = "We loved hearing about the tool you built yourself, but we went with someone else."
    found = voiced_concern(said)
    assert found is None or found.key != "hands-on"
