"""Evidence ranking rules a person notices on the cards: what the feedback credits you with
is not what it questions, and salary or location feedback shows your strongest work."""

from __future__ import annotations

import datetime as dt
from typing import Any

from trackrecord.core.matching.concerns import voiced_concern
from trackrecord.core.matching.evidence import MatchResult, match_evidence
from trackrecord.core.matching.query import MatchQuery
from trackrecord.core.record.entries import EntryService
from trackrecord.core.store.db import Store

TODAY = dt.date(2025, 11, 1)


def _add(entries: EntryService, kind: str, title: str, **values: Any) -> str:
    values.setdefault("start_date", "2023-01-01")
    values.setdefault("end_date", "2023-09-30")
    return entries.create(kind, title, **values).id


def _match(store: Store, **query: Any) -> MatchResult:
    return match_evidence(store, MatchQuery(**query), today=TODAY)


def _reasons(result: MatchResult) -> list[str]:
    return [r for e in result.evidence for r in e.reasons]


def test_what_the_feedback_credits_you_with_is_not_what_it_asks_for(
    store: Store, entries: EntryService
) -> None:
    go = {_add(entries, "shipped", f"Go service {n}", tags=["go", "backend"]) for n in "AB"}
    python = _add(entries, "shipped", "Billing service", tags=["python", "backend"])
    result = _match(store, stage="recruiter", role="Backend Engineer",
                    feedback="Strong Python background, but this team writes Go.")
    assert {e.entry_id for e in result.evidence[:2]} == go
    assert result.evidence[2].entry_id == python
    assert not any("credits you with *Python*" in r for r in _reasons(result))
    # Said on its own, the credit still links the entry: nothing else is asked for.
    praised = _match(store, stage="recruiter", feedback="Your Python background was strong.")
    assert any("credits you with *Python*" in r for r in _reasons(praised))


def test_salary_or_location_feedback_shows_your_strongest_work_for_the_role(
    store: Store, entries: EntryService
) -> None:
    system = _add(entries, "shipped", "Payments ledger at 5k writes a second",
                  tags=["distributed-systems", "backend"], metrics="5k writes/s; p99 40ms",
                  start_date="2023-01-01", end_date="2023-12-15")
    _add(entries, "other", "Negotiated an API sunset with partner teams",
         tags=["stakeholder-management", "communication"], start_date="2024-02-01",
         end_date="2024-05-30")
    for feedback in ("The salary expectations were above the band for this role.",
                     "We require candidates to be based in Germany.",
                     "Not a fit for us at this time."):
        result = _match(store, stage="onsite", role="Backend Engineer", feedback=feedback)
        assert result.evidence[0].entry_id == system, feedback
        assert not any("how you would work with this team" in r for r in _reasons(result))
    # How the team works together is still a question about how you work with people.
    size = _match(store, stage="onsite", role="Backend Engineer",
                  feedback="We didn't think you would enjoy a company of our size.")
    assert any("how you would work with this team" in r for r in _reasons(size))



def test_the_interviews_own_words_link_no_entry(store: Store, entries: EntryService) -> None:
    """"Your take-home" is not the entry about reviewing candidates' take-homes, nor is "this
    hiring round" the entry about interviewing for your team."""
    review = _add(entries, "other", "Take-home review guidelines for hiring",
                  tags=["hiring", "interviewing"])
    panel = _add(entries, "other", "Interviewing and hiring for the claims team",
                 tags=["hiring"])
    tests = _add(entries, "shipped", "Unit test coverage drive for the order service",
                 tags=["testing"])
    result = _match(store, stage="take-home", feedback="Thanks for the take-home. There were "
                    "no automated tests, and I hope the journey home was easy.")
    assert result.evidence[0].entry_id == tests
    assert not any("*home*" in r or "*take*" in r for r in _reasons(result))
    band = _match(store, stage="recruiter", feedback="Your number is above the band, which "
                  "is fixed for this hiring round.")
    assert not any("hiring" in r for e in band.evidence if e.entry_id in (review, panel)
                   for r in e.reasons)


def test_how_an_answer_went_links_no_entry(store: Store, entries: EntryService) -> None:
    """"The answers went back to the details", "as you explained", "hands-off": an entry that
    says it "rolled back" a release is not linked by those words."""
    _add(entries, "incident", "Bad release rolled back", tags=["incident-response"],
         summary="We rolled back, explained it and shared the postmortem, hands on")
    result = _match(store, stage="behavioral", feedback="When we asked what you personally "
                    "did, the answers went back to what the team did, and what you explained "
                    "in the notes you shared was hands-off.")
    for word in ("back", "hands"):
        assert not any(f"*{word}*" in r for r in _reasons(result)), word


def test_whether_an_answer_was_right_and_writing_code_link_no_entry(
    store: Store, entries: EntryService
) -> None:
    """"Your first approach was correct", "what happened afterwards", "only started writing
    code with 15 minutes left": not a link to an entry that corrects data or is tagged
    writing."""
    _add(entries, "other", "Blog post on corrections", tags=["writing"],
         summary="How we correct ledger data afterwards, in writing")
    result = _match(store, stage="coding", feedback="Your first approach was correct, but "
                    "you only started writing code with 15 minutes left, and we did not hear "
                    "what happened afterwards.")
    for word in ("correct", "writing", "afterwards"):
        assert not any(f"*{word}*" in r for r in _reasons(result)), (word, _reasons(result))


def test_work_still_in_progress_ranks_below_finished_work_that_matches_less(
    store: Store, entries: EntryService
) -> None:
    tags = ["system-design", "distributed-systems", "api-design", "backend"]
    ongoing = _add(entries, "shipped", "Calendar sync", tags=tags, start_date="2025-04-01",
                   end_date=None, summary="Aims to sync two calendars both ways")
    finished = _add(entries, "shipped", "Payout scheduler", tags=tags[:2])
    result = _match(store, stage="system-design", role="Senior backend engineer",
                    feedback="In system design we did not see enough depth on scaling.")
    ranked = [e.entry_id for e in result.evidence]
    assert ranked.index(finished) < ranked.index(ongoing)
    assert not any("credits you with" in r for r in _reasons(result))  # it asked for depth


def test_the_round_the_concern_is_about_decides_the_evidence(
    store: Store, entries: EntryService
) -> None:
    code = _add(entries, "shipped", "Rate limiter in Go", tags=["go", "backend", "performance"],
                metrics="p99 3ms at 20k req/s")
    _add(entries, "other", "Design review for the search split", tags=["system-design",
         "architecture", "communication"], metrics="adopted by four teams")
    _add(entries, "mentoring", "Mentoring a new graduate", tags=["mentoring", "coaching"],
         outcome="passed probation early")
    feedback = ("The design round went really well and the managers loved your mentoring "
                "stories. The coding round is where it fell short: the solution did not "
                "compile by the end.")
    result = _match(store, stage="onsite", role="Senior Engineer", feedback=feedback)
    assert result.evidence[0].entry_id == code
    assert any(r.startswith("coding stage") for r in result.evidence[0].reasons)
    # What the feedback praises is not what it questions.
    assert not any("credits you with" in r for r in _reasons(result))
    assert result.stage == "onsite"  # the rejection's own stage is unchanged


def test_a_withdrawn_offer_says_nothing_about_the_skills_it_mentions(
    store: Store, entries: EntryService
) -> None:
    system = _add(entries, "shipped", "Order pipeline at 3k events a second",
                  tags=["distributed-systems", "kafka", "backend"], metrics="3k events/s")
    _add(entries, "other", "Ran interviewing for the team", tags=["hiring", "interviewing",
         "people-leadership"], metrics="30 interviews")
    feedback = ("Our funding round has fallen through and the board has told us to stop all "
                "new hiring, so we have to withdraw the offer. The new leadership is sorry.")
    result = _match(store, stage="offer", role="Backend Engineer", feedback=feedback)
    assert result.evidence[0].entry_id == system
    assert not any("mentions *hiring*" in r or "*leadership*" in r for r in _reasons(result))


def test_how_you_came_across_is_answered_by_the_people_you_helped_grow(
    store: Store, entries: EntryService
) -> None:
    _add(entries, "shipped", "Checkout service rewrite", tags=["backend", "payments"],
         metrics="p99 900ms -> 120ms")
    _add(entries, "incident", "Card outage on a Friday", tags=["incident-response"],
         metrics="mitigated in 20 min")
    grown = _add(entries, "mentoring", "Mentoring an apprentice into the team",
                 tags=["mentoring"], outcome="hired as a full engineer")
    feedback = ("In the values interview you interrupted the interviewer several times and "
                "two people noted a dismissive tone.")
    result = _match(store, stage="behavioral", role="Senior Engineer", feedback=feedback)
    assert result.evidence[0].entry_id == grown
    assert any("helped grow" in r for r in result.evidence[0].reasons)


def test_the_parts_of_a_score_add_up_to_it(store: Store, entries: EntryService) -> None:
    """What tools/fit_evidence.py reads: every scored part is named, and together they are
    the score the cards are ranked by."""
    _add(entries, "shipped", "Go billing service", tags=["go", "backend", "payments"],
         metrics="p99 40ms")
    _add(entries, "shipped", "Aims to halve CI time", tags=["ci-cd"], end_date="")
    result = match_evidence(store, MatchQuery("onsite", "Backend Engineer", feedback=(
        "We needed deeper Go experience.")), today=TODAY, keep_scored=True)
    assert result.scored and not _match(store, stage="onsite", feedback="Go").scored
    for c in result.scored:
        assert abs(sum(c.by_part.values()) - c.score) < 1e-9, c.title


def test_silence_links_no_entry_by_the_words_around_it(
    store: Store, entries: EntryService
) -> None:
    """"Final round on Monday, nothing since": the person's account of silence shares a word
    with an incident's title, which says nothing about that incident."""
    strongest = _add(entries, "shipped", "Booking service for 2M trips a year",
                     tags=["backend", "api-design"], metrics="2M trips/yr; p99 200ms")
    _add(entries, "incident", "Retry storm during the cup final", tags=["incident-response"])
    result = _match(store, stage="onsite", role="Backend Engineer",
                    own_read="Final round on Monday. Nothing since, and two emails unanswered.")
    assert result.evidence[0].entry_id == strongest
    assert not any("*Final*" in r or "*final*" in r for r in _reasons(result))


def test_a_card_cites_each_tag_once(store: Store, entries: EntryService) -> None:
    """"The feedback mentions backend engineers; tagged backend" and "the role calls for
    backend services; tagged backend" say one thing: the card says it once."""
    _add(entries, "shipped", "Orders API", tags=["backend", "api-design"], metrics="p99 80ms")
    result = _match(store, stage="onsite", role="Senior Backend Engineer",
                    feedback="We went with another senior backend engineer with more "
                             "backend experience in our domain.")
    for e in result.evidence:
        said = {r.rsplit("tagged ", 1)[1] for r in e.reasons
                if "tagged " in r and not r.startswith("the role (")}
        for r in e.reasons:
            if r.startswith("the role (") and "tagged " in r:
                assert r.rsplit("tagged ", 1)[1] not in said, e.reasons


def test_a_concern_says_which_work_answers_it(store: Store, entries: EntryService) -> None:
    """"Too far from the code" asks for what you built yourself; "technical direction for
    other teams" for work that changed how other teams work."""
    built = _add(entries, "shipped", "Search indexer rewrite", tags=["go", "backend"],
                 metrics="index time 6 h -> 40 min")
    rfc = _add(entries, "other", "Design review process for six teams",
               tags=["technical-writing", "cross-team", "system-design"],
               metrics="40 reviews in a year")
    _add(entries, "mentoring", "Mentoring a new graduate", tags=["mentoring"],
         outcome="passed probation early")
    hands_on = _match(store, stage="hiring-manager", role="Senior Engineer",
                      feedback="Great on architecture, but they felt you were too far from the "
                               "code for a role that writes code eighty percent of the time.")
    assert hands_on.evidence[0].entry_id == built
    assert any(r.startswith("how close to the code") for r in hands_on.evidence[0].reasons)
    scope = _match(store, stage="hiring-manager", role="Staff Engineer",
                   feedback="We did not see you setting technical direction for other teams.")
    assert scope.evidence[0].entry_id == rfc
    assert any("beyond your team" in r or "how far your influence" in r
               for r in scope.evidence[0].reasons)
    wider = voiced_concern("Your work is impressive, but we chose someone who has already "
                           "operated at that wider scope.")
    assert wider is not None and wider.about == "how far your influence reaches"


def test_developer_experience_is_the_build_and_tests_not_the_clusters(
    store: Store, entries: EntryService
) -> None:
    build = _add(entries, "shipped", "Monorepo migration to Bazel",
                 tags=["bazel", "build-systems", "monorepo"], metrics="CI from 40 to 9 minutes")
    flaky = _add(entries, "shipped", "Flaky-test quarantine service",
                 tags=["go", "flaky-tests", "backend"], metrics="red builds down 60%")
    _add(entries, "shipped", "Runner autoscaling on Kubernetes",
         tags=["kubernetes", "terraform", "aws"], metrics="runner cost down 35%")
    result = _match(store, stage="recruiter", role="Senior Developer Experience Engineer",
                    feedback="", own_read="The recruiter never wrote back after our call.")
    assert {e.entry_id for e in result.evidence[:2]} == {build, flaky}
    # A platform role still reads the clusters as its own work.
    platform = _match(store, stage="recruiter", role="Senior Platform Engineer", feedback="",
                      own_read="The recruiter never wrote back after our call.")
    assert platform.evidence[0].title == "Runner autoscaling on Kubernetes"


def test_a_ranking_role_is_shown_by_the_ranking_models(store: Store, entries: EntryService) -> None:
    ranking = _add(entries, "shipped", "Multi-task ranking model for the home feed",
                   tags=["pytorch", "ranking", "a-b-testing"], metrics="+2.1% listening time")
    _add(entries, "shipped", "Model registry and CI/CD for models",
         tags=["mlops", "ci-cd", "mlflow"], metrics="deploys from 2 days to 40 minutes")
    result = _match(store, stage="recruiter", role="Senior ML Engineer, Ranking",
                    feedback="The Senior ML Engineer, Ranking position has now been filled.")
    assert result.evidence[0].entry_id == ranking


def test_a_word_that_means_something_else_in_an_entry_links_nothing(
    store: Store, entries: EntryService
) -> None:
    """"Agent queue wait" is CI, not the queues of event streaming; the same word the
    feedback used still links."""
    ci = _add(entries, "shipped", "CI runner autoscaling",
              summary="Cut the p95 agent queue wait from nine minutes to forty seconds.")
    asked = _match(store, stage="phone-screen",
                   feedback="We need more deep experience in Kafka and event streaming.")
    assert not any("queue" in r for e in asked.evidence if e.entry_id == ci for r in e.reasons)
    said = _match(store, stage="phone-screen",
                  feedback="We wanted someone who has run a job queue in production.")
    assert any("talks about queue" in r
               for e in said.evidence if e.entry_id == ci for r in e.reasons)


def test_server_side_languages_are_a_backend_roles_work(store: Store,
                                                        entries: EntryService) -> None:
    """Elixir and Phoenix are server-side by nature: for a backend role with nothing said
    about you, a Phoenix service is that role's work, and its card says so."""
    _add(entries, "shipped", "Presence service for team chat", tags=["elixir", "phoenix", "otp"])
    result = _match(store, stage="application", role="Senior Backend Engineer",
                    feedback="The position has now been filled.")
    assert any("the role (Senior Backend Engineer)" in r for r in _reasons(result)), \
        _reasons(result)


def test_a_project_named_phoenix_is_no_backend_work(store: Store, entries: EntryService) -> None:
    _add(entries, "shipped", "Project Phoenix: checkout redesign",
         tags=["phoenix", "react", "frontend"])
    result = _match(store, stage="recruiter", role="Backend Engineer",
                    feedback="We went with someone with more backend experience.")
    assert not any("tagged phoenix" in r for r in _reasons(result)), _reasons(result)


def test_writing_tests_still_asks_about_tests(store: Store, entries: EntryService) -> None:
    suite = _add(entries, "shipped", "Test suite overhaul", tags=["testing", "ci"])
    _add(entries, "shipped", "Replicated log on Raft", tags=["distributed-systems", "go"])
    _add(entries, "shipped", "Pricing service", tags=["python", "backend"])
    result = _match(store, stage="hiring-manager",
                    feedback="We need stronger experience writing tests for distributed "
                             "systems.")
    assert any("*tests*" in r for e in result.evidence if e.entry_id == suite
               for r in e.reasons), _reasons(result)
