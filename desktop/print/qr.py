"""QR codes: encoded once by zxing-cpp, drawn as a one-bit stencil (an image mask) placed in the page.

reportlab's QrCodeWidget encodes in pure Python (choosing the best of eight masks: ~12 ms for a signed
certificate's code), encodes twice (bounds, then drawing) and draws every run of modules as a shape of
its own: 1,000 signed certificates took 85 s against 1.4 s unsigned. zxing-cpp encodes the same code in
about 0.5 ms; its module matrix, one bit a module, becomes an inline image mask that the page paints in
black: a few hundred bytes a code, nothing to compute per module in Python. Masks are painted without
smoothing (no /Interpolate), so the modules stay sharp at any printer's resolution. The bits are packed
here, without going through an image library."""

from __future__ import annotations

from dataclasses import dataclass

import zxingcpp
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

QUIET_ZONE = 4  # modules of white around the code, as the standard asks
# zxing-cpp's pixels are 0 (dark) or 255 (light): as the digits of a row's bits, light = 1
_BITS = bytes.maketrans(bytes([0, 255]), b"01")


@dataclass(frozen=True)
class Modules:
    """The code's modules without the quiet zone: `size` a side, each row packed to whole bytes (the first
    module in the high bit), dark = 0, as a PDF image mask paints them."""

    size: int
    rows: bytes

    def dark(self, x: int, y: int) -> bool:
        byte = self.rows[y * ((self.size + 7) // 8) + x // 8]
        return not byte >> (7 - x % 8) & 1


def modules(payload: str) -> Modules:
    symbol = zxingcpp.create_barcode(payload, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    image = symbol.to_image(scale=1, add_quiet_zones=False)
    pixels, size = bytes(memoryview(image)), image.shape[1]
    width = (size + 7) // 8
    rows = b"".join(int(pixels[y * size:(y + 1) * size].translate(_BITS) + b"0" * (8 * width - size), 2)
                    .to_bytes(width, "big") for y in range(image.shape[0]))
    return Modules(size, rows)


def draw_qr(canvas: Canvas, payload: str, x: float, y: float, size: float) -> None:
    """The code with its quiet zone in the square (x, y, size), (x, y) its lower left corner."""
    code = modules(payload)
    count = code.size
    box = size / (count + 2 * QUIET_ZONE)
    side = box * count
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    # rows padded to whole bytes, as PDF images are; a 0 bit is painted (the mask's default decode)
    canvas.addLiteral(f"{side:.3f} 0 0 {side:.3f} {x + QUIET_ZONE * box:.3f} {y + QUIET_ZONE * box:.3f} cm "
                      f"BI /W {count} /H {count} /BPC 1 /IM true /F /AHx ID {code.rows.hex()}> EI")
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
