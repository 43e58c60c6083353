"""The core must never pull in Qt: the CLI and the services work without a display."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import trackrecord.core


def test_importing_every_core_module_loads_no_qt() -> None:
    found = pkgutil.walk_packages(trackrecord.core.__path__, "trackrecord.core.")
    modules = [m.name for m in found]
    # Alembic revision scripts are loaded by Alembic, not imported as modules.
    modules = [m for m in modules if ".migrations.versions" not in m and not m.endswith(".env")]
    assert "trackrecord.core.record.entries" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "import trackrecord.cli, trackrecord.commands.entries\n"
        "qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(','.join(qt))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "", f"core imported Qt: {done.stdout}"
