"""Search, kind chips with counts, and tag/year filters above the entry list (layout only)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from trackrecord.core.record.kinds import KIND_REGISTRY, KINDS

translate = QCoreApplication.translate
ALL = ""  # the chip and combo value that means "no filter"


class FilterBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # (the chips' labels are marked for lupdate in ui/shell/label_strings.py)
        self.chip_labels: dict[str, str] = {
            ALL: self.tr("All"),
            **{kind.key: translate("KindChips", kind.chip) for kind in KIND_REGISTRY},
        }
        self.search = QLineEdit(self)
        self.search.setObjectName("searchEdit")
        self.search.setPlaceholderText(self.tr("Search  (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search entries"))
        for button in self.search.findChildren(QToolButton):  # the built-in clear button
            button.setAccessibleName(self.tr("Clear search"))

        self.tag = QComboBox(self)
        self.tag.setAccessibleName(self.tr("Filter by tag"))
        self.tag.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.tag.setMinimumContentsLength(10)
        self.year = QComboBox(self)
        self.year.setAccessibleName(self.tr("Filter by year"))
        self.year.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.kinds = QButtonGroup(self)
        self.kinds.setExclusive(True)
        self.chips: dict[str, QToolButton] = {}
        chips_row = QHBoxLayout()
        chips_row.setSpacing(5)
        for kind in (ALL, *KINDS):
            chip = QToolButton(self)
            chip.setObjectName("kindChip")
            chip.setCheckable(True)
            chip.setProperty("kind", kind)
            chip.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            chip.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            chip.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            self.kinds.addButton(chip)
            self.chips[kind] = chip
            chips_row.addWidget(chip)
        chips_row.addStretch(1)
        self.chips[ALL].setChecked(True)

        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(self.search, 1)
        top.addWidget(self.tag)
        top.addWidget(self.year)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 6)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addLayout(chips_row)
        self.set_counts(dict.fromkeys(KINDS, 0))
        self.set_tags([])
        self.set_years([])

    # -- showing -------------------------------------------------------------------------

    def set_counts(self, counts: dict[str, int]) -> None:
        total = sum(counts.values())
        for kind, chip in self.chips.items():
            n = total if kind == ALL else counts.get(kind, 0)
            chip.setText(f"{self.chip_labels[kind]}  {n}")
            chip.setAccessibleName(
                self.tr("Show {0}: {1} entries").format(self.chip_labels[kind], n)
            )

    def set_tags(self, tags: list[tuple[str, int]]) -> None:
        """Refill the tag list, keeping the current choice when it still exists."""
        current = self.current_tag()
        self.tag.blockSignals(True)
        self.tag.clear()
        self.tag.addItem(self.tr("All tags"), ALL)
        for name, count in tags:
            self.tag.addItem(f"{name} ({count})", name)
        index = self.tag.findData(current) if current else 0
        self.tag.setCurrentIndex(max(index, 0))
        self.tag.blockSignals(False)

    def set_years(self, years: list[int]) -> None:
        current = self.current_year()
        self.year.blockSignals(True)
        self.year.clear()
        self.year.addItem(self.tr("All years"), 0)
        for year in years:
            self.year.addItem(str(year), year)
        index = self.year.findData(current) if current else 0
        self.year.setCurrentIndex(max(index, 0))
        self.year.blockSignals(False)

    # -- reading -------------------------------------------------------------------------

    def current_kind(self) -> str:
        button = self.kinds.checkedButton()
        return str(button.property("kind")) if button is not None else ALL

    def current_tag(self) -> str:
        return str(self.tag.currentData() or ALL)

    def current_year(self) -> int | None:
        year = self.year.currentData()
        return int(year) if year else None

    def set_kind(self, kind: str) -> None:
        self.chips.get(kind, self.chips[ALL]).setChecked(True)
