"""Bundled fonts with every Vietnamese letter, registered once; text drawn is NFC (reportlab misplaces
tone marks in decomposed text)."""

from __future__ import annotations

from functools import cache

from reportlab.graphics.shapes import STATE_DEFAULTS
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop.domain.text import printable
from desktop.resources import resource

SERIF = "Serif"  # Liberation Serif: the metrics of Times New Roman, as Decree 30/2020 documents use
SANS = "Sans"    # Noto Sans: forms and sheets

_FILES = {
    SERIF: ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf", "LiberationSerif-Italic.ttf",
            "LiberationSerif-BoldItalic.ttf"),
    SANS: ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf", "NotoSans-Bold.ttf"),
}


@cache
def register_fonts() -> None:
    for family, (regular, bold, italic, bold_italic) in _FILES.items():
        names = [family, f"{family}-Bold", f"{family}-Italic", f"{family}-BoldItalic"]
        for name, file in zip(names, (regular, bold, italic, bold_italic), strict=True):
            pdfmetrics.registerFont(TTFont(name, str(resource("fonts", file))))
        addMapping(family, 0, 0, names[0])
        addMapping(family, 1, 0, names[1])
        addMapping(family, 0, 1, names[2])
        addMapping(family, 1, 1, names[3])
    # drawings (charts, QR codes) start from this font: Helvetica would be listed, unembedded, in every PDF
    STATE_DEFAULTS["fontName"] = SERIF


def vn(text: str) -> str:
    """NFC without control characters, and the few characters Paragraph markup needs escaped."""
    text = printable(text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
