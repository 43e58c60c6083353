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


@pytest.mark.parametrize(("feedback", "stage", "own_read"), [
    # An applicant-tracking template names the job applied for and nothing about you.
    ("Dear Applicant, thank you for applying to the Data Engineer (Payments Analytics) "
     "opening at Norvale. Our team has reviewed your application carefully and we will not "
     "be progressing your candidacy. We wish you every success.", "application", ""),
    ("Your application status for Site Reliability Engineer (Req #2231) has changed to: "
     "Not Selected. This is an automated message; please do not reply.", "application", ""),
    ("Thanks for your interest in the Staff Backend Engineer role. This role attracted a "
     "highly competitive pool and we have decided not to move forward.\n\nThe Talent Team",
     "phone-screen", ""),
    # Boilerplate with content words of its own: the team in the job's title, a talent pool,
    # a job alert. None of it says anything about you.
    ("Dear Candidate,\n\nThank you for your interest in the Platform Engineer, Payments "
     "Infrastructure vacancy at Wrenfold. After careful review we have chosen to pursue other "
     "applicants. Your profile will remain in our talent pool and we may reach out if a "
     "suitable opening comes up. We encourage you to set up a job alert on our careers "
     "page.\n\nPlease do not reply to this email.\n\nWrenfold Recruiting", "application", ""),
    # No feedback at all, and your own read says only that nobody answered.
    ("", "take-home", "Sent the take-home on Monday. Two follow-ups got nothing."),
    # ...even when it also says what you did along the way.
    ("", "hiring-manager", "An hour with their VP that felt good: we spent a long time on "
     "the interview loop I redesigned. The scheduling link never came, and nobody has "
     "replied since."),
    ("", "take-home", "I spent a weekend on their calculator, submitted it, and then nothing "
     "for six weeks despite two polite nudges."),
    # ...even when the call before it went well ("exactly the combination").
    ("", "recruiter", "A recruiter messaged me about a staff role. We had a friendly call, "
     "she said my background was exactly the combination they wanted and that the hiring "
     "manager would book a call. My follow-up message has sat unread for five weeks."),
    ("", "recruiter", "She sent a calendar hold for the hiring manager. The hold was "
     "cancelled the day before without a note, and my two messages have been read but "
     "never answered."),
    ("", "take-home", "I submitted on time and got an automatic 'received' message. Nothing "
     "after that, even though I asked the recruiter twice. The role later disappeared from "
     "their careers page."),
    # A form letter first written in another language, signed by a department.
    ("Hello, We inform you that after the phone interview your candidature was not retained "
     "for the next step of the recruitment. We thank you for your interest to our company."
     "\n\nHR service Altea", "phone-screen", ""),
    # Ghosting, though the recruiter has left: the emails only get an auto-reply.
    ("", "phone-screen", "He said I'd hear about the onsite in the next few days. That was "
     "nine weeks ago. The recruiter has left the company, and my emails only get an "
     "auto-reply."),
    ("", "recruiter", "We had a good call and she said she'd book me in with the hiring "
     "manager that week. No invite came. The role is still on their careers page."),
    ("The team has decided not to proceed. I'm afraid I don't have anything further I can "
     "share.", "onsite", ""),
])
def test_form_letters_and_silence_are_unknown(feedback: str, stage: str, own_read: str) -> None:
    assert suggest_category(feedback, stage, own_read).category == "unknown"


@pytest.mark.parametrize(("feedback", "category"), [
    ("Sorry, we've already filled this one.", "external-noise"),
    ("Another candidate accepted our offer this morning, so the opening is closed.",
     "external-noise"),
    ("The hiring manager for this team has left the company, and the requisition has been "
     "closed for now.", "external-noise"),
    ("We've decided to bring back a contractor who built the first version.",
     "external-noise"),
    # A budget or a headcount plan as part of the job is about the level, not a freeze.
    ("The role has six managers reporting into it and a budget to own, and you haven't "
     "owned a headcount plan yet.", "fit"),
    ("We've gone with a candidate who has years of robotics work.", "fit"),
    ("Sorry, a candidate who was already at offer stage when you applied has accepted, and "
     "we only had the one opening. Your interviews went well.", "external-noise"),
    ("This morning leadership froze every open requisition until next quarter; it has "
     "nothing to do with your interviews.", "external-noise"),
    ("We closed a smaller round than planned and cut the hiring plan to two product roles.",
     "external-noise"),
    ("I've been dreading this one. You were our top choice, but our Series B closed at half "
     "of what we planned and the board asked us to cut all new hires.", "external-noise"),
    ("Every open requisition has been paused after the board meeting.", "external-noise"),
    ("Unfortunately, given the timing of our hiring freeze, we cannot move forward.",
     "external-noise"),
    # "Clearly" after a shortfall is part of it, not praise that cancels it.
    ("You did not communicate clearly during the design round.", "signal-gap"),
    ("The company announced a reduction in force today; all open roles have been cancelled.",
     "external-noise"),
    ("Your pairing was the best we saw and you explained your trade-offs clearly. The honest "
     "reason is budget: we can only afford one senior hire this quarter.", "external-noise"),
    ("The team decided to only progress candidates with a CS degree for this one.", "fit"),
    ("In the behavioural round your examples stayed quite high-level, and we couldn't get a "
     "clear picture of your individual contribution.", "signal-gap"),
    ("You were noticeably less comfortable once we moved into TypeScript generics.",
     "signal-gap"),
    # Your own reorg, and a network called internal, are not their decision.
    ("Leadership and people: good examples of coaching and of the reorg. Technical: stayed "
     "generic on the data model. Overall: lean no hire.", "signal-gap"),
    ("Loved the web exploitation discussion, but the practical was an internal network "
     "scenario and showed you haven't done this hands-on outside a lab.", "fit"),
    ("In the architecture round you went along with a design you knew was risky, and we "
     "didn't see you defend a position.", "signal-gap"),
    # A visa is their constraint, however the form letter words it: "requires" is not a skill.
    ("This position requires authorisation to work in the United States without visa "
     "sponsorship, and as you would need sponsorship we can't move forward.",
     "external-noise"),
    ("We are not able to offer sponsorship for this position.", "external-noise"),
    ("Candidates must already be authorized to work in Canada.", "external-noise"),
    # ...while sponsoring people is work a role can ask for.
    ("We needed someone with a record of sponsoring senior engineers into staff roles.", "fit"),
    # Round 11, from the product security engineer's set.
    ("In the end we chose a candidate who had previously built a security platform on GCP.",
     "fit"),
    ("The company has decided to consolidate the security team in our Dublin hub, so this "
     "role is moving from London to Dublin. I know you're not looking to relocate.",
     "external-noise"),
    ("The one area where we didn't get enough signal was the leadership interview.",
     "signal-gap"),
    ("We're 18 people and pre-Series A. We think you'd be happiest somewhere with more "
     "structure than we can offer.", "fit"),
    ("The answer felt more like a textbook walkthrough, and I couldn't get the concrete "
     "detail I needed.", "signal-gap"),
    # Round 11, from the bank engineer's and the developer advocate's sets.
    ("Following a change in business priorities the team is being wound down, and we are "
     "withdrawing the offer we made to you.", "external-noise"),
    ("You were our top choice. On Monday our lead investor pulled out of the round and we've "
     "had to stop all hiring.", "external-noise"),
    ("The client has filled the Senior Java Engineer role with someone who was already "
     "further along in their process.", "external-noise"),
    ("The panel enjoyed your technical depth. In the end we offered the role to someone "
     "who has been a line manager: building a team's hiring plan and owning its budget.",
     "fit"),
    ("We went with a candidate who has six years on a Rails monolith like ours. Your "
     "product thinking and frontend work came through well.", "fit"),
    ("Thanks, we've decided to go with candidates with more backend depth.", "fit"),
    ("I liked your energy, but I didn't come away with a clear picture of how you'd "
     "measure whether the team is working.", "signal-gap"),
    ("The interviewer found some answers hard to follow: a lot of mainframe vocabulary "
     "without translating it for someone who hasn't worked on z/OS.", "signal-gap"),
])
def test_who_decided_what(feedback: str, category: str) -> None:
    assert suggest_category(feedback, "hiring-manager").category == category


@pytest.mark.parametrize(("feedback", "stage"), [
    # The bar a round was judged against names a level; the reason is what fell short of it.
    ("When they challenged the shared layer you came across as overly certain. For a staff "
     "role we need to see someone weigh alternatives openly, so we won't be moving forward.",
     "system-design"),
    ("Your answers tended to run long. At staff level here I need someone who can brief our "
     "VP in two minutes.", "hiring-manager"),
    ("We never reached the sync model or conflict resolution. Without that part we don't have "
     "enough signal for staff level.", "system-design"),
    ("The conversation never got into how you would keep writes consistent. We didn't see it "
     "on the day, and for a staff role that round carries a lot of weight.", "onsite"),
])
def test_the_bar_for_a_level_is_not_the_reason(feedback: str, stage: str) -> None:
    assert suggest_category(feedback, stage).category == "signal-gap"


def test_how_the_problem_was_approached_is_never_silence() -> None:
    said = ("The pair-programming interviewer's main note: you started writing code straight "
            "away and built a full parser before checking what the task actually needed. We "
            "look for candidates to clarify the problem before diving in, so we're not moving "
            "forward this time.")
    assert suggest_category(said, "coding").category == "signal-gap"


@pytest.mark.parametrize(("feedback", "stage", "category"), [
    # The bar says the text is about you, so it is never silence, whatever else it says.
    ("The interviewer said you covered a good breadth of components, but you didn't size "
     "anything, so the design choices weren't grounded in numbers. At the senior level we "
     "need to see that quantitative reasoning, so we won't be progressing.", "system-design",
     "signal-gap"),
    ("You started coding quickly, but the brief required handling partial refunds and you "
     "missed the hints until late.", "coding", "signal-gap"),
    ("He came away feeling you were more excited about the technology than about the "
     "customer problem.", "hiring-manager", "signal-gap"),
    # "Who's done" is "who has done".
    ("You're great at backend fundamentals, but we wanted someone who's done real security "
     "engineering.", "onsite", "fit"),
    ("Reason code: SKILLS_MISMATCH. Candidate strong on Python and SQL fundamentals. Limited "
     "exposure to the Java/Spring ecosystem; would need significant ramp-up.", "phone-screen",
     "fit"),
    ("Application update - Backend Engineer II\nStatus: No longer under consideration\nYou "
     "can view your other applications in the candidate portal.", "application", "unknown"),
])
def test_phrasings_from_the_round_10_sets(feedback: str, stage: str, category: str) -> None:
    assert suggest_category(feedback, stage).category == category


@pytest.mark.parametrize(("feedback", "stage", "category"), [
    # Found by the round-10 review: none of these may read as silence.
    ("You never answered how the system would handle a regional failover.", "system-design",
     "signal-gap"),
    ("You covered the happy path but nothing after that.", "coding", "signal-gap"),
    ("Thanks for interviewing with us.\nAreas for growth:\nPeople Leadership Experience",
     "onsite", "signal-gap"),
    ("Where we needed more:\nInterview Loop Design", "onsite", "signal-gap"),
    # A bar with nothing after it is the level.
    ("For a staff role we need 10+ years.", "application", "fit"),
    ("At staff level we expect more.", "hiring-manager", "fit"),
    ("For a staff role we need someone with a track record of cross-team influence.",
     "onsite", "fit"),
    # What the deciding factor was decides.
    ("Payments background was the deciding factor.", "onsite", "fit"),
    ("The deciding factor was that your examples were vague.", "onsite", "signal-gap"),
])
def test_counter_examples_from_the_review(feedback: str, stage: str, category: str) -> None:
    assert suggest_category(feedback, stage).category == category


def test_what_your_experience_did_not_show_is_fit() -> None:
    said = ("The panel agreed you are a strong senior engineer. For Staff, though, we look for "
            "a track record of setting technical direction across several teams, and we "
            "didn't see enough of that in your experience.")
    assert suggest_category(said, "onsite").category == "fit"


@pytest.mark.parametrize(("feedback", "stage", "category"), [
    # "The deciding factor" says only that something decided: what did is beside it.
    ("The deciding factor was the system design round: the sync model stayed vague.",
     "onsite", "signal-gap"),
    ("The interviewer probed for what you tried before escalating and didn't hear much. "
     "Everything else in the round was solid, but this was the deciding factor.",
     "behavioral", "signal-gap"),
    ("Payments experience was the deciding factor.", "onsite", "fit"),
    ("The deciding factor was that the other person had shipped Matter devices on our "
     "chips.", "team-match", "fit"),
])
def test_what_the_deciding_factor_was_decides(feedback: str, stage: str,
                                              category: str) -> None:
    assert suggest_category(feedback, stage).category == category


@pytest.mark.parametrize("feedback", [
    # ...while a level that is the reason still is one.
    "For a staff role we need someone who has already led several teams.",
    "You're a clear senior, but not ready for the staff role yet.",
])
def test_a_level_that_is_the_reason_is_still_fit(feedback: str) -> None:
    assert suggest_category(feedback, "hiring-manager").category == "fit"


def test_a_form_letter_with_a_reason_in_it_is_not_silence() -> None:
    feedback = ("This is an automated message; please do not reply. The panel found your Go "
                "solid but wanted deeper Kubernetes experience.")
    assert suggest_category(feedback, "onsite").category != "unknown"


def test_a_cancelled_position_is_about_the_company_not_silence() -> None:
    feedback = ("Status update for Data Engineer, Logistics Analytics: position cancelled. "
                "This requisition is no longer open.")
    assert suggest_category(feedback, "application").category == "external-noise"


def test_a_reason_followed_by_a_form_letter_closing_is_not_silence() -> None:
    feedback = ("Everyone enjoyed the day. The pairing exercise did not go as well: the "
                "component never reached a working state and there were no unit tests, even "
                "after a prompt. That round carries a lot of weight, so we have decided not to "
                "move forward.")
    assert suggest_category(feedback, "onsite").category != "unknown"


def test_a_company_name_is_not_a_skill_in_a_status_notice() -> None:
    feedback = ("Harrow Bank Careers - Application status\nStatus: Not Selected\n"
                "You can view other opportunities from your Candidate Home.\n"
                "People Team, Corvid Logistics")
    assert suggest_category(feedback, "application").category == "unknown"


def test_the_phrase_shown_is_the_one_that_carries_the_meaning() -> None:
    feedback = ("The hiring manager thought you were great on architecture but too far from "
                "the code. This role writes code eighty percent of the time.")
    suggestion = suggest_category(feedback, "hiring-manager")
    assert (suggestion.category, suggestion.trigger) == ("fit", "too far from the code")


def test_a_privacy_budget_is_not_a_company_budget() -> None:
    feedback = ("The role is centred on differential privacy: choosing privacy budgets and "
                "implementing DP aggregations. Nobody on the panel saw that in your experience.")
    assert suggest_category(feedback, "onsite").category != "external-noise"


@pytest.mark.parametrize(("feedback", "stage", "own_read", "category"), [
    # Round 11's review: what they told you after a silence is a reason.
    ("", "onsite", "Got an auto-reply at first, then the recruiter called and said the panel "
     "found my system design shallow and not senior enough.", "fit"),
    ("", "onsite", "No invite came for the onsite; the recruiter eventually said they wanted "
     "someone with more Go experience.", "fit"),
    # ...but your own impressions after it, or a profile that says she has left, are not
    # (the last two people's blind sets showed both).
    ("", "onsite", "The recruiter said I'd hear within a week. I've emailed twice since and "
     "nothing. Most of their stack is Rust and I said I'd written very little of it, but "
     "nobody raised it as a problem on the day.", "unknown"),
    ("", "take-home", "I submitted it with a README explaining my trade-offs, got an "
     "automated 'we've received your submission' email and then nothing for five weeks. "
     "Her profile said she'd left the company.", "unknown"),
    ("", "take-home", "I got the automated 'we have received your submission' email and then "
     "complete silence. Two follow-ups, no answer. The recruiter's LinkedIn now says she has "
     "left the company.", "unknown"),
    # A visa, an office or eligibility that is fine decides nothing.
    ("We do offer sponsorship for this role. The decision came down to the hiring manager "
     "wanting more leadership scope.", "hiring-manager", "", "fit"),
    ("You're eligible to work here, so that's all fine. The panel just didn't see "
     "staff-level scope in your examples.", "onsite", "", "fit"),
    ("It's a tough role for someone who has not worked in a regulated industry.",
     "hiring-manager", "", "fit"),
    ("Salary decisions are made centrally and we could not get close to your expectations.",
     "offer", "", "external-noise"),
    ("The team's hiring plan has changed and this role is no longer in it.", "onsite", "",
     "external-noise"),
    ("We need someone who has done the netcode inside the game: client prediction, "
     "rollback and lag compensation.", "phone-screen", "", "fit"),
    # From the last two people's sets, scored with the code as it shipped: a short reason is
    # never silence, and a role moved to another city is their decision.
    ("Didn't get through part two of the coding exercise in the time, so we're not moving "
     "forward.", "coding", "", "signal-gap"),
    ("The company has decided to move this position to our engineering hub in Bangalore, so "
     "we're closing all interviews for the current location.", "hiring-manager", "",
     "external-noise"),
])
def test_counter_examples_from_the_round_11_review(feedback: str, stage: str, own_read: str,
                                                   category: str) -> None:
    assert suggest_category(feedback, stage, own_read).category == category


@pytest.mark.parametrize(("feedback", "stage", "category"), [
    # A template's sentence of nothing but form words is still a form letter.
    ("Hello,\n\nThank you for taking the time to interview with the Larchfield data team. "
     "After careful consideration, the team has decided not to move forward with your "
     "candidacy. Due to the high volume of candidates, we are unable to provide individual "
     "feedback.\n\nLarchfield Talent", "onsite", "unknown"),
    # How fast the code ran is a report on the work, not silence.
    ("The results were correct, but your solution ran about 30 times slower than our "
     "reference, so we won't be moving forward.", "take-home", "signal-gap"),
    ("As of today we've been asked to pause all external hiring until the plan is "
     "revisited.", "recruiter", "external-noise"),
    ("Budget moved to the platform teams and this role has been deprioritised for now.",
     "recruiter", "external-noise"),
    ("Sorry - the req got filled before your next round.", "recruiter", "external-noise"),
    ("We've closed this req: the app work is going to an agency next year.", "recruiter",
     "external-noise"),
    # The bar for a round is how the round went.
    ("The queue you wrote had a race you didn't spot even after a hint. The bar for that "
     "round is high here, so we'll pass.", "onsite", "signal-gap"),
    ("You came across as less engaged than the others, and I need someone who is excited "
     "about the problem.", "hiring-manager", "signal-gap"),
    ("The panel's feedback supports a hire at Senior, but this req is Staff only.",
     "onsite", "fit"),
    ("The team wanted someone already fluent in Go, so we're focusing on Go-first "
     "candidates.", "phone-screen", "fit"),
    # the last three people of the round
    ("Not enough Kotlin experience for this one, sorry!", "phone-screen", "fit"),
    ("We've decided to fill the role with an internal transfer who already knows our stack.",
     "recruiter", "external-noise"),
    ("The company is moving this team to our Porto hub, and the role will be hired locally.",
     "phone-screen", "external-noise"),
    ("The position moves to our Munich office and can only be filled with employees based in "
     "Germany.", "recruiter", "external-noise"),
    ("We need someone in seat within a month, and with your three-month notice period we "
     "have gone with a candidate who can start immediately.", "hiring-manager",
     "external-noise"),
    ("Re-running the job appends duplicate rows, and the time-zone assumptions are not "
     "documented.", "take-home", "signal-gap"),
    ("Both rounds were comfortably at the bar. The sticking point was background: the team "
     "wants someone who has built systems under banking regulation.", "onsite", "fit"),
    ("I hope the rest of your week was a little calmer than the onsite! After a great deal "
     "of deliberation we have decided not to move forward with your candidacy.", "onsite",
     "unknown"),
    # and the three after them
    ("Notes from the coding round: didn't reach a working solution for part two.", "coding",
     "signal-gap"),
    ("Your experience is very solid but it is not so matching with what we look for. We need "
     "somebody who has build realtime services before.", "phone-screen", "fit"),
    ("New roles in the group will be hired from our Lisbon hub, and the requisition you "
     "interviewed for has been closed.", "onsite", "external-noise"),
    ("The engineer could not evaluate your experience with queues, as the answers were "
     "quite short.", "phone-screen", "signal-gap"),
    ("What held me back was motivation: I couldn't see why this role and why now.",
     "hiring-manager", "signal-gap"),
    ("Our core services are written in Rust, and the team will hire only people with "
     "production Rust experience.", "phone-screen", "fit"),
    ("The team has changed this role to be based in our Toronto office only.", "recruiter",
     "external-noise"),
    # the round's last three people, after their one blind scoring
    ("Yesterday leadership announced a company-wide pause on all external hiring.",
     "hiring-manager", "external-noise"),
    ("The role will now be four days a week in our Rotterdam office. I understand you're "
     "based in Leeds and looking for remote work.", "hiring-manager", "external-noise"),
    ("The hiring team has cancelled this requisition and it is no longer being filled.",
     "application", "external-noise"),
    ("It was difficult for the manager to follow the explanation of your projects.",
     "hiring-manager", "signal-gap"),
    ("It wasn't a question of experience. What held him back was that you didn't ask "
     "anything about the team or the problems we work on, and he came away unsure whether "
     "you were interested in this work.", "hiring-manager", "signal-gap"),
    # ...and what they must not take from their neighbours
    ("Your candidacy for Staff Mobile Engineer has been closed. Thank you for your time.",
     "onsite", "unknown"),
    ("We needed strong low-latency experience, and we don't think that gap can be closed in "
     "the time we have.", "onsite", "fit"),
])
def test_phrasings_from_the_round_12_sets(feedback: str, stage: str, category: str) -> None:
    assert suggest_category(feedback, stage).category == category


@pytest.mark.parametrize(("feedback", "stage", "category"), [
    # A form letter's opening does not hide the sentence after it that says why.
    ("After careful consideration, we have decided not to move forward with your "
     "application. Your answers in the design round stayed fairly general.", "onsite",
     "signal-gap"),
    # What an answer touched on is how the round went.
    ("You hadn't touched on monitoring or rollback in the design, which the panel flagged.",
     "onsite", "signal-gap"),
    ("This round was staff only, and the feedback was that your design lacked depth.",
     "onsite", "signal-gap"),
    ("Thanks for applying. We will not be moving forward with your candidacy. We will keep "
     "your information on file.\n\nTalent Team\n(This mailbox is not monitored.)",
     "application", "unknown"),
    # the second review
    ("We're only hiring within UK time zones.", "application", "external-noise"),
    ("Unfortunately the timezone difference is too big for the team.", "recruiter",
     "external-noise"),
    ("Your examples were at times too general.", "hiring-manager", "signal-gap"),
    ("The hiring manager wants someone on site five days a week.", "hiring-manager",
     "external-noise"),
    ("We chose another candidate who knows our stack inside out.", "onsite", "fit"),
    ("Some of your tests are written in a way that hides failures.", "take-home",
     "signal-gap"),
])
def test_counter_examples_from_the_round_12_review(feedback: str, stage: str,
                                                   category: str) -> None:
    assert suggest_category(feedback, stage).category == category


def test_consolidating_feedback_is_not_a_reorg() -> None:
    said = suggest_category("We're still consolidating the interview feedback and will get "
                            "back to you next week.", "onsite")
    assert said.category != "external-noise"


@pytest.mark.parametrize(("feedback", "stage", "category"), [
    # a level named as where you stand, not silence
    ("The panel saw you as a strong senior but not staff here, so we're passing.", "onsite",
     "fit"),
    # the company holding off, cutting or moving, in words the lists lacked
    ("A quick but honest update: leadership has decided to hold off on backfilling this "
     "position until next year. I'm sorry the timing didn't work out.", "phone-screen",
     "external-noise"),
    ("After the workforce reduction last month, open roles are prioritised for affected "
     "employees, so we're pausing external candidates.", "application", "external-noise"),
    ("We are sorry to inform, the position is closed because the project for our client is "
     "cancel. It is not about your profile.", "hiring-manager", "external-noise"),
    ("The company will move the whole data team to our Lisbon hub, and all open roles for "
     "that team here have been withdrawn.", "onsite", "external-noise"),
    # what did not come through, after the bar it was judged against
    ("The submission had no automated tests and no error states, which at senior level we'd "
     "expect.", "take-home", "signal-gap"),
    ("When asked about a disagreement, your answer stayed hypothetical.", "behavioral",
     "signal-gap"),
    ("She didn't hear evidence of you owning services in production.", "hiring-manager",
     "signal-gap"),
    ("Your answers were quite long and we could not find the main point.", "hiring-manager",
     "signal-gap"),
    ("The team couldn't get a clear picture of how current your skills are.", "phone-screen",
     "signal-gap"),
    # how long learning their stack would take is a profile, not time in the round
    ("She felt the ramp from the BEAM would be too long for what they need.", "team-match",
     "fit"),
    ("The issue was pace: you finished the first part and had only started the second.",
     "coding", "signal-gap"),
])
def test_phrasings_from_the_round_13_sets(feedback: str, stage: str, category: str) -> None:
    assert suggest_category(feedback, stage).category == category


@pytest.mark.parametrize(("feedback", "category"), [
    # the subject of a sentence that praises it, however long, is not the reason
    ("The panel has decided to appoint an internal candidate. You interviewed well; your "
     "experience with public-sector data and accessibility was noted positively.",
     "external-noise"),
    # ...but a subject the sentence finds short is
    ("Your experience with public-sector data and accessibility was not strong enough for "
     "this team.", "fit"),
])
def test_a_long_praised_subject_is_praise(feedback: str, category: str) -> None:
    assert suggest_category(feedback, "hiring-manager").category == category


def test_a_form_letter_signed_by_a_company_named_for_a_skill_is_silence() -> None:
    """"Northbeam Analytics Talent Acquisition" above "This mailbox is not monitored": the
    sender's line, and a company's name with a skill word in it, say nothing about you."""
    letter = ("Dear Sam,\n\nThank you for your interest in the Platform Engineer position at "
              "Quillmark Analytics. After careful review, we have decided not to move forward "
              "with your application at this time.\n\nWe wish you every success in your "
              "search.\n\nQuillmark Analytics Talent Acquisition\nThis mailbox is not "
              "monitored.")
    assert suggest_category(letter, "application").category == "unknown"


@pytest.mark.parametrize(("feedback", "stage", "category"), [
    # a long subject the sentence finds short is the reason, not praise
    ("Your experience with people management and hiring was a clear gap for this role.",
     "onsite", "fit"),
    ("Your experience with large-scale distributed systems is well below what this role "
     "needs.", "system-design", "fit"),
    # an agency's client, a team moving stack, a product without tests: not the company's
    # decision, nor a take-home's review
    ("The project for our client requires five years of Guidewire, so we won't be putting "
     "you forward.", "recruiter", "fit"),
    ("The hiring manager wants someone who can move the mobile team to our new React Native "
     "codebase.", "recruiter", "fit"),
    ("Our product has no automated tests and no error handling in places, so we needed "
     "someone with a strong testing background.", "hiring-manager", "fit"),
    # a manageable ramp is not the reason
    ("The ramp from your current stack to ours is manageable; what held us back was "
     "communication in the system design round.", "onsite", "signal-gap"),
    # capitalised areas to work on are content
    ("Hi Jo, the interviewers flagged Product Sense and Executive Communication.",
     "hiring-manager", "fit"),
    ("Key areas: Technical Leadership, Cross-Team Influence.", "onsite", "signal-gap"),
    # "Go" at the start of a sentence is a way of speaking, not the language
    ("Thank you for applying. We've decided not to progress your application.\n\nGo well,\n"
     "Aroha", "application", "unknown"),
])
def test_counter_examples_from_the_round_13_review(feedback: str, stage: str,
                                                   category: str) -> None:
    assert suggest_category(feedback, stage).category == category


def test_praise_for_pace_is_not_a_report_on_time() -> None:
    said = suggest_category("Your strongest point was pace; where you fell short was depth "
                            "in the design discussion.", "onsite")
    assert "time" not in said.topics


@pytest.mark.parametrize(("feedback", "stage", "category"), [
    # the second review: a skill area after "at" is no company
    ("Hi Sam,\nThank you for your time.\nStruggled at System Design.\nKind regards,\nJo",
     "system-design", "signal-gap"),
    ("Unfortunately a no, I'm afraid - not planning ahead.", "system-design", "signal-gap"),
    # a recruiter who could not find out is silence, not a report on the round
    ("I could not get a clear picture from the hiring manager of why, so I'm afraid I can't "
     "share more.", "hiring-manager", "unknown"),
    # praise a sentence turns is not praise
    ("Your experience with small startup teams was clearly a concern; your answers also felt "
     "a bit rehearsed.", "onsite", "fit"),
    # contractors but not staff, and a team unsure about the role: the company's decision
    ("Our budget allows for contractors but not staff hires this quarter.", "recruiter",
     "external-noise"),
    ("The team came away unsure whether the role is needed this year, so it has been "
     "paused.", "hiring-manager", "external-noise"),
])
def test_counter_examples_from_the_second_round_13_review(feedback: str, stage: str,
                                                          category: str) -> None:
    assert suggest_category(feedback, stage).category == category


@pytest.mark.parametrize(("feedback", "stage", "category"), [
    # the two held-out texts of round 13 read as silence, fixed after their one scoring
    ("Quick one - the HM is only looking at people with hands-on OCPP, so I can't put you "
     "forward, sorry!", "recruiter", "fit"),
    ("You spent most of the session polishing part one, so you didn't reach part two.",
     "coding", "signal-gap"),
])
def test_the_held_out_silences_of_round_13(feedback: str, stage: str, category: str) -> None:
    assert suggest_category(feedback, stage).category == category


def test_a_closing_to_come_is_no_second_reading() -> None:
    said = suggest_category("Once the position is closed we'll share more; for now, the team "
                            "felt your system design answers stayed high level.", "onsite")
    assert (said.category, said.second) == ("signal-gap", None)


@pytest.mark.parametrize(("feedback", "stage", "topic"), [
    # a kind of contract, a submission without issues: not the reason
    ("This is not a staff-augmentation role; we needed someone with deeper Kafka experience.",
     "recruiter", "level"),
    ("The submission had no major issues; the team simply went with someone with more "
     "payments experience.", "take-home", "approach"),
])
def test_phrases_narrowed_after_the_round_13_reviews(feedback: str, stage: str,
                                                     topic: str) -> None:
    said = suggest_category(feedback, stage)
    assert topic not in [t for _category, topics in said.all_topics for t in topics], said


@pytest.mark.parametrize(("feedback", "stage", "category"), [
    # The data-protection paragraph of an applicant-tracking letter gives no reason.
    ("We regret to inform you that your application has not been successful. With your "
     "consent, we will retain your details on our talent database for six months and may "
     "contact you should a suitable opportunity arise. You can withdraw consent at any time "
     "via the candidate portal.", "application", "unknown"),
    # An internal applicant, said without the word "internal".
    ("After we'd spoken, an engineer from another team here applied for the platform role, "
     "and given they already know our systems we've offered it to them.", "hiring-manager",
     "external-noise"),
    # A cancelled position in non-native English.
    ("sadly I must inform you that the position is cancel. Our company get new investor and "
     "they change the priorities, so all new positions in infrastructure are stopped.",
     "onsite", "external-noise"),
    # Praise of "your <skill> depth" is not a report that depth was missing.
    ("Your HealthKit depth is the best we've seen in this loop. The reason we're not moving "
     "forward is that we need someone who has shipped on watchOS: complications, workout "
     "sessions, and the battery trade-offs on the wrist.", "hiring-manager", "fit"),
    # What a round looked for in how you worked is how the round went, not a profile.
    ("Once found, the fix was good. We were looking for a faster, more systematic path "
     "through the layers.", "coding", "signal-gap"),
    # Round 14's second review: the round's own phrases read too much.
    ("You didn't change the priorities of your design, which was a concern.",
     "system-design", "signal-gap"),
    ("We'd like to take a more systematic approach to onboarding, so we are pausing hiring "
     "until Q3.", "hiring-manager", "external-noise"),
    ("An engineer from another team here joined your system design round as a shadow; the "
     "feedback was that your design lacked caching.", "onsite", "signal-gap"),
])
def test_phrasings_and_counter_examples_of_round_14(feedback: str, stage: str,
                                                     category: str) -> None:
    assert suggest_category(feedback, stage).category == category


def test_praise_of_your_depth_needs_your_sentence() -> None:
    """"your" before a sentence's end is not the owner of what follows it."""
    said = ("Thanks for your time. Depth is what we missed: the answers stayed general.")
    assert suggest_category(said, "onsite").category == "signal-gap"


def test_other_candidates_from_another_team_are_not_an_internal_hire() -> None:
    said = ("Candidates from another team here are also interviewing, but your process ended "
            "because of the coding round.")
    assert suggest_category(said, "onsite").category == "signal-gap"


def test_a_senior_who_can_walk_through_their_decisions_is_not_silence() -> None:
    said = "He needs a senior who can walk through their own decisions in detail."
    assert suggest_category(said, "onsite").category == "signal-gap"


@pytest.mark.parametrize(("feedback", "stage"), [
    # Round 14's held-out people, after their one scoring: each was read as fit, which tells
    # a person they did not fit when the company changed its plans.
    ("Hi, wanted to let you know before we schedule anything: the req for Senior Software "
     "Engineer on the storage team was closed this week as part of a planning change. It's "
     "nothing to do with your profile.", "recruiter"),
    ("Sablewood has signed an agreement to be acquired, and as part of that every offer for "
     "someone who hasn't started yet is being withdrawn, including yours.", "offer"),
    ("The financing of the project by the region was not confirmed in the last committee, so "
     "we must stop the recruitment for this post.", "hiring-manager"),
    ("The hiring manager you met has left, and her replacement wants to reassess what the team "
     "needs before hiring anyone. All open processes for this role are closed as of today.",
     "hiring-manager"),
    ("Hi Maren, the role's been closed, sorry, the team decided not to backfill after all.",
     "recruiter"),
])
def test_a_change_of_plan_said_plainly_is_external_noise(feedback: str, stage: str) -> None:
    assert suggest_category(feedback, stage).category == "external-noise"


def test_a_timing_budget_is_not_the_company_budget() -> None:
    said = ("The day-to-day is embedded C on microcontrollers, a real-time operating system and "
            "hard timing budgets. Without embedded experience the ramp would be long.")
    assert suggest_category(said, "hiring-manager").category == "fit"
