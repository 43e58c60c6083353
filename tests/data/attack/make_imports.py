"""Write the malformed import files of the attack corpus into imports/ (run from anywhere).

The files are kept in the repository as data; this script says how each was made, so one can
be added or changed the same way. What each must do is in imports.json beside them:
``refused`` (exit 2, one line saying ``says``, the store unchanged) or ``imported`` (exit 0,
and nothing stored holds a control character or breaks a later command).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent / "imports"
STAMP = "2024-03-01T09:30:00+00:00"
ID = "00000000-0000-4000-8000-{:012d}"


def _backup() -> dict[str, Any]:
    return {
        "format": "trackrecord-backup", "version": 1, "app_version": "0.1.0",
        "entries": [{"id": ID.format(1), "kind": "shipped", "title": "Ledger",
                     "start_date": "2024-03-01", "created_at": STAMP, "updated_at": STAMP}],
        "rejections": [{"id": ID.format(2), "company": "Acme", "stage": "coding",
                        "date": "2024-03-04", "created_at": STAMP, "updated_at": STAMP}],
        "practice_items": [{"id": ID.format(3), "text": "Narrate", "rejection_id": ID.format(2),
                            "created_at": STAMP}],
        "practice_sessions": [{"id": ID.format(4), "practice_item_id": ID.format(3),
                               "date": "2024-03-05", "created_at": STAMP}],
        "custom_reframes": [], "upcoming_interviews": [], "settings": {},
    }


def _json_variant(change: Any) -> bytes:
    doc = copy.deepcopy(_backup())
    change(doc)
    return json.dumps(doc).encode()


def _set(path: str, value: Any) -> Any:
    def change(doc: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = doc
        for key in parents:
            node = node[int(key)] if key.isdigit() else node[key]
        node[int(last) if last.isdigit() else last] = value
    return change


def _drop(path: str) -> Any:
    def change(doc: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = doc
        for key in parents:
            node = node[int(key)] if key.isdigit() else node[key]
        del node[last]
    return change


def _nested(depth: int) -> Any:
    value: Any = "deep"
    for _ in range(depth):
        value = {"k": value}
    return value


JSON: dict[str, bytes] = {
    "not-json.json": b"this is not JSON at all\n",
    "truncated.json": json.dumps(_backup()).encode()[:200],
    "empty.json": b"",
    "only-spaces.json": b"   \n\t  \n",
    "null.json": b"null",
    "a-list.json": b"[1, 2, 3]",
    "a-string.json": b"\"trackrecord-backup\"",
    "nan.json": json.dumps(_backup()).replace('"version": 1', '"version": NaN').encode(),
    "infinity.json": json.dumps(_backup()).replace('"version": 1', '"version": Infinity').encode(),
    "huge-number.json": json.dumps(_backup()).replace('"version": 1', '"version": 1e999').encode(),
    "duplicate-key.json": json.dumps(_backup()).replace('"version": 1',
                                                        '"version": 1, "version": 1').encode(),
    "wrong-format.json": _json_variant(_set("format", "someone-elses-backup")),
    "newer-version.json": _json_variant(_set("version", 99)),
    "version-as-text.json": _json_variant(_set("version", "1")),
    "missing-entries.json": _json_variant(_drop("entries")),
    "entries-not-a-list.json": _json_variant(_set("entries", {"a": 1})),
    "entry-without-id.json": _json_variant(_drop("entries.0.id")),
    "entry-bad-uuid.json": _json_variant(_set("entries.0.id", "not-a-uuid")),
    "entry-uppercase-uuid.json": _json_variant(_set("entries.0.id",
                                                    "ABCDEF00-0000-4000-8000-000000000001")),
    "entry-bad-kind.json": _json_variant(_set("entries.0.kind", "job")),
    "entry-blank-title.json": _json_variant(_set("entries.0.title", "   ")),
    "entry-title-number.json": _json_variant(_set("entries.0.title", 42)),
    "entry-basic-date.json": _json_variant(_set("entries.0.start_date", "20240301")),
    "entry-week-date.json": _json_variant(_set("entries.0.start_date", "2024-W10-1")),
    "entry-impossible-date.json": _json_variant(_set("entries.0.start_date", "2024-02-30")),
    "entry-ends-before-it-starts.json": _json_variant(_set("entries.0.end_date", "2023-01-01")),
    "entry-lone-surrogate.json": json.dumps(_backup()).replace('"Ledger"',
                                                               '"Led\\ud800ger"').encode(),
    "entry-tags-not-a-list.json": _json_variant(_set("entries.0.tags", "postgres")),
    "entry-tag-too-long.json": _json_variant(_set("entries.0.tags", ["x" * 81])),
    "entry-unknown-field.json": _json_variant(_set("entries.0.salary", 100)),
    "entry-bad-timestamp.json": _json_variant(_set("entries.0.created_at", "yesterday")),
    "unknown-top-level-key.json": _json_variant(_set("extra", [])),
    "rejection-bad-stage.json": _json_variant(_set("rejections.0.stage", "lunch")),
    "rejection-sting-101.json": _json_variant(_set("rejections.0.sting_before", 101)),
    "rejection-sting-as-text.json": _json_variant(_set("rejections.0.sting_before", "50")),
    "rejection-sting-true.json": _json_variant(_set("rejections.0.sting_after", True)),
    "rejection-debrief-twice.json": _json_variant(_set("rejections.0.debrief", [
        {"topic": "nerves", "answer": "yes"}, {"topic": "nerves", "answer": "no"}])),
    "rejection-unknown-topic.json": _json_variant(_set("rejections.0.debrief", [
        {"topic": "luck", "answer": "yes"}])),
    "rejection-deep-snapshot.json": _json_variant(_set("rejections.0.snapshot", _nested(200))),
    "practice-orphan.json": _json_variant(_set("practice_items.0.rejection_id", ID.format(9))),
    "session-orphan.json": _json_variant(_set("practice_sessions.0.practice_item_id",
                                              ID.format(9))),
    "duplicate-ids.json": _json_variant(_set("entries", [_backup()["entries"][0]] * 2)),
    "setting-empty-key.json": _json_variant(_set("settings", {"": "1"})),
    "setting-number-value.json": _json_variant(_set("settings", {"export": 1})),
    "utf16.json": json.dumps(_backup()).encode("utf-16"),
    "latin1-bytes.json": json.dumps(_backup()).replace("Ledger", "Caf\u00e9").encode("latin-1"),
    "controls-in-text.json": _json_variant(_set("entries.0.title",
                                                "Ledger\u0000\u001b[2J\u001b]0;pwned\u0007")),
    "controls-everywhere.json": _json_variant(lambda doc: (
        doc["entries"][0].update(notes="a\u001b[31mred\u0000", summary="\u009b2J"),
        doc["rejections"][0].update(company="Ac\u001bme", feedback="no\u0007"),
        doc["practice_items"][0].update(text="Narrate\u001b[5m"))),
    "script-in-title.json": _json_variant(_set("entries.0.title",
                                               "<script>alert('tr-xss')</script>")),
}

MD: dict[str, bytes] = {
    "empty.md": b"",
    "binary.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
    "headings-only.md": b"# Brag document\n\n## Projects\n\n## Incidents\n",
    "nul-and-escapes.md": b"# Brag\n\n## Projects\n\n- Ledger \x00\x1b[2J rebuilt\n"
                          b"- \x1b]0;pwned\x07 Talk\n",
    "very-long-bullet.md": b"# Brag\n\n## Projects\n\n- " + b"word " * 20000 + b"\n",
    "script-bullet.md": b"# Brag\n\n## Projects\n\n- <script>alert(1)</script> shipped\n",
}

CSV: dict[str, bytes] = {
    "header-only.csv": b"Company,Role,Stage,Date\n",
    "no-company-column.csv": b"Role,Stage,Date\nEngineer,coding,2024-03-01\n",
    "unbalanced-quotes.csv": b"Company,Role,Stage,Date\n\"Acme,Engineer,coding,2024-03-01\n",
    "nul-bytes.csv": b"Company,Role,Stage,Date\nAc\x00me,Engineer,coding,2024-03-01\n",
    "formula.csv": b"Company,Role,Stage,Date\n=HYPERLINK(\"http://attacker.invalid\"),Eng,coding,"
                   b"2024-03-01\n",
    "escapes.csv": b"Company,Role,Stage,Date,Feedback\n\x1b[31mAcme,Eng,coding,2024-03-01,"
                   b"no\x1b]0;x\x07\n",
    "future-and-bad-dates.csv": b"Company,Role,Stage,Date\nAcme,Eng,coding,31/31/2024\n"
                                b"Birch,Eng,coding,not a date\n",
}

JRNL: dict[str, bytes] = {
    "jrnl-no-entries.json": b'{"tags": {}}',
    "jrnl-entries-not-a-list.json": b'{"tags": {}, "entries": {"a": 1}}',
    "jrnl-bad-date.json": json.dumps({"tags": {}, "entries": [
        {"title": "Shipped", "body": "", "date": "someday", "time": "09:00", "tags": [],
         "starred": False}]}).encode(),
    "jrnl-escapes.json": json.dumps({"tags": {}, "entries": [
        {"title": "Shipped \u001b[2J it", "body": "body\u0000", "date": "2024-03-01",
         "time": "09:00", "tags": ["@x\u001b"], "starred": False}]}).encode(),
}


def main() -> None:
    HERE.mkdir(exist_ok=True)
    for files in (JSON, MD, CSV, JRNL):
        for name, data in files.items():
            (HERE / name).write_bytes(data)
    print(f"wrote {sum(map(len, (JSON, MD, CSV, JRNL)))} files to {HERE}")


if __name__ == "__main__":
    main()
