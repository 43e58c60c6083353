"""Evidence matching speed at 1,000 / 10,000 / 100,000 entries.

    python benchmarks/bench_matching.py                 # 1k, 10k, 100k
    python benchmarks/bench_matching.py --sizes 10000 --runs 500
    python benchmarks/bench_matching.py --cold          # clear the word cache before each match

Builds synthetic stores (realistic titles, tags, impact, metrics and Markdown notes) with bulk
inserts and one FTS5 rebuild, then times ``match_evidence`` over a rotating set of realistic
rejections (empty feedback included). As a same-run baseline it times a plain FTS5 query on the
same database: the feedback's own words, ``ORDER BY rank LIMIT 40``. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

from trackrecord.core import fts
from trackrecord.core.db import Store, open_store
from trackrecord.core.matching import MatchQuery, match_evidence
from trackrecord.core.phrases import split_words
from trackrecord.core.search import any_of_query, words
from trackrecord.paths import DataPaths

SYSTEMS = ["checkout", "billing", "search", "payments", "notifications", "ledger", "routing",
           "auth", "onboarding", "reporting", "inventory", "pricing", "scheduling", "tracking",
           "feed", "recommendations", "analytics", "identity", "messaging", "storage"]
TECH = ["Kubernetes", "Kafka", "Postgres", "Redis", "React", "Go", "Python", "Java", "AWS",
        "Terraform", "GraphQL", "gRPC", "Spark", "Airflow", "OpenSearch", "TypeScript", "Rust"]
TAGS = ["python", "go", "java", "typescript", "react", "frontend", "backend", "api-design",
        "postgres", "kafka", "kubernetes", "aws", "terraform", "distributed-systems",
        "scalability", "performance", "caching", "observability", "on-call", "incident-response",
        "debugging", "testing", "security", "data-pipelines", "system-design",
        "technical-writing", "communication", "mentoring", "coaching", "people-leadership",
        "hiring", "cost-reduction", "migrations", "reliability", "accessibility", "ci-cd",
        "ownership", "ambiguity", "stakeholder-management", "public-speaking"]
KIND_TAGS = {
    "shipped": ["backend", "api-design", "system-design", "scalability", "performance"],
    "incident": ["incident-response", "on-call", "debugging", "observability"],
    "mentoring": ["mentoring", "coaching", "people-leadership", "communication"],
    "other": ["technical-writing", "communication", "hiring", "public-speaking"],
}
TITLES = {
    "shipped": ["{System} service on {tech}", "Rewrote {system} in {tech}",
                "{System} v{n} launch", "Moved {system} to {tech}", "Self-serve {system} API"],
    "incident": ["{System} outage after a bad deploy", "Latency spike in {system}",
                 "Data loss scare in {system}", "{Tech} failover during peak",
                 "Memory leak in the {system} workers"],
    "mentoring": ["Mentoring a new hire on the {system} team", "Coaching an engineer into {tech}",
                  "Onboarding programme for {system}", "Sponsoring a move into the {system} team"],
    "other": ["Design doc: {system} on {tech}", "Talk on running {tech}",
              "Interview loop for the {system} team", "Runbooks for {system}",
              "RFC: splitting {system}"],
}
SENTENCES = [
    "Cut p99 latency from {a}ms to {b}ms for the {system} path.",
    "Worked with product and support to scope the first release.",
    "Wrote the design doc and walked three teams through the trade-offs.",
    "Paged at 3am; found the root cause in the {tech} client and shipped a fix.",
    "Added tests around the edge cases that had bitten us twice.",
    "Migrated {n} services without downtime.",
    "Set up dashboards and alerts so on-call could see it coming.",
    "Paired weekly and reviewed every pull request for the first month.",
    "Saved ${n}k a year in cloud spend.",
    "Handled {n}k requests per second at peak.",
]
METRICS = ["p99 {a}ms -> {b}ms", "{n}% fewer pages", "${n}k/year saved", "{n}k users",
           "deploy time {a} min -> {b} min", ""]

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


def _fill(rng: random.Random, template: str) -> str:
    a = rng.randint(200, 2000)
    return template.format(
        system=rng.choice(SYSTEMS), System=rng.choice(SYSTEMS).capitalize(),
        tech=rng.choice(TECH), Tech=rng.choice(TECH), n=rng.randint(2, 90), a=a,
        b=rng.randint(20, a // 2),
    )


def build_store(root: Path, size: int, seed: int = 7) -> Store:
    """A store of ``size`` synthetic entries, built with bulk inserts and one FTS rebuild."""
    rng = random.Random(seed)
    store = open_store(DataPaths(root))
    kinds = ["shipped"] * 4 + ["incident"] * 3 + ["mentoring"] * 1 + ["other"] * 2
    today = dt.date(2025, 11, 1)
    now = dt.datetime(2025, 11, 1, 12, 0)
    rows, links = [], []
    tag_pk = {name: i + 1 for i, name in enumerate(TAGS)}
    for pk in range(1, size + 1):
        kind = rng.choice(kinds)
        tags = sorted(set(rng.sample(KIND_TAGS[kind], 2) + rng.sample(TAGS, rng.randint(1, 3))))
        start = today - dt.timedelta(days=rng.randint(0, 15 * 365))
        notes = "\n".join(f"- {_fill(rng, rng.choice(SENTENCES))}"
                          for _ in range(rng.randint(2, 8)))
        star = rng.random() < 0.3
        rows.append({
            "pk": pk, "id": str(uuid.UUID(int=rng.getrandbits(128))), "kind": kind,
            "title": _fill(rng, rng.choice(TITLES[kind])), "start_date": start.isoformat(),
            "summary": _fill(rng, rng.choice(SENTENCES)),
            "impact": _fill(rng, rng.choice(SENTENCES)) if rng.random() < 0.7 else "",
            "metrics": _fill(rng, rng.choice(METRICS)), "notes": notes,
            "situation": "Things were on fire." if star else "",
            "task": "Own the fix." if star else "", "action": "Fixed it." if star else "",
            "result": _fill(rng, rng.choice(SENTENCES)) if star else "",
            "tag_text": " ".join(tags), "created_at": now, "updated_at": now,
        })
        links += [{"e": pk, "t": tag_pk[t]} for t in tags]
    cols = list(rows[0])
    with store.write() as s:
        from sqlalchemy import text

        s.execute(text("INSERT INTO tags(pk, name) VALUES (:pk, :name)"),
                  [{"pk": v, "name": k} for k, v in tag_pk.items()])
        s.execute(text(f"INSERT INTO entries({', '.join(cols)}) "
                       f"VALUES ({', '.join(':' + c for c in cols)})"), rows)
        s.execute(text("INSERT INTO entry_tags(entry_pk, tag_pk) VALUES (:e, :t)"), links)
        fts.rebuild(s)
    with store.engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
    return store


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return statistics.median(ordered), p95


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
    return {"match": _percentiles(matches), "raw": _percentiles(raw)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--runs", type=int, default=320)
    parser.add_argument("--cold", action="store_true", help="clear the word cache every match")
    args = parser.parse_args(argv)
    print(f"Python {sys.version.split()[0]}, {len(QUERIES)} rejections rotating, "
          f"{args.runs} runs per size{', cold word cache' if args.cold else ''}\n")
    print("| entries | build (s) | match p50 (ms) | match p95 (ms) "
          "| raw FTS5 p50 (ms) | raw FTS5 p95 (ms) |")
    print("|---:|---:|---:|---:|---:|---:|")
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix="trackrecord-bench-") as tmp:
            t0 = time.perf_counter()
            store = build_store(Path(tmp), size)
            built = time.perf_counter() - t0
            try:
                res = time_store(store, args.runs, args.cold)
            finally:
                store.close()
        (m50, m95), (r50, r95) = res["match"], res["raw"]
        print(f"| {size:,} | {built:.1f} | {m50:.2f} | {m95:.2f} | {r50:.2f} | {r95:.2f} |",
              flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
