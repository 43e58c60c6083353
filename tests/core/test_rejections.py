"""The rejection log in the store: migration 0001 -> 0002, the service, and saved snapshots."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError, InvalidRequestError

from store_helpers import add_old_entry
from trackrecord.core.errors import NotFoundError, StorageError, ValidationError
from trackrecord.core.matching.evidence import match_evidence
from trackrecord.core.matching.query import MatchQuery
from trackrecord.core.record.entries import EntryService
from trackrecord.core.rejections.analysis import Analysis, analyse_rejection
from trackrecord.core.rejections.categories import CATEGORY_LABELS
from trackrecord.core.rejections.debrief import DebriefAnswer
from trackrecord.core.rejections.service import RejectionService
from trackrecord.core.rejections.stages import STAGE_LABELS, parse_stage
from trackrecord.core.store.db import Store, open_store
from trackrecord.core.store.revisions import APPLICATION_ID, HEAD_REVISION
from trackrecord.paths import DataPaths


@pytest.fixture
def rejections(store: Store) -> RejectionService:
    return RejectionService(store)


def _store_at_0001(paths: DataPaths) -> None:
    """A store as the first release left it: entries, tags and the FTS index, no rejections."""
    from alembic import command
    from alembic.config import Config

    import trackrecord.core.store.migrations as migrations
    from trackrecord.core.store.connections import make_engine

    paths.ensure()
    engine = make_engine(paths.database)
    config = Config()
    config.set_main_option("script_location", str(Path(migrations.__file__).parent))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001_initial")
        conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    old = Store(paths, engine)
    # Plain SQL: today's ORM writes columns later revisions added.
    add_old_entry(old, "shipped", "Sharded the routing service", "2022-03-01",
                  ("distributed-systems", "go"),
                  summary="Scaled routing for a tenfold traffic increase",
                  metrics="25k req/s at peak")
    add_old_entry(old, "incident", "Kafka consumer lag", "2020-05-18",
                  ("kafka", "incident-response"), impact="Statuses caught up the same day")
    old.close()


# -- migration ------------------------------------------------------------------------------


def test_migrating_0001_to_0002_keeps_entries_tags_and_search(data_paths: DataPaths) -> None:
    _store_at_0001(data_paths)
    with open_store(data_paths) as store:
        with store.read() as s:
            assert s.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
                HEAD_REVISION
            )
            tables = set(s.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))
                         .scalars())
        assert {"rejections", "rejection_debrief", "practice_items", "custom_reframes"} <= tables
        entries = EntryService(store)
        assert sorted(e.title for e in entries.list()) == [
            "Kafka consumer lag", "Sharded the routing service"
        ]
        assert dict(entries.tags())["distributed-systems"] == 1
        from trackrecord.core.record.entries import EntryFilter

        assert [e.title for e in entries.list(EntryFilter(search="tenfold"))] == [
            "Sharded the routing service"
        ]
        # The migrated store is immediately usable by the rejection log.
        result = match_evidence(store, MatchQuery("system-design", feedback="scaling"))
        assert result.evidence[0].title == "Sharded the routing service"
        saved = RejectionService(store).create("Hollis", "system-design", feedback="scaling")
        assert RejectionService(store).get(saved.id).company == "Hollis"
    backups = list(data_paths.backups.glob("pre-migration-0001_initial-*.sqlite3"))
    assert len(backups) == 1
    copy = sqlite3.connect(backups[0])
    try:
        assert copy.execute("SELECT count(*) FROM entries").fetchone() == (2,)
    finally:
        copy.close()


def test_the_store_itself_refuses_bad_values(store: Store) -> None:
    """The CHECK constraints hold even for writes that bypass the service."""
    now = "2025-01-01 00:00:00"
    bad = [
        ("stage", "'lunch'"), ("category", "'bad-luck'"), ("sting_before", "101"),
        ("sting_after", "-1"), ("company", "'  '"),
    ]
    for column, value in bad:
        values = {"id": "'x'", "company": "'Acme'", "stage": "'coding'", "date": "'2025-01-01'",
                  "created_at": f"'{now}'", "updated_at": f"'{now}'", column: value}
        with pytest.raises((IntegrityError, StorageError), match="CHECK constraint failed"), \
                store.write() as s:
            s.execute(text(f"INSERT INTO rejections ({', '.join(values)}) "
                           f"VALUES ({', '.join(values.values())})"))


# -- the service -----------------------------------------------------------------------------


def test_create_suggests_a_category_and_keeps_everything(rejections: RejectionService) -> None:
    saved = rejections.create(
        " Acme ", "System design", role="Backend Engineer", level="Senior",
        date="2025-03-04", feedback="You ran out of time.", own_read="I rushed.",
        sting_before=70, sting_after="30",
        debrief={"narration": "no", "nerves": {"answer": "Partly", "note": "first round"}},
    )
    assert saved.company == "Acme"
    assert saved.stage == "system-design"
    assert saved.date == dt.date(2025, 3, 4)
    assert (saved.category, saved.suggested_category) == ("signal-gap", "signal-gap")
    assert saved.category_trigger == "ran out of time"
    assert saved.category_confirmed is False
    assert (saved.sting_before, saved.sting_after) == (70, 30)
    assert saved.debrief == (
        DebriefAnswer("nerves", "partly", "first round"), DebriefAnswer("narration", "no", ""),
    )
    assert rejections.get(saved.id) == saved


def test_a_chosen_category_counts_as_confirmed(rejections: RejectionService) -> None:
    saved = rejections.create("Acme", "coding", feedback="We went with an internal candidate.",
                              category="Fit, not ability")
    assert saved.category == "fit"
    assert saved.suggested_category == "external-noise"
    assert saved.category_confirmed is True


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"company": "", "stage": "coding"}, "the company cannot be empty"),
        ({"company": "   ", "stage": "coding"}, "the company cannot be empty"),
        ({"company": "Acme", "stage": "lunch"}, "unknown stage 'lunch'"),
        ({"company": "Acme", "stage": "coding", "category": "bad-luck"},
         "unknown category 'bad-luck'"),
        ({"company": "Acme", "stage": "coding", "sting_before": 101}, "from 0 to 100, not 101"),
        ({"company": "Acme", "stage": "coding", "sting_after": -5}, "from 0 to 100, not -5"),
        ({"company": "Acme", "stage": "coding", "sting_after": 4.5}, "whole number"),
        ({"company": "Acme", "stage": "coding", "sting_after": True}, "whole number"),
        ({"company": "Acme", "stage": "coding", "date": "last week"}, "YYYY-MM-DD"),
        ({"company": "Acme", "stage": "coding", "debrief": {"luck": "no"}},
         "unknown debrief topic 'luck'"),
        ({"company": "Acme", "stage": "coding", "debrief": {"nerves": "maybe"}},
         "unknown debrief answer 'maybe'"),
        ({"company": "Acme", "stage": "coding", "shoe_size": 9}, "unknown field: shoe_size"),
    ],
)
def test_invalid_values_are_refused_and_nothing_is_written(
    rejections: RejectionService, kwargs: dict[str, object], message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        rejections.create(**kwargs)  # type: ignore[arg-type]
    assert rejections.list() == []


def test_update_changes_only_what_changed(rejections: RejectionService) -> None:
    saved = rejections.create("Acme", "coding", debrief={"nerves": "no"})
    same = rejections.update(saved.id, company="Acme", stage="coding")
    assert same.updated_at == saved.updated_at
    changed = rejections.update(
        saved.id, sting_after=10, category="fit", category_confirmed=True,
        debrief={"nerves": "yes", "trade-offs": "partly"},
    )
    assert changed.sting_after == 10
    assert (changed.category, changed.category_confirmed) == ("fit", True)
    assert [(a.topic, a.answer) for a in changed.debrief] == [
        ("nerves", "yes"), ("trade-offs", "partly")
    ]
    assert changed.updated_at >= saved.updated_at
    with pytest.raises(ValidationError, match="cannot be empty"):
        rejections.update(saved.id, company=" ")
    assert rejections.get(saved.id).company == "Acme"


def test_a_write_sqlalchemy_refuses_is_a_storage_error(
    store: Store, rejections: RejectionService, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The window never imports SQLAlchemy: whatever it raises while a rejection is written
    reaches it as the app's own StorageError (kept pending and retried), nothing written."""
    saved = rejections.create("Acme", "coding")

    @contextmanager
    def refusing() -> Iterator[None]:
        raise InvalidRequestError("This session is in 'inactive' state")
        yield

    monkeypatch.setattr(store, "write", refusing)
    with pytest.raises(StorageError, match=r"refused the change \(InvalidRequestError\)"):
        rejections.create("Globex", "onsite")
    with pytest.raises(StorageError, match="refused the change"):
        rejections.update(saved.id, role="Staff engineer")
    monkeypatch.undo()
    assert [r.company for r in rejections.list()] == ["Acme"]
    assert rejections.get(saved.id).role == ""


def test_list_is_newest_first_and_filters(rejections: RejectionService) -> None:
    rejections.create("Old Co", "coding", date="2024-01-01", feedback="hiring freeze")
    rejections.create("New Co", "behavioral", date="2025-01-01", role="EM")
    assert [r.company for r in rejections.list()] == ["New Co", "Old Co"]
    assert [r.company for r in rejections.list(category="external-noise")] == ["Old Co"]
    assert [r.company for r in rejections.list(stage="Behavioural interview")] == ["New Co"]
    assert [r.company for r in rejections.list(search="em")] == ["New Co"]


def test_resolve_and_delete(rejections: RejectionService) -> None:
    saved = rejections.create("Acme", "coding")
    assert rejections.resolve_id(saved.id[:6]) == saved.id
    with pytest.raises(NotFoundError):
        rejections.resolve_id("abc")
    item = rejections.add_practice("Narrate the approach", saved.id)
    rejections.delete(saved.id)
    with pytest.raises(NotFoundError):
        rejections.get(saved.id)
    # Practice outlives the rejection it came from.
    [left] = rejections.practice_items()
    assert (left.id, left.rejection_id) == (item.id, None)


def test_practice_items(rejections: RejectionService) -> None:
    source = rejections.create("Acme", "coding")
    first = rejections.add_practice("Ask two clarifying questions", source.id)
    second = rejections.add_practice("Time-box the design")
    assert first.rejection_id == source.id and not first.done
    done = rejections.complete_practice(first.id)
    assert done.done and done.done_at is not None
    assert [p.text for p in rejections.practice_items()] == [second.text, first.text]
    assert [p.text for p in rejections.practice_items(include_done=False)] == [second.text]
    assert [p.text for p in rejections.practice_items(rejection_id=source.id)] == [first.text]
    assert not rejections.complete_practice(first.id, done=False).done
    with pytest.raises(ValidationError):
        rejections.add_practice("  ")
    rejections.delete_practice(second.id)
    with pytest.raises(NotFoundError):
        rejections.delete_practice(second.id)


def test_custom_reframes(rejections: RejectionService) -> None:
    anywhere = rejections.add_reframe("One day, one team", "")
    coding_gap = rejections.add_reframe("", "I freeze when watched; I do not freeze at work.",
                                        category="signal-gap", stage="coding")
    rejections.add_reframe("Fit is theirs to judge", "Not mine.", category="fit")
    assert [r.id for r in rejections.reframes(category="signal-gap", stage="coding")] == [
        anywhere.id, coding_gap.id
    ]
    assert len(rejections.reframes()) == 3
    changed = rejections.update_reframe(anywhere.id, stage="onsite")
    assert changed.stage == "onsite"
    assert anywhere.id not in {r.id for r in rejections.reframes(stage="coding")}
    with pytest.raises(ValidationError, match="needs a headline or a body"):
        rejections.add_reframe(" ", "")
    with pytest.raises(ValidationError, match="unknown category"):
        rejections.add_reframe("x", "y", category="luck")
    assert rejections.delete_reframe(anywhere.id).id == anywhere.id
    assert len(rejections.reframes()) == 2


def test_labels_cover_every_stage_and_category() -> None:
    from trackrecord.core.rejections.categories import CATEGORIES
    from trackrecord.core.rejections.stages import STAGES

    assert set(STAGE_LABELS) == set(STAGES)
    assert set(CATEGORY_LABELS) == set(CATEGORIES)
    for stage, label in STAGE_LABELS.items():
        assert parse_stage(label) == stage
        assert parse_stage(stage.replace("-", " ").upper()) == stage


# -- snapshots -------------------------------------------------------------------------------


def test_saved_snapshot_survives_a_restart_and_later_edits(data_paths: DataPaths) -> None:
    with open_store(data_paths) as store:
        entries = EntryService(store)
        entry = entries.create("shipped", "Sharded the routing service",
                               tags=["distributed-systems"], impact="No incidents at launch")
        query = MatchQuery("system-design", role="Backend Engineer", company="Hollis",
                           feedback="More depth on scaling, please.")
        analysis = analyse_rejection(store, query)
        saved = RejectionService(store).create(
            "Hollis", "system-design", feedback=query.feedback,
            snapshot=analysis.to_snapshot(),
        )
    with open_store(data_paths) as store:
        EntryService(store).update(entry.id, title="Renamed later")
        again = RejectionService(store).get(saved.id)
        assert again.snapshot is not None
        shown = Analysis.from_snapshot(again.snapshot)
        assert shown.to_json() == analysis.to_json()
        assert shown.evidence[0].title == "Sharded the routing service"
        assert shown.reframe == analysis.reframe
        # ...while a fresh analysis reflects today's track record.
        fresh = analyse_rejection(store, query)
        assert fresh.evidence[0].title == "Renamed later"
