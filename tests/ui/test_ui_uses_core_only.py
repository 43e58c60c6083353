"""Only the core talks to SQLAlchemy: the window and the PDF renderers see the core's own
errors and dataclasses, never a session or a SQLAlchemy exception."""

from __future__ import annotations

import ast
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "desktop" / "trackrecord"


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def test_no_ui_or_pdf_module_imports_sqlalchemy() -> None:
    modules = [p for folder in ("ui", "pdf") for p in sorted((APP / folder).rglob("*.py"))]
    assert any(p.name == "autosave.py" for p in modules)
    found = {str(p.relative_to(APP)): sorted(n for n in _imports(p)
                                             if n.split(".")[0] == "sqlalchemy")
             for p in modules}
    assert {path: names for path, names in found.items() if names} == {}
