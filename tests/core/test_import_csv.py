"""Importing a job tracker's CSV of rejections: lenient headers and stages, a mapping that can
be changed, encodings and delimiters, skipped rows with reasons, and rejections that open like
ones logged in the app (analysed, with a snapshot)."""

from __future__ import annotations

import datetime as dt

import pytest

from store_helpers import DATA, db_state
from trackrecord.core.demo import load_demo
from trackrecord.core.rejections.analysis import Analysis
from trackrecord.core.rejections.service import RejectionService
from trackrecord.core.store.db import Store
from trackrecord.core.transfer.csv_rows import is_empty, outcome_of
from trackrecord.core.transfer.csv_tracker import guess_fields, map_stage
from trackrecord.core.transfer.import_base import ImportFileError, RejectionDraft
from trackrecord.core.transfer.imports import commit_import, parse_import, preview_import
from trackrecord.paths import DataPaths

TODAY = dt.date(2024, 6, 1)


def _parse(text: str | bytes, **kwargs: object) -> object:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return parse_import(data, "tracker.csv", "csv", today=TODAY, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(("headers", "expected"), [
    (["Company", "Job Title", "Status", "Date Applied", "Notes"],
     ("company", "role", "status", "date", "own_read")),
    (["company_name", "POSITION", "stage reached", "rejected on", "Feedback", "Comments"],
     ("company", "role", "stage", "response_date", "feedback", "own_read")),
    (["Employer", "Role", "Stage", "Status", "Last Updated", "Date Applied"],
     ("company", "role", "stage", "status", "response_date", "date")),
    (["Organisation", "Title", "Level", "Rejection reason"],
     ("company", "role", "level", "feedback")),
    (["Company Name (required)", "URL"], ("company", None)),
    (["Company", "Role name", "Applied Date", "Coding Challenge", "Recruiter", "Phone",
      "On-Campus", "Onsite", "Result"],
     ("company", "role", "date", "reached", "reached", "reached", "reached", "reached",
      "result")),
    (["Company", "Status Date", "Outcome", "Interview date", "Recruiter email"],
     ("company", "response_date", "result", "date", None)),
])
def test_headers_are_matched_leniently(headers: list[str], expected: tuple[str | None, ...],
                                       ) -> None:
    assert guess_fields(headers) == expected


def test_a_notes_column_is_never_the_feedback() -> None:
    assert guess_fields(["Company", "Status", "Notes"]) == ("company", "status", "own_read")
    (draft,) = _parse("Company,Status,Notes\nAcme,Rejected,sender domain is acme.ai\n").items
    assert isinstance(draft, RejectionDraft)
    assert draft.values["feedback"] == "" and draft.values["own_read"] == "sender domain is acme.ai"


@pytest.mark.parametrize(("value", "stage"), [
    ("Phone Screen", "phone-screen"), ("phone_screen", "phone-screen"), ("Onsite", "onsite"),
    ("On-site", "onsite"), ("Final round", "onsite"), ("Rejected after HM", "hiring-manager"),
    ("Hiring Manager", "hiring-manager"), ("Recruiter call", "recruiter"),
    ("Recruiter phone screen", "recruiter"), ("Technical phone screen", "phone-screen"),
    ("Take-home", "take-home"), ("Coding challenge", "take-home"),
    ("System Design", "system-design"), ("Behavioural interview", "behavioral"),
    ("Live coding", "coding"), ("Team matching", "team-match"), ("Offer rescinded", "offer"),
    ("Applied", "application"), ("Ghosted", "application"), ("system-design", "system-design"),
])
def test_stages_are_read_leniently(value: str, stage: str) -> None:
    assert map_stage(value) == (stage, None)


@pytest.mark.parametrize("value", ["Behind the scenes", "", "???"])
def test_an_unknown_stage_is_other_with_a_warning(value: str) -> None:
    stage, warning = map_stage(value)
    assert stage == "other" and warning


@pytest.mark.parametrize(("value", "outcome"), [
    ("Rejected", "rejected"), ("Rejcted", "rejected"), ("reeejected", "rejected"),
    ("Rejection :(", "rejected"), ("REJECTED", "rejected"), ("Not Selected", "rejected"),
    ("Negative (Application rejected)", "rejected"), ("Negative.", "rejected"),
    ("Rejected after HM", "rejected"), ("Offer rescinded", "rescinded"),
    ("Offer", "offer"), ("Negotiating", "offer"), ("Accepted!", "accepted"),
    ("Offer declined", "withdrawn"), ("I Withdrew", "withdrawn"), ("Pending", "pending"),
    ("Interview", "pending"), ("ongoing", "pending"), ("Bookmarked", "not_applied"),
    ("Ghosted", "no_answer"), ("No Response \U0001f515", "no_answer"),
    ("Declined", "ambiguous"), ("Behind the scenes", None),
])
def test_what_a_status_says(value: str, outcome: str | None) -> None:
    assert outcome_of(value) == outcome


@pytest.mark.parametrize("value", ["null", "NULL", "N/A", "n/a", "-", "\u2014", "none", "None",
                                   "Not provided in the email.", "  "])
def test_empty_cells_are_written_many_ways(value: str) -> None:
    assert is_empty(value)
    assert not is_empty("Acme") and not is_empty("0")


def test_the_teal_like_sample(store: Store) -> None:
    parsed = _parse((DATA / "teal-export.csv").read_bytes())
    report = preview_import(store, parsed)
    assert report.mapping is not None
    assert report.mapping.describe()[:8] == [
        "Company -> Company", "Job Position -> Role", "Status -> Status",
        "Date Saved -> (ignored)", "Date Applied -> Date applied",
        "Last Updated -> Date of the answer", "Excitement -> (ignored)",
        "Notes -> Your notes",
    ]
    assert report.mapping.encoding == "utf-8-sig"
    rows = [(r.action, r.title, r.detail, r.tally, r.chosen) for r in report.rows]
    assert rows == [
        ("add", "Acme Corp \u2014 Senior Backend Engineer", "Hiring manager \u00b7 2024-03-14",
         "", True),
        ("skip", "Globex \u2014 Staff Engineer", "", "pending", None),
        ("skip", "Initech \u2014 Platform Engineer", "", "pending", None),
        ("skip", "Umbrella Health \u2014 Senior Engineer", "", "pending", None),
        ("skip", "Hooli \u2014 Backend Engineer", "", "not applied", None),
        ("skip", "Pied Piper \u2014 Engineering Manager", "", "accepted", None),
        ("skip", "Data Engineer", "", "no company", None),
        ("skip", "Vandelay Industries \u2014 Backend Engineer",
         "Application \u00b7 2023-10-02 \u00b7 no response", "no answer", False),
        ("skip", "Soylent \u2014 SRE", "Other \u00b7 2023-09-30", "status not understood", False),
        ("skip", "Acme Corp \u2014 Senior Backend Engineer", "Hiring manager \u00b7 2024-03-14",
         "repeated in the file", None),
    ]
    assert report.rows[1].reason == "pending (says 'Onsite')"
    assert report.summary() == ("1 added, 9 skipped (3 pending, 1 accepted, 1 no answer, "
                                "1 no company, 1 not applied, 1 repeated in the file, "
                                "1 status not understood)")
    assert report.choices() == [("no answer", 0, 1), ("status not understood", 0, 1)]


def test_a_row_with_no_answer_can_be_ticked_as_no_response(store: Store) -> None:
    parsed = _parse((DATA / "teal-export.csv").read_bytes())
    ticked = parsed.choose_all("no answer", True)
    report = commit_import(store, ticked)
    assert report.counts["added"] == 2
    (ghosted,) = [r for r in RejectionService(store).list() if r.company == "Vandelay Industries"]
    assert ghosted.category == "unknown" and ghosted.stage == "application"
    assert ghosted.date == dt.date(2023, 10, 2)


def test_imported_rejections_open_like_ones_logged_in_the_app(store: Store) -> None:
    load_demo(store)
    report = commit_import(store, _parse((DATA / "teal-export.csv").read_bytes()))
    assert report.counts == {"added": 1, "updated": 0, "unchanged": 0, "skipped": 9}
    service = RejectionService(store)
    acme = service.get(next(r.id for r in service.list() if r.company == "Acme Corp"))
    assert acme.own_read.startswith("HM said they wanted someone with more Kafka experience")
    assert acme.feedback == "", "a tracker's notes are the person's own words"
    assert acme.category == acme.suggested_category and not acme.category_confirmed
    assert acme.snapshot is not None
    shown = Analysis.from_snapshot(acme.snapshot)
    assert shown.stage == "hiring-manager" and shown.reframe.headline
    assert shown.evidence, "the demo track record answers it"


def test_importing_twice_skips_what_is_already_logged(store: Store, data_paths: DataPaths) -> None:
    parsed = _parse((DATA / "teal-export.csv").read_bytes())
    commit_import(store, parsed)
    before = db_state(data_paths)
    again = commit_import(store, parsed)
    assert again.counts["added"] == 0
    assert "already in your rejection log" in again.rows[0].reason
    assert db_state(data_paths) == before


def test_latin1_semicolons_and_day_first_dates() -> None:
    parsed = _parse((DATA / "spreadsheet-latin1.csv").read_bytes())
    drafts = [d.values for d in parsed.items if isinstance(d, RejectionDraft)]
    assert [(d["company"], d["stage"], d["date"]) for d in drafts] == [
        ("Société Générale", "onsite", dt.date(2024, 3, 15)),
        ("Zürich Versicherung", "recruiter", dt.date(2024, 2, 2)),
        ("Müller & Söhne", "other", dt.date(2024, 1, 31)),
    ]
    assert drafts[0]["own_read"] == "felt rushed in the design round"
    assert parsed.mapping is not None and parsed.mapping.delimiter == ";"
    assert str(parsed.warnings[0]) == "the file is not UTF-8; it was read as Windows-1252"


def test_tabs_us_dates_and_an_ambiguous_file() -> None:
    text = "Company\tRole\tDate\nA\tX\t3/4/2024\nB\tY\t12/25/2023\n"
    drafts = [d.values for d in _parse(text).items if isinstance(d, RejectionDraft)]
    assert [d["date"] for d in drafts] == [dt.date(2024, 3, 4), dt.date(2023, 12, 25)]
    ambiguous = _parse("Company,Date\nA,03/04/2024\n")
    assert "read month first" in str(ambiguous.warnings[0])


def test_the_mapping_can_be_changed() -> None:
    text = "Outfit,Job,When,Said\nAcme,Engineer,2024-01-02,too junior\n"
    parsed = _parse(text)
    assert parsed.problem.startswith("no column is the company")
    with pytest.raises(ImportFileError, match="no column is the company"):
        commit_import(None, parsed)  # type: ignore[arg-type]
    fixed = _parse(text, csv_columns={"company": "outfit", "role": 1, "date": "When",
                                      "feedback": "Said"})
    (draft,) = fixed.items
    assert isinstance(draft, RejectionDraft)
    assert (draft.values["company"], draft.values["role"], draft.values["feedback"]) == (
        "Acme", "Engineer", "too junior")
    assert draft.values["date"] == dt.date(2024, 1, 2)
    with pytest.raises(ImportFileError, match="no column 'nope'"):
        _parse(text, csv_columns={"company": "nope"})
    with pytest.raises(ImportFileError, match="only one column can be the company"):
        _parse(text, csv_columns={"company": [0, 1]})


def test_stage_columns_can_be_chosen_together() -> None:
    text = ("Company,Result,Screen,Final\n"
            "Acme,Rejected,yes,\nGlobex,Rejected,yes,yes\nInitech,Rejected,,\n")
    guessed = _parse(text)
    assert guessed.mapping is not None and guessed.mapping.fields == (
        "company", "result", "reached", "reached")
    stages = [d.values["stage"] for d in guessed.items if isinstance(d, RejectionDraft)]
    assert stages == ["phone-screen", "onsite", "application"]
    only_screen = _parse(text, csv_columns={"reached": ["Screen"]})
    stages = [d.values["stage"] for d in only_screen.items if isinstance(d, RejectionDraft)]
    assert stages == ["phone-screen", "phone-screen", "application"]
    assert only_screen.mapping is not None
    assert only_screen.mapping.overrides()["reached"] == [2]


def test_rows_without_a_date_are_dated_today_with_a_warning() -> None:
    parsed = _parse("Company,Date\nAcme,\nGlobex,someday\n")
    drafts = [d.values for d in parsed.items if isinstance(d, RejectionDraft)]
    assert [d["date"] for d in drafts] == [TODAY, TODAY]
    assert [str(w) for w in parsed.warnings] == [
        "line 2: no date; dated today (2024-06-01)",
        "line 3: date 'someday' not understood; dated today (2024-06-01)",
    ]


@pytest.mark.parametrize(("data", "message"), [
    (b"", "has no rows"),
    (b" , ,\n\n", "has no rows"),
    (b'Company,Notes\nAcme,"' + b"x" * 200_000 + b'"\n', "cannot be read as CSV"),
])
def test_files_that_cannot_be_read(data: bytes, message: str) -> None:
    with pytest.raises(ImportFileError, match=message):
        _parse(data)
