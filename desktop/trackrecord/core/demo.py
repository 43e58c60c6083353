"""The sample track record behind ``trackrecord --demo``, shipped in resources/demo/."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from trackrecord.core.db import Store
from trackrecord.core.entries import EntryService

DEMO_FILE = ("demo", "track_record.json")


def demo_entries() -> list[dict[str, Any]]:
    source = resources.files("trackrecord.resources").joinpath(*DEMO_FILE)
    document = json.loads(source.read_text(encoding="utf-8"))
    entries: list[dict[str, Any]] = document["entries"]
    return entries


def load_demo(store: Store) -> int:
    """Fill an (empty, throwaway) store with the sample entries; returns how many."""
    service = EntryService(store)
    count = 0
    for values in demo_entries():
        values = dict(values)
        service.create(values.pop("kind"), values.pop("title"), **values)
        count += 1
    return count
