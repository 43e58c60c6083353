"""What learning from pins costs a match: the demo record with no rejections (the baseline,
measured in the same run) against the same record with N rejections logged the way the
window logs them (each with its snapshot; a third with two cards pinned).

    python benchmarks/bench_pins.py                     # 1,000 rejections, 200 matches each
    python benchmarks/bench_pins.py --rejections 300 --runs 500

Three figures: no rejections; N rejections with nothing changed since the last match (each
rejection's pins are cached until it changes); N rejections all read again before every
match (what the first match after opening the store pays; after one rejection is saved, only
that one is read again).
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from bench_matching import QUERIES
from common import percentiles

from trackrecord.core.demo import demo_rejections, load_demo
from trackrecord.core.matching import pins
from trackrecord.core.matching.evidence import match_evidence
from trackrecord.core.matching.query import MatchQuery
from trackrecord.core.record.entries import EntryService
from trackrecord.core.rejections.analysis import analyse_rejection
from trackrecord.core.rejections.corrections import Corrections
from trackrecord.core.rejections.service import RejectionService
from trackrecord.core.store.db import Store, open_store
from trackrecord.paths import DataPaths

SEED = 7


def _store(root: Path, rejections: int) -> Store:
    paths = DataPaths(root / "data")
    paths.ensure()
    store = open_store(paths)
    load_demo(store)
    ids = [e.id for e in EntryService(store).list()]
    texts = [r for r in demo_rejections() if r["feedback"]] + [
        {"stage": q.stage, "role": q.role, "level": q.level, "feedback": q.feedback}
        for q in QUERIES if q.feedback]
    service, rnd = RejectionService(store), random.Random(SEED)
    for i in range(rejections):
        text = texts[i % len(texts)]
        query = MatchQuery(text["stage"], text["role"], text["level"], "Acme", text["feedback"])
        pins = tuple(rnd.sample(ids, 2)) if i % 3 == 0 else ()
        analysis = analyse_rejection(store, query, corrections=Corrections(pins))
        service.create("Acme", text["stage"], feedback=text["feedback"],
                       snapshot=analysis.to_snapshot())
    return store


def _time(store: Store, runs: int, reread: bool) -> tuple[float, float]:
    for q in QUERIES:
        match_evidence(store, q)
    samples = []
    for i in range(runs):
        if reread:
            pins._cache.clear()
        t0 = time.perf_counter()
        match_evidence(store, QUERIES[i % len(QUERIES)])
        samples.append((time.perf_counter() - t0) * 1000)
    return percentiles(samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rejections", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
        none = _time(_store(Path(a), 0), args.runs, reread=False)
        logged = _store(Path(b), args.rejections)
        cached = _time(logged, args.runs, reread=False)
        reread = _time(logged, args.runs, reread=True)
    print(f"demo record, {args.rejections:,} logged rejections, {args.runs} matches each\n")
    print("| rejections | pins read | match p50 (ms) | match p95 (ms) | p50 / baseline |")
    print("|---:|---|---:|---:|---:|")
    for label, n, (p50, p95) in (("cached", 0, none), ("cached", args.rejections, cached),
                                 ("before every match", args.rejections, reread)):
        print(f"| {n:,} | {label} | {p50:.2f} | {p95:.2f} | {p50 / none[0]:.1f}x |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
