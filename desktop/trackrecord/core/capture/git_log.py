"""Reading a local repository's history with the ``git`` command, read-only and offline.

Why the command and not a library: every developer has it, it is what the repository itself
was written with (so it reads every format and extension that repository uses), and it is
fast: a 50,000-commit history with per-file numbers streams in about a second. A pure-Python
reader (dulwich) would parse packs in Python, tens of times slower; pygit2 needs libgit2
built for the platform and does not read every newer repository format. Only reading
sub-commands run (rev-parse, config --get, rev-list, log, for-each-ref), with optional locks
off and no prompts, and git never contacts a remote for these.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from trackrecord.core.errors import TrackRecordError

Progress = Callable[[int, int], None]  # (done, total)
Cancelled = Callable[[], bool]
_RS, _US = "\x1e", "\x1f"
_CHECK_EVERY = 500  # lines between looks at "cancelled" and reports of progress


class GitError(TrackRecordError):
    """A repository could not be read; the message says which and why."""


class ScanCancelled(TrackRecordError):
    def __init__(self) -> None:
        super().__init__("the scan was cancelled; nothing was read")


@dataclass
class Commit:
    sha: str
    parents: tuple[str, ...]
    email: str
    when: dt.datetime  # aware, the author's date in UTC
    subject: str
    files: dict[str, tuple[int, int]] = field(default_factory=dict)  # path -> (added, removed)

    @property
    def area(self) -> str:
        """The top-level folder most of its changes are in ("" for the root)."""
        counts: dict[str, int] = {}
        for path in self.files:
            top = path.split("/", 1)[0] if "/" in path else ""
            counts[top] = counts.get(top, 0) + 1
        return max(sorted(counts), key=lambda k: counts[k]) if counts else ""


@dataclass(frozen=True)
class History:
    """What a scan read from one repository."""

    root: Path
    name: str
    commits: tuple[Commit, ...]  # the author's, oldest first
    first_parent: tuple[str, ...]  # HEAD's mainline, newest first
    parents: dict[str, tuple[str, ...]]  # every commit in the range -> its parents
    subjects: dict[str, str]  # merge commits (anyone's) -> subject
    tags: dict[str, str]  # tag name -> the commit it names


def git_path() -> str:
    found = shutil.which("git")
    if found is None:
        raise GitError("the git command is not installed, so git history cannot be read")
    return found


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(GIT_OPTIONAL_LOCKS="0", GIT_TERMINAL_PROMPT="0", LC_ALL="C", GIT_PAGER="cat",
               GIT_CONFIG_NOSYSTEM="1")
    return env


def _run(root: Path, *args: str) -> str:
    try:
        done = subprocess.run([git_path(), "-C", str(root), *args], capture_output=True,
                              text=True, encoding="utf-8", errors="replace", env=_env(),
                              stdin=subprocess.DEVNULL, check=False)
    except OSError as exc:
        raise GitError(f"git could not be run: {exc}") from exc
    if done.returncode != 0:
        said = done.stderr.strip().splitlines()
        raise GitError(f"{root}: {said[-1] if said else 'git failed'}")
    return done.stdout


def _stream(root: Path, args: Sequence[str], cancelled: Cancelled) -> Iterator[str]:
    try:
        proc = subprocess.Popen([git_path(), "-C", str(root), *args], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
                                encoding="utf-8", errors="replace", env=_env())
    except OSError as exc:
        raise GitError(f"git could not be run: {exc}") from exc
    assert proc.stdout is not None and proc.stderr is not None
    finished = False
    try:
        for n, line in enumerate(proc.stdout):
            if n % _CHECK_EVERY == 0 and cancelled():
                raise ScanCancelled
            yield line.rstrip("\n")
        finished = True
    finally:
        if not finished:
            proc.kill()
        proc.stdout.close()
        err = proc.stderr.read()
        proc.stderr.close()
        code = proc.wait()
    if code != 0:
        said = err.strip().splitlines()
        raise GitError(f"{root}: {said[-1] if said else 'git failed'}")


def find_repositories(paths: Sequence[Path]) -> list[Path]:
    """Each path's repository root; a folder that is not one gives the repositories directly
    inside it (a folder holding many)."""
    found: list[Path] = []
    for path in paths:
        path = path.expanduser()
        if not path.is_dir():
            raise GitError(f"{path} is not a folder")
        if (path / ".git").exists():
            found.append(Path(_run(path, "rev-parse", "--show-toplevel").strip()))
            continue
        inner = sorted(p for p in path.iterdir() if p.is_dir() and (p / ".git").exists())
        if not inner:
            try:
                found.append(Path(_run(path, "rev-parse", "--show-toplevel").strip()))
            except GitError:
                raise GitError(f"{path} is not a git repository and holds none") from None
            continue
        found += inner
    return list(dict.fromkeys(p.resolve() for p in found))


def default_author(root: Path) -> str:
    """The repository's own user.email ("" when it has none)."""
    try:
        return _run(root, "config", "--get", "user.email").strip()
    except GitError:
        return ""


def _range(since: dt.date | None, until: dt.date | None) -> list[str]:
    out = []
    if since:
        out.append(f"--since={since.isoformat()}T00:00:00")
    if until:
        out.append(f"--until={until.isoformat()}T23:59:59")
    return out


def count_commits(root: Path, since: dt.date | None, until: dt.date | None,
                  authors: Sequence[str] = ()) -> int:
    """How many commits of HEAD's history a scan reads (for its progress bar)."""
    if not has_commits(root):
        return 0
    who = [f"--author={a}" for a in authors] + (["--fixed-strings"] if authors else [])
    return int(_run(root, "rev-list", "--count", *who, *_range(since, until), "HEAD") or 0)


def has_commits(root: Path) -> bool:
    try:
        _run(root, "rev-parse", "--verify", "--quiet", "HEAD^{commit}")
    except GitError:
        return False
    return True


def read_history(root: Path, authors: Sequence[str], since: dt.date | None,
                 until: dt.date | None, *, cancelled: Cancelled = lambda: False,
                 progress: Progress | None = None, done: int = 0, total: int = 0) -> History:
    """The authors' commits of HEAD's history in the date range (with the files each
    changed), the graph around them, and the tags. ``progress`` gets (done, total) with
    ``done`` counted on from the value given."""
    report = progress or (lambda _d, _t: None)
    dates = _range(since, until)
    parents: dict[str, tuple[str, ...]] = {}
    for n, line in enumerate(_stream(root, ["rev-list", "--parents", *dates, "HEAD"],
                                     cancelled)):
        sha, *ps = line.split()
        parents[sha] = tuple(ps)
        if n % _CHECK_EVERY == 0:
            report(done + n, total)
    done += len(parents)
    first_parent = tuple(_run(root, "rev-list", "--first-parent", *dates, "HEAD").split())
    subjects: dict[str, str] = {}
    for line in _run(root, "log", "--merges", "--no-color", *dates,
                     f"--format=%H{_US}%s", "HEAD").splitlines():
        sha, _, subject = line.partition(_US)
        subjects[sha] = subject
    tags: dict[str, str] = {}
    for line in _run(root, "for-each-ref", "refs/tags",
                     f"--format=%(refname:short){_US}%(*objectname){_US}%(objectname)"
                     ).splitlines():
        name, peeled, obj = (line.split(_US) + ["", ""])[:3]
        tags[name] = peeled or obj
    commits = _read_commits(root, authors, dates, cancelled, report, done, total)
    return History(root, root.name, tuple(reversed(commits)), first_parent, parents, subjects,
                   tags)


def _read_commits(root: Path, authors: Sequence[str], dates: list[str], cancelled: Cancelled,
                  report: Progress, done: int, total: int) -> list[Commit]:
    who = [f"--author={a}" for a in authors] + (["--fixed-strings"] if authors else [])
    args = ["log", "--no-color", "--no-renames", "--no-merges", "--numstat", *who, *dates,
            f"--format={_RS}%H{_US}%P{_US}%ae{_US}%at{_US}%s", "HEAD"]
    commits: list[Commit] = []
    current: Commit | None = None
    for line in _stream(root, args, cancelled):
        if line.startswith(_RS):
            sha, ps, email, stamp, subject = (line[1:].split(_US, 4) + [""] * 5)[:5]
            when = dt.datetime.fromtimestamp(int(stamp or 0), dt.UTC)
            current = Commit(sha, tuple(ps.split()), email, when, subject.strip())
            commits.append(current)
            if len(commits) % _CHECK_EVERY == 0:
                report(done + len(commits), total)
        elif line and current is not None:
            added, removed, path = (line.split("\t", 2) + ["", ""])[:3]
            current.files[path] = (int(added) if added.isdigit() else 0,
                                   int(removed) if removed.isdigit() else 0)
    return commits
