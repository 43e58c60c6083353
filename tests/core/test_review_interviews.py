"""Upcoming interviews in the store: migration 0002 -> 0003 with data in it, and the service."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from store_helpers import add_old_entry
from trackrecord.core.errors import NotFoundError, StorageError, ValidationError
from trackrecord.core.record.entries import EntryService
from trackrecord.core.rejections.practice import PracticeLog
from trackrecord.core.rejections.service import RejectionService
from trackrecord.core.review.deck import build_deck
from trackrecord.core.review.interviews import UpcomingInterviewService, parse_stages
from trackrecord.core.store.db import Store, open_store
from trackrecord.core.store.revisions import APPLICATION_ID, HEAD_REVISION
from trackrecord.paths import DataPaths

TODAY = dt.date(2026, 11, 26)


@pytest.fixture
def interviews(store: Store) -> UpcomingInterviewService:
    return UpcomingInterviewService(store)


# -- migration -----------------------------------------------------------------------------------


def _store_at_0002(paths: DataPaths) -> tuple[str, str]:
    """A store as the rejection-log release left it, with entries, a rejection, practice."""
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
        command.upgrade(config, "0002_rejections")
        conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    old = Store(paths, engine)  # the rejection log did not change in 0003
    # Plain SQL: today's ORM writes entry columns later revisions added.
    add_old_entry(old, "shipped", "Sharded the routing service", "2022-03-01",
                  ("system-design", "scalability"), end_date="2022-09-30", situation="s",
                  task="t", action="a", result="r")
    rejections = RejectionService(old)
    rejection = rejections.create("Hollis", "system-design", date="2025-05-01",
                                  sting_before=70, sting_after=30)
    item = rejections.add_practice("Say the trade-off out loud", rejection.id)
    old.close()
    return rejection.id, item.id


def test_migrating_0002_to_0003_keeps_everything_and_adds_the_review_tables(
    data_paths: DataPaths,
) -> None:
    rejection_id, item_id = _store_at_0002(data_paths)
    with open_store(data_paths) as store:
        with store.read() as s:
            assert s.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
                HEAD_REVISION
            )
            tables = set(s.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))
                         .scalars())
        assert {"upcoming_interviews", "interview_stages", "practice_sessions"} <= tables
        assert [e.title for e in EntryService(store).list()] == ["Sharded the routing service"]
        rejections = RejectionService(store)
        assert rejections.get(rejection_id).sting_after == 30
        assert [p.id for p in rejections.practice_items()] == [item_id]
        # The migrated store is usable at once: an interview, a session on the old item, a deck.
        saved = UpcomingInterviewService(store).create(["system-design"], company="Acme")
        PracticeLog(store).log(item_id, TODAY, "in a mock")
        deck = build_deck(store, saved, TODAY)
        assert deck.practice.items[0].item_id == item_id
        assert deck.practice.items[0].sessions == 1
        assert deck.stories[0].title == "Sharded the routing service"
    backups = list(data_paths.backups.glob("pre-migration-0002_rejections-*.sqlite3"))
    assert len(backups) == 1
    copy = sqlite3.connect(backups[0])
    try:
        assert copy.execute("SELECT count(*) FROM practice_items").fetchone() == (1,)
    finally:
        copy.close()


def test_the_store_itself_refuses_an_unknown_interview_stage(
    store: Store, interviews: UpcomingInterviewService,
) -> None:
    saved = interviews.create(["coding"])
    with pytest.raises((IntegrityError, StorageError), match="CHECK constraint failed"), \
            store.write() as s:
        s.execute(text("INSERT INTO interview_stages (interview_pk, stage, position) "
                       "SELECT pk, 'lunch', 1 FROM upcoming_interviews WHERE id = :id"),
                  {"id": saved.id})


def test_deleting_an_interview_deletes_its_stages(
    store: Store, interviews: UpcomingInterviewService,
) -> None:
    saved = interviews.create(["coding", "behavioral"])
    interviews.delete(saved.id)
    with store.read() as s:
        assert s.execute(text("SELECT count(*) FROM interview_stages")).scalar() == 0
    with pytest.raises(NotFoundError):
        interviews.get(saved.id)


# -- the service ---------------------------------------------------------------------------------


def test_create_and_read_back_an_interview(interviews: UpcomingInterviewService) -> None:
    saved = interviews.create(["System design", "behavioural", "system-design"],
                              company="  Northwind ", role="Staff  engineer",
                              date="2026-11-27", notes="Panel of three")
    assert saved.stages == ("system-design", "behavioral")
    assert (saved.company, saved.role) == ("Northwind", "Staff engineer")
    assert saved.date == dt.date(2026, 11, 27)
    assert saved.title == "System design + Behavioural · Staff engineer at Northwind"
    again = interviews.get(saved.id)
    assert again == saved
    assert interviews.resolve_id(saved.id[:6]) == saved.id


def test_a_company_is_optional_and_the_title_still_reads_well(
    interviews: UpcomingInterviewService,
) -> None:
    saved = interviews.create(["onsite"])
    assert saved.title == "Onsite"
    assert interviews.create(["coding"], role="Backend engineer").title == (
        "Coding interview · Backend engineer"
    )


@pytest.mark.parametrize(("values", "message"), [
    ({"stages": []}, "at least one stage"),
    ({"stages": ["lunch"]}, "unknown stage"),
    ({"stages": ["coding"], "date": "tomorrow"}, "YYYY-MM-DD"),
    ({"stages": ["coding"], "colour": "red"}, "unknown field"),
    ({"stages": ["coding"], "energy_ticks": ["coffee"]}, "unknown checklist item"),
    ({"stages": ["coding"], "company": 3}, "must be text"),
])
def test_bad_values_are_refused_and_nothing_is_written(
    interviews: UpcomingInterviewService, values: dict[str, object], message: str,
) -> None:
    stages = values.pop("stages")
    with pytest.raises(ValidationError, match=message):
        interviews.create(stages, **values)  # type: ignore[arg-type]
    assert interviews.list(today=TODAY) == []


def test_update_changes_stages_in_place_and_keeps_their_order(
    interviews: UpcomingInterviewService,
) -> None:
    saved = interviews.create(["coding", "behavioral"])
    moved = interviews.update(saved.id, stages=["behavioral", "system-design", "coding"])
    assert moved.stages == ("behavioral", "system-design", "coding")
    assert interviews.get(saved.id).stages == ("behavioral", "system-design", "coding")
    same = interviews.update(saved.id, stages=["behavioral", "system-design", "coding"])
    assert same.updated_at == moved.updated_at  # nothing changed, nothing moved


def test_ticks_are_set_and_cleared_one_by_one(interviews: UpcomingInterviewService) -> None:
    saved = interviews.create(["coding"])
    interviews.set_tick(saved.id, "sleep")
    interviews.set_tick(saved.id, "food")
    assert set(interviews.set_tick(saved.id, "sleep", False).energy_ticks) == {"food"}
    with pytest.raises(ValidationError):
        interviews.set_tick(saved.id, "coffee")


def test_the_list_puts_the_next_interview_first(interviews: UpcomingInterviewService) -> None:
    later = interviews.create(["onsite"], company="Later", date=TODAY + dt.timedelta(days=9))
    past = interviews.create(["coding"], company="Past", date=TODAY - dt.timedelta(days=3))
    undated = interviews.create(["recruiter"], company="Undated")
    soon = interviews.create(["behavioral"], company="Soon", date=TODAY + dt.timedelta(days=1))
    order = [i.company for i in interviews.list(today=TODAY)]
    assert order == ["Soon", "Later", "Undated", "Past"]
    assert interviews.next_up(today=TODAY) == interviews.get(soon.id)
    assert {later.id, past.id, undated.id} < {i.id for i in interviews.list(today=TODAY)}


def test_stage_aliases_people_type() -> None:
    assert parse_stages(["Behavioural", "design", "HM", "behavioral interview"]) == (
        "behavioral", "system-design", "hiring-manager"
    )
