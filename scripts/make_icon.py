"""Draws the program's icon (resources/icons/so-cdht.png and .ico): an open book on the association's red,
with a gold star. Run once when the design changes: .venv/bin/python scripts/make_icon.py"""

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PIL import Image  # noqa: E402 - reportlab brings Pillow
from PySide6.QtCore import QPointF, QRectF, Qt  # noqa: E402
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen, QPolygonF  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "resources" / "icons"
SIZE = 256


def star(cx: float, cy: float, r: float) -> QPolygonF:
    from math import cos, pi, sin

    points = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.42
        angle = -pi / 2 + i * pi / 5
        points.append(QPointF(cx + radius * cos(angle), cy + radius * sin(angle)))
    return QPolygonF(points)


def draw() -> QImage:
    image = QImage(SIZE, SIZE, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#a31515"))
    p.drawRoundedRect(QRectF(8, 8, 240, 240), 44, 44)
    # the open book: two pages meeting at the spine
    p.setBrush(QColor("#fffaf0"))
    for side in (-1, 1):
        page = QPainterPath(QPointF(128, 200))
        page.cubicTo(QPointF(128 + side * 40, 178), QPointF(128 + side * 80, 184), QPointF(128 + side * 104, 196))
        page.lineTo(QPointF(128 + side * 104, 102))
        page.cubicTo(QPointF(128 + side * 80, 90), QPointF(128 + side * 40, 88), QPointF(128, 108))
        page.closeSubpath()
        p.drawPath(page)
    p.setPen(QPen(QColor("#a31515"), 5))
    p.drawLine(QPointF(128, 110), QPointF(128, 198))
    p.setPen(QPen(QColor("#c9a227"), 4))
    for side in (-1, 1):  # lines of text on each page
        for k in range(3):
            y = 128 + k * 20
            p.drawLine(QPointF(128 + side * 22, y), QPointF(128 + side * 84, y + 4))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#f2c230"))
    p.drawPolygon(star(128, 58, 34))
    p.end()
    return image


def main() -> int:
    QGuiApplication(sys.argv[:1])
    OUT.mkdir(parents=True, exist_ok=True)
    png = OUT / "so-cdht.png"
    draw().save(str(png))
    Image.open(png).save(OUT / "so-cdht.ico", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
    print(png, OUT / "so-cdht.ico")
    return 0


if __name__ == "__main__":
    sys.exit(main())
