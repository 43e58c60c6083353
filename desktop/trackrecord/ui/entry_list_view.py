"""The entry list: two-line rows painted by a delegate, and an empty state that says what
to do instead of showing a blank box."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from trackrecord.ui.entry_list_model import KIND_ROLE, META_ROLE

_Index = QModelIndex | QPersistentModelIndex
_Align = Qt.AlignmentFlag
_ELIDE = Qt.TextElideMode.ElideRight

# One colour per kind, so the eye can group a long list without reading it.
KIND_COLOURS: dict[str, str] = {
    "shipped": "#2f6fdb",
    "incident": "#d0611c",
    "mentoring": "#2a9d5c",
    "other": "#8a5cc7",
}
_PAD_X = 12
_PAD_Y = 7
_MARK_W = 4
_LINE_GAP = 2


class EntryDelegate(QStyledItemDelegate):
    """Title on the first line, kind · organisation · period on the second."""

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        title = QFontMetrics(self._title_font(option.font))
        meta = QFontMetrics(self._meta_font(option.font))
        height = _PAD_Y * 2 + title.height() + _LINE_GAP + meta.height()
        return QSize(200, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""  # the background and selection come from the style; the text from us
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)

        painter.save()
        rect = option.rect
        colour = QColor(KIND_COLOURS.get(str(index.data(KIND_ROLE)), "#888888"))
        mark = QRect(rect.left() + 3, rect.top() + _PAD_Y, _MARK_W, rect.height() - 2 * _PAD_Y)
        painter.fillRect(mark, colour)

        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        active = bool(option.state & QStyle.StateFlag.State_Active)
        group = QPalette.ColorGroup.Active if active else QPalette.ColorGroup.Inactive
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        text_colour = option.palette.color(group, text_role)
        left = rect.left() + _PAD_X + _MARK_W
        width = rect.width() - _PAD_X * 2 - _MARK_W

        title_font = self._title_font(option.font)
        title_metrics = QFontMetrics(title_font)
        painter.setFont(title_font)
        painter.setPen(text_colour)
        title = title_metrics.elidedText(str(index.data() or ""), _ELIDE, width)
        title_rect = QRect(left, rect.top() + _PAD_Y, width, title_metrics.height())
        painter.drawText(title_rect, _Align.AlignLeft | _Align.AlignVCenter, title)

        meta_font = self._meta_font(option.font)
        meta_metrics = QFontMetrics(meta_font)
        painter.setFont(meta_font)
        meta_colour = QColor(text_colour)
        if not selected:
            meta_colour.setAlphaF(0.65)  # secondary text: same hue, less weight
        painter.setPen(meta_colour)
        meta = meta_metrics.elidedText(str(index.data(META_ROLE) or ""), _ELIDE, width)
        meta_rect = QRect(left, title_rect.bottom() + 1 + _LINE_GAP, width, meta_metrics.height())
        painter.drawText(meta_rect, _Align.AlignLeft | _Align.AlignVCenter, meta)
        painter.restore()

    @staticmethod
    def _title_font(base: QFont) -> QFont:
        font = QFont(base)
        font.setWeight(QFont.Weight.DemiBold)
        return font

    @staticmethod
    def _meta_font(base: QFont) -> QFont:
        font = QFont(base)
        size = base.pointSizeF()
        if size > 0:
            font.setPointSizeF(size * 0.9)
        return font


class EntryListView(QListView):
    """A list view that paints a short instruction when it has nothing to show."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._empty_text = ""
        self.setItemDelegate(EntryDelegate(self))
        # Every row has the same height: Qt can then lay out 10,000 rows without asking each.
        self.setUniformItemSizes(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setMinimumWidth(260)

    def set_empty_text(self, text: str) -> None:
        self._empty_text = text
        self.viewport().update()

    def empty_text(self) -> str:
        return self._empty_text

    def paintEvent(self, event: object) -> None:  # type: ignore[override]
        super().paintEvent(event)  # type: ignore[arg-type]
        model = self.model()
        if model is not None and model.rowCount() > 0 or not self._empty_text:
            return
        painter = QPainter(self.viewport())
        colour = self.palette().color(QPalette.ColorRole.Text)
        colour.setAlphaF(0.7)
        painter.setPen(colour)
        area = self.viewport().rect().adjusted(24, 32, -24, -24)
        flags = _Align.AlignHCenter | _Align.AlignTop | Qt.TextFlag.TextWordWrap
        painter.drawText(area, int(flags), self._empty_text)
        painter.end()
