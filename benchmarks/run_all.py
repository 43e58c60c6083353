"""Run every benchmark and write the results table into docs/performance.md (``make bench``).

    python benchmarks/run_all.py [--sizes 1000 10000 100000] [--quick] [--no-readme]

Builds (or reuses) the shared synthetic stores, runs each benchmark in its own process (so
one Qt application or one import cache never colours the next), keeps the raw figures in
``benchmarks/results/latest.json`` and replaces what is between ``<!-- bench:start -->`` and
``<!-- bench:end -->`` in docs/performance.md (the markers are added at the end, under
"## Speed", the first time; the README is for using the app). Every figure is a ratio
against a baseline measured in the same run; nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from common import HERE, RESULTS, child_env, machine, write_json
from synthetic import SIZES, cached_store

README = HERE.parent / "docs" / "performance.md"  # where the table goes
START, END = "<!-- bench:start -->", "<!-- bench:end -->"

# The targets of issue 7 (and the speed bullet of issue 3), as ratios or budgets.
FIRST_PAINT_X = 1.3
READY_10K_X = 3.0
RSS_10K_X = 2.0
MATCH_P50_MS, MATCH_P95_MS, MATCH_100K_MS, MATCH_RAW_X = 5.0, 15.0, 40.0, 1.5
SEARCH_MS = {10_000: 16.0, 100_000: 50.0}
STALL_MS = 50.0
EXPORT_MD_X, EXPORT_PDF_S = 1.0, 2.0


def _bench(script: str, *args: str) -> dict[str, Any]:
    out = RESULTS / f"{Path(script).stem}-{'-'.join(args) or 'all'}.json".replace(" ", "")
    cmd = [sys.executable, str(HERE / script), *args, "--json", str(out)]
    print(f"\n$ {' '.join(cmd[1:])}", flush=True)
    subprocess.run(cmd, check=True, env=child_env(), cwd=HERE)
    data: dict[str, Any] = json.loads(out.read_text())
    return data


def _ok(met: bool) -> str:
    return "met" if met else "**missed**"


def _ms(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def render(results: dict[str, Any], info: dict[str, str]) -> str:
    lines = [
        f"Measured {results['date']} on {info['cpu']} ({info['cores']} cores, "
        f"{info['memory']}), {info['os']}; Python {info['python']}, {info['qt']}, "
        f"SQLite {info['sqlite']}, SQLAlchemy {info['sqlalchemy']}. Synthetic stores from "
        "`benchmarks/synthetic.py` (tags and skill words from the app's vocabulary, 1,000 "
        "rejections each). Regenerate with `make bench`; raw figures in "
        "`benchmarks/results/latest.json`.",
        "",
    ]
    start = {row["name"]: row for row in results["startup"]}
    lines += [
        "**Start-up** (whole process, hyperfine in three rounds whose runs are pooled, "
        "offscreen; median time ± σ, ratios of medians; "
        "peak RSS from `/usr/bin/time -v`). "
        "The floor is `benchmarks/bare_window.py`, a bare PySide6 `QMainWindow` that exits "
        "after its first paint. The app shows its window frame first and opens the store on a "
        "worker thread: `--exit-at painted` exits at that first paint, `--exit-when-ready` "
        "once the listed entries are painted (read with sqlite3 alone), and `--exit-at "
        "settled` once SQLAlchemy and the ORM, loaded off the UI thread after that, are in "
        "memory too: the footprint of the window in use.",
        "",
        "| run | time (ms) | × floor | target | peak RSS (MiB) | × floor | target |",
        "|---|---:|---:|---|---:|---:|---|",
    ]
    for name, row in start.items():
        target = rss_target = ""
        if name == "first paint":
            target = f"≤ {FIRST_PAINT_X}× {_ok(row['ratio'] <= FIRST_PAINT_X)}"
        if name == "ready 10000":
            target = f"≤ {READY_10K_X}× {_ok(row['ratio'] <= READY_10K_X)}"
            rss_target = f"≤ {RSS_10K_X}× {_ok(row['rss_ratio'] <= RSS_10K_X)}"
        if name == "settled 10000":
            rss_target = f"≤ {RSS_10K_X}× {_ok(row['rss_ratio'] <= RSS_10K_X)}"
        kind = name.rsplit(" ", 1)[0] if row["entries"] else name
        label = (f"{kind}, {row['entries']:,} entries" if row["entries"]
                 else {"floor": "floor (bare window)"}.get(name, name + " (empty store)"))
        if row.get("failures"):
            label += f" ({row['failures']} of the runs exited non-zero)"
        shown = row.get("median_ms", row["mean_ms"])
        lines.append(f"| {label} | {shown:,.0f} ± {row['stddev_ms']:,.0f} "
                     f"| {row['ratio']:.2f} | {target} | {row['peak_rss_mib']:.0f} "
                     f"| {row['rss_ratio']:.2f} | {rss_target} |")

    lines += [
        "",
        "**Evidence matching** (`core.matching.match_evidence`, 16 realistic rejections "
        "rotating, in process). Baseline: a raw FTS5 query for the feedback's words on the "
        "same database, `ORDER BY rank LIMIT 40`.",
        "",
        "| entries | p50 (ms) | p95 (ms) | raw FTS5 p50 (ms) | × raw (p50) | target |",
        "|---:|---:|---:|---:|---:|---|",
    ]
    for row in results["matching"]:
        n, p50, p95 = row["entries"], row["match_p50_ms"], row["match_p95_ms"]
        ratio = p50 / row["raw_p50_ms"] if row["raw_p50_ms"] else float("inf")
        if n >= 100_000:
            target = f"p95 ≤ {MATCH_100K_MS:.0f} ms {_ok(p95 <= MATCH_100K_MS)}"
        else:
            target = (f"p50 ≤ {MATCH_P50_MS:.0f}, p95 ≤ {MATCH_P95_MS:.0f} ms "
                      f"{_ok(p50 <= MATCH_P50_MS and p95 <= MATCH_P95_MS)}")
        target += f"; ≤ {MATCH_RAW_X}× raw {_ok(ratio <= MATCH_RAW_X)}"
        lines.append(f"| {n:,} | {p50:.2f} | {p95:.2f} | {row['raw_p50_ms']:.2f} "
                     f"| {ratio:.2f} | {target} |")

    lines += [
        "",
        "**Search as you type** in the entry list, through the real window offscreen, worst "
        "case (every key searches, as if the person paused after each): UI-thread work per "
        "keystroke (key press, starting the search, applying its result, repaint; the query "
        "runs in a worker thread) and the time until the results are painted. Stall "
        "detector: the longest gap between the ticks of a 5 ms QTimer while a script types "
        "the same words at 90 ms a key through the event loop.",
        "",
        "| entries | UI p50 (ms) | UI p95 (ms) | UI max (ms) | shown p50 / p95 (ms) "
        "| longest UI gap (ms) | target (UI p95) |",
        "|---:|---:|---:|---:|---:|---:|---|",
    ]
    for row in results["search"]:
        n = row["entries"]
        budget = SEARCH_MS.get(n)
        target = (f"≤ {budget:.0f} ms {_ok(row['p95_ms'] <= budget)}; " if budget else "")
        target += f"no gap > {STALL_MS:.0f} ms {_ok(row['longest_gap_ms'] <= STALL_MS)}"
        lines.append(f"| {n:,} | {row['p50_ms']:.1f} | {row['p95_ms']:.1f} "
                     f"| {row['max_ms']:.1f} | {row['latency_p50_ms']:.0f} / "
                     f"{row['latency_p95_ms']:.0f} | {row['longest_gap_ms']:.0f} | {target} |")

    lines += [
        "",
        "**Export** from the command line, whole process (hyperfine). Markdown against "
        "`jrnl --format markdown` (jrnl 4.6, its own venv) on a journal of the same entries; "
        "`--details` adds notes and every field, closest to what jrnl prints.",
        "",
        "| entries | `export --format md` (ms) | `--details` (ms) | jrnl (ms) | × jrnl "
        "| PDF (s) | target |",
        "|---:|---:|---:|---:|---:|---:|---|",
    ]
    pdf = {row["entries"]: row for row in results["export_pdf"]}
    for row in results["export_markdown"]:
        n = row["entries"]
        p = pdf.get(n, {})
        secs = p.get("seconds")
        pdf_text = f"{secs:.1f}" if secs else p.get("note", "")
        target = ""
        if n == 1_000:
            target = (f"md ≤ {EXPORT_MD_X}× jrnl {_ok(row['ratio'] <= EXPORT_MD_X)}; PDF ≤ "
                      f"{EXPORT_PDF_S:.0f} s {_ok(bool(secs) and secs <= EXPORT_PDF_S)}")
        lines.append(f"| {n:,} | {_ms(row['trackrecord_ms'])} "
                     f"| {_ms(row['trackrecord_details_ms'])} | {_ms(row['jrnl_ms'])} "
                     f"| {row['ratio']:.2f} | {pdf_text} | {target} |")
    return "\n".join(lines)


def write_readme(table: str) -> None:
    text = README.read_text(encoding="utf-8")
    block = f"{START}\n{table}\n{END}"
    if START in text and END in text:
        head, rest = text.split(START, 1)
        _old, tail = rest.split(END, 1)
        text = head + block + tail
    else:
        text = text.rstrip("\n") + "\n\n## Speed\n\n" + block + "\n"
    README.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--quick", action="store_true", help="fewer runs (a smoke test)")
    parser.add_argument("--no-readme", action="store_true",
                        help="do not touch docs/performance.md")
    parser.add_argument("--render-only", action="store_true",
                        help="rewrite the table in docs/performance.md from results/latest.json, "
                        "measuring nothing")
    args = parser.parse_args(argv)
    if args.render_only:
        saved = json.loads((RESULTS / "latest.json").read_text(encoding="utf-8"))
        write_readme(render(saved, saved["machine"]))
        print(f"wrote the table into {README}")
        return 0
    sizes = [str(s) for s in args.sizes]
    for size in args.sizes:
        print(f"store of {size:,} entries: {cached_store(size).root}", flush=True)
    runs = "3" if args.quick else "10"
    results: dict[str, Any] = {"date": dt.date.today().isoformat(), "sizes": args.sizes}
    results |= _bench("bench_startup.py", "--sizes", *sizes, "--runs", runs)
    results |= _bench("bench_matching.py", "--sizes", *sizes,
                      "--runs", "48" if args.quick else "320")
    results["search"] = []
    for size in sizes:
        results["search"] += _bench("bench_search.py", "--entries", size)["search"]
    results |= _bench("bench_export.py", "--sizes", *sizes, "--runs", "3" if args.quick else "8")
    info = machine()
    results["machine"] = info
    write_json(RESULTS / "latest.json", results)
    table = render(results, info)
    print("\n" + table)
    if not args.no_readme:
        write_readme(table)
        print(f"\nwrote the table into {README}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
