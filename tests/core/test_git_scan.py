"""Wins from local git history, read from a real repository built in the test."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from git_repo import BOB, build
from trackrecord.core.capture.git_keep import keep, kept, scan
from trackrecord.core.capture.git_log import GitError, ScanCancelled, find_repositories
from trackrecord.core.record.entries import EntryService
from trackrecord.core.store.db import Store


def _tree_digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(root)).encode() + path.read_bytes())
    return digest.hexdigest()


def test_the_authors_commits_become_drafts_by_piece_of_work(store: Store, tmp_path: Path) -> None:
    repo = build(tmp_path / "shop")
    before = _tree_digest(repo.root)
    result = scan(store, [repo.root])
    assert result.authors == {str(repo.root.resolve()): ("ada@example.com",)}
    assert result.commits_read == 9  # Ada's, never Bob's
    by_piece = {d.piece: [] for d in result.drafts}
    for d in result.drafts:
        by_piece[d.piece].append(d)
    branch, = by_piece["branch"]
    assert branch.title == "Merged payments-retry" and len(branch.commits) == 2
    assert branch.subjects == ("Back off between retries", "Retry failed payments")
    assert (branch.start_date, branch.end_date) == (dt.date(2026, 3, 9), dt.date(2026, 3, 10))
    assert branch.files == 1 and branch.added == 13 and branch.kind == "shipped"
    release, = by_piece["release"]
    assert release.title == "Released v1.0" and len(release.commits) == 4
    run, = by_piece["run"]
    assert run.title == "Work on billing/ in shop" and len(run.commits) == 5
    assert run.metrics == "5 commits, 5 files changed, +15 \u22120 lines"
    week, = by_piece["week"]
    assert week.title == "Week of 2 Mar 2026 in shop"
    assert week.subjects == ("Add the health endpoint", "Start the project")
    values = week.values()
    assert values["team"] == "shop" and "- Add the health endpoint" in str(values["notes"])
    assert _tree_digest(repo.root) == before  # read-only: not one byte changed


def test_another_author_and_a_date_range(store: Store, tmp_path: Path) -> None:
    repo = build(tmp_path / "shop")
    result = scan(store, [repo.root], authors=[BOB[1]], since=dt.date(2026, 3, 11))
    # (a release also counts the commits it shipped, so they appear twice)
    subjects = sorted(s for d in result.drafts if d.piece != "release" for s in d.subjects)
    assert subjects == ["Bob fixes a typo", "Bob writes notes"]
    assert result.commits_read == 2


def test_kept_drafts_become_entries_and_are_not_proposed_again(store: Store,
                                                               tmp_path: Path) -> None:
    repo = build(tmp_path / "shop")
    drafts = scan(store, [repo.root]).drafts
    branch = next(d for d in drafts if d.piece == "branch")
    made = keep(store, [branch], {branch.key: {"kind": "other", "title": "Payment retries"}})
    entry = EntryService(store).get(made[0].id)
    assert (entry.kind, entry.title, entry.team) == ("other", "Payment retries", "shop")
    assert entry.metrics.startswith("2 commits") and entry.tags == ("git",)
    assert branch.key in kept(store)[0]
    again = scan(store, [repo.root]).drafts
    assert branch.key not in {d.key for d in again}
    # Its commits are not counted again in any other draft either (the release's are fewer).
    assert not {c for d in again for c in d.commits} & set(branch.commits)
    assert len(again) == len(drafts) - 1


def test_a_folder_holding_repositories_and_bad_paths(store: Store, tmp_path: Path) -> None:
    build(tmp_path / "many" / "one")
    build(tmp_path / "many" / "two")
    (tmp_path / "many" / "plain").mkdir()
    assert [p.name for p in find_repositories([tmp_path / "many"])] == ["one", "two"]
    (tmp_path / "empty").mkdir()
    with pytest.raises(GitError, match="not a git repository"):
        scan(store, [tmp_path / "empty"])
    with pytest.raises(GitError, match="not a folder"):
        scan(store, [tmp_path / "missing"])


def test_a_scan_reports_progress_and_can_be_cancelled(store: Store, tmp_path: Path) -> None:
    repo = build(tmp_path / "shop")
    seen: list[tuple[int, int]] = []
    scan(store, [repo.root], progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1][0] == seen[-1][1] > 0
    with pytest.raises(ScanCancelled):
        scan(store, [repo.root], cancelled=lambda: True)
