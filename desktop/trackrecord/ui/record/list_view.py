"""The entry list: two-line rows painted by a delegate, and an empty state that says what
to do instead of showing a blank box."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from trackrecord.core.record.kinds import KIND_REGISTRY
from trackrecord.ui.record.list_model import PAINT_ROLE

_Index = QModelIndex | QPersistentModelIndex
_Align = Qt.AlignmentFlag
_ELIDE = Qt.TextElideMode.ElideRight

# One colour per kind, so the eye can group a long list without reading it.
KIND_COLOURS: dict[str, str] = {kind.key: kind.colour for kind in KIND_REGISTRY}
_PAD_X = 12
_PAD_Y = 7
_MARK_W = 4
_LINE_GAP = 2


class EntryDelegate(QStyledItemDelegate):
    """Title on the first line, kind · organisation · period on the second."""

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        return QSize(200, self.row_height(option.font))

    @staticmethod
    def row_height(font: QFont) -> int:
        _title, title, _meta, meta = _fonts(font)
        return _PAD_Y * 2 + title.height() + _LINE_GAP + meta.height()

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        # The background and selection come from the style; the text from us. No
        # initStyleOption: it would ask the model for a dozen roles this row does not use.
        opt = QStyleOptionViewItem(option)
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)

        painter.save()
        rect = option.rect
        title_text, kind, meta_text = index.data(PAINT_ROLE) or ("", "", "")
        colour = QColor(KIND_COLOURS.get(kind, "#888888"))
        mark = QRect(rect.left() + 3, rect.top() + _PAD_Y, _MARK_W, rect.height() - 2 * _PAD_Y)
        painter.fillRect(mark, colour)

        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        active = bool(option.state & QStyle.StateFlag.State_Active)
        group = QPalette.ColorGroup.Active if active else QPalette.ColorGroup.Inactive
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        text_colour = option.palette.color(group, text_role)
        left = rect.left() + _PAD_X + _MARK_W
        width = rect.width() - _PAD_X * 2 - _MARK_W

        title_font, title_metrics, meta_font, meta_metrics = _fonts(option.font)
        painter.setFont(title_font)
        painter.setPen(text_colour)
        title = title_metrics.elidedText(title_text, _ELIDE, width)
        title_rect = QRect(left, rect.top() + _PAD_Y, width, title_metrics.height())
        painter.drawText(title_rect, _Align.AlignLeft | _Align.AlignVCenter, title)

        painter.setFont(meta_font)
        meta_colour = QColor(text_colour)
        if not selected:
            meta_colour.setAlphaF(0.65)  # secondary text: same hue, less weight
        painter.setPen(meta_colour)
        meta = meta_metrics.elidedText(meta_text, _ELIDE, width)
        meta_rect = QRect(left, title_rect.bottom() + 1 + _LINE_GAP, width, meta_metrics.height())
        painter.drawText(meta_rect, _Align.AlignLeft | _Align.AlignVCenter, meta)
        painter.restore()


# Fonts and metrics per base font: building them for every row painted is most of the cost of
# painting a row.
_FONT_CACHE: dict[str, tuple[QFont, QFontMetrics, QFont, QFontMetrics]] = {}


def _fonts(base: QFont) -> tuple[QFont, QFontMetrics, QFont, QFontMetrics]:
    key = base.key()
    found = _FONT_CACHE.get(key)
    if found is None:
        title = QFont(base)
        title.setWeight(QFont.Weight.DemiBold)
        meta = QFont(base)
        size = base.pointSizeF()
        if size > 0:
            meta.setPointSizeF(size * 0.9)
        found = (title, QFontMetrics(title), meta, QFontMetrics(meta))
        if len(_FONT_CACHE) > 16:
            _FONT_CACHE.clear()
        _FONT_CACHE[key] = found
    return found


class EntryListView(QTableView):
    """The entry list: one column of two-line rows, and a short instruction when it is empty.

    A one-column QTableView rather than a QListView: QListView lays out every row on each
    reset and asks the (Python) model for an index per row to do so, which at 100,000
    entries is 200,000 calls into Python for every keystroke in the search box. A table
    with fixed-height rows asks only for the rows it paints.
    """

    painted = Signal()  # after every paint of the rows (start-up's "ready" waits for one)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._empty_text = ""
        self.setItemDelegate(EntryDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTabKeyNavigation(False)  # Tab leaves the list, as it does any other list
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(False)
        columns = self.horizontalHeader()
        columns.hide()  # hidden, but named all the same for screen readers that list them
        columns.setAccessibleName(self.tr("Entry list columns"))
        columns.setStretchLastSection(True)
        rows = self.verticalHeader()
        rows.hide()
        rows.setAccessibleName(self.tr("Entry list rows"))
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self._update_row_height()
        self.setMinimumWidth(260)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._update_row_height()

    def _update_row_height(self) -> None:
        # Every row has the same height (what the delegate asks for), so it is set once.
        rows = self.verticalHeader()
        rows.setMinimumSectionSize(1)
        rows.setDefaultSectionSize(EntryDelegate.row_height(self.font()))

    def set_empty_text(self, text: str) -> None:
        if text == self._empty_text:
            # Nothing to repaint. (At start-up this also spares the first viewport() asked
            # for from Python: PySide then resolves every widget class, a one-time ~9 ms.)
            return
        self._empty_text = text
        self.viewport().update()

    def empty_text(self) -> str:
        return self._empty_text

    def paintEvent(self, event: object) -> None:  # type: ignore[override]
        super().paintEvent(event)  # type: ignore[arg-type]
        model = self.model()
        if self._empty_text and (model is None or model.rowCount() == 0):
            self._paint_empty_text()
        self.painted.emit()

    def _paint_empty_text(self) -> None:
        painter = QPainter(self.viewport())
        colour = self.palette().color(QPalette.ColorRole.Text)
        colour.setAlphaF(0.7)
        painter.setPen(colour)
        area = self.viewport().rect().adjusted(24, 32, -24, -24)
        flags = _Align.AlignHCenter | _Align.AlignTop | Qt.TextFlag.TextWordWrap
        painter.drawText(area, int(flags), self._empty_text)
        painter.end()
