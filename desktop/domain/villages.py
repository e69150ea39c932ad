"""The office's own places below the commune (thôn, khu phố, ấp…): not in the state's list of units, typed
by the clerk and tidied to the form documents use."""

from __future__ import annotations

from desktop.domain.names import nfc, search_key

VILLAGE_KINDS = ["Tổ dân phố", "Khu dân cư", "Khu phố", "Thôn", "Ấp", "Bản", "Buôn", "Làng", "Xóm", "Sóc", "Plei"]


def tidy_village_name(raw: str) -> str:
    """'thôn  phú lập' -> 'Thôn Phú Lập', 'khu phố 3' -> 'Khu phố 3': the kind as written in documents,
    the proper name capitalised word by word."""
    words = nfc(raw).split()
    if not words:
        return ""
    text = " ".join(words)
    for kind in VILLAGE_KINDS:
        if search_key(text).startswith(search_key(kind) + " ") or search_key(text) == search_key(kind):
            rest = words[len(kind.split()):]
            return " ".join([kind, *(w[:1].upper() + w[1:] for w in rest)])
    return text[:1].upper() + text[1:]
