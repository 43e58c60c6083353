"""A plain ``pip install .`` into a fresh venv works from any folder, resources included."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_wheel_installs_into_a_fresh_venv_and_runs_elsewhere(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(wheels),
         str(REPO)],
        check=True, cwd=tmp_path,
    )
    [wheel] = wheels.glob("trackrecord-*.whl")
    fresh = tmp_path / "fresh"
    venv.create(fresh, with_pip=True)
    python = fresh / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "--quiet", "--constraint",
                    str(REPO / "packaging" / "constraints.txt"), str(wheel)], check=True)

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {
        **os.environ,
        "TRACKRECORD_DATA_DIR": str(tmp_path / "data"),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": "",
    }
    script = fresh / "bin" / "trackrecord"

    def run(*argv: str) -> str:
        done = subprocess.run(
            [script, *argv], capture_output=True, text=True, env=env, cwd=elsewhere, check=True
        )
        return done.stdout

    # The package comes from the venv, not from this checkout.
    where = subprocess.run(
        [python, "-c", "import trackrecord; print(trackrecord.__file__)"],
        capture_output=True, text=True, env=env, cwd=elsewhere, check=True,
    ).stdout
    assert str(fresh) in where
    assert run("add", "shipped", "--title", "Installed fine").strip()
    assert "Installed fine" in run("list")
    # Migrations and the demo data are resources inside the wheel.
    run("--demo", "--exit-when-ready")
