"""The entry service: what a person would notice when recording their track record."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from trackrecord.core.errors import NotFoundError, ValidationError
from trackrecord.core.record.entries import EntryFilter, EntryService
from trackrecord.core.store import fts
from trackrecord.core.store.db import Store
from trackrecord.core.store.models import Entry, Tag


def _count(store: Store, model: type) -> int:
    with store.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_create_keeps_every_field(entries: EntryService) -> None:
    made = entries.create(
        "incident",
        "  Checkout outage  ",
        start_date="2023-05-02",
        organisation="Copperleaf",
        summary="Led the response to a 40-minute checkout outage",
        impact="Restored payments for 12k merchants",
        tags=["on-call", "postgres"],
        links=["https://example.org/postmortem"],
        severity="SEV1",
        time_to_mitigate="38 min",
        root_cause="Connection pool exhaustion",
        situation="Peak traffic",
        result="No data lost",
    )
    got = entries.get(made.id)
    assert got == made
    assert got.title == "Checkout outage"
    assert got.start_date == dt.date(2023, 5, 2)
    assert got.links == ("https://example.org/postmortem",)
    assert got.severity == "SEV1"
    assert len(got.id) == 36
    assert got.created_at.tzinfo is not None


def test_start_date_defaults_to_today(entries: EntryService) -> None:
    assert entries.create("other", "Gave a talk").start_date == dt.date.today()


@pytest.mark.parametrize(
    ("kind", "title", "extra", "message"),
    [
        ("award", "x", {}, "unknown kind"),
        ("shipped", "   ", {}, "title cannot be empty"),
        ("shipped", "x", {"start_date": "2024-02-30"}, "YYYY-MM-DD"),
        ("shipped", "x", {"start_date": "2024-03-01", "end_date": "2024-01-01"}, "before"),
        ("shipped", "x", {"colour": "red"}, "unknown field"),
    ],
)
def test_bad_input_is_refused_and_writes_nothing(
    store: Store, entries: EntryService, kind: str, title: str, extra: dict[str, str], message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        entries.create(kind, title, **extra)
    assert _count(store, Entry) == 0


def test_tags_are_unique_case_insensitively_and_keep_the_first_spelling(
    store: Store, entries: EntryService
) -> None:
    first = entries.create("shipped", "A", tags=["Kubernetes", "kubernetes ", "#go"])
    second = entries.create("shipped", "B", tags=["KUBERNETES"])
    assert first.tags == ("Kubernetes", "go")
    assert second.tags == ("Kubernetes",)  # the same tag, spelled as it first was
    assert _count(store, Tag) == 2
    assert entries.tags() == [("Kubernetes", 2), ("go", 1)]


def test_tags_no_entry_uses_any_more_disappear(store: Store, entries: EntryService) -> None:
    made = entries.create("shipped", "A", tags=["go", "kafka"])
    entries.update(made.id, tags=["go"])
    assert entries.tags() == [("go", 1)]
    entries.delete(made.id)
    assert _count(store, Tag) == 0


def test_update_moves_the_timestamp_only_when_something_changed(entries: EntryService) -> None:
    made = entries.create("shipped", "Ledger", summary="Rebuilt the ledger")
    same = entries.update(made.id, summary="Rebuilt the ledger")
    assert same.updated_at == made.updated_at
    changed = entries.update(made.id, summary="Rebuilt the ledger, twice as fast")
    assert changed.updated_at > made.updated_at
    assert changed.created_at == made.created_at


def test_a_refused_update_changes_nothing(entries: EntryService) -> None:
    made = entries.create("shipped", "Ledger", start_date="2024-01-01")
    with pytest.raises(ValidationError):
        entries.update(made.id, title="", summary="new")
    with pytest.raises(ValidationError):
        entries.update(made.id, end_date="2023-01-01")
    assert entries.get(made.id) == made


def test_delete_then_restore_gives_back_the_same_entry(
    store: Store, entries: EntryService
) -> None:
    made = entries.create("mentoring", "Priya's first on-call", mentee="Priya S.", tags=["on-call"])
    snapshot = entries.delete(made.id)
    with pytest.raises(NotFoundError):
        entries.get(made.id)
    assert entries.list(EntryFilter(search="priya")) == []
    entries.restore(snapshot)
    assert entries.get(made.id) == made
    assert [e.id for e in entries.list(EntryFilter(search="priya"))] == [made.id]


def test_unknown_ids_are_reported(entries: EntryService) -> None:
    with pytest.raises(NotFoundError):
        entries.get("no-such-id")
    with pytest.raises(NotFoundError):
        entries.update("no-such-id", title="x")
    with pytest.raises(NotFoundError):
        entries.delete("no-such-id")


def test_ids_can_be_given_by_a_unique_prefix(entries: EntryService) -> None:
    made = entries.create("shipped", "A")
    assert entries.resolve_id(made.id[:6].upper()) == made.id
    with pytest.raises(NotFoundError, match="at least 4"):
        entries.resolve_id(made.id[:2])


def _sample(entries: EntryService) -> dict[str, str]:
    made = {
        "ledger": entries.create(
            "shipped", "Payments ledger v2", start_date="2022-03-01",
            tags=["postgres", "distributed-systems"], notes="Scaling the write path",
        ),
        "outage": entries.create(
            "incident", "Checkout outage", start_date="2023-06-10", tags=["on-call"],
            root_cause="Kubernetes node pool drained during deploy",
        ),
        "priya": entries.create(
            "mentoring", "Mentored Priya", start_date="2024-01-15", end_date="2024-07-01",
            tags=["mentoring"], mentee="Priya S.",
        ),
        "talk": entries.create("other", "Talk on observability", start_date="2024-09-01"),
    }
    return {name: e.id for name, e in made.items()}


def test_filters_narrow_the_list(entries: EntryService) -> None:
    ids = _sample(entries)

    def listed(**kw: object) -> set[str]:
        return {e.id for e in entries.list(EntryFilter(**kw))}  # type: ignore[arg-type]

    assert listed() == set(ids.values())
    assert listed(kinds=frozenset({"incident", "mentoring"})) == {ids["outage"], ids["priya"]}
    assert listed(tag="ON-CALL") == {ids["outage"]}
    assert listed(year=2024) == {ids["priya"], ids["talk"]}
    assert listed(since=dt.date(2024, 6, 1)) == {ids["priya"], ids["talk"]}  # still running
    assert listed(until=dt.date(2022, 12, 31)) == {ids["ledger"]}


def test_list_is_newest_first(entries: EntryService) -> None:
    _sample(entries)
    titles = [e.title for e in entries.list()]
    assert titles == [
        "Talk on observability", "Mentored Priya", "Checkout outage", "Payments ledger v2",
    ]


def test_search_as_you_type_finds_prefixes_stems_and_every_field(entries: EntryService) -> None:
    ids = _sample(entries)

    def found(query: str) -> set[str]:
        return {e.id for e in entries.list(EntryFilter(search=query))}

    assert found("led") == {ids["ledger"]}  # a prefix, while typing
    assert found("scal") == {ids["ledger"]}  # "Scaling" in the notes
    assert found("pay") == {ids["ledger"]}  # half a word is not stemmed into another one
    assert found("kubern") == {ids["outage"]}  # the root cause field
    assert found("distributed") == {ids["ledger"]}  # tags are searchable
    assert found("priya mentor") == {ids["priya"]}  # every word must match
    assert found("priya ledger") == set()


def test_counts_per_kind_ignore_the_kind_filter_but_honour_the_rest(
    entries: EntryService,
) -> None:
    _sample(entries)
    counts = entries.count_by_kind(EntryFilter(kinds=frozenset({"shipped"}), year=2024))
    assert counts == {"shipped": 0, "incident": 0, "mentoring": 1, "other": 1, "praise": 0}
    assert entries.years() == [2024, 2023, 2022]


def test_the_search_index_stays_in_step_with_every_change(
    store: Store, entries: EntryService
) -> None:
    ids = _sample(entries)
    entries.update(ids["ledger"], title="Ledger rewrite", tags=["kafka"])
    entries.delete(ids["talk"])
    entries.restore(entries.delete(ids["outage"]))
    with store.read() as s:
        fts.check(s)  # FTS5 compares its index with the entries table
    assert entries.list(EntryFilter(search="payments")) == []
    assert [e.title for e in entries.list(EntryFilter(search="kafka"))] == ["Ledger rewrite"]


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text())
def test_any_typed_text_is_a_safe_search(entries: EntryService, typed: str) -> None:
    if not entries.list():
        entries.create("shipped", "Payments ledger", notes='quotes " and AND OR NEAR( * - :')
    result = entries.list(EntryFilter(search=typed))
    assert len(result) <= 1
