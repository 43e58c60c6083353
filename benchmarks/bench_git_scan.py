"""Wins from git history: reading a generated 50,000-commit repository.

    python benchmarks/bench_git_scan.py [--commits 50000] [--repeat 3] [--json FILE]

The repository is written with ``git fast-import`` into a temporary folder: two authors
(two commits in three are the scanned author's), five top-level folders worked on in turns,
a release tag every 1,000 commits, one file changed per commit. Timed, best of ``--repeat``:
``git log --numstat`` of the author's commits alone (the floor: what git itself takes), and
the whole scan (``core.capture.git_keep.scan``: counting, the graph, the tags, the commits with
their files, and the drafts), with the number of commits read and drafts proposed.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

AREAS = ("api", "web", "billing", "docs", "infra")
START = 1_752_537_600  # 15 July 2025


def generate(path: Path, commits: int) -> None:
    subprocess.run(["git", "init", "-q", "-b", "main", str(path)], check=True)
    feed = subprocess.Popen(["git", "-C", str(path), "fast-import", "--quiet"],
                            stdin=subprocess.PIPE)
    assert feed.stdin is not None
    write = feed.stdin.write
    for i in range(commits):
        name, email = (("Ada Lovelace", "ada@example.com") if i % 3
                       else ("Bob Byte", "bob@example.com"))
        when = START + i * 900
        area = AREAS[(i // 40) % len(AREAS)]
        data, message = f"line {i}\n".encode(), f"Change {i} in {area}\n".encode()
        write(f"commit refs/heads/main\nmark :{i + 1}\n"
              f"author {name} <{email}> {when} +0000\n"
              f"committer {name} <{email}> {when} +0000\n".encode())
        write(f"data {len(message)}\n".encode() + message)
        if i:
            write(f"from :{i}\n".encode())
        write(f"M 100644 inline {area}/file{i % 50}.txt\ndata {len(data)}\n".encode()
              + data + b"\n")
        if i % 1000 == 999:
            write(f"reset refs/tags/v1.{i // 1000}\nfrom :{i + 1}\n\n".encode())
    feed.stdin.close()
    if feed.wait() != 0:
        raise SystemExit("git fast-import failed")
    subprocess.run(["git", "-C", str(path), "config", "user.email", "ada@example.com"],
                   check=True)
    subprocess.run(["git", "-C", str(path), "checkout", "-q", "main"], check=True)


def best(repeat: int, work: object) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = work()  # type: ignore[operator]
        times.append(time.perf_counter() - started)
    return min(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--commits", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    from trackrecord.core.capture.git_keep import scan
    from trackrecord.core.store.db import open_store
    from trackrecord.paths import DataPaths

    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "repo"
        started = time.perf_counter()
        generate(repo, args.commits)
        made = time.perf_counter() - started
        floor, _ = best(args.repeat, lambda: subprocess.run(
            ["git", "-C", str(repo), "log", "--numstat", "--no-merges",
             "--author=ada@example.com", "--format=%H", "HEAD"],
            capture_output=True, check=True))
        with open_store(DataPaths(Path(tmp) / "data")) as store:
            took, result = best(args.repeat, lambda: scan(store, [repo]))
    figures = {
        "commits_in_repository": args.commits, "generated_s": round(made, 2),
        "git_log_numstat_s": round(floor, 2), "scan_s": round(took, 2),
        "commits_read": result.commits_read,  # type: ignore[attr-defined]
        "drafts": len(result.drafts),  # type: ignore[attr-defined]
    }
    print(json.dumps(figures, indent=2))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
