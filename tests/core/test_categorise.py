"""Category suggestions: the phrase that triggers them, negation, praise and stage tie-breaks."""

from __future__ import annotations

import pytest

from trackrecord.core.rejections.categorise import suggest_category


@pytest.mark.parametrize(
    ("feedback", "category", "trigger"),
    [
        ("The position has been put on hold due to a hiring freeze.", "external-noise",
         "put on hold"),
        ("We went with an internal candidate.", "external-noise", "went with an internal"),
        ("The budget for the team was cut.", "external-noise", "budget"),
        ("We have no headcount left this year.", "external-noise", "headcount"),
        ("The role was filled before the next round.", "external-noise", "role was filled"),
        ("We wanted someone with more Go experience.", "fit", "someone with more"),
        ("It came down to team fit.", "fit", "team fit"),
        ("We need someone with deeper domain knowledge.", "fit", "someone with deeper"),
        ("You ran out of time on the second problem.", "signal-gap", "ran out of time"),
        ("Your approach was hard to follow.", "signal-gap", "hard to follow"),
        ("You seemed nervous.", "signal-gap", "nervous"),
        ("You didn't ask clarifying questions.", "signal-gap", "didn't ask"),
        ("You did not explain the trade-offs.", "signal-gap", "did not explain"),
        ("", "unknown", None),
        ("   ", "unknown", None),
        ("No feedback provided.", "unknown", "No feedback"),
        ("Ghosted after the onsite.", "unknown", "Ghosted"),
        ("Thanks for your time.", "unknown", None),
    ],
)
def test_phrases_and_their_triggers(feedback: str, category: str, trigger: str | None) -> None:
    suggestion = suggest_category(feedback, "other")
    assert (suggestion.category, suggestion.trigger) == (category, trigger)


def test_the_trigger_is_shown_as_typed() -> None:
    # Curly apostrophe and capitals survive: the person sees their own words.
    assert suggest_category("You didn\u2019t handle edge cases.").trigger == "didn\u2019t handle"


@pytest.mark.parametrize(
    ("feedback", "category"),
    [
        # A negated phrase does not count...
        ("It was not about headcount; you struggled to explain the design.", "signal-gap"),
        ("Nothing to do with the hiring freeze: we went with someone with more experience.",
         "fit"),
        ("You were not nervous at all, but you ran out of time.", "signal-gap"),
        ("It wasn't about your communication, which was clear. The code had bugs.",
         "signal-gap"),
        # ...but absence is not negation: no budget still means budget.
        ("There is no budget for the role.", "external-noise"),
        ("We did not have headcount.", "external-noise"),
        # ...and "not a culture fit" is still about fit.
        ("It wasn't a culture fit.", "fit"),
    ],
)
def test_negation(feedback: str, category: str) -> None:
    assert suggest_category(feedback).category == category


def test_negated_phrase_is_never_the_trigger() -> None:
    suggestion = suggest_category("Not a budget decision. You ran out of time.")
    assert (suggestion.category, suggestion.trigger) == ("signal-gap", "ran out of time")


def test_praise_after_a_phrase_cancels_it() -> None:
    assert suggest_category("Your communication was great.").category == "unknown"
    assert suggest_category("Your communication was hard to follow.").category == "signal-gap"


def test_own_read_counts_but_less_than_the_feedback() -> None:
    only_read = suggest_category("", "coding", own_read="I was nervous and rushed.")
    assert only_read.category == "signal-gap"
    both = suggest_category("We went with an internal candidate.", "coding",
                            own_read="Maybe I was nervous.")
    assert both.category == "external-noise"


def test_stage_breaks_a_tie() -> None:
    feedback = "Domain knowledge mattered; there were also some bugs."
    # fit ("domain knowledge") and signal-gap ("some bugs") carry equal weight here.
    assert suggest_category(feedback, "coding").category == "signal-gap"
    assert suggest_category(feedback, "hiring-manager").category == "fit"
