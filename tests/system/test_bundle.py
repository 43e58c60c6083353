"""The PyInstaller one-folder bundle builds from the spec and runs on its own.

Slow (about a minute and a half on two cores, most of it installing PyInstaller and the app
into a fresh venv): it proves the spec collects what the app loads by name or from files —
trackrecord.resources, the Alembic revisions, Markdown's extensions, the Qt platform
plugins — which no import-based test can.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from trackrecord import __version__

REPO = Path(__file__).resolve().parents[2]
SPEC = Path("packaging") / "pyinstaller" / "trackrecord.spec"
# What a pip install of the checkout reads; copied so the build writes nothing into it.
SOURCES = ("pyproject.toml", "README.md", "desktop", "resources", "packaging/pyinstaller")
BUILD_TIMEOUT_S = 15 * 60

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"),
                       reason="the spec is checked on Linux; see packaging/README.md"),
]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("bundle")
    source = work / "source"
    for name in SOURCES:
        origin = REPO / name
        if origin.is_dir():
            shutil.copytree(origin, source / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(origin, source / name)
    builder = work / "venv"
    venv.create(builder, with_pip=True)
    python = builder / "bin" / "python"
    # A normal install, as the spec requires (an editable one is refused by the spec).
    subprocess.run(
        [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "--constraint", str(REPO / "packaging" / "constraints.txt"), f"{source}[bundle]"],
        check=True, timeout=BUILD_TIMEOUT_S,
    )
    subprocess.run(
        [builder / "bin" / "pyinstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(work / "dist"), "--workpath", str(work / "build"), str(SPEC)],
        check=True, cwd=source, timeout=BUILD_TIMEOUT_S,
    )
    app = work / "dist" / "trackrecord" / "trackrecord"
    assert app.is_file()
    return app


def _run(app: Path, tmp_path: Path, *argv: str, stdin: str | None = None) -> str:
    # Nothing from this test run may help the bundle: no venv, no PYTHONPATH, another folder.
    env = {
        key: value for key, value in os.environ.items()
        if not key.startswith(("PYTHON", "VIRTUAL_ENV"))
    }
    env.update(QT_QPA_PLATFORM="offscreen", TRACKRECORD_DATA_DIR=str(tmp_path / "data"))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(exist_ok=True)
    done = subprocess.run([app, *argv], capture_output=True, text=True, env=env,
                          cwd=elsewhere, input=stdin, timeout=120)
    assert done.returncode == 0, f"{argv}: {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_bundle_reports_its_version(bundle: Path, tmp_path: Path) -> None:
    assert _run(bundle, tmp_path, "--version").strip() == f"trackrecord {__version__}"


def test_bundle_opens_a_new_store_and_paints_offscreen(bundle: Path, tmp_path: Path) -> None:
    # A new store is created by the Alembic revisions, read from files in the bundle.
    _run(bundle, tmp_path, "--exit-when-ready")
    assert (tmp_path / "data" / "trackrecord.sqlite3").is_file()
    assert "the database is sound" in _run(bundle, tmp_path, "check")


def test_bundle_opens_the_demo(bundle: Path, tmp_path: Path) -> None:
    # The demo data and the stylesheet come from trackrecord.resources.
    _run(bundle, tmp_path, "--demo", "--exit-when-ready")


def test_bundle_exports_markdown_notes_and_a_pdf(bundle: Path, tmp_path: Path) -> None:
    notes = "Rolled out **safely**.\n\n| stage | p99 |\n|---|---|\n| before | 480 ms |\n"
    _run(bundle, tmp_path, "add", "shipped", "--title", "Ledger v2", "--notes", "-",
         stdin=notes)
    out = tmp_path / "brag.html"
    _run(bundle, tmp_path, "export", "-f", "html", "--details", "-o", str(out))
    html = out.read_text(encoding="utf-8")
    # Markdown finds its "tables" extension by name: only there if the bundle collected it.
    assert "<strong>safely</strong>" in html and "<table>" in html
    pdf = tmp_path / "brag.pdf"
    _run(bundle, tmp_path, "export", "-f", "pdf", "-o", str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF")


def test_bundle_carries_the_files_loaded_from_disk(bundle: Path) -> None:
    internal = bundle.parent / "_internal"
    revisions = internal / "trackrecord" / "core" / "store" / "migrations" / "versions"
    shipped = {p.name for p in revisions.glob("*.py")}
    in_repo = {
        p.name for p in (REPO / "desktop/trackrecord/core/store/migrations/versions").glob("*.py")
    }
    assert shipped == in_repo
    assert (internal / "trackrecord" / "core" / "store" / "migrations" / "env.py").is_file()
    assert (internal / "trackrecord" / "resources" / "ui" / "style.qss").is_file()
    platforms = internal / "PySide6" / "Qt" / "plugins" / "platforms"
    assert {"libqoffscreen.so", "libqxcb.so", "libqwayland.so"} <= {
        p.name for p in platforms.iterdir()
    }
