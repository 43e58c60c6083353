"""Round 5 of issue 15: form letters that compare you with other applicants, team matching, the
pay band, and letterheads (the sentences here are ours, not from any evaluation set)."""

from __future__ import annotations

import pytest

from trackrecord.core.rejections.categorise import suggest_category

LETTERHEAD = (
    "Northwind Careers\n\nDear Jo,\n\nThank you for your interest in the Platform Engineer "
    "position at Northwind. We have reviewed your application carefully and have decided to "
    "pursue candidates whose experience more closely matches the requirements of this role. "
    "We encourage you to keep an eye on our careers site for future openings.\n\n"
    "Kind regards,\nThe Northwind Talent Team"
)


@pytest.mark.parametrize("feedback", [
    LETTERHEAD,
    "Hello,\n\nThank you for applying. After careful consideration we will be moving forward "
    "with applicants whose qualifications better align with our current needs. We wish you "
    "every success.\n\nRecruiting at Tern",
    "Thanks for applying to Quartz. Our hiring team has reviewed your profile and "
    "unfortunately we have decided to proceed with other applicants at this stage. We will "
    "retain your details and may contact you should a suitable position arise.",
    "We received an exceptional number of applications for this role and have decided not "
    "to move forward with yours.",
    "Hi, just closing the loop: the team won't be moving forward with your application.",
])
def test_a_form_letter_that_names_nothing_is_unknown(feedback: str) -> None:
    assert suggest_category(feedback, "application").category == "unknown"


@pytest.mark.parametrize("feedback", [
    # The same comparison naming what was missing is a reason about the profile.
    "Thank you for your interest. We are moving forward with candidates whose background is "
    "more closely aligned with application security. Please apply for future openings.",
    # On its own, a short comparison may be a real answer: it is not read as silence.
    "We will be moving forward with applicants whose qualifications better align with our "
    "current needs.",
])
def test_a_comparison_that_names_something_or_stands_alone_is_not_silence(feedback: str) -> None:
    suggestion = suggest_category(feedback, "application")
    assert suggestion.category == "fit"


@pytest.mark.parametrize(("feedback", "topic"), [
    ("An update on team matching: none of the teams hiring had room for another engineer "
     "this quarter.", "team-match"),
    ("We could not find a team for you during team matching.", "team-match"),
    ("Your salary expectations are above what we can offer for this role.", "pay"),
    ("The number you mentioned is above the band for this position.", "pay"),
])
def test_team_matching_and_the_pay_band_are_outside_you(feedback: str, topic: str) -> None:
    suggestion = suggest_category(feedback, "team-match")
    assert suggestion.category == "external-noise"
    assert suggestion.topics[0] == topic


def test_teams_with_nothing_close_to_your_background_is_about_the_profile() -> None:
    text = "None of the teams with openings are working on anything close to your background."
    assert suggest_category(text, "team-match").category == "fit"


def test_a_hiring_manager_choosing_someone_else_is_not_silence() -> None:
    suggestion = suggest_category("The hiring manager went with a former colleague.", "onsite")
    assert suggestion.category != "unknown"


def test_less_than_they_needed_is_a_reason_not_silence() -> None:
    suggestion = suggest_category("Your Go experience was thinner than we needed.", "onsite")
    assert suggestion.category == "fit"
    assert suggestion.trigger == "than we needed"
