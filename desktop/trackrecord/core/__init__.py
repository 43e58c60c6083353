"""The Qt-free core of Track Record: the store, its services and the logic the UI and CLI share.

Nothing under this package may import PySide6 (tests/core/test_core_is_qt_free.py).
"""
