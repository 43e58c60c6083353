"""Every Python package in the source tree ships in the wheel (the list is explicit)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from packaging.requirements import Requirement

REPO = Path(__file__).resolve().parents[2]


def test_every_package_is_listed_in_pyproject() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed = set(config["packages"])
    source = REPO / "desktop"
    found = {
        ".".join(init.parent.relative_to(source).parts)
        for init in source.rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"
    assert "trackrecord.resources" in listed
    assert config["package-dir"]["trackrecord.resources"] == "resources"


def test_the_build_asks_for_what_the_project_table_needs() -> None:
    """A licence written as an SPDX string (PEP 639) needs setuptools 77 or newer; a build
    against an older one fails, so the build system must say so. wheel is not needed."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text())
    requires = [Requirement(r) for r in config["build-system"]["requires"]]
    assert "wheel" not in {r.name for r in requires}
    [setuptools] = [r for r in requires if r.name == "setuptools"]
    if isinstance(config["project"]["license"], str):
        assert not setuptools.specifier.contains("76.9"), setuptools
        assert setuptools.specifier.contains("77.0")
