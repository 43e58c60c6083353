"""Brag-document export from the command line, against jrnl on the same entries.

    python benchmarks/bench_export.py [--sizes 1000 10000 100000] [--jrnl PATH] [--json FILE]

Markdown: ``trackrecord --data-dir D export --format md -o -`` and
``jrnl --config-file C --format markdown`` over a jrnl journal file holding the same entries
(title, summary, impact, metrics, notes and tags; written from the same generator), timed as
whole processes in one hyperfine run. ``--details`` (notes and every field) is timed too, as
it is the export closest to what jrnl prints.

PDF: ``trackrecord export --format pdf -o FILE``, wall time of the whole process. Sizes are
run smallest first; once one takes longer than ``--pdf-timeout`` seconds, the larger ones are
not run (reported as such).

jrnl comes from PyPI into its own venv (``benchmarks/results/venv-jrnl``, made on first use), never
into the app's.
"""

from __future__ import annotations

import argparse
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import HERE, child_env, hyperfine, trackrecord_command, write_json
from synthetic import SIZES, cached_store, entries, fresh_copy

JRNL_VENV = HERE / "results" / "venv-jrnl"  # results/ is ignored by git
JRNL_VERSION = "jrnl==4.6"
JRNL_CONFIG = """\
colors: {{body: none, date: none, tags: none, title: none}}
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: false
indent_character: '|'
journals:
  default:
    journal: {journal}
linewrap: 79
tagsymbols: '#@'
template: false
timeformat: '%Y-%m-%d %H:%M'
version: v4.6
"""


def ensure_jrnl(explicit: str | None) -> str:
    if explicit:
        return explicit
    jrnl = JRNL_VENV / "bin" / "jrnl"
    if not jrnl.exists():
        subprocess.run([sys.executable, "-m", "venv", str(JRNL_VENV)], check=True)
        subprocess.run([str(JRNL_VENV / "bin" / "python"), "-m", "pip", "install", "--quiet",
                        JRNL_VERSION], check=True)
    return str(jrnl)


def write_journal(path: Path, size: int) -> None:
    """The generator's entries as a jrnl journal: one ``[date time] title`` line each, then
    the body, with the tags as @tags."""
    with path.open("w", encoding="utf-8") as out:
        for e in sorted(entries(size), key=lambda e: (e.start, e.pk)):
            body = [e.summary]
            if e.impact:
                body.append(f"Impact: {e.impact}")
            if e.metrics:
                body.append(f"Metrics: {e.metrics}")
            body.append(e.notes)
            body.append(" ".join(f"@{t}" for t in e.tags))
            out.write(f"[{e.start.isoformat()} 09:00] {e.title}\n" + "\n".join(body) + "\n\n")


def _timed(argv: list[str], timeout: float) -> float | None:
    start = time.perf_counter()
    try:
        subprocess.run(argv, env=child_env(), check=True, stdout=subprocess.DEVNULL,
                       timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    return time.perf_counter() - start


def run(sizes: list[int], runs: int, jrnl: str, pdf_timeout: float) -> dict[str, object]:
    app = trackrecord_command()
    markdown, pdf = [], []
    with tempfile.TemporaryDirectory(prefix="trackrecord-export-") as tmp:
        root = Path(tmp)
        pdf_stopped_at: int | None = None
        for size in sizes:
            data = fresh_copy(cached_store(size), root / f"s{size}")
            journal = root / f"journal-{size}.txt"
            write_journal(journal, size)
            config = root / f"jrnl-{size}.yaml"
            config.write_text(JRNL_CONFIG.format(journal=journal), encoding="utf-8")
            base = [*app, "--data-dir", str(data.root), "export", "--format"]
            commands = {
                "trackrecord md": shlex.join([*base, "md", "-o", "-"]),
                "trackrecord md --details": shlex.join([*base, "md", "--details", "-o", "-"]),
                "jrnl markdown": shlex.join([jrnl, "--config-file", str(config),
                                             "--format", "markdown"]),
            }
            # jrnl reads its config from the home folder too: keep it in the temp folder.
            env = child_env(HOME=str(root), XDG_CONFIG_HOME=str(root / "config"))
            size_runs = runs if size <= 10_000 else max(2, runs // 4)
            times = hyperfine(commands, runs=size_runs, warmup=1, env=env)
            jrnl_ms = times["jrnl markdown"]["mean_ms"]
            markdown.append({
                "entries": size,
                "trackrecord_ms": times["trackrecord md"]["mean_ms"],
                "trackrecord_details_ms": times["trackrecord md --details"]["mean_ms"],
                "jrnl_ms": jrnl_ms,
                "ratio": times["trackrecord md"]["mean_ms"] / jrnl_ms,
                "details_ratio": times["trackrecord md --details"]["mean_ms"] / jrnl_ms,
            })
            if pdf_stopped_at is not None:
                pdf.append({"entries": size, "seconds": None,
                            "note": f"not run: {pdf_stopped_at:,} entries took over "
                                    f"{pdf_timeout:.0f} s"})
                continue
            out = root / f"brag-{size}.pdf"
            argv = [*base, "pdf", "-o", str(out)]
            samples = []
            for _ in range(3 if size <= 1_000 else 1):
                out.unlink(missing_ok=True)
                took = _timed(argv, pdf_timeout)
                if took is None:
                    break
                samples.append(took)
            if not samples:
                pdf_stopped_at = size
                pdf.append({"entries": size, "seconds": None,
                            "note": f"stopped after {pdf_timeout:.0f} s"})
            else:
                pdf.append({"entries": size, "seconds": sum(samples) / len(samples),
                            "bytes": out.stat().st_size})
    return {"export_markdown": markdown, "export_pdf": pdf}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--runs", type=int, default=8)
    parser.add_argument("--jrnl", help="a jrnl to use instead of the benchmark venv")
    parser.add_argument("--pdf-timeout", type=float, default=240.0)
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args(argv)
    result = run(args.sizes, args.runs, ensure_jrnl(args.jrnl), args.pdf_timeout)
    print("| entries | trackrecord md (ms) | --details (ms) | jrnl markdown (ms) | x jrnl |")
    print("|---:|---:|---:|---:|---:|")
    for row in result["export_markdown"]:  # type: ignore[union-attr]
        print(f"| {row['entries']:,} | {row['trackrecord_ms']:.0f} "
              f"| {row['trackrecord_details_ms']:.0f} | {row['jrnl_ms']:.0f} "
              f"| {row['ratio']:.2f} |")
    for row in result["export_pdf"]:  # type: ignore[union-attr]
        took = row["seconds"]
        print(f"PDF {row['entries']:,}: " + (f"{took:.2f} s" if took else row["note"]))
    if args.json:
        write_json(args.json, result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
