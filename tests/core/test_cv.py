"""CV bullets: a verb first, the entry's number in it, and nothing the entry does not say."""

from __future__ import annotations

import re

from trackrecord.core.bragdoc.cv import cv_bullet, render_cv
from trackrecord.core.bragdoc.document import build_document
from trackrecord.core.demo import load_demo
from trackrecord.core.record.entries import EntryService
from trackrecord.core.record.kinds import KIND_REGISTRY
from trackrecord.core.store.db import Store


def _words(text: str) -> set[str]:
    return {w.casefold() for w in re.findall(r"[\w$%~]+", text)}


def test_every_bullet_starts_with_a_verb_and_invents_nothing(store: Store) -> None:
    load_demo(store)
    entries = {e.id: e for e in EntryService(store).all()}
    doc = build_document(entries.values())
    verbs = {k.cv_verb.casefold() for k in KIND_REGISTRY}
    for section in doc.sections:
        for item in section.items:
            line = cv_bullet(item)
            entry = entries[item.entry_id]
            said = _words(" ".join((entry.title, entry.summary, entry.impact, entry.metrics)))
            assert _words(line) - said <= verbs, line  # only a kind's verb is added
            assert line[0].isupper() and line.endswith(".")
            if any(ch.isdigit() for ch in entry.metrics + entry.impact):
                assert any(ch.isdigit() for ch in line), line  # the number is in it


def test_a_line_without_a_verb_gets_its_kinds(store: Store) -> None:
    service = EntryService(store)
    service.create("incident", "Checkout outage", summary="The checkout outage on Black Friday",
                   metrics="Mitigated in 18 minutes; no data lost")
    [item] = build_document(service.all()).sections[0].items
    assert cv_bullet(item) == (
        "Resolved the checkout outage on Black Friday: mitigated in 18 minutes.")


def test_the_document_is_one_bullet_per_entry(store: Store) -> None:
    load_demo(store)
    doc = build_document(EntryService(store).all())
    text = render_cv(doc)
    assert text.count("\n- ") + 1 == doc.entry_count
