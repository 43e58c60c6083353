"""One table per vocabulary, declared once and read everywhere.

Entry kinds, interview stages, rejection categories, debrief topics and answers, and the
export and import formats are each a :class:`Registry` of plain frozen records. Code asks
the registry (its keys, labels, or a record's own fields) instead of keeping its own list,
so adding one is one record plus its tests (docs/architecture.md has the checklists).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Generic, Protocol, TypeVar

from trackrecord.core.errors import ValidationError


class Keyed(Protocol):
    @property
    def key(self) -> str: ...
    @property
    def label(self) -> str: ...


T = TypeVar("T", bound=Keyed)


def spelling_key(value: str) -> str:
    """How a typed key or label compares: any case, spaces and underscores as hyphens."""
    return re.sub(r"[\s_]+", "-", value.strip().casefold())


class Registry(Generic[T]):
    """An ordered, immutable table of records, each with a unique ``key`` and a ``label``."""

    def __init__(self, what: str, records: Sequence[T]) -> None:
        self.what = what
        self._records = tuple(records)
        self._by_key = {r.key: r for r in self._records}
        if len(self._by_key) != len(self._records):
            raise ValueError(f"two {what}s share a key")
        self.keys: tuple[str, ...] = tuple(self._by_key)
        self.labels: dict[str, str] = {r.key: r.label for r in self._records}
        self._spellings = {spelling_key(s): r.key for r in self._records
                           for s in (r.key, r.label)}

    def __iter__(self) -> Iterator[T]:
        return iter(self._records)

    def __len__(self) -> int:
        return len(self._records)

    def __contains__(self, key: object) -> bool:
        return key in self._by_key

    def __getitem__(self, key: str) -> T:
        return self._by_key[key]

    def get(self, key: str) -> T | None:
        return self._by_key.get(key)

    def parse(self, value: object) -> str:
        """The key for ``value``, given as a key or a label in any case; a sentence that
        lists the choices otherwise."""
        if isinstance(value, str):
            key = self._spellings.get(spelling_key(value))
            if key is not None:
                return key
        raise ValidationError(
            f"unknown {self.what} {value!r}: choose one of {', '.join(self.keys)}")
