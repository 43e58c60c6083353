"""Shared by tests of the core, the CLI and imports: a store with something in every
collection, a fingerprint of the database file, and the import fixtures' folder."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from trackrecord.core.demo import load_demo
from trackrecord.core.goals.service import CycleService, GoalService
from trackrecord.core.matching.query import MatchQuery
from trackrecord.core.record.entries import EntryService
from trackrecord.core.rejections.analysis import analyse_rejection
from trackrecord.core.rejections.practice import PracticeLog
from trackrecord.core.rejections.service import RejectionService
from trackrecord.core.review.interviews import UpcomingInterviewService
from trackrecord.core.store.db import Store
from trackrecord.core.store.settings import set_json
from trackrecord.paths import DataPaths

DATA = Path(__file__).resolve().parent / "data" / "import"


def fill_store(store: Store) -> None:
    """Demo entries, two rejections (one with a debrief and snapshot), practice items (one
    done, one with a session), a custom reframe, an upcoming interview and a setting."""
    load_demo(store)
    rejections = RejectionService(store)
    query = MatchQuery(stage="system-design", role="Senior Backend Engineer", company="Acme",
                       feedback="The cache design lacked depth; we wanted more trade-offs")
    analysis = analyse_rejection(store, query)
    acme = rejections.create(
        "Acme", "system-design", role=query.role, date="2024-05-02", feedback=query.feedback,
        debrief={"nerves": "partly", "trade-offs": {"answer": "no", "note": "rushed it"}},
        sting_before=70, sting_after=40, snapshot=analysis.to_snapshot(),
    )
    rejections.create("Globex", "recruiter", date="2024-06-10",
                      feedback="We went with an internal candidate")
    item = rejections.add_practice("Narrate trade-offs out loud", acme.id)
    rejections.add_practice("Sleep eight hours before an onsite")
    rejections.complete_practice(item.id)
    rejections.add_reframe("One data point", "A no from one team on one day.", category="fit")
    PracticeLog(store).log(item.id, "2024-05-10", "mock interview with a friend")
    UpcomingInterviewService(store).create(
        ["system-design", "behavioral"], company="Initech", role="Staff Engineer",
        date="2024-07-01", notes="Bring the ledger story",
    )
    set_json(store, "test.preference", {"b": 1, "a": ["x", "é"]})
    # Praise, a goal served by two entries, and a review cycle (revision 0005_capture).
    entries = EntryService(store)
    praise = entries.create("praise", "Thanks for the migration", start_date="2024-04-02",
                            praise_from="Dana, my manager", praise_where="review",
                            praise_words="Calm and thorough", praise_link="https://x.test/r")
    goals = GoalService(store)
    goal = goals.add("Lead a cross-team project", "2024-01-01", "2024-12-31", "the big one")
    for entry_id in (praise.id, entries.list()[-1].id):
        goals.link(entry_id, goal.id)
    goals.add("Mentor two engineers", "2024-01-01", "2024-06-30")
    CycleService(store).add("2024 mid-year", "2024-01-01", "2024-06-30")


def db_state(paths: DataPaths) -> str:
    """A digest of the database file and its WAL exactly as they are on disk, plus every
    row (read through a separate read-only connection)."""
    digest = hashlib.sha256()
    for suffix in ("", "-wal"):
        # (A reader may create an empty WAL where there was none: that is no change.)
        file = paths.database.with_name(paths.database.name + suffix)
        digest.update(file.read_bytes() if file.exists() else b"")
    conn = sqlite3.connect(f"{paths.database.as_uri()}?mode=ro", uri=True)
    try:
        for line in conn.iterdump():
            digest.update(line.encode("utf-8", "surrogatepass"))
    finally:
        conn.close()
    return digest.hexdigest()




def add_old_entry(store: Store, kind: str, title: str, start_date: str,
                  tags: tuple[str, ...] = (), **text: str) -> None:
    """An entry written with plain SQL, naming only the columns given: for stores at an old
    revision, whose entries table lacks the columns today's ORM writes."""
    import json
    import uuid

    stamp = "2025-06-01 09:00:00.000000"
    columns = {"id": str(uuid.uuid4()), "kind": kind, "title": title, "start_date": start_date,
               "links": json.dumps([]), "tag_text": " ".join(tags), "created_at": stamp,
               "updated_at": stamp, **text}
    with store.engine.begin() as conn:
        names = ", ".join(columns)
        marks = ", ".join("?" for _ in columns)
        conn.exec_driver_sql(f"INSERT INTO entries ({names}) VALUES ({marks})",
                             tuple(columns.values()))
        pk = conn.exec_driver_sql("SELECT max(pk) FROM entries").scalar()
        for tag in tags:
            conn.exec_driver_sql("INSERT OR IGNORE INTO tags (name) VALUES (?)", (tag,))
            conn.exec_driver_sql("INSERT INTO entry_tags SELECT ?, pk FROM tags WHERE name = ?",
                                 (pk, tag))
        for table in ("entry_fts", "entry_prefix"):
            conn.exec_driver_sql(f"INSERT INTO {table}({table}) VALUES ('rebuild')")
