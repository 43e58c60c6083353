"""The nudge to add a number: an entry without impact or metrics is asked, gently, for one,
with examples fit for its kind (the kind registry's ``number_examples``). Numbers are what
survive into a brag document and an interview answer."""

from __future__ import annotations

from trackrecord.core.record.kinds import KIND_REGISTRY


def number_examples(kind: str, impact: str, metrics: str) -> tuple[str, ...]:
    """The examples to show, or () when the entry has a number already (or its kind needs
    none, like praise)."""
    found = KIND_REGISTRY.get(kind)
    if found is None or impact.strip() or metrics.strip():
        return ()
    return found.number_examples
