"""Refresh packaging/constraints.txt, the one list of exact versions, and the Flatpak
manifest's pinned files from it (``make lock``; needs the network, like any resolve).

    python tools/lock.py [--python python3.11 --python python3.12 ...]

Every requirement in pyproject.toml (the app's, the test and dev extras', and the bundle's)
is resolved by pip on each Python given (by default every 3.11+ found on PATH or under
pyenv), with ``pip install --dry-run --report``: nothing is installed. A package that
resolves to the same version everywhere is pinned plainly; one that differs (PySide6: 6.11
on 3.11, 6.12 on 3.12+) gets one line per Python with an environment marker.

``make run``, ``make test``, ``make bundle`` and CI install with ``-c`` this file, so they
get the same versions on every machine. The Flatpak manifest cannot read a constraints file
(flatpak-builder downloads each file itself, checked by its sha256), so its sources between
the ``make lock`` markers are rewritten here from the newest Python's pins, with the URLs
and hashes PyPI gives; tests/system/test_packaging_files.py checks the two agree.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CONSTRAINTS = REPO / "packaging" / "constraints.txt"
MANIFEST = REPO / "packaging" / "flatpak" / "io.github.trackrecord.TrackRecord.yml"
BEGIN, END = "      # -- pinned by make lock: begin", "      # -- pinned by make lock: end"
# The Flatpak builds the app and MarkupSafe (no abi3 wheel) from source, offline.
FLATPAK_BUILD_TOOLS = ("setuptools", "packaging")
ARCHES = ("x86_64", "aarch64")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirements() -> list[str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    wanted = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        wanted += [r for r in extra if not r.startswith("trackrecord[")]
    return wanted


def runtime_requirements() -> list[str]:
    return list(tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["dependencies"])


def resolve(python: str, wanted: list[str]) -> dict[str, str]:
    """name -> version, as pip on ``python`` would install ``wanted`` into an empty venv."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        subprocess.run(
            [python, "-m", "pip", "install", "--dry-run", "--ignore-installed", "--isolated",
             "--quiet", "--report", str(report), *wanted], check=True)
        found = json.loads(report.read_text())["install"]
    return {canonical(i["metadata"]["name"]): i["metadata"]["version"] for i in found}


def python_version(python: str) -> tuple[int, int]:
    out = subprocess.run([python, "-c", "import sys; print(*sys.version_info[:2])"],
                         check=True, capture_output=True, text=True).stdout.split()
    return int(out[0]), int(out[1])


def pythons_here() -> list[str]:
    found: dict[tuple[int, int], str] = {}
    candidates = [shutil.which(f"python3.{minor}") for minor in range(11, 20)]
    candidates += [str(p) for p in Path.home().glob(".pyenv/versions/3.*/bin/python")]
    for candidate in filter(None, candidates):
        try:
            version = python_version(candidate)
        except (OSError, subprocess.CalledProcessError):
            continue
        if version >= (3, 11):
            found.setdefault(version, candidate)
    return [found[v] for v in sorted(found)]


def constraint_lines(by_python: dict[tuple[int, int], dict[str, str]]) -> list[str]:
    versions = sorted(by_python)
    names = sorted({n for pins in by_python.values() for n in pins})
    lines = []
    for name in names:
        # Runs of Pythons with the same version: one line each, the last open-ended.
        runs: list[tuple[list[tuple[int, int]], str | None]] = []
        for version in versions:
            pin = by_python[version].get(name)
            if runs and runs[-1][1] == pin:
                runs[-1][0].append(version)
            else:
                runs.append(([version], pin))
        if len(runs) == 1:
            lines.append(f"{name}=={runs[0][1]}")
            continue
        for i, (pythons, pin) in enumerate(runs):
            if pin is None:
                continue
            low, high = pythons[0], pythons[-1]
            if i == len(runs) - 1:
                marker = f'python_version >= "{low[0]}.{low[1]}"'
            elif low == high:
                marker = f'python_version == "{low[0]}.{low[1]}"'
            else:
                marker = (f'python_version >= "{low[0]}.{low[1]}" and '
                          f'python_version <= "{high[0]}.{high[1]}"')
            lines.append(f"{name}=={pin}; {marker}")
    return lines


def _name_and_version(filename: str) -> tuple[str, str]:
    if filename.endswith(".whl"):
        name, version = filename.split("-")[:2]
    else:
        name, _, version = filename.removesuffix(".tar.gz").removesuffix(".zip").rpartition("-")
    return canonical(name), version


def pypi_files(name: str, version: str) -> list[dict[str, object]]:
    """The files PyPI holds for one release (PEP 691's JSON form of the simple index)."""
    request = urllib.request.Request(f"https://pypi.org/simple/{canonical(name)}/",
                                     headers={"Accept": "application/vnd.pypi.simple.v1+json"})
    with urllib.request.urlopen(request, timeout=60) as answer:
        files = json.load(answer)["files"]
    return [f for f in files
            if _name_and_version(str(f["filename"])) == (canonical(name), version)]


def flatpak_sources(name: str, version: str) -> list[str]:
    """Version-independent files only: a py3-none-any wheel, else an abi3 manylinux wheel per
    architecture, else the sdist (built offline with FLATPAK_BUILD_TOOLS)."""
    files = pypi_files(name, version)

    def entry(f: dict[str, object], arch: str | None = None) -> str:
        hashes = f["hashes"]
        assert isinstance(hashes, dict)
        text = (f"      - type: file\n        url: {f['url']}\n"
                f"        sha256: {hashes['sha256']}\n        dest: wheels\n")
        return text + (f"        only-arches: [{arch}]\n" if arch else "")

    universal = [f for f in files if str(f["filename"]).endswith("-py3-none-any.whl")]
    if universal:
        return [entry(universal[0])]
    picked = []
    for arch in ARCHES:
        wheels = sorted((f for f in files if "-abi3-" in str(f["filename"])
                         and str(f["filename"]).endswith(f"_{arch}.whl")
                         and "manylinux" in str(f["filename"])),
                        key=lambda f: str(f["filename"]))
        if wheels:
            picked.append(entry(wheels[-1], arch))
    if len(picked) == len(ARCHES):
        return picked
    sdists = [f for f in files if str(f["filename"]).endswith(".tar.gz")]
    if not sdists:
        raise SystemExit(f"lock: no version-independent file of {name} {version} for Flatpak")
    return [entry(sdists[0])]


def write_manifest(pins: dict[str, str]) -> None:
    text = MANIFEST.read_text()
    start, stop = text.index(BEGIN), text.index(END)
    blocks = []
    for name in sorted(pins):
        blocks.append(f"      # {name} {pins[name]}\n" + "".join(flatpak_sources(name, pins[name])))
    MANIFEST.write_text(text[:start] + BEGIN + "\n" + "".join(blocks) + text[stop:])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--python", action="append", help="an interpreter to resolve for")
    args = parser.parse_args(argv)
    pythons = args.python or pythons_here()
    by_python = {python_version(p): resolve(p, requirements()) for p in pythons}
    spelled = ", ".join(f"{a}.{b}" for a, b in sorted(by_python))
    CONSTRAINTS.write_text(
        "# Exact versions for every install of Track Record (make run/test/bundle, CI), made\n"
        f"# by `make lock` (tools/lock.py) on Python {spelled}. Do not edit by hand.\n"
        + "\n".join(constraint_lines(by_python)) + "\n")
    newest = pythons[-1] if args.python else pythons_here()[-1]
    runtime = resolve(newest, runtime_requirements() + list(FLATPAK_BUILD_TOOLS))
    write_manifest(runtime)
    print(f"wrote {CONSTRAINTS.relative_to(REPO)} and {MANIFEST.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
