"""Insights: what the rejection log, the track record and the practice log add up to.

Plain aggregates (GROUP BY in SQLite, a few milliseconds at any realistic size) for the
charts in ``ui.insights_*``, each with one sentence that says what it shows, or, when there is
nothing yet, what will appear there and how to get it. No Qt here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select

from trackrecord.core.record.kinds import KIND_LABELS, KINDS
from trackrecord.core.rejections.categories import CATEGORIES, CATEGORY_LABELS, CATEGORY_REGISTRY
from trackrecord.core.rejections.stages import STAGE_LABELS, STAGES
from trackrecord.core.rejections.traps import trap_registry
from trackrecord.core.store.db import Store
from trackrecord.core.store.models import (
    Entry,
    PracticeSession,
    Rejection,
    ThoughtEmotion,
    ThoughtRecord,
)

PRACTICE_WEEKS = 16
MAX_STINGS = 12
MAX_QUARTERS = 48  # twelve years of quarters at most; older ones fold into the first bar


@dataclass(frozen=True)
class Count:
    key: str
    label: str
    value: int


@dataclass(frozen=True)
class Stacked:
    """Bars over periods, each split into series: ``values[period][series]``."""

    periods: tuple[str, ...]  # "2025 Q3", or "w/c 3 Nov" for weeks
    series: tuple[str, ...]  # keys (categories, kinds)
    labels: Mapping[str, str]  # key -> label
    values: tuple[tuple[int, ...], ...]

    @property
    def totals(self) -> tuple[int, ...]:
        return tuple(sum(v) for v in self.values)

    @property
    def total(self) -> int:
        return sum(self.totals)

    def series_total(self, key: str) -> int:
        i = self.series.index(key)
        return sum(v[i] for v in self.values)


@dataclass(frozen=True)
class Sting:
    company: str
    stage: str
    date: dt.date
    before: int
    after: int


@dataclass(frozen=True)
class Chart:
    title: str
    summary: str  # what it shows, or (empty) what will appear and how
    empty: bool


@dataclass(frozen=True)
class Insights:
    today: dt.date
    rejections: int
    by_stage: tuple[Count, ...]
    by_category: Stacked  # per quarter
    stings: tuple[Sting, ...]  # oldest first
    sting_drop: float | None  # mean of before - after
    track_record: Stacked  # entries per quarter, by kind
    practice: Stacked  # sessions per week, one series
    charts: Mapping[str, Chart]
    # From the thought records: how often each thinking trap was ticked (the most first),
    # and each record's emotions on average before and after (oldest first).
    traps: tuple[Count, ...] = ()
    reratings: tuple[Sting, ...] = ()


def quarter(date: dt.date) -> tuple[int, int]:
    return date.year, (date.month - 1) // 3 + 1


def quarter_label(q: tuple[int, int]) -> str:
    return f"{q[0]} Q{q[1]}"


def quarters(first: tuple[int, int], last: tuple[int, int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    year, q = first
    while (year, q) <= last:
        out.append((year, q))
        year, q = (year + 1, 1) if q == 4 else (year, q + 1)
    return out


def _stacked(
    rows: Sequence[tuple[dt.date, str, int]], keys: Sequence[str], labels: Mapping[str, str],
    today: dt.date,
) -> Stacked:
    """Counts per quarter from the first row's quarter to today's."""
    if not rows:
        return Stacked((), tuple(keys), labels, ())
    first = quarter(min(r[0] for r in rows))
    last = max(quarter(today), quarter(max(r[0] for r in rows)))
    span = quarters(first, last)
    if len(span) > MAX_QUARTERS:
        span = span[-MAX_QUARTERS:]
    index = {q: i for i, q in enumerate(span)}
    values = [[0] * len(keys) for _ in span]
    for date, key, n in rows:
        i = index.get(quarter(date), 0)  # older than the window: into the first bar
        values[i][keys.index(key)] += n
    return Stacked(tuple(quarter_label(q) for q in span), tuple(keys), labels,
                   tuple(tuple(v) for v in values))


def build_insights(store: Store, today: dt.date | None = None, *,
                   since: dt.date | None = None, until: dt.date | None = None) -> Insights:
    """Every chart; ``since``/``until`` (a review cycle) scope the track record and the
    rejection log to that period (practice keeps its recent weeks)."""
    today = today or dt.date.today()
    week0 = today - dt.timedelta(days=today.weekday() + 7 * (PRACTICE_WEEKS - 1))
    in_log = [c for c in (Rejection.date >= since if since else None,
                          Rejection.date <= until if until else None) if c is not None]
    in_track = [c for c in (func.coalesce(Entry.end_date, Entry.start_date) >= since
                            if since else None,
                            Entry.start_date <= until if until else None) if c is not None]
    with store.read() as s:
        stage_rows = dict(s.execute(
            select(Rejection.stage, func.count()).where(*in_log)
            .group_by(Rejection.stage)).all())
        category_rows = s.execute(
            select(Rejection.date, Rejection.category, func.count()).where(*in_log)
            .group_by(Rejection.date, Rejection.category)).all()
        sting_rows = s.execute(
            select(Rejection.company, Rejection.stage, Rejection.date, Rejection.sting_before,
                   Rejection.sting_after)
            .where(Rejection.sting_before.is_not(None), Rejection.sting_after.is_not(None),
                   *in_log)
            .order_by(Rejection.date.desc(), Rejection.pk.desc()).limit(MAX_STINGS)).all()
        drop = s.execute(
            select(func.avg(Rejection.sting_before - Rejection.sting_after), func.count())
            .where(Rejection.sting_before.is_not(None), Rejection.sting_after.is_not(None),
                   *in_log)
        ).one()
        entry_rows = s.execute(
            select(Entry.start_date, Entry.kind, func.count()).where(*in_track)
            .group_by(Entry.start_date, Entry.kind)).all()
        session_rows = s.execute(
            select(PracticeSession.date, func.count())
            .where(PracticeSession.date >= week0, PracticeSession.date <= today)
            .group_by(PracticeSession.date)).all()
        practice_ever = int(s.scalar(select(func.count()).select_from(PracticeSession)) or 0)

    by_stage = tuple(Count(st, STAGE_LABELS[st], int(stage_rows[st]))
                     for st in STAGES if stage_rows.get(st))
    by_category = _stacked([(d, c, int(n)) for d, c, n in category_rows], CATEGORIES,
                           CATEGORY_LABELS, today)
    stings = tuple(Sting(c, st, d, int(b or 0), int(a or 0))
                   for c, st, d, b, a in reversed(sting_rows))
    sting_drop = float(drop[0]) if drop[1] else None
    track_record = _stacked([(d, k, int(n)) for d, k, n in entry_rows], KINDS, KIND_LABELS,
                            today)
    weeks = [week0 + dt.timedelta(days=7 * i) for i in range(PRACTICE_WEEKS)]
    per_week = [0] * PRACTICE_WEEKS
    for date, n in session_rows:
        per_week[min(PRACTICE_WEEKS - 1, (date - week0).days // 7)] += int(n)
    practice = Stacked(tuple(f"w/c {w.day} {w.strftime('%b')}" for w in weeks), ("sessions",),
                       {"sessions": "Practice sessions"}, tuple((n,) for n in per_week))
    traps, reratings, records = _thought_figures(store)
    rejections = sum(c.value for c in by_stage)
    charts = {
        "by_stage": _stage_chart(by_stage, rejections),
        "by_category": _category_chart(by_category, rejections),
        "stings": _sting_chart(stings, sting_drop, int(drop[1] or 0)),
        "track_record": _track_chart(track_record),
        "practice": _practice_chart(practice, practice_ever),
        "traps": _trap_chart(traps, records),
        "reratings": _rerating_chart(reratings),
    }
    return Insights(today, rejections, by_stage, by_category, stings, sting_drop, track_record,
                    practice, charts, traps, reratings)


def _thought_figures(store: Store) -> tuple[tuple[Count, ...], tuple[Sting, ...], int]:
    """Trap counts, re-ratings (the last MAX_STINGS records with both ratings of an
    emotion), and how many thought records name a trap or an emotion at all."""
    with store.read() as s:
        rows = s.execute(
            select(ThoughtRecord.pk, ThoughtRecord.traps, Rejection.company, Rejection.stage,
                   Rejection.date)
            .join(Rejection, Rejection.pk == ThoughtRecord.rejection_pk)
            .order_by(Rejection.date, Rejection.pk)).all()
        rated: dict[int, tuple[float, float]] = {
            pk: (float(before), float(after)) for pk, before, after in s.execute(
                select(ThoughtEmotion.thought_pk, func.avg(ThoughtEmotion.before),
                       func.avg(ThoughtEmotion.after))
                .where(ThoughtEmotion.before.is_not(None), ThoughtEmotion.after.is_not(None))
                .group_by(ThoughtEmotion.thought_pk))}
        named = set(s.scalars(select(ThoughtEmotion.thought_pk).distinct()))
    registry = trap_registry()
    counts: dict[str, int] = {}
    records = 0
    for pk, traps, _company, _stage, _date in rows:
        ticked = [t for t in (traps or ()) if t in registry]
        for trap in ticked:
            counts[trap] = counts.get(trap, 0) + 1
        records += bool(ticked) or pk in named
    trap_counts = tuple(sorted(
        (Count(k, registry[k].label, n) for k, n in counts.items()),
        key=lambda c: (-c.value, registry.keys.index(c.key))))
    reratings = tuple(
        Sting(company, stage, date,
              round(rated[pk][0]), round(rated[pk][1]))
        for pk, _traps, company, stage, date in rows if pk in rated)[-MAX_STINGS:]
    return trap_counts, reratings, records


# -- the sentences -------------------------------------------------------------------------------


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _stage_chart(by_stage: Sequence[Count], total: int) -> Chart:
    title = "Rejections by stage"
    if not total:
        return Chart(title, "No rejections logged yet. When you log one on the Rejections page, "
                     "this shows at which stages they come, so you know where practice pays "
                     "most.", True)
    top = max(by_stage, key=lambda c: c.value)
    tied = sum(c.value == top.value for c in by_stage) > 1
    if tied:
        said = (f"{_plural(total, 'rejection', 'rejections')}, spread over "
                f"{len(by_stage)} stages: no one stage stands out yet.")
    elif len(by_stage) == 1:
        said = f"All {_plural(total, 'rejection', 'rejections')} so far came at the " \
               f"{top.label.lower()} stage."
    else:
        said = (f"The most came at the {top.label.lower()} stage ({top.value} of {total}). "
                "That is the stage to practise for, not a ceiling.")
    return Chart(title, said, False)


def _category_chart(stacked: Stacked, total: int) -> Chart:
    title = "What kind of rejection, over time"
    if not total:
        return Chart(title, "Each rejection you log is sorted into fit, signal gap, external "
                     "noise or unknown; this shows the mix quarter by quarter.", True)
    gaps = sum(stacked.series_total(c.key) for c in CATEGORY_REGISTRY if c.practisable)
    rest = total - gaps
    if gaps == 0:
        said = (f"None of your {_plural(total, 'rejection', 'rejections')} was a signal gap: "
                "they were about fit, outside noise, or never explained.")
    else:
        said = (f"{_plural(gaps, 'was a signal gap', 'were signal gaps')}, the kind practice "
                f"fixes; the other {rest} {'was' if rest == 1 else 'were'} fit, outside noise "
                "or unknown.")
    return Chart(title, said, False)


def _sting_chart(stings: Sequence[Sting], drop: float | None, rated: int) -> Chart:
    title = "How much it stung, before and after the reframe"
    if not stings or drop is None:
        return Chart(title, "When you rate how much a rejection stings before and after reading "
                     "its reframe, this shows how much the reframe takes off.", True)
    if drop > 0:
        said = (f"After the reframe, the sting fell by {round(drop)} points on average "
                f"(over {_plural(rated, 'rejection', 'rejections')}).")
    else:
        said = ("The reframes have not taken the sting off yet. Writing one in your own words "
                "often helps more than reading ours.")
    return Chart(title, said, False)


def _track_chart(stacked: Stacked) -> Chart:
    title = "Your track record, quarter by quarter"
    if not stacked.total:
        return Chart(title, "Your track record is empty. Each entry you add appears here in "
                     "the quarter it started.", True)
    years: dict[str, int] = {}
    for period, total in zip(stacked.periods, stacked.totals, strict=True):
        years[period[:4]] = years.get(period[:4], 0) + total
    best = max(years, key=lambda y: (years[y], y))
    first, last = min(years), max(years)
    said = (f"{_plural(stacked.total, 'entry', 'entries')} from {first} to {last}; {best} was "
            f"the fullest year, with {years[best]}. Quiet quarters are normal: the evidence "
            "adds up.")
    return Chart(title, said, False)


def _trap_chart(traps: Sequence[Count], records: int) -> Chart:
    title = "Thinking traps that come back"
    if not traps:
        return Chart(title, "When you work through a thought after a rejection and tick the "
                     "thinking traps in it, this shows which ones come back, so you know "
                     "which to catch early.", True)
    top = traps[0]
    if top.value < 2:
        over = _plural(records, "thought record", "thought records")
        said = (f"No trap has come back yet, over {over}. Naming them is what makes them "
                "easier to catch.")
    else:
        said = (f"{top.label} came up in {top.value} of your {records} thought records: "
                "the one to catch early. Recognising it is already half of the work.")
    return Chart(title, said, False)


def _rerating_chart(reratings: Sequence[Sting]) -> Chart:
    title = "How strongly you felt it, before and after the thought record"
    if not reratings:
        return Chart(title, "When you rate your emotions in a thought record and rate them "
                     "again after the balanced thought, this shows how far they move.", True)
    drop = sum(r.before - r.after for r in reratings) / len(reratings)
    if drop > 0:
        over = _plural(len(reratings), "thought record", "thought records")
        said = (f"After the balanced thought, your emotions eased by {round(drop)} points on "
                f"average (over {over}).")
    else:
        said = ("The re-ratings have not moved much yet. That is common at first; the balanced "
                "thought gets easier to believe with practice.")
    return Chart(title, said, False)


def _practice_chart(stacked: Stacked, ever: int) -> Chart:
    title = f"Practice, the last {PRACTICE_WEEKS} weeks"
    if not ever:
        return Chart(title, "No practice logged yet. Each time you practise a habit, log it on "
                     "the Review page, and the weeks fill in here.", True)
    this_week = stacked.totals[-1] if stacked.totals else 0
    said = (f"{_plural(stacked.total, 'session', 'sessions')} in the last {PRACTICE_WEEKS} "
            f"weeks, {this_week} this week. Little and often is what makes a habit automatic.")
    return Chart(title, said, not stacked.total)
