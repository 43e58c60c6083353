"""Scanning repositories for drafts, and keeping the drafts a person chose as entries.

What was kept is remembered (a setting, so it travels with the data): the draft's key and
its commits, so the same piece of work is never proposed again. Keeping is one unit of work.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from trackrecord.core.capture.git_drafts import GitDraft, propose
from trackrecord.core.capture.git_log import (
    Cancelled,
    GitError,
    Progress,
    count_commits,
    default_author,
    find_repositories,
    has_commits,
    read_history,
)

if TYPE_CHECKING:
    from trackrecord.core.record.data import EntryData
    from trackrecord.core.store.db import Store

KEPT_KEY = "capture.git.kept"


@dataclass(frozen=True)
class ScanResult:
    drafts: tuple[GitDraft, ...]
    repositories: tuple[Path, ...]
    authors: dict[str, tuple[str, ...]]  # repository -> the identities read
    commits_read: int
    problems: tuple[str, ...] = ()  # repositories that could not be read, and why


def kept(store: Store) -> tuple[frozenset[str], frozenset[str]]:
    """(draft keys, commit prefixes) kept before."""
    from trackrecord.core.store.settings import get_json

    data = get_json(store, KEPT_KEY, {})
    if not isinstance(data, dict):
        return frozenset(), frozenset()
    return (frozenset(str(k) for k in data.get("drafts", []) if isinstance(k, str)),
            frozenset(str(c) for c in data.get("commits", []) if isinstance(c, str)))


def scan(store: Store, paths: Sequence[Path], *, authors: Sequence[str] = (),
         since: dt.date | None = None, until: dt.date | None = None,
         cancelled: Cancelled = lambda: False, progress: Progress | None = None) -> ScanResult:
    """Read every repository under ``paths`` and propose drafts (nothing is written).

    ``authors`` empty: each repository's own user.email. A repository that cannot be read
    is named in ``problems``; the others are still read.
    """
    roots = find_repositories(paths)
    kept_drafts, kept_commits = kept(store)
    who: dict[str, tuple[str, ...]] = {}
    plans: list[tuple[Path, tuple[str, ...], int]] = []
    problems: list[str] = []
    for root in roots:
        identity = tuple(a for a in authors if a.strip()) or tuple(
            a for a in (default_author(root),) if a)
        if not identity:
            problems.append(f"{root}: no author given and the repository has no user.email")
            continue
        if not has_commits(root):
            problems.append(f"{root}: no commits yet")
            continue
        plans.append((root, identity, count_commits(root, since, until)
                      + count_commits(root, since, until, identity)))
    total = sum(n for _, _, n in plans)
    done = 0
    drafts: list[GitDraft] = []
    read = 0
    for root, identity, expected in plans:
        try:
            history = read_history(root, identity, since, until, cancelled=cancelled,
                                   progress=progress, done=done, total=total)
        except GitError as exc:
            problems.append(str(exc))
            continue
        done += expected
        read += len(history.commits)
        who[str(root)] = identity
        drafts += propose(history, kept_commits, kept_drafts)
        if progress is not None:
            progress(done, total)
    return ScanResult(tuple(drafts), tuple(roots), who, read, tuple(problems))


def keep(store: Store, drafts: Sequence[GitDraft],
         overrides: dict[str, dict[str, object]] | None = None) -> list[EntryData]:
    """Save these drafts as entries (``overrides``: changed fields by draft key, e.g. the
    kind or the title) and remember them, in one unit of work."""
    from trackrecord.core.record.validation import check_dates, validate_changes
    from trackrecord.core.record.writes import create_many
    from trackrecord.core.store.settings import get_json

    clean = []
    for draft in drafts:
        values = {**draft.values(), **(overrides or {}).get(draft.key, {})}
        checked = validate_changes(values)
        check_dates(checked.get("start_date"), checked.get("end_date"))
        clean.append(checked)
    data = get_json(store, KEPT_KEY, {})
    data = data if isinstance(data, dict) else {}
    drafts_kept = sorted({*data.get("drafts", []), *(d.key for d in drafts)})
    commits_kept = sorted({*data.get("commits", []), *(s[:12] for d in drafts
                                                       for s in d.commits)})
    return create_many(store, clean, settings={
        KEPT_KEY: {"drafts": drafts_kept, "commits": commits_kept}})
