"""The words a search matched, in bold in the list: the clerk sees why each person is there."""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF
from PySide6.QtGui import QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from desktop.domain.names import query_words, search_key


def matched_html(name: str, typed: str) -> str | None:
    """The name as HTML with the start of each word that a typed word matches in bold (folded, so
    "huong" bolds Hường); None when nothing matches."""
    words = [w for w in query_words(typed) if not w.isdigit()]
    if not words:
        return None
    out, any_bold = [], False
    for part in name.split(" "):
        key = search_key(part)
        length = max((len(w) for w in words if key.startswith(w)), default=0)
        if length and len(key) == len(part):  # one letter for one letter: the prefix is the same length
            out.append(f"<b>{html.escape(part[:length])}</b>{html.escape(part[length:])}")
            any_bold = True
        else:
            out.append(html.escape(part))
    return " ".join(out) if any_bold else None


class MatchDelegate(QStyledItemDelegate):
    """Draws a name column with the matched words in bold; `typed` follows the search box."""

    typed = ""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        text = index.data()
        marked = matched_html(text, self.typed) if isinstance(text, str) and self.typed else None
        if marked is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        colour = opt.palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        doc.setDefaultFont(opt.font)
        doc.setHtml(f'<span style="color:{colour.name()}">{marked}</span>')
        area = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, opt.widget)
        painter.save()
        painter.setClipRect(area)
        painter.translate(area.left() + 3, area.top() + (area.height() - doc.size().height()) / 2)
        doc.drawContents(painter, QRectF(0, 0, area.width(), area.height()))
        painter.restore()
