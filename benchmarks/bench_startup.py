"""Start-up time and peak memory, whole process, against a bare PySide6 window.

    python benchmarks/bench_startup.py [--sizes 1000 10000 100000] [--runs 10] [--json FILE]

In three rounds of hyperfine over all of them (offscreen, bytecode caching on), so a drift
of the machine during the run does not land on one command alone:

- floor: ``benchmarks/bare_window.py``, a bare QMainWindow that exits after its first paint;
- first paint: ``trackrecord --data-dir EMPTY --exit-at painted`` on an initialised empty
  store: it exits at the window's first paint (the frame is shown before the store opens);
  and the same on each synthetic store, to show it does not grow with the data;
- ready with N entries: ``trackrecord --data-dir D --exit-when-ready`` on the shared
  synthetic stores (the list of N entries is painted, then it exits);
- settled with 10,000: ``--exit-at settled``, which also waits for the ORM (SQLAlchemy),
  loaded off the UI thread once the entries are listed: the memory of a window in use.

Ratios are of median times (a few outliers move a mean by a quarter on a small VM). Peak
resident memory of each comes from ``/usr/bin/time -v`` (median of three). Each store is
a fresh copy, so window state saved by one run does not change the next.
"""

from __future__ import annotations

import argparse
import shlex
import sys
import tempfile
from pathlib import Path

from common import HERE, child_env, hyperfine, peak_rss_mib, trackrecord_command, write_json
from synthetic import SIZES, cached_store, fresh_copy

from trackrecord.core.store.db import open_store
from trackrecord.paths import DataPaths

SETTLED_SIZE = 10_000  # the size the memory target is stated for
ROUNDS = 3  # hyperfine passes over all the commands; the figures pool their runs


def _command(argv: list[str]) -> str:
    return shlex.join(argv)


def run(sizes: list[int], runs: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="trackrecord-startup-") as tmp:
        root = Path(tmp)
        empty = DataPaths(root / "empty")
        open_store(empty).close()  # migrated: start-up measures opening, not creating
        app = trackrecord_command()
        commands = {
            "floor": _command([sys.executable, str(HERE / "bare_window.py")]),
            "first paint": _command([*app, "--data-dir", str(empty.root), "--exit-at", "painted"]),
        }
        stores = {size: fresh_copy(cached_store(size), root / f"s{size}") for size in sizes}
        for size, data in stores.items():
            # The frame is painted before the store is opened: flat across sizes.
            commands[f"first paint {size}"] = _command(
                [*app, "--data-dir", str(data.root), "--exit-at", "painted"])
        for size, data in stores.items():
            commands[f"ready {size}"] = _command(
                [*app, "--data-dir", str(data.root), "--exit-when-ready"])
            if size == SETTLED_SIZE:
                commands[f"settled {size}"] = _command(
                    [*app, "--data-dir", str(data.root), "--exit-at", "settled"])
        env = child_env()
        times = hyperfine(commands, runs=runs, warmup=3, env=env, rounds=ROUNDS)
        rss = {name: peak_rss_mib(shlex.split(cmd), env=env) for name, cmd in commands.items()}
    # Medians: a few slow outliers (this VM has them) would move a mean, and with it the
    # ratio, by a quarter either way.
    floor = times["floor"]["median_ms"]
    floor_rss = rss["floor"]
    rows = []
    for name in commands:
        rows.append({
            "name": name,
            "entries": int(name.split()[-1]) if name.split()[-1].isdigit() else 0,
            "mean_ms": times[name]["mean_ms"],
            "median_ms": times[name]["median_ms"],
            "stddev_ms": times[name]["stddev_ms"],
            "failures": times[name]["failures"],
            "ratio": times[name]["median_ms"] / floor,
            "peak_rss_mib": rss[name],
            "rss_ratio": rss[name] / floor_rss,
        })
    return {"startup": rows}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args(argv)
    result = run(args.sizes, args.runs)
    print("| run | median time (ms) | x floor | peak RSS (MiB) | x floor |")
    print("|---|---:|---:|---:|---:|")
    for row in result["startup"]:  # type: ignore[union-attr]
        print(f"| {row['name']} | {row['median_ms']:.0f} ± {row['stddev_ms']:.0f} "
              f"| {row['ratio']:.2f} | {row['peak_rss_mib']:.0f} | {row['rss_ratio']:.2f} |")
    if args.json:
        write_json(args.json, result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
