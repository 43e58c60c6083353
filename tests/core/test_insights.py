"""Insights aggregation: counts by stage and category over time, stings, quarters, practice."""

from __future__ import annotations

import datetime as dt

from trackrecord.core.demo import load_demo
from trackrecord.core.insights import build_insights, quarter, quarters
from trackrecord.core.record.entries import EntryService
from trackrecord.core.rejections.practice import PracticeLog
from trackrecord.core.rejections.service import RejectionService
from trackrecord.core.store.db import Store

TODAY = dt.date(2026, 11, 26)  # a Thursday: the week began on Monday 23 November


def test_an_empty_store_explains_every_chart(store: Store) -> None:
    found = build_insights(store, TODAY)
    assert found.rejections == 0 and found.by_stage == () and found.stings == ()
    assert found.sting_drop is None and found.track_record.periods == ()
    assert set(found.charts) == {"by_stage", "by_category", "stings", "track_record", "practice",
                                 "traps", "reratings"}
    for chart in found.charts.values():
        assert chart.empty and chart.title and len(chart.summary) > 40
    assert "Rejections page" in found.charts["by_stage"].summary
    assert "Review page" in found.charts["practice"].summary
    assert len(found.practice.periods) == 16 and found.practice.total == 0


def test_rejections_by_stage_and_by_category_per_quarter(store: Store) -> None:
    service = RejectionService(store)
    service.create("A", "system-design", date="2026-02-03", category="signal-gap")
    service.create("B", "system-design", date="2026-03-30", category="fit")
    service.create("C", "coding", date="2026-05-10", category="signal-gap")
    service.create("D", "recruiter", date="2026-11-01", category="external-noise")
    found = build_insights(store, TODAY)
    assert found.rejections == 4
    assert [(c.key, c.label, c.value) for c in found.by_stage] == [
        ("recruiter", "Recruiter call", 1), ("coding", "Coding interview", 1),
        ("system-design", "System design", 2),
    ]
    cat = found.by_category
    assert cat.periods == ("2026 Q1", "2026 Q2", "2026 Q3", "2026 Q4")
    assert cat.series == ("fit", "signal-gap", "external-noise", "unknown")
    assert cat.values == ((1, 1, 0, 0), (0, 1, 0, 0), (0, 0, 0, 0), (0, 0, 1, 0))
    assert cat.series_total("signal-gap") == 2
    assert "system design stage (2 of 4)" in found.charts["by_stage"].summary
    assert found.charts["by_category"].summary.startswith("2 were signal gaps")


def test_sting_before_and_after(store: Store) -> None:
    service = RejectionService(store)
    service.create("Old", "coding", date="2025-01-01", sting_before=90, sting_after=40)
    service.create("New", "coding", date="2026-01-01", sting_before=60, sting_after=50)
    service.create("Half", "coding", date="2026-02-01", sting_before=60)  # not rated after
    found = build_insights(store, TODAY)
    assert [(s.company, s.before, s.after) for s in found.stings] == [
        ("Old", 90, 40), ("New", 60, 50)
    ]
    assert found.sting_drop == 30.0
    assert "fell by 30 points on average (over 2 rejections)" in found.charts["stings"].summary


def test_the_track_record_per_quarter_by_kind_with_the_demo_data(store: Store) -> None:
    load_demo(store)
    found = build_insights(store, TODAY)
    track = found.track_record
    assert track.periods[0] == "2017 Q2" and track.periods[-1] == "2026 Q4"
    assert len(track.periods) == len(quarters((2017, 2), (2026, 4)))
    assert track.total == 42
    by_kind = {k: track.series_total(k) for k in track.series}
    assert by_kind == {"shipped": 14, "incident": 10, "mentoring": 7, "other": 11, "praise": 0}
    assert track.values[0] == (1, 0, 0, 0, 0)  # the 2017 webhooks project
    summary = found.charts["track_record"].summary
    assert summary.startswith("42 entries from 2017 to 2026")


def test_very_old_entries_fold_into_the_first_bar(entries: EntryService, store: Store) -> None:
    entries.create("other", "Long ago", start_date="1990-01-01")
    entries.create("other", "Recent", start_date="2026-01-01")
    track = build_insights(store, TODAY).track_record
    assert len(track.periods) == 48 and sum(track.totals) == 2
    assert track.totals[0] == 1


def test_practice_per_week_for_the_last_sixteen_weeks(store: Store) -> None:
    log = PracticeLog(store)
    habit = log.add_habit("Narrate")
    for days_ago in (0, 1, 3, 10, 200):
        log.log(habit.id, TODAY - dt.timedelta(days=days_ago))
    practice = build_insights(store, TODAY).practice
    assert practice.periods[-1] == "w/c 23 Nov" and practice.periods[0] == "w/c 10 Aug"
    assert practice.totals[-1] == 3  # Thursday, Wednesday, Monday of this week
    assert practice.totals[-2] == 1
    assert practice.total == 4  # the one 200 days ago is outside the window
    summary = build_insights(store, TODAY).charts["practice"]
    assert not summary.empty and "4 sessions in the last 16 weeks, 3 this week" in summary.summary


def test_quarters() -> None:
    assert quarter(dt.date(2026, 11, 26)) == (2026, 4)
    assert quarters((2025, 3), (2026, 2)) == [(2025, 3), (2025, 4), (2026, 1), (2026, 2)]


def test_thinking_traps_that_recur_and_how_the_reratings_move(store: Store) -> None:
    from trackrecord.core.rejections.thoughts import ThoughtService

    rejections, thoughts = RejectionService(store), ThoughtService(store)
    found = build_insights(store, TODAY)
    assert found.traps == () and found.charts["traps"].empty
    assert found.reratings == () and found.charts["reratings"].empty
    for company, date, traps, emotions in (
        ("Acme", "2026-03-02", ["labelling", "mind-reading"],
         [{"name": "ashamed", "before": 80, "after": 50},
          {"name": "anxious", "before": 60, "after": 40}]),
        ("Globex", "2026-05-10", ["labelling"], [{"name": "sad", "before": 70}]),
        ("Initech", "2026-06-01", ["labelling", "overgeneralising"],
         [{"name": "angry", "before": 50, "after": 20}]),
    ):
        rejection = rejections.create(company, "onsite", date=date)
        thoughts.save(rejection.id, traps=traps, emotions=emotions)
    rejections.create("Umbrella", "onsite", date="2026-07-01")  # no thought record
    found = build_insights(store, TODAY)
    assert [(c.label, c.value) for c in found.traps] == [
        ("Labelling", 3), ("Overgeneralising", 1), ("Mind reading", 1)]
    assert found.charts["traps"].summary.startswith("Labelling came up in 3 of your 3 thought")
    # Globex rated nothing after: not a re-rating. Averages over the emotions rated twice.
    assert [(r.company, r.before, r.after) for r in found.reratings] == [
        ("Acme", 70, 45), ("Initech", 50, 20)]  # oldest first
    assert "eased by 28 points on average (over 2 thought records)" in \
        found.charts["reratings"].summary
