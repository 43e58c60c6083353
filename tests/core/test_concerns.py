"""What a concern asks the evidence to show: found where the feedback voices it, never where
it credits it."""

from __future__ import annotations

import pytest

from trackrecord.core.matching.concerns import voiced_concern


@pytest.mark.parametrize(("feedback", "key"), [
    ("Great on architecture, but too far from the code for this role.", "hands-on"),
    ("My honest concern is hands-on depth: the last hard bug you fixed yourself was in "
     "2020.", "hands-on"),
    ("We did not see you setting technical direction for other teams.", "scope"),
    ("Most answers were about what other people got wrong.", "ownership"),
    ("We're six people with almost no process; I think you'd find us frustrating.", "pace"),
])
def test_a_voiced_concern_is_found(feedback: str, key: str) -> None:
    found = voiced_concern(feedback)
    assert found is not None and found.key == key and found.kinds and found.about


@pytest.mark.parametrize("feedback", [
    "Your product instincts were really strong and the walkthrough was great.",
    "Thanks for your time; we went with another candidate.",
    "",
])
def test_praise_or_silence_voices_no_concern(feedback: str) -> None:
    assert voiced_concern(feedback) is None
