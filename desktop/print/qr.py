"""QR codes: encoded once by zxing-cpp, drawn as one filled path.

reportlab's QrCodeWidget encodes in pure Python (choosing the best of eight masks: ~12 ms for a signed
certificate's code), encodes twice (bounds, then drawing) and draws every run of modules as a shape of
its own: 1,000 signed certificates took 85 s against 1.4 s unsigned. zxing-cpp encodes the same code in
about 0.5 ms; its dark runs become the rectangles of one path in module units, one fill per code."""

from __future__ import annotations

import re

import zxingcpp
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

QUIET_ZONE = 4  # modules of white around the code, as the standard asks
_DARK = re.compile(rb"\x00+")


def dark_runs(payload: str) -> tuple[int, list[tuple[int, int, int]]]:
    """(modules per side, [(row, first column, length)]) of the dark modules, row by row from the top."""
    symbol = zxingcpp.create_barcode(payload, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    matrix = memoryview(symbol.to_image(scale=1, add_quiet_zones=False))  # one byte a module, 0 = dark
    count = matrix.shape[0]
    runs = []
    for m in _DARK.finditer(matrix.tobytes()):  # the rows one after another: a run may go on into the next
        start, end = m.span()
        while start < end:
            row, column = divmod(start, count)
            length = min(end - start, count - column)
            runs.append((row, column, length))
            start += length
    return count, runs


def draw_qr(canvas: Canvas, payload: str, x: float, y: float, size: float) -> None:
    """The code with its quiet zone in the square (x, y, size), (x, y) its lower left corner: one path
    in module units (a transform scales and flips it), written as whole numbers, filled once."""
    count, runs = dark_runs(payload)
    box = size / (count + 2 * QUIET_ZONE)
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    canvas.transform(box, 0, 0, -box, x + QUIET_ZONE * box, y + size - QUIET_ZONE * box)
    canvas.addLiteral(" ".join(f"{c} {r} {n} 1 re" for r, c, n in runs) + " f")
    canvas.restoreState()


class QrFlowable(Flowable):
    """A QR code of `size` points square, for tables and stories."""

    def __init__(self, payload: str, size: float) -> None:
        super().__init__()
        self.payload, self.size = payload, size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        draw_qr(self.canv, self.payload, 0, 0, self.size)
