"""A real git repository built in a test: commits by two authors, a merged branch, a release
tag and a run of work on one folder, at fixed dates."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ADA = ("Ada Lovelace", "ada@example.com")
BOB = ("Bob Byte", "bob@example.com")


class Repo:
    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")
        self.git("config", "user.email", ADA[1])
        self.git("config", "user.name", ADA[0])
        self.git("config", "commit.gpgsign", "false")

    def git(self, *args: str, when: str = "2026-03-02T10:00:00", who: tuple[str, str] = ADA
            ) -> str:
        env = {**os.environ, "GIT_AUTHOR_NAME": who[0], "GIT_AUTHOR_EMAIL": who[1],
               "GIT_COMMITTER_NAME": who[0], "GIT_COMMITTER_EMAIL": who[1],
               "GIT_AUTHOR_DATE": f"{when}+00:00", "GIT_COMMITTER_DATE": f"{when}+00:00",
               "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(self.root.parent)}
        return subprocess.run(["git", "-C", str(self.root), *args], env=env, check=True,
                              capture_output=True, text=True).stdout

    def commit(self, path: str, subject: str, when: str, who: tuple[str, str] = ADA,
               lines: int = 3) -> str:
        file = self.root / path
        file.parent.mkdir(parents=True, exist_ok=True)
        with file.open("a", encoding="utf-8") as fh:
            fh.write("".join(f"{subject} {i}\n" for i in range(lines)))
        self.git("add", path, when=when, who=who)
        self.git("commit", "-q", "-m", subject, when=when, who=who)
        return self.git("rev-parse", "HEAD").strip()


def build(root: Path) -> Repo:
    """Week of 2 March: two small commits by Ada and one by Bob. A branch 'payments-retry'
    (two commits by Ada) merged on 11 March. Tag v1.0 on 12 March. Then five commits by Ada
    in billing/ across two weeks (a run), and one by Bob."""
    repo = Repo(root)
    repo.commit("README.md", "Start the project", "2026-03-02T09:00:00")
    repo.commit("api/handlers.py", "Add the health endpoint", "2026-03-03T09:00:00")
    repo.commit("api/handlers.py", "Bob's tweak", "2026-03-04T09:00:00", who=BOB)
    repo.git("checkout", "-q", "-b", "payments-retry", when="2026-03-09T09:00:00")
    repo.commit("payments/retry.py", "Retry failed payments", "2026-03-09T10:00:00", lines=10)
    repo.commit("payments/retry.py", "Back off between retries", "2026-03-10T10:00:00")
    repo.git("checkout", "-q", "main", when="2026-03-11T09:00:00")
    repo.commit("docs/notes.md", "Bob writes notes", "2026-03-11T09:30:00", who=BOB)
    repo.git("merge", "-q", "--no-ff", "-m", "Merge branch 'payments-retry'", "payments-retry",
             when="2026-03-11T10:00:00", who=BOB)
    repo.git("tag", "v1.0", when="2026-03-12T10:00:00")
    for day in (16, 17, 18, 23, 24):
        repo.commit(f"billing/invoice{day}.py", f"Invoice step {day}", f"2026-03-{day}T10:00:00")
    repo.commit("api/handlers.py", "Bob fixes a typo", "2026-03-25T10:00:00", who=BOB)
    return repo
