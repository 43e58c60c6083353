"""Where the files Track Record ships are (reframes, vocabularies, demo data, styles): the
``trackrecord.resources`` package, which is ``resources/`` in the repository.

Every install keeps them as plain files (a wheel, an editable install, the one-folder
bundle), so they are read straight from the package's folder: importlib.resources would
cost about 3 ms to import before the window's first paint, for the same answer.
"""

from __future__ import annotations

from functools import cache
from importlib.util import find_spec
from pathlib import Path


@cache
def _folder() -> Path:
    spec = find_spec("trackrecord.resources")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("trackrecord.resources is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def resource_path(*parts: str) -> Path:
    """The shipped file or folder at ``parts``, e.g. ``resource_path("ui", "style.qss")``."""
    return _folder().joinpath(*parts)
