"""The sample track record behind ``trackrecord --demo``, shipped in resources/demo/."""

from __future__ import annotations

import json
from typing import Any

from trackrecord.core.matching.query import MatchQuery
from trackrecord.core.record.entries import EntryService
from trackrecord.core.rejections.analysis import analyse_rejection
from trackrecord.core.rejections.corrections import Corrections
from trackrecord.core.rejections.service import RejectionService
from trackrecord.core.store.db import Store
from trackrecord.resource_files import resource_path

DEMO_FILE = ("demo", "track_record.json")
DEMO_REJECTIONS = ("demo", "rejections.json")


def _document(*parts: str) -> dict[str, Any]:
    source = resource_path(*parts)
    document: dict[str, Any] = json.loads(source.read_text(encoding="utf-8"))
    return document


def demo_entries() -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = _document(*DEMO_FILE)["entries"]
    return entries


def demo_rejections() -> list[dict[str, Any]]:
    rejections: list[dict[str, Any]] = _document(*DEMO_REJECTIONS)["rejections"]
    return rejections


def load_demo(store: Store, *, with_rejections: bool = False) -> int:
    """Fill an (empty, throwaway) store with the sample entries, and a few rejections logged
    the way the app logs them (with what was shown); returns how many entries."""
    service = EntryService(store)
    ids: dict[str, str] = {}
    for values in demo_entries():
        values = dict(values)
        title = values.pop("title")
        ids[title] = service.create(values.pop("kind"), title, **values).id
    if with_rejections:
        _load_rejections(store, ids)
    return len(ids)


def _load_rejections(store: Store, ids: dict[str, str]) -> None:
    rejections = RejectionService(store)
    for values in demo_rejections():
        values = dict(values)
        practice = values.pop("practice", [])
        # Cards pinned to it, by title: later rejections about the same skill show them.
        pinned = Corrections(tuple(ids[title] for title in values.pop("pinned", [])))
        query = MatchQuery(stage=values["stage"], role=values["role"], level=values["level"],
                           company=values["company"], feedback=values["feedback"],
                           own_read=values["own_read"])
        analysis = analyse_rejection(store, query, values.get("debrief"),
                                     values.get("category"), corrections=pinned)
        saved = rejections.create(values.pop("company"), values.pop("stage"),
                                  snapshot=analysis.to_snapshot(), **values)
        for text in practice:
            rejections.add_practice(text, saved.id)
