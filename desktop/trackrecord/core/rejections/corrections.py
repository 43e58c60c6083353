"""The person's corrections to what a rejection opened with, and what the matcher learns.

Per rejection (kept in its saved snapshot): evidence cards pinned to it, and cards removed
from it. For every later match (kept in the store's settings, see
trackrecord.core.matching.learned): the links that brought a removed card ("the feedback
mentions *bugs*") no longer count for that entry, and the person's own synonyms ("fintech"
is also "payouts") join the vocabulary. The category the person chooses is the rejection's
own ``category`` field, as before.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from trackrecord.core.errors import ValidationError
from trackrecord.core.matching.learned import (
    MAX_NOT_RELEVANT,
    MAX_SYNONYM_LENGTH,
    MAX_SYNONYM_WORDS,
    NOT_RELEVANT_KEY,
    SYNONYMS_KEY,
)
from trackrecord.core.store.db import Store
from trackrecord.core.store.settings import get_json, set_json

MAX_PINNED = 5


@dataclass(frozen=True)
class Corrections:
    """What the person changed on one rejection's evidence."""

    pinned: tuple[str, ...] = ()  # entry ids, in the order pinned
    removed: tuple[str, ...] = ()  # entry ids

    def to_json(self) -> dict[str, list[str]]:
        return {"pinned": list(self.pinned), "removed": list(self.removed)}

    @classmethod
    def from_json(cls, data: object) -> Corrections:
        if not isinstance(data, Mapping):
            return cls()
        return cls(_ids(data.get("pinned")), _ids(data.get("removed")))

    def pin(self, entry_id: str) -> Corrections:
        pinned = tuple(dict.fromkeys((*self.pinned, entry_id)))[-MAX_PINNED:]
        return Corrections(pinned, tuple(r for r in self.removed if r != entry_id))

    def unpin(self, entry_id: str) -> Corrections:
        return Corrections(tuple(p for p in self.pinned if p != entry_id), self.removed)

    def remove(self, entry_id: str) -> Corrections:
        return Corrections(tuple(p for p in self.pinned if p != entry_id),
                           tuple(dict.fromkeys((*self.removed, entry_id))))

    def restore(self, entry_id: str) -> Corrections:
        return Corrections(self.pinned, tuple(r for r in self.removed if r != entry_id))

    def __bool__(self) -> bool:
        return bool(self.pinned or self.removed)


def _ids(value: object) -> tuple[str, ...]:
    if not isinstance(value, list | tuple):
        return ()
    return tuple(dict.fromkeys(str(v) for v in value if isinstance(v, str) and v))


class LearningService:
    """What the matcher learns from the rejection page, kept in the store's settings."""

    def __init__(self, store: Store) -> None:
        self._store = store

    # -- synonyms --------------------------------------------------------------------------

    def synonyms(self) -> dict[str, list[str]]:
        raw = get_json(self._store, SYNONYMS_KEY, {})
        if not isinstance(raw, dict):
            return {}
        return {str(k): [str(w) for w in v] for k, v in raw.items() if isinstance(v, list)}

    def add_synonyms(self, word: str, said: str | Sequence[str]) -> list[str]:
        """``said`` (comma-separated, or a list) are other words for ``word`` in this
        person's track record. Returns that word's synonyms as now kept."""
        key = _clean(word, "the word")
        if not key:
            raise ValidationError("say which word the synonyms are for")
        parts = re.split(r"[,;\n]", said) if isinstance(said, str) else list(said)
        extra = [_clean(p, "a synonym") for p in parts]
        extra = [w for w in extra if w and w != key]
        if not extra:
            raise ValidationError("type one or more other words for it, separated by commas")
        current = self.synonyms()
        kept = list(dict.fromkeys([*current.get(key, []), *extra]))
        if len(kept) > MAX_SYNONYM_WORDS:
            raise ValidationError(f"at most {MAX_SYNONYM_WORDS} synonyms for one word")
        current[key] = kept
        set_json(self._store, SYNONYMS_KEY, current)
        return kept

    def remove_synonym(self, word: str, synonym: str) -> None:
        current = self.synonyms()
        key = _clean(word, "the word")
        left = [w for w in current.get(key, []) if w != _clean(synonym, "a synonym")]
        if left:
            current[key] = left
        else:
            current.pop(key, None)
        set_json(self._store, SYNONYMS_KEY, current)

    # -- not relevant ----------------------------------------------------------------------

    def not_relevant(self, entry_id: str, links: Sequence[str]) -> None:
        """This entry is not relevant for the links that brought it ("skill:testing"): they
        no longer count for it in any later match."""
        if not entry_id or not links:
            return
        kept = self._not_relevant()
        kept.append({"entry": entry_id, "links": sorted(set(links))})
        set_json(self._store, NOT_RELEVANT_KEY, kept[-MAX_NOT_RELEVANT:])

    def relevant_again(self, entry_id: str) -> None:
        kept = [x for x in self._not_relevant() if x.get("entry") != entry_id]
        set_json(self._store, NOT_RELEVANT_KEY, kept)

    def _not_relevant(self) -> list[dict[str, Any]]:
        raw = get_json(self._store, NOT_RELEVANT_KEY, [])
        return [x for x in raw if isinstance(x, dict)] if isinstance(raw, list) else []


def _clean(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise ValidationError(f"{what} must be text")
    cleaned = " ".join(value.split()).casefold()
    if len(cleaned) > MAX_SYNONYM_LENGTH:
        raise ValidationError(f"{what} is longer than {MAX_SYNONYM_LENGTH} characters")
    return cleaned
