"""Build the committed fixture database for one released schema revision.

Run once when a revision is released, commit the file, and never regenerate it: the point
is that tests/core/test_migration_fixtures.py upgrades *old* files, full of data, to head.

    python tests/data/schemas/make_fixtures.py 0002_rejections

Rows are written with plain SQL matching that revision's tables (not through today's
services, which always speak the newest schema).
"""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

from alembic import command
from alembic.config import Config

import trackrecord.core.store.migrations as migrations
from trackrecord.core.store.connections import make_engine
from trackrecord.core.store.revisions import APPLICATION_ID

HERE = Path(__file__).resolve().parent
DEMO = HERE.parents[2] / "resources" / "demo" / "track_record.json"
STAMP = "2025-06-01 09:00:00.000000"
ENTRY_COLUMNS = (
    "kind", "title", "start_date", "end_date", "organisation", "team", "role", "summary",
    "impact", "metrics", "notes", "situation", "task", "action", "result", "scale", "stack",
    "severity", "time_to_mitigate", "root_cause", "mentee", "duration", "outcome",
)


def _entries(conn) -> None:  # type: ignore[no-untyped-def]
    entries = json.loads(DEMO.read_text(encoding="utf-8"))["entries"]
    tags: dict[str, int] = {}
    for n, e in enumerate(entries, start=1):
        cols = ", ".join(ENTRY_COLUMNS)
        marks = ", ".join("?" for _ in ENTRY_COLUMNS)
        conn.exec_driver_sql(
            f"INSERT INTO entries (pk, id, {cols}, links, tag_text, created_at, updated_at) "
            f"VALUES (?, ?, {marks}, ?, ?, ?, ?)",
            (n, f"00000000-0000-4000-8000-{n:012d}", *(e[c] for c in ENTRY_COLUMNS),
             json.dumps(e["links"]), " ".join(e["tags"]), STAMP, STAMP),
        )
        for tag in e["tags"]:
            if tag.casefold() not in tags:
                tags[tag.casefold()] = len(tags) + 1
                conn.exec_driver_sql("INSERT INTO tags (pk, name) VALUES (?, ?)",
                                     (tags[tag.casefold()], tag))
            conn.exec_driver_sql("INSERT INTO entry_tags VALUES (?, ?)", (n, tags[tag.casefold()]))
    for table in ("entry_fts", "entry_prefix"):
        conn.exec_driver_sql(f"INSERT INTO {table}({table}) VALUES ('rebuild')")
    conn.exec_driver_sql(
        "INSERT INTO settings VALUES ('export.brag_document', '{\"group\": \"year\"}')"
    )


def _rejections(conn) -> None:  # type: ignore[no-untyped-def]
    snapshot = json.dumps({"category": "fit", "evidence": [], "reframe": {"headline": "x"}})
    rows = [
        (1, "Northwind", "Senior engineer", "system-design", "fit",
         "We wanted someone with more distributed systems depth", 80, 40),
        (2, "Larkspur", "Staff engineer", "behavioral", "signal-gap",
         "Hard to follow your examples; ran out of time", 60, None),
        (3, "Quillfeather", "Backend engineer", "recruiter", "external-noise",
         "The role was filled by an internal candidate", None, None),
    ]
    for pk, company, role, stage, category, feedback, before, after in rows:
        conn.exec_driver_sql(
            "INSERT INTO rejections (pk, id, company, role, level, stage, date, feedback, "
            "own_read, category, suggested_category, category_trigger, category_confirmed, "
            "sting_before, sting_after, snapshot_json, created_at, updated_at) VALUES "
            "(?, ?, ?, ?, 'senior', ?, '2025-05-0' || ?, ?, 'my read', ?, ?, 'trigger', 1, "
            "?, ?, ?, ?, ?)",
            (pk, f"10000000-0000-4000-8000-{pk:012d}", company, role, stage, pk, feedback,
             category, category, before, after, snapshot, STAMP, STAMP),
        )
        conn.exec_driver_sql(
            "INSERT INTO rejection_debrief (rejection_pk, topic, answer, note) "
            "VALUES (?, 'narration', 'partly', 'talked less as it got harder')", (pk,))
    conn.exec_driver_sql(
        "INSERT INTO practice_items (pk, id, text, rejection_pk, done, created_at) VALUES "
        "(1, '20000000-0000-4000-8000-000000000001', 'Narrate while coding', 2, 0, ?), "
        "(2, '20000000-0000-4000-8000-000000000002', 'Ask one clarifying question', NULL, 1, ?)",
        (STAMP, STAMP),
    )
    conn.exec_driver_sql(
        "INSERT INTO custom_reframes (pk, id, category, stage, headline, body, created_at, "
        "updated_at) VALUES (1, '30000000-0000-4000-8000-000000000001', 'fit', NULL, "
        "'Not my team', 'A fit call is about the team, not about me.', ?, ?)", (STAMP, STAMP),
    )


def _review(conn) -> None:  # type: ignore[no-untyped-def]
    conn.exec_driver_sql(
        "INSERT INTO upcoming_interviews (pk, id, company, role, date, notes, energy_ticks, "
        "created_at, updated_at) VALUES (1, '40000000-0000-4000-8000-000000000001', "
        "'Northwind', 'Staff engineer', '2025-06-10', 'Two rounds', '[\"sleep\"]', ?, ?)",
        (STAMP, STAMP),
    )
    conn.exec_driver_sql(
        "INSERT INTO interview_stages (interview_pk, stage, position) VALUES "
        "(1, 'system-design', 0), (1, 'behavioral', 1)"
    )
    conn.exec_driver_sql(
        "INSERT INTO practice_sessions (pk, id, practice_item_pk, date, note, created_at) "
        "VALUES (1, '50000000-0000-4000-8000-000000000001', 1, '2025-06-02', "
        "'Narrated a mock design', ?)", (STAMP,),
    )


def _capture(conn) -> None:  # type: ignore[no-untyped-def]
    conn.exec_driver_sql(
        "INSERT INTO entries (pk, id, kind, title, start_date, praise_from, praise_where, "
        "praise_words, praise_link, links, tag_text, created_at, updated_at) VALUES "
        "(1000, '00000000-0000-4000-8000-000000001000', 'praise', 'Thanks for the migration', "
        "'2025-05-20', 'Dana, my manager', 'performance review', 'Calm and thorough under "
        "pressure', 'https://example.com/review', '[]', '', ?, ?)", (STAMP, STAMP))
    for table in ("entry_fts", "entry_prefix"):
        conn.exec_driver_sql(f"INSERT INTO {table}({table}) VALUES ('rebuild')")
    conn.exec_driver_sql(
        "INSERT INTO goals (pk, id, title, start_date, end_date, notes, created_at, updated_at) "
        "VALUES (1, '60000000-0000-4000-8000-000000000001', 'Lead a cross-team project', "
        "'2025-01-01', '2025-12-31', 'H1 and H2', ?, ?), "
        "(2, '60000000-0000-4000-8000-000000000002', 'Mentor two engineers', "
        "'2025-01-01', '2025-06-30', '', ?, ?)", (STAMP, STAMP, STAMP, STAMP))
    conn.exec_driver_sql("INSERT INTO entry_goals (entry_pk, goal_pk) VALUES (1, 1), (2, 1), "
                         "(3, 2)")
    conn.exec_driver_sql(
        "INSERT INTO review_cycles (pk, id, name, start_date, end_date, created_at, "
        "updated_at) VALUES (1, '70000000-0000-4000-8000-000000000001', '2025 mid-year', "
        "'2025-01-01', '2025-06-30', ?, ?)", (STAMP, STAMP))
def _thoughts_rehearsals(conn) -> None:  # type: ignore[no-untyped-def]
    conn.exec_driver_sql(
        "INSERT INTO thought_records (pk, id, rejection_pk, thought, traps, evidence_for, "
        "evidence_against, balanced, created_at, updated_at) VALUES (1, "
        "'60000000-0000-4000-8000-000000000001', 2, 'I always freeze when it matters', "
        "'[\"overgeneralising\", \"labelling\"]', 'They said my examples were hard to "
        "follow', 'Led the payments migration', 'One round went badly; I can practise "
        "the telling', ?, ?)", (STAMP, STAMP),
    )
    conn.exec_driver_sql(
        "INSERT INTO thought_emotions (thought_pk, position, name, before, after) VALUES "
        "(1, 0, 'ashamed', 80, 40), (1, 1, 'worried about money', 60, NULL)"
    )
    conn.exec_driver_sql(
        "INSERT INTO rehearsals (pk, id, entry_pk, interview_pk, date, seconds, went, note, "
        "created_at) VALUES (1, '70000000-0000-4000-8000-000000000001', 1, 1, '2025-06-05', "
        "130, 'okay', 'ran a little long', ?), (2, '70000000-0000-4000-8000-000000000002', "
        "2, NULL, '2025-06-06', NULL, 'smooth', '', ?)", (STAMP, STAMP),
    )
    conn.exec_driver_sql(
        "INSERT INTO stories_told (interview_pk, entry_pk) VALUES (1, 1), (1, 3)"
    )


FILLERS = {
    "0001_initial": (_entries,),
    "0002_rejections": (_entries, _rejections),
    "0003_review": (_entries, _rejections, _review),
    "0004_entry_kind_dates": (_entries, _rejections, _review),
    "0005_capture": (_entries, _rejections, _review, _capture),
    "0006_thoughts_rehearsals": (_entries, _rejections, _review, _capture,
                                 _thoughts_rehearsals),
}


def build(revision: str) -> Path:
    target = HERE / f"{revision}.sqlite3"
    target.unlink(missing_ok=True)
    engine = make_engine(target)
    config = Config()
    config.set_main_option("script_location", str(Path(migrations.__file__).parent))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
        conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        for fill in FILLERS[revision]:
            fill(conn)
    engine.dispose()
    # One self-contained file to commit: fold the WAL in and leave WAL mode.
    raw = sqlite3.connect(target, isolation_level=None)
    raw.execute("PRAGMA journal_mode = DELETE")
    raw.execute("VACUUM")
    raw.close()
    return target


if __name__ == "__main__":
    for name in sys.argv[1:]:
        print(build(name))
