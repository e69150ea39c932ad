"""Text from outside (a received package, a clerk's workbook) made safe for any writer: no control or
format characters, which spreadsheet files cannot hold (openpyxl refuses them) and PDFs would show as
boxes or drop silently."""

from __future__ import annotations

import unicodedata

_KEEP = {"\n", "\t"}


def printable(text: str) -> str:
    """NFC, without control, format, surrogate, private or unassigned characters (new lines and tabs
    stay)."""
    text = unicodedata.normalize("NFC", text)
    if text.isprintable():
        return text
    return "".join(ch for ch in text if ch in _KEEP or unicodedata.category(ch)[0] != "C" or ch == " ")
