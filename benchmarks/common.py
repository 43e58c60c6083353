"""Helpers the benchmarks share: percentiles, JSON output, the child-process environment,
the machine description, and running public tools (hyperfine, /usr/bin/time)."""

from __future__ import annotations

import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"


def percentiles(samples: list[float]) -> tuple[float, float]:
    """(p50, p95) of ``samples``, nearest rank."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return statistics.median(ordered), p95


def write_json(path: str | Path, data: dict[str, Any]) -> None:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(json.dumps(data, indent=2, default=str) + "\n", encoding="utf-8")


def child_env(**extra: str) -> dict[str, str]:
    """The environment child processes are timed in: offscreen Qt, and bytecode caching on
    (PYTHONDONTWRITEBYTECODE would make every run compile every module, which no installed
    app does: pip writes the .pyc files at install time)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.update(extra)
    return env


def trackrecord_command() -> list[str]:
    """The installed ``trackrecord`` script of this interpreter (what a person runs)."""
    script = Path(sys.executable).parent / "trackrecord"
    return [str(script)] if script.exists() else [sys.executable, "-m", "trackrecord"]


def require(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        raise SystemExit(f"benchmarks: {tool} is not installed (apt-get install {tool})")
    return found


def hyperfine(commands: dict[str, str], *, runs: int, warmup: int = 2,
              env: dict[str, str] | None = None, prepare: str | None = None,
              timeout: float | None = None, rounds: int = 1) -> dict[str, dict[str, float]]:
    """Time whole processes with hyperfine; returns per-name mean/median/stddev/min in
    milliseconds. Commands are given as shell-free strings (hyperfine -N).

    With ``rounds`` > 1, hyperfine runs that many times over all the commands and the
    figures come from all the runs together: a machine that drifts (caches dropped, a
    neighbour busy) then colours every command alike instead of whichever ran last.
    ``timeout`` applies to each round."""
    out_file = RESULTS / "hyperfine.json"
    RESULTS.mkdir(parents=True, exist_ok=True)
    # Failures are counted, not fatal: one odd exit in a long run should not lose the rest
    # (they are reported next to the figure).
    args = [require("hyperfine"), "-N", "--style", "none", "--ignore-failure", "--runs",
            str(runs), "--warmup", str(warmup), "--export-json", str(out_file)]
    if prepare:
        args += ["--prepare", prepare]
    for name, command in commands.items():
        args += ["--command-name", name, command]
    times: dict[str, list[float]] = {name: [] for name in commands}
    failures = dict.fromkeys(commands, 0)
    for _round in range(rounds):
        subprocess.run(args, check=True, env=env or child_env(), stdout=subprocess.DEVNULL,
                       timeout=timeout)
        for item in json.loads(out_file.read_text())["results"]:
            times[item["command"]] += [t * 1000 for t in item["times"]]
            failures[item["command"]] += sum(
                1 for code in item.get("exit_codes", []) if code != 0)
    return {
        name: {
            "mean_ms": statistics.fmean(ms), "median_ms": statistics.median(ms),
            "stddev_ms": statistics.stdev(ms) if len(ms) > 1 else 0.0, "min_ms": min(ms),
            "failures": failures[name], "runs": len(ms),
        }
        for name, ms in times.items()
    }


def peak_rss_mib(argv: list[str], *, runs: int = 3, env: dict[str, str] | None = None) -> float:
    """Median of ``runs`` peak resident set sizes of a whole process, from /usr/bin/time -v."""
    time_bin = "/usr/bin/time"
    if not Path(time_bin).exists():
        raise SystemExit("benchmarks: /usr/bin/time is missing (apt-get install time)")
    peaks = []
    for _ in range(runs):
        done = subprocess.run([time_bin, "-v", *argv], env=env or child_env(),
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                              check=False)
        if done.returncode != 0:
            raise RuntimeError(f"{argv} failed: {done.stderr[-2000:]}")
        found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
        if found is None:
            raise RuntimeError(f"no peak RSS from /usr/bin/time: {done.stderr[-500:]}")
        peaks.append(int(found.group(1)) / 1024)
    return statistics.median(peaks)


def machine() -> dict[str, str]:
    """What the figures were measured on."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        import PySide6
        from PySide6 import QtCore

        qt = f"Qt {QtCore.qVersion()}, PySide6 {PySide6.__version__}"
    except ImportError:
        qt = "Qt not installed"
    import sqlite3

    import sqlalchemy

    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "memory": _memory(),
        "python": platform.python_version(),
        "qt": qt,
        "sqlite": sqlite3.sqlite_version,
        "sqlalchemy": sqlalchemy.__version__,
        "os": f"{platform.system()} {platform.release()}",
    }


def _memory() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                return f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"
    except OSError:
        pass
    return "unknown"
