"""Drafts of entries from git history: commits grouped by repository and week, and larger
pieces of work found first.

Each of the author's commits goes into one draft, the most specific that holds it: a merged
branch (the commits a merge on the mainline brought in), then a run on one area (at least
``RUN_MIN`` commits in a row mostly in one top-level folder, over more than one week), then
the week. A release tag on the mainline also proposes a draft of its own, counting the
author's commits since the tag before. Nothing here writes anything.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from trackrecord.core.capture.git_log import Commit, History
from trackrecord.core.capture.quick import guess_kind

RUN_MIN = 5  # commits in a row on one area that make a piece of work
MAX_SUBJECTS = 40  # commit subjects listed in a draft's notes
RELEASE = re.compile(r"^(?:v|release[-_/]?|rel[-_/]?)?\d+(?:[._-]\d+)*(?:[-+.][\w.]+)?$",
                     re.IGNORECASE)
_BRANCH = (re.compile(r"^Merge pull request #\d+ from [^/\s]+/(\S+)"),
           re.compile(r"^Merge (?:remote-tracking )?branch '([^']+)'"),
           re.compile(r"^Merge branch (\S+)"))


@dataclass(frozen=True)
class GitDraft:
    """A proposed entry: what it would say, and what it was read from."""

    key: str  # stable for the same piece of work in the same repository
    piece: str  # "branch", "release", "run" or "week"
    repository: str
    title: str
    kind: str
    start_date: dt.date
    end_date: dt.date
    commits: tuple[str, ...]  # shas, oldest first
    files: int
    added: int
    removed: int
    subjects: tuple[str, ...]

    @property
    def metrics(self) -> str:
        n = len(self.commits)
        return (f"{n} commit{'s' * (n != 1)}, {self.files} file{'s' * (self.files != 1)} "
                f"changed, +{self.added:,} \u2212{self.removed:,} lines")

    @property
    def notes(self) -> str:
        shown = [f"- {s}" for s in self.subjects[:MAX_SUBJECTS]]
        if len(self.subjects) > MAX_SUBJECTS:
            shown.append(f"- \u2026 and {len(self.subjects) - MAX_SUBJECTS} more")
        return f"From the git history of {self.repository}:\n\n" + "\n".join(shown)

    def values(self) -> dict[str, object]:
        """The entry's fields, as ``EntryService.create`` takes them."""
        return {"kind": self.kind, "title": self.title, "start_date": self.start_date,
                "end_date": self.end_date, "team": self.repository, "metrics": self.metrics,
                "notes": self.notes, "tags": ["git"]}


def _day(when: dt.datetime) -> dt.date:
    return when.date()


def _week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _repo_id(history: History) -> str:
    # The root commit names a repository wherever it is cloned; the folder name otherwise.
    roots = [sha for sha, ps in history.parents.items() if not ps]
    seed = min(roots) if roots else history.name
    return hashlib.sha1(seed.encode()).hexdigest()[:10]


def _draft(history: History, piece: str, key: str, title: str, commits: Sequence[Commit],
           kind: str | None = None) -> GitDraft:
    ordered = sorted(commits, key=lambda c: c.when)
    files: dict[str, None] = {}
    added = removed = 0
    for c in ordered:
        for path, (a, r) in c.files.items():
            files[path] = None
            added, removed = added + a, removed + r
    subjects = tuple(c.subject for c in reversed(ordered))
    guessed = kind or guess_kind(" ".join((title, *subjects[:10]))).kind
    if guessed in ("other", "praise"):
        guessed = "shipped" if piece in ("branch", "release") else "other"
    return GitDraft(key, piece, history.name, title, guessed, _day(ordered[0].when),
                    _day(ordered[-1].when), tuple(c.sha for c in ordered), len(files), added,
                    removed, subjects)


def _walk_back(start: str, parents: dict[str, tuple[str, ...]], stop: set[str]) -> list[str]:
    """Every commit reachable from ``start`` without passing through ``stop`` (which grows
    with what is found, so each commit is visited once across calls)."""
    found, todo = [], [start]
    while todo:
        sha = todo.pop()
        if sha in stop or sha not in parents:
            continue
        stop.add(sha)
        found.append(sha)
        todo.extend(parents[sha])
    return found


def branch_name(subject: str) -> str | None:
    for pattern in _BRANCH:
        m = pattern.match(subject)
        if m:
            return m[1]
    return None


def _merged_branches(history: History, mine: dict[str, Commit]) -> list[GitDraft]:
    mainline = set(history.first_parent)
    seen = set(mainline)
    drafts = []
    for merge in reversed(history.first_parent):  # oldest first
        ps = history.parents.get(merge, ())
        if len(ps) < 2:
            continue
        brought = [mine[s] for p in ps[1:] for s in _walk_back(p, history.parents, seen)
                   if s in mine]
        if not brought:
            continue
        subject = history.subjects.get(merge, "")
        name = branch_name(subject)
        title = f"Merged {name}" if name else (subject or "Merged branch")
        drafts.append(_draft(history, "branch", f"branch:{merge}", title, brought))
    return drafts


def _releases(history: History, mine: dict[str, Commit]) -> list[GitDraft]:
    position = {sha: i for i, sha in enumerate(history.first_parent)}
    tagged = sorted(((position[sha], name) for name, sha in history.tags.items()
                     if sha in position and RELEASE.match(name)), reverse=True)  # oldest first
    seen: set[str] = set()
    drafts = []
    for _, name in tagged:
        sha = history.tags[name]
        counted = [mine[s] for s in _walk_back(sha, history.parents, seen) if s in mine]
        if counted:
            drafts.append(_draft(history, "release", f"release:{name}:{sha}",
                                 f"Released {name}", counted, kind="shipped"))
    return drafts


def _runs(history: History, commits: Sequence[Commit]) -> tuple[list[GitDraft], list[Commit]]:
    """Runs on one area, and the commits left over."""
    drafts: list[GitDraft] = []
    left: list[Commit] = []
    run: list[Commit] = []

    def close() -> None:
        weeks = {_week_start(_day(c.when)) for c in run}
        if len(run) >= RUN_MIN and len(weeks) > 1 and run[0].area:
            drafts.append(_draft(history, "run", f"run:{run[0].sha}:{run[-1].sha}",
                                 f"Work on {run[0].area}/ in {history.name}", run))
        else:
            left.extend(run)

    for commit in commits:
        if run and commit.area != run[0].area:
            close()
            run = []
        run.append(commit)
    if run:
        close()
    return drafts, left


def _weeks(history: History, commits: Iterable[Commit]) -> list[GitDraft]:
    by_week: dict[dt.date, list[Commit]] = {}
    for commit in commits:
        by_week.setdefault(_week_start(_day(commit.when)), []).append(commit)
    out = []
    repo = _repo_id(history) if by_week else ""
    for week, members in sorted(by_week.items()):
        label = f"{week.day} {week.strftime('%b')} {week.year}"
        out.append(_draft(history, "week", f"week:{repo}:{week.isoformat()}:"
                          f"{members[-1].sha}", f"Week of {label} in {history.name}", members))
    return out


def propose(history: History, kept_commits: frozenset[str] = frozenset(),
            kept_drafts: frozenset[str] = frozenset()) -> list[GitDraft]:
    """The drafts for one repository's history, oldest first. Commits already kept (by
    their first 12 characters) are left out, and so are drafts whose key was kept."""
    mine = {c.sha: c for c in history.commits if c.sha[:12] not in kept_commits}
    drafts = _releases(history, mine)
    branches = _merged_branches(history, mine)
    in_branches = {sha for d in branches for sha in d.commits}
    rest = [c for c in history.commits if c.sha in mine and c.sha not in in_branches]
    runs, left = _runs(history, rest)
    drafts += branches + runs + _weeks(history, left)
    drafts = [d for d in drafts if d.key not in kept_drafts]
    return sorted(drafts, key=lambda d: (d.start_date, d.end_date, d.piece, d.title))
