"""The one generator of synthetic stores every benchmark shares.

    python benchmarks/synthetic.py DIR --entries 10000 [--rejections 1000] [--seed 7]

A store of N entries reads like a decade of somebody's notes: titles made from systems and
technologies, the four kinds in realistic proportions, dates over fifteen years, impact and
metrics on most entries, STAR fields on some, and Markdown notes. Tags, and the skill words
in notes and summaries, come from the app's own vocabulary
(``resources/vocabulary/skills.toml``), so matching and search see the words real feedback
uses. Rejections (1,000 by default) get feedback phrases and the category the app itself
suggests for them (``core.rejections.categorise``).

Rows go in with bulk SQL and one ``trackrecord.core.store.fts.rebuild``: building 100,000 entries
through the service one at a time would take minutes and measure nothing we care about.
The same seed always gives the same store. ``cached_store`` keeps built stores under
``benchmarks/results/stores/`` (ignored by git) so repeated runs start at once.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import text

from trackrecord.core.matching.vocabulary import skills
from trackrecord.core.record.kinds import KINDS
from trackrecord.core.rejections.categorise import suggest_category
from trackrecord.core.rejections.debrief import DEBRIEF_TOPICS
from trackrecord.core.rejections.stages import STAGES
from trackrecord.core.store import fts
from trackrecord.core.store.db import open_store
from trackrecord.core.store.revisions import HEAD_REVISION
from trackrecord.paths import DataPaths

SIZES = (1_000, 10_000, 100_000)
REJECTIONS = 1_000
SEED = 7
GENERATOR_VERSION = 2  # bump when the generator changes, so cached stores are rebuilt
CACHE = Path(__file__).resolve().parent / "results" / "stores"

SYSTEMS = ["checkout", "billing", "search", "payments", "notifications", "ledger", "routing",
           "auth", "onboarding", "reporting", "inventory", "pricing", "scheduling", "tracking",
           "feed", "recommendations", "analytics", "identity", "messaging", "storage"]
TECH = ["Kubernetes", "Kafka", "Postgres", "Redis", "React", "Go", "Python", "Java", "AWS",
        "Terraform", "GraphQL", "gRPC", "Spark", "Airflow", "OpenSearch", "TypeScript", "Rust"]
ORGS = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark Industries", "Wayne Enterprises"]
TEAMS = ["Platform", "Payments", "Growth", "Core", "Infrastructure", "Data", "Mobile", "Web"]
ROLES = ["Tech lead", "Senior engineer", "Engineer", "Staff engineer", "Incident commander"]
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
    "This was mostly about {skill}: {term} came up in every review.",
    "Learned a lot about {term} the hard way.",
]
METRICS = ["p99 {a}ms -> {b}ms", "{n}% fewer pages", "${n}k/year saved", "{n}k users",
           "deploy time {a} min -> {b} min", ""]
COMPANIES = ["Stripe-like", "BigSearch", "ShopCo", "CloudCorp", "FinTechly", "RideShare",
             "StreamFlix", "SocialNet", "DevTools Inc", "HealthApp", "GameStudio", "AdTech"]
JOB_ROLES = ["Senior Backend Engineer", "Staff Engineer", "Engineering Manager",
             "Platform Engineer", "Senior SRE", "Frontend Engineer", "Data Engineer"]
FEEDBACK = [
    "We wanted more depth on scaling and sharding for high traffic.",
    "You ran out of time and the approach was hard to follow.",
    "We need someone with more people leadership experience.",
    "The role is on hold due to a hiring freeze.",
    "It lacked tests and the README didn't explain the trade-offs.",
    "Looking for more recent React and TypeScript experience.",
    "Didn't hear enough about observability or how you'd run it on call.",
    "No concrete examples of mentoring or growing people.",
    "We went with an internal candidate.",
    "Nervous in the debugging session; Kubernetes knowledge was clear.",
    "",
]


@dataclass(frozen=True)
class Vocabulary:
    """The parts of skills.toml the generator draws on."""

    tags: tuple[str, ...]
    by_kind: dict[str, tuple[str, ...]]  # tags of the skills that kind usually evidences
    terms: tuple[tuple[str, str], ...]  # (skill label, term) pairs for prose


def vocabulary() -> Vocabulary:
    table = [s for s in skills().values() if not s.process and s.tags]
    tags = tuple(sorted({t for s in table for t in s.tags}))
    by_kind = {
        kind: tuple(sorted({t for s in table if kind in s.kinds for t in s.tags})) or tags
        for kind in KINDS
    }
    terms = tuple((s.label, term) for s in table for term in s.terms if len(term) > 2)
    return Vocabulary(tags, by_kind, terms)


def _fill(rng: random.Random, template: str, vocab: Vocabulary) -> str:
    a = rng.randint(200, 2000)
    skill, term = rng.choice(vocab.terms)
    return template.format(
        system=rng.choice(SYSTEMS), System=rng.choice(SYSTEMS).capitalize(),
        tech=rng.choice(TECH), Tech=rng.choice(TECH), n=rng.randint(2, 90), a=a,
        b=rng.randint(20, a // 2), skill=skill, term=term,
    )


@dataclass(frozen=True)
class SyntheticEntry:
    """One entry as generated, before it is stored (the jrnl export reuses these)."""

    pk: int
    id: str
    kind: str
    title: str
    start: dt.date
    end: dt.date | None
    organisation: str
    summary: str
    impact: str
    metrics: str
    notes: str
    tags: tuple[str, ...]
    star: tuple[str, str, str, str]


def entries(size: int, seed: int = SEED) -> Iterator[SyntheticEntry]:
    """``size`` entries, always the same ones for the same seed."""
    rng = random.Random(seed)
    vocab = vocabulary()
    kinds = ["shipped"] * 4 + ["incident"] * 3 + ["mentoring"] * 1 + ["other"] * 2
    today = dt.date(2025, 11, 1)
    for pk in range(1, size + 1):
        kind = rng.choice(kinds)
        tags = sorted(set(rng.sample(vocab.by_kind[kind], 2)
                          + rng.sample(vocab.tags, rng.randint(1, 3))))
        start = today - dt.timedelta(days=rng.randint(0, 15 * 365))
        end = None
        if rng.random() < 0.4:  # a finished piece of work; never ending after "today"
            end = min(today, start + dt.timedelta(days=rng.randint(1, 400)))
        notes = "\n".join(f"- {_fill(rng, rng.choice(SENTENCES), vocab)}"
                          for _ in range(rng.randint(2, 8)))
        star = ("", "", "", "")
        if rng.random() < 0.3:
            star = ("Things were on fire.", "Own the fix.", "Fixed it.",
                    _fill(rng, rng.choice(SENTENCES), vocab))
        yield SyntheticEntry(
            pk=pk, id=str(uuid.UUID(int=rng.getrandbits(128))), kind=kind,
            title=_fill(rng, rng.choice(TITLES[kind]), vocab), start=start, end=end,
            organisation=rng.choice(ORGS),
            summary=_fill(rng, rng.choice(SENTENCES), vocab),
            impact=_fill(rng, rng.choice(SENTENCES), vocab) if rng.random() < 0.7 else "",
            metrics=_fill(rng, rng.choice(METRICS), vocab), notes=notes, tags=tuple(tags),
            star=star,
        )


def _rejections(count: int, seed: int) -> Iterator[dict[str, Any]]:
    rng = random.Random(seed + 1)
    now = dt.datetime(2025, 11, 1, 12, 0)
    for pk in range(1, count + 1):
        feedback = rng.choice(FEEDBACK)
        stage = rng.choice(STAGES)
        suggestion = suggest_category(feedback, stage)
        before = rng.randint(30, 95)
        yield {
            "pk": pk, "id": str(uuid.UUID(int=rng.getrandbits(128))),
            "company": rng.choice(COMPANIES), "role": rng.choice(JOB_ROLES),
            "level": rng.choice(["", "Senior", "Staff"]), "stage": stage,
            "date": (now.date() - dt.timedelta(days=rng.randint(0, 4 * 365))).isoformat(),
            "feedback": feedback, "own_read": "", "category": suggestion.category,
            "suggested_category": suggestion.category,
            "category_trigger": suggestion.trigger, "category_confirmed": rng.random() < 0.6,
            "sting_before": before, "sting_after": max(0, before - rng.randint(0, 40)),
            "snapshot_json": None, "created_at": now, "updated_at": now,
        }


def build(root: Path, size: int, rejections: int = REJECTIONS, seed: int = SEED) -> DataPaths:
    """Create a store of ``size`` entries and ``rejections`` rejections in the data folder
    ``root`` (which must not hold a store yet)."""
    paths = DataPaths(root)
    store = open_store(paths)
    try:
        now = dt.datetime(2025, 11, 1, 12, 0)
        rows, links = [], []
        tag_pk: dict[str, int] = {}
        for e in entries(size, seed):
            situation, task, action, result = e.star
            rows.append({
                "pk": e.pk, "id": e.id, "kind": e.kind, "title": e.title,
                "start_date": e.start.isoformat(),
                "end_date": e.end.isoformat() if e.end else None,
                "organisation": e.organisation, "summary": e.summary, "impact": e.impact,
                "metrics": e.metrics, "notes": e.notes, "situation": situation, "task": task,
                "action": action, "result": result, "tag_text": " ".join(e.tags),
                "links": "[]", "created_at": now, "updated_at": now,
            })
            for t in e.tags:
                links.append({"e": e.pk, "t": tag_pk.setdefault(t, len(tag_pk) + 1)})
        cols = list(rows[0]) if rows else []
        with store.write() as s:
            if tag_pk:
                s.execute(text("INSERT INTO tags(pk, name) VALUES (:pk, :name)"),
                          [{"pk": v, "name": k} for k, v in tag_pk.items()])
            for start in range(0, len(rows), 20_000):  # bounded parameter lists
                s.execute(text(f"INSERT INTO entries({', '.join(cols)}) "
                               f"VALUES ({', '.join(':' + c for c in cols)})"),
                          rows[start:start + 20_000])
            if links:
                s.execute(text("INSERT INTO entry_tags(entry_pk, tag_pk) VALUES (:e, :t)"),
                          links)
            fts.rebuild(s)
            rej = list(_rejections(rejections, seed))
            if rej:
                rcols = list(rej[0])
                s.execute(text(f"INSERT INTO rejections({', '.join(rcols)}) "
                               f"VALUES ({', '.join(':' + c for c in rcols)})"), rej)
                rng = random.Random(seed + 2)
                s.execute(
                    text("INSERT INTO rejection_debrief(rejection_pk, topic, answer, note) "
                         "VALUES (:r, :t, :a, '')"),
                    [{"r": r["pk"], "t": t, "a": rng.choice(["yes", "partly", "no"])}
                     for r in rej for t in DEBRIEF_TOPICS],
                )
        with store.engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")
    finally:
        store.close()
    return paths


def cached_store(size: int, rejections: int = REJECTIONS, seed: int = SEED) -> DataPaths:
    """The data folder of a built store, built once and kept under ``CACHE``.

    Benchmarks that open the store in the app (which may write window state) use a copy
    (``fresh_copy``), so every run starts from the same bytes.
    """
    name = f"{size}-r{rejections}-s{seed}-g{GENERATOR_VERSION}-{HEAD_REVISION}"
    root = CACHE / name
    if not (root / ".complete").exists():
        # Built aside and renamed into place, so a concurrent run never sees half a store.
        partial = CACHE / f".{name}.{os.getpid()}"
        if partial.exists():
            shutil.rmtree(partial)
        partial.parent.mkdir(parents=True, exist_ok=True)
        build(partial, size, rejections, seed)
        (partial / ".complete").write_text(json.dumps({"entries": size, "rejections": rejections}))
        if root.exists():
            shutil.rmtree(root)
        try:
            os.replace(partial, root)
        except OSError:  # another run finished first: keep its store
            shutil.rmtree(partial, ignore_errors=True)
    return DataPaths(root)


def fresh_copy(source: DataPaths, target: Path) -> DataPaths:
    """A copy of a (closed, checkpointed) store's data folder."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source.root, target, ignore=shutil.ignore_patterns(".complete", "backups"))
    return DataPaths(target)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", type=Path, help="a new data folder")
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--rejections", type=int, default=REJECTIONS)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    build(args.dir, args.entries, args.rejections, args.seed)
    print(f"{args.dir}: {args.entries:,} entries, {args.rejections:,} rejections")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
