"""The sample data behind --demo: a whole track record, and a few rejections logged with it."""

from __future__ import annotations

from collections import Counter

from trackrecord.core.demo import load_demo
from trackrecord.core.record.entries import EntryService
from trackrecord.core.rejections.service import RejectionService
from trackrecord.core.store.db import Store


def test_the_demo_has_every_kind_and_rejections_that_open_as_logged(store: Store) -> None:
    assert load_demo(store, with_rejections=True) >= 25
    kinds = Counter(e.kind for e in EntryService(store).all())
    assert set(kinds) == {"shipped", "incident", "mentoring", "other"}
    service = RejectionService(store)
    listed = service.list()
    assert {r.category for r in listed} == {"fit", "signal-gap", "external-noise", "unknown"}
    for summary in listed:
        rejection = service.get(summary.id)
        assert rejection.snapshot is not None  # opens showing what was shown
        shown = {e["id"] for e in rejection.snapshot["evidence"]}
        assert shown <= {e.id for e in EntryService(store).all()}  # only real evidence
    assert any(item.rejection_id for item in service.practice_items())
