"""Kill writers with SIGKILL at random moments: every write reported as committed survives.

Writers are real processes, some using the core services in a loop and some the CLI's
``trackrecord add``. A write counts as committed once the writer has printed its id, which
it does only after the service call (and so the COMMIT, with synchronous=FULL) returned.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from trackrecord.core.store.db import open_store
from trackrecord.core.store.integrity import check_database
from trackrecord.paths import DataPaths

CORE_WRITER = """
import sys
from pathlib import Path
from trackrecord.core.store.db import open_store
from trackrecord.core.record.entries import EntryService
from trackrecord.paths import DataPaths
store = open_store(DataPaths(Path(sys.argv[1])))
service = EntryService(store)
store.warm_up()  # SQLAlchemy loads on the first write; "ready" means ready to write
n = 0
print("ready", flush=True)
while True:
    n += 1
    entry = service.create("shipped", f"soak {sys.argv[2]}-{n}", tags=["soak", f"t{n % 7}"],
                           notes="x" * (n % 500))
    if n % 3 == 0:
        service.update(entry.id, impact=f"impact {n}")
    print(entry.id, flush=True)
"""

KILLS_CORE = 160
KILLS_CLI = 40


def _read_ids(proc: subprocess.Popen[str]) -> list[str]:
    out, _ = proc.communicate()
    return [line for line in out.splitlines() if len(line) == 36]


@pytest.mark.slow
def test_sigkill_never_loses_a_committed_write(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "data")
    open_store(paths).close()
    rng = random.Random(20261126)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    committed: list[str] = []

    for round_ in range(KILLS_CORE):
        proc = subprocess.Popen(
            [sys.executable, "-c", CORE_WRITER, str(paths.root), str(round_)],
            stdout=subprocess.PIPE, text=True, env=env,
        )
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.15))
        proc.send_signal(signal.SIGKILL)
        committed += _read_ids(proc)

    for round_ in range(KILLS_CLI):
        proc = subprocess.Popen(
            [sys.executable, "-m", "trackrecord", "--data-dir", str(paths.root), "add",
             "incident", "--title", f"cli {round_}", "--tag", "soak"],
            stdout=subprocess.PIPE, text=True, env=env,
        )
        time.sleep(rng.uniform(0.2, 0.9))
        proc.send_signal(signal.SIGKILL)
        committed += _read_ids(proc)

    assert len(committed) > KILLS_CORE  # the writers really wrote between kills
    report = check_database(paths.database)
    assert report.ok, report.results
    conn = sqlite3.connect(paths.database)
    stored = {row[0] for row in conn.execute("SELECT id FROM entries")}
    conn.close()
    missing = [i for i in committed if i not in stored]
    assert missing == []
