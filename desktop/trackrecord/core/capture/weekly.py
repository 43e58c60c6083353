"""The weekly nudge: "What did you get done this week?", once a week at most.

It is due when the chosen moment of this week (default Friday 15:00, local time) has passed,
nothing was logged this week, and it has not been shown, snoozed or answered this week.
Its preferences and what happened this week are settings, so they travel with the data.
Time comes from an injected clock (``Clock``): tests drive the nudge with a fake one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from typing import TYPE_CHECKING, Any

from trackrecord.core.errors import ValidationError

if TYPE_CHECKING:
    from trackrecord.core.store.db import Store

Clock = Callable[[], dt.datetime]  # an aware local datetime
PREFS_KEY = "capture.weekly"
STATE_KEY = "capture.weekly.this_week"
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SHOWN, SNOOZED, ANSWERED = "shown", "snoozed", "answered"


def local_now() -> dt.datetime:
    return dt.datetime.now().astimezone()


@dataclass(frozen=True)
class WeeklyPrefs:
    enabled: bool = True
    day: int = 4  # Monday is 0: Friday
    hour: int = 15  # "Friday afternoon"
    tray: bool = False  # also a desktop notification when the window is minimised

    def __post_init__(self) -> None:
        if not 0 <= self.day <= 6 or not 0 <= self.hour <= 23:
            raise ValidationError("the weekly nudge needs a day (0-6) and an hour (0-23)")

    @classmethod
    def from_json(cls, data: object) -> WeeklyPrefs:
        prefs = cls()
        if not isinstance(data, dict):
            return prefs
        clean: dict[str, Any] = {}
        for name, default in asdict(prefs).items():
            value = data.get(name)
            same_type = isinstance(value, bool) if isinstance(default, bool) else (
                isinstance(value, int) and not isinstance(value, bool))
            if same_type:
                clean[name] = value
        try:
            return replace(prefs, **clean)
        except ValidationError:
            return prefs

    def describe(self) -> str:
        return f"{DAYS[self.day]}s at {self.hour:02d}:00"


def week_key(moment: dt.datetime) -> str:
    year, week, _ = moment.isocalendar()
    return f"{year}-W{week:02d}"


def week_start(moment: dt.datetime) -> dt.datetime:
    day = moment.date() - dt.timedelta(days=moment.weekday())
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=moment.tzinfo)


class WeeklyNudge:
    def __init__(self, store: Store, clock: Clock = local_now) -> None:
        self._store = store
        self._clock = clock

    def now(self) -> dt.datetime:
        return self._clock()

    # -- preferences -----------------------------------------------------------------------

    def prefs(self) -> WeeklyPrefs:
        from trackrecord.core.store.settings import get_json

        return WeeklyPrefs.from_json(get_json(self._store, PREFS_KEY))

    def set_prefs(self, prefs: WeeklyPrefs) -> None:
        from trackrecord.core.store.settings import set_json

        set_json(self._store, PREFS_KEY, asdict(prefs))

    # -- when ------------------------------------------------------------------------------

    def moment(self, now: dt.datetime | None = None) -> dt.datetime:
        """This week's moment (the chosen day and hour)."""
        now = now or self.now()
        prefs = self.prefs()
        start = week_start(now)
        return start + dt.timedelta(days=prefs.day, hours=prefs.hour)

    def this_week(self) -> str:
        """What happened this week: "" (nothing yet), shown, snoozed or answered."""
        from trackrecord.core.store.settings import get_json

        state = get_json(self._store, STATE_KEY)
        if isinstance(state, dict) and state.get("week") == week_key(self.now()):
            return str(state.get("what", ""))
        return ""

    def logged_this_week(self) -> bool:
        """Whether any entry was added since this week began (local time)."""
        start = week_start(self.now()).astimezone(dt.UTC).replace(tzinfo=None)
        with self._store.query() as conn:
            row = conn.execute("SELECT 1 FROM entries WHERE created_at >= ? LIMIT 1",
                               (start.isoformat(sep=" "),)).fetchone()
        return row is not None

    def due(self) -> bool:
        now = self.now()
        if not self.prefs().enabled or now < self.moment(now):
            return False
        return not self.this_week() and not self.logged_this_week()

    # -- what the person did ---------------------------------------------------------------

    def _note(self, what: str) -> None:
        from trackrecord.core.store.settings import set_json

        set_json(self._store, STATE_KEY, {"week": week_key(self.now()), "what": what})

    def mark_shown(self) -> None:
        """Shown this week: it is not shown again until next week, whatever follows."""
        self._note(SHOWN)

    def snooze(self) -> None:
        """Not this week."""
        self._note(SNOOZED)

    def answered(self) -> None:
        self._note(ANSWERED)

    def turn_off(self) -> None:
        self.set_prefs(replace(self.prefs(), enabled=False))
