"""Which round a feedback's concern is about: only a round it voices a concern about."""

from __future__ import annotations

import pytest

from trackrecord.core.matching.rounds import concern_round


@pytest.mark.parametrize(("feedback", "stage"), [
    ("Design was strong. The coding round is where it fell short.", "coding"),
    ("What didn't work was the coding exercise: it never compiled.", "coding"),
    ("Great on architecture, but the coding signal was borderline in both rounds.", "coding"),
    ("In the pairing session you didn't talk through the approach.", "coding"),
    ("The values interview raised concerns: you interrupted the interviewer twice.",
     "behavioral"),
    ("The system design round was weaker: no capacity estimates.", "system-design"),
])
def test_a_round_with_a_concern(feedback: str, stage: str) -> None:
    found = concern_round(feedback)
    assert found is not None and found.stage == stage


@pytest.mark.parametrize("feedback", [
    "The design round went really well and the team liked you.",
    "Thanks for doing the coding exercise. We went with another candidate.",
    "",
])
def test_no_round_without_a_concern_about_it(feedback: str) -> None:
    assert concern_round(feedback) is None
