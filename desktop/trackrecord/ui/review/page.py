"""The Review page ("Before the interview"): its view and its controller, put together.

Self-contained: ``ReviewPage(store, paths, parent)``. The main window puts it in the rail,
wires Ctrl+R to show it, and connects the controller's ``open_entry(entry_id)`` and
``new_entry_requested()`` to the Track record page. The widgets are in ``view``
(``ReviewView``), what they do in ``controller`` (``ReviewController``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QLayout, QVBoxLayout, QWidget

from trackrecord.core.store.db import Store
from trackrecord.paths import DataPaths
from trackrecord.ui.review.controller import ReviewController
from trackrecord.ui.review.practice import ReviewPracticePanel
from trackrecord.ui.review.view import ReviewView


class ReviewPage(QWidget):
    def __init__(self, store: Store, paths: DataPaths, parent: QWidget | None = None, *,
                 today: Callable[[], dt.date] = dt.date.today) -> None:
        super().__init__(parent)
        self.setObjectName("reviewPage")
        self.setAccessibleName(self.tr("Before the interview"))
        # The practice panel keeps its own practice log (the Rejections page may reuse it).
        practice = ReviewPracticePanel(store, self, today=today)
        self.view = ReviewView(practice, self)
        self.controller = ReviewController(store, paths, self.view, self, today=today)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.addWidget(self.view)
        self.controller.reload()

    def focus_first(self) -> None:
        """Reached with Ctrl+3 or Ctrl+R: the keyboard starts in the deck, or in the
        interview's first field, ready to type."""
        view = self.view
        if view.showing_deck():
            view.deck_view.setFocus()
        else:
            view.setup.form.company.setFocus()

    def shutdown(self) -> None:
        """Finish work in flight and close full screen (call before closing the store)."""
        self.controller.shutdown()
