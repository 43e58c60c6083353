"""One row of a job tracker's CSV: what happened (rejected, an offer, still pending, no answer
at all), at which stage, on which day.

Only a row whose result or status says rejected — in the ways people write it, "Rejection :(",
"reeejected", "Negative", "Not selected" — becomes a rejection. Offers, acceptances, pending
and withdrawn rows are skipped and counted by what they say. A row with no answer at all
(an empty result, or "Ghosted") is offered as a "no response" rejection the person may tick;
so is a status that cannot be read. A file with no status or result column at all is a list
of rejections, and every row is one. Cells holding "null", "N/A", "-" and the like are empty.

The stage is the stage column's value, else the furthest of the columns kept one per stage
that holds a value, else a stage the status names ("Rejected after HM"). The date is the
date of the answer, else the last date written in a stage column, else the date applied.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence

from trackrecord.core.errors import ValidationError
from trackrecord.core.rejections.categories import UNKNOWN
from trackrecord.core.rejections.data import validate
from trackrecord.core.rejections.stages import parse_stage
from trackrecord.core.transfer.dates import parse_cell_date
from trackrecord.core.transfer.import_base import (
    SKIP,
    CsvMapping,
    PreviewRow,
    RejectionDraft,
    WarningList,
    short_title,
)
from trackrecord.core.transfer.import_words import first_phrase, load_words, norm

_WORDS = load_words("tracker")
_EMPTY = frozenset(norm(v) for v in _WORDS["cells"]["empty"])
_NOT_REACHED = frozenset(norm(v) for v in _WORDS["cells"]["not_reached"])
_OUTCOMES: tuple[tuple[str, str, tuple[str, ...]], ...] = tuple(
    (o["key"], o.get("label", o["key"]), tuple(o["words"])) for o in _WORDS["outcome"]
)
_LABELS = {key: label for key, label, _ in _OUTCOMES}
_STAGE_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = tuple(
    (stage, tuple(words)) for stage, words in _WORDS["stages"].items()
)
# Outcomes that are not a rejection at all: skipped, and counted by what they are.
_SKIPPED = ("withdrawn", "accepted", "offer", "not_applied", "pending")
# Outcomes the person decides: offered unticked.
_ASK = ("no_answer", "ambiguous", "unknown")
DATE_FIELDS = ("response_date", "date")
_SEVERAL = re.compile(r"\s*(?:&|\band\b|;|\+|\|)\s*", re.IGNORECASE)
_ABBREVIATIONS = frozenset({"inc", "co", "ltd", "corp", "bros", "llc", "plc", "jr", "sr",
                            "st", "no", "dept", "int", "intl", "mfg"})
NO_ANSWER = "no answer"
NOT_UNDERSTOOD = "status not understood"


def stage_in(text: str) -> str | None:
    """The stage a header or a status names ("Rejected after HM": hiring-manager), if any."""
    words = f" {norm(text)} "
    for stage, phrases in _STAGE_WORDS:
        if any(f" {norm(p)} " in words for p in phrases):
            return stage
    return None


def outcome_of(value: str) -> str | None:
    """What a status or result says happened (a key of tracker.toml's outcomes), if known."""
    for key, _, words in _OUTCOMES:
        if first_phrase(value, words):
            return key
    return None


def is_empty(value: str) -> bool:
    normed = norm(value)
    return not normed or normed in _EMPTY


def split_dates(value: str) -> list[str]:
    """"8/5/2019 & 8/14/2019" -> both; a cell may list the days of several rounds."""
    return [part for part in _SEVERAL.split(value.strip()) if part]


def tidy_name(value: str) -> str:
    """"Baqend." -> "Baqend" (a sentence's full stop), but "Acme Inc." keeps its dot."""
    value = " ".join(value.split())
    if value.endswith(".") and not value.endswith(".."):
        last = value[:-1].rsplit(" ", 1)[-1]
        if "." not in last and last.casefold() not in _ABBREVIATIONS and len(last) > 1:
            return value[:-1]
    return value


class RowReader:
    """Reads the rows of one file; counts what the notices above the preview say."""

    def __init__(self, mapping: CsvMapping, order: str, today: dt.date,
                 warnings: WarningList, header_stages: Sequence[str]) -> None:
        self.mapping, self.order, self.today, self.warnings = mapping, order, today, warnings
        self.header_stages = header_stages
        self.reached = mapping.columns_for("reached")
        self.has_outcome = any(mapping.column_for(n) is not None for n in ("status", "result"))
        self.has_stage = mapping.column_for("stage") is not None or bool(self.reached)
        self.counted: Counter[str] = Counter()

    def _cell(self, row: Sequence[str], name: str) -> str:
        index = self.mapping.column_for(name)
        value = row[index] if index is not None and index < len(row) else ""
        return "" if is_empty(value) else value

    def read(self, line: int, row: Sequence[str]) -> RejectionDraft | PreviewRow:
        where = f"line {line}"
        company = tidy_name(self._cell(row, "company"))
        role = tidy_name(self._cell(row, "role"))
        title = short_title(f"{company} \u2014 {role}" if role else company) or "(blank)"
        if not company:
            return PreviewRow(SKIP, "rejection", short_title(role) or "(no company)",
                              reason="no company", where=where, tally="no company")
        outcome, said = self._outcome(row)
        if outcome in _SKIPPED:
            label = _LABELS[outcome]
            return PreviewRow(SKIP, "rejection", title, reason=f"{label} (says {said!r})",
                              where=where, tally=label)
        if outcome == "no_answer" and not said and self._only_company(row):
            return PreviewRow(SKIP, "rejection", title, where=where, tally="not applied",
                              reason="not applied: nothing but the company is written")
        stage = "offer" if outcome == "rescinded" else self._stage(row, said, where)
        date, by_application = self._date(row, where, answered=outcome != "no_answer")
        values = {
            "company": company, "role": role, "level": self._cell(row, "level"),
            "stage": stage, "feedback": self._cell(row, "feedback"),
            "own_read": self._cell(row, "own_read"),
        }
        try:
            clean = validate(values)
        except ValidationError as exc:
            return PreviewRow(SKIP, "rejection", title, reason=str(exc), where=where,
                              tally="not readable")
        clean["date"] = date or self.today
        if outcome in _ASK:
            return self._ask(where, clean, outcome, said)
        self.counted["rejection"] += 1
        self.counted["dated by the application"] += by_application
        if stage == "other":
            self.counted["no stage"] += 1
        return RejectionDraft(where, clean)

    def _ask(self, where: str, clean: dict[str, object], outcome: str | None,
             said: str) -> RejectionDraft:
        if outcome == "no_answer":
            clean["category"] = UNKNOWN
            shown = f" (says {said!r})" if said else ""
            return RejectionDraft(where, clean, chosen=False, tally=NO_ANSWER,
                                  guess=f"no answer{shown}: tick to log it as "
                                        "\u201cno response\u201d")
        if outcome == "ambiguous":
            return RejectionDraft(where, clean, chosen=False, tally=_LABELS["ambiguous"],
                                  guess=f"{said!r}: by them or by you? Tick it if they said no")
        return RejectionDraft(where, clean, chosen=False, tally=NOT_UNDERSTOOD,
                              guess=f"status {short_title(said, 40)!r} not understood: tick "
                                    "it if it was a rejection")

    def _outcome(self, row: Sequence[str]) -> tuple[str | None, str]:
        """(what happened, the words that say it); None when the file cannot say."""
        if not self.has_outcome:
            return "rejected", ""  # a list of rejections
        said = [v for v in (self._cell(row, "result"), self._cell(row, "status")) if v]
        for value in said:
            found = outcome_of(value)
            if found is not None:
                return found, value
        if said:
            return "unknown", said[0]
        return "no_answer", ""

    def _only_company(self, row: Sequence[str]) -> bool:
        company = self.mapping.column_for("company")
        return all(is_empty(value) for i, value in enumerate(row) if i != company)

    def _reached(self, row: Sequence[str]) -> list[int]:
        return [i for i in self.reached if i < len(row) and not is_empty(row[i])
                and norm(row[i]) not in _NOT_REACHED]

    def _stage(self, row: Sequence[str], said: str, where: str) -> str:
        explicit = self._cell(row, "stage")
        if explicit:
            try:
                return parse_stage(explicit)
            except ValidationError:
                pass
            found = stage_in(explicit)
            if found is None:
                self.warnings.add(where, f"stage {short_title(explicit, 40)!r} not recognised;"
                                         " set to Other")
            return found or "other"
        reached = self._reached(row)
        if reached:
            return self.header_stages[max(reached)]
        hint = stage_in(said) if said else None
        if hint is not None:
            return hint
        return "application" if self.reached else "other"

    def _dates(self, value: str) -> list[dt.date]:
        found = (parse_cell_date(part, self.order) for part in split_dates(value))
        return [d for d in found if d is not None]

    def _date(self, row: Sequence[str], where: str,
              answered: bool) -> tuple[dt.date | None, bool]:
        """The day of the answer (for a row with no answer, the day applied), and whether
        it had to be the day applied."""
        answer = self._dates(self._cell(row, "response_date"))
        if answer and answered:
            return max(answer), False
        rounds = [d for i in self._reached(row) for d in self._dates(row[i])]
        if rounds and answered:
            return max(rounds), False
        applied = self._dates(self._cell(row, "date"))
        if applied:
            return min(applied), answered
        written = [self._cell(row, n) for n in DATE_FIELDS if self._cell(row, n)]
        mapped = any(self.mapping.column_for(n) is not None for n in DATE_FIELDS)
        if written:
            self.warnings.add(where, f"date {short_title(written[0], 30)!r} not understood; "
                                     f"dated today ({self.today.isoformat()})")
        elif mapped and answered:
            self.warnings.add(where, f"no date; dated today ({self.today.isoformat()})")
        return None, False

    def notices(self) -> tuple[str, ...]:
        out = []
        if not self.has_outcome:
            out.append("No column says what happened (a status or a result), so every row "
                       "is read as a rejection.")
        if not any(self.mapping.column_for(n) is not None for n in DATE_FIELDS):
            out.append("No column is a date: every rejection is dated today.")
        elif self.counted["dated by the application"] and (
                self.mapping.column_for("response_date") is None):
            n = self.counted["dated by the application"]
            out.append(f"No column gives the date of the answer: {n} "
                       f"{'rejection is' if n == 1 else 'rejections are'} dated by the day "
                       "you applied.")
        if not self.has_stage and self.counted["no stage"]:
            out.append("No column says the stage: the stage is Other unless the status "
                       "names one (\u201cRejected after HM\u201d).")
        return tuple(out)
