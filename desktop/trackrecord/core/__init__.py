"""The Qt-free core of Track Record: the store, its services and the logic the UI and CLI share,
one package per area (docs/architecture.md). Top-level here are only what every area uses:
``errors`` (the exceptions services raise), ``registry`` (the vocabularies' tables), and the
two cross-area readers ``demo`` (the sample store) and ``insights`` (aggregates).

Nothing under this package may import PySide6 (tests/core/test_core_is_qt_free.py).
"""
