"""Evidence matching speed at 1,000 / 10,000 / 100,000 entries.

    python benchmarks/bench_matching.py                 # 1k, 10k, 100k
    python benchmarks/bench_matching.py --sizes 10000 --runs 500
    python benchmarks/bench_matching.py --cold          # clear the word cache before each match

Uses the shared synthetic stores (``synthetic.py``), then times ``match_evidence`` over a
rotating set of realistic rejections (empty feedback included). As a same-run baseline it
times a plain FTS5 query on the same database: the feedback's own words,
``ORDER BY rank LIMIT 40``. Prints a Markdown table; ``--json FILE`` writes the figures.
"""

from __future__ import annotations

import argparse
import sys
import time

from common import percentiles, write_json
from synthetic import SIZES, cached_store

from trackrecord.core.matching.evidence import match_evidence
from trackrecord.core.matching.phrases import split_words
from trackrecord.core.matching.query import MatchQuery
from trackrecord.core.store.db import Store, open_store
from trackrecord.core.store.fulltext import any_of_query, words

QUERIES = [
    MatchQuery("system-design", "Senior Backend Engineer", "Senior",
               feedback="We wanted more depth on scaling and sharding for high traffic."),
    MatchQuery("coding", "Backend Engineer",
               feedback="You ran out of time and the approach was hard to follow."),
    MatchQuery("behavioral", "Engineering Manager", "Manager",
               feedback="We need someone with more people leadership experience."),
    MatchQuery("recruiter", "Staff Platform Engineer", "Staff",
               feedback="The role is on hold due to a hiring freeze."),
    MatchQuery("onsite", "Senior SRE", "Senior"),
    MatchQuery("take-home", "Backend Engineer",
               feedback="It lacked tests and the README didn't explain the trade-offs."),
    MatchQuery("phone-screen", "Frontend Engineer",
               feedback="Looking for more recent React and TypeScript experience."),
    MatchQuery("system-design", "Staff Engineer", "Staff",
               feedback="Didn't hear enough about observability or how you'd run it on call."),
    MatchQuery("hiring-manager", "Engineering Manager",
               feedback="No concrete examples of mentoring or growing people."),
    MatchQuery("team-match", "Senior Engineer",
               feedback="The remaining teams need deep machine learning experience."),
    MatchQuery("onsite", "Platform Engineer",
               feedback="Nervous in the debugging session; Kubernetes knowledge was clear."),
    MatchQuery("application", "Security Engineer",
               feedback="Candidates more closely aligned with application security."),
    MatchQuery("offer", "Staff Engineer", "Staff",
               feedback="We had to withdraw the offer because the budget was cut."),
    MatchQuery("coding", "Go Engineer",
               feedback="Bugs in edge cases you did not catch with tests; k8s is fine."),
    MatchQuery("phone-screen", "Data Engineer"),
    MatchQuery("behavioral", "Senior Engineer",
               feedback="Good examples of incidents under pressure, but not a culture fit."),
]


def time_store(store: Store, runs: int, cold: bool) -> dict[str, tuple[float, float]]:
    for q in QUERIES:  # warm the vocabularies and SQLite's page cache
        match_evidence(store, q)
    matches: list[float] = []
    raw: list[float] = []
    for i in range(runs):
        q = QUERIES[i % len(QUERIES)]
        if cold:
            split_words.cache_clear()
        t0 = time.perf_counter()
        match_evidence(store, q)
        matches.append((time.perf_counter() - t0) * 1000)
        fts_query = any_of_query(words(q.feedback or q.role))
        with store.read() as s:
            t0 = time.perf_counter()
            if fts_query:
                s.connection().exec_driver_sql(
                    "SELECT rowid FROM entry_fts WHERE entry_fts MATCH ? ORDER BY rank LIMIT 40",
                    (fts_query,),
                ).fetchall()
            raw.append((time.perf_counter() - t0) * 1000)
    return {"match": percentiles(matches), "raw": percentiles(raw)}


def run(sizes: list[int], runs: int, cold: bool = False) -> list[dict[str, float]]:
    out = []
    for size in sizes:
        store = open_store(cached_store(size))
        try:
            res = time_store(store, runs, cold)
        finally:
            store.close()
        (m50, m95), (r50, r95) = res["match"], res["raw"]
        out.append({"entries": size, "match_p50_ms": m50, "match_p95_ms": m95,
                    "raw_p50_ms": r50, "raw_p95_ms": r95})
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--runs", type=int, default=320)
    parser.add_argument("--cold", action="store_true", help="clear the word cache every match")
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args(argv)
    print(f"Python {sys.version.split()[0]}, {len(QUERIES)} rejections rotating, "
          f"{args.runs} runs per size{', cold word cache' if args.cold else ''}\n")
    print("| entries | match p50 (ms) | match p95 (ms) | raw FTS5 p50 (ms) | raw FTS5 p95 (ms) |")
    print("|---:|---:|---:|---:|---:|")
    rows = []
    for size in args.sizes:
        row = run([size], args.runs, args.cold)[0]
        rows.append(row)
        print(f"| {size:,} | {row['match_p50_ms']:.2f} | {row['match_p95_ms']:.2f} "
              f"| {row['raw_p50_ms']:.2f} | {row['raw_p95_ms']:.2f} |", flush=True)
    if args.json:
        write_json(args.json, {"matching": rows})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
