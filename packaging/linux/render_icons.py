"""Render the hicolor PNGs from the scalable SVG (run after editing the SVG; commit both).

    QT_QPA_PLATFORM=offscreen python packaging/linux/render_icons.py

Uses Qt's own SVG renderer (PySide6, already a dependency), so no other tool is needed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

APP_ID = "io.github.trackrecord.TrackRecord"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
HICOLOR = Path(__file__).resolve().parent / "icons" / "hicolor"


def render(svg: Path, size: int, out: Path) -> None:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"render_icons: cannot read {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(out), "PNG"):
        raise SystemExit(f"render_icons: cannot write {out}")


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    svg = HICOLOR / "scalable" / "apps" / f"{APP_ID}.svg"
    for size in SIZES:
        out = HICOLOR / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        render(svg, size, out)
        print(out.relative_to(HICOLOR.parent.parent))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
