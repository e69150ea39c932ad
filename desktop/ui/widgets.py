"""Small widgets shared by the screens."""

from __future__ import annotations

import html
import unicodedata
from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QAbstractItemModel, QElapsedTimer, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QLabel,
    QLineEdit,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.names import search_key

TYPE_AHEAD_PAUSE_MS = 1200


class FoldingComboBox(QComboBox):
    """A list chosen by typing, without diacritics: 'nu' picks Nữ, 'phu l' picks Thôn Phú Lập, '2' picks
    the item numbered 2. Enter is left to the dialog so that it saves the form."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._typed = ""
        self._clock = QElapsedTimer()

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt's name
        self._typed = ""  # each visit starts a fresh search, however fast the clerk types
        super().focusInEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        text = event.text()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.ignore()
            return
        if event.key() == Qt.Key.Key_Backspace and self._typed:
            self._typed = self._typed[:-1]
            self._find()
            return
        if text and text.isprintable() and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            if not self._clock.isValid() or self._clock.elapsed() > TYPE_AHEAD_PAUSE_MS:
                self._typed = ""
            self._clock.restart()
            self._typed += text
            self._find()
            return
        super().keyPressEvent(event)

    def _find(self) -> None:
        """The first item the typed text starts, else the first with a word it starts. Typed with its marks it
        means those letters first ("đơn" is Đơn vị, not Dòng họ); without them, any marks."""
        wanted = search_key(self._typed)
        if not wanted:
            return
        marked = unicodedata.normalize("NFC", self._typed).lower()
        keys = [(unicodedata.normalize("NFC", self.itemText(i)).lower(), search_key(self.itemText(i)))
                for i in range(self.count())]
        tries = [lambda text, key: key.startswith(wanted), lambda text, key: f" {wanted}" in f" {key}"]
        if marked.strip() != wanted:  # marks typed: those letters before the folded ones
            tries[:0] = [lambda text, key: text.startswith(marked), lambda text, key: f" {marked}" in f" {text}"]
        for matches in tries:
            best = next((i for i, (text, key) in enumerate(keys) if matches(text, key)), None)
            if best is not None:
                self.setCurrentIndex(best)
                return

    def select_data(self, value: object) -> None:
        index = self.findData(value)
        self.setCurrentIndex(index if index >= 0 else 0)


class ErrorLabel(QLabel):
    """A red message under a field; hidden while there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet("color: #b00020;")
        self.hide()

    def say(self, message: str | None) -> None:
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(message or "")
        self.setVisible(bool(message))

    def say_with_link(self, message: str, link_text: str, target: int) -> None:
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setText(f'{html.escape(message)} <a href="{target}">{html.escape(link_text)}</a>')
        self.setVisible(True)


def make_table(model: QAbstractItemModel, widths: list[int], many: bool = False) -> QTableView:
    """A read-only list: whole rows selected (one at a time unless `many`), alternating colours."""
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection if many
                           else QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(24)
    for column, width in enumerate(widths):
        table.setColumnWidth(column, width)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def parse_date(text: str) -> date:
    """dd/mm/yyyy as typed; ValueError with a Vietnamese message."""
    try:
        return datetime.strptime(text.strip(), "%d/%m/%Y").date()
    except ValueError:
        raise ValueError(f"“{text.strip()}” không phải ngày (dd/mm/yyyy).") from None


class SearchListKeys(QObject):
    """The keyboard loop every list page shares: in the search box, Down moves into the list and Enter
    too (opening the person at once when the search found exactly one); in the list, Enter opens the
    row; after a save the emptied search box has the keyboard again. `reload` applies the search (the
    typing pause `timer` may still be running when a key asks for the list)."""

    def __init__(self, search: QLineEdit, table: QTableView, timer: QTimer, reload: Callable[[], None],
                 total: Callable[[], int], open_row: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self._search, self._table, self._timer = search, table, timer
        self._reload, self._total, self._open = reload, total, open_row
        search.installEventFilter(self)
        table.installEventFilter(self)

    def _settle(self) -> None:
        if self._timer.isActive():
            self._reload()

    def drop_pending(self) -> None:
        """The window is closing: a search still waiting for its typing pause is not run any more."""
        self._timer.stop()

    def focus_search(self) -> None:
        self._search.setFocus()
        self._search.selectAll()

    def back_to_search(self) -> None:
        """After a save: the emptied search box has the keyboard, for the next paper form in the pile."""
        self._search.clear()
        self._reload()
        self._search.setFocus()

    def after_dialog(self, saved: bool) -> None:
        """A form or sheet opened from the list has closed, saved or not: the keyboard is back in the search
        (emptied after a save). The window is activated first: after a question box on top of a closing
        dialog, a window manager may leave the keyboard with no window at all."""
        window = self._search.window()
        window.activateWindow()
        if saved:
            self.back_to_search()
        elif self._search.isVisible():  # a form opened from another tab (Ctrl+N): that tab keeps the keyboard
            self.focus_search()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent) or event.modifiers() & (
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            return False
        key = event.key()
        enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if watched is self._search and (enter or key == Qt.Key.Key_Down):
            self._settle()
            if not self._total():
                return True
            self._table.setFocus()
            if not self._table.selectionModel().selectedRows():
                self._table.selectRow(0)
            if enter and self._total() == 1:
                self._open()
            return True
        if watched is self._table and enter:
            self._open()
            return True
        return False


def scrolling_layout(page: QWidget, min_height: int) -> QVBoxLayout:
    """The page's content in a scroll area: on a small screen it scrolls instead of falling off it.
    Returns the layout to fill; the content is at least `min_height` tall, and grows with the page."""
    inner = QWidget()
    inner.setMinimumHeight(min_height)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(inner)
    outer = QVBoxLayout(page)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(scroll)
    return QVBoxLayout(inner)


def show_all_rows(table: QTableView) -> None:
    """A short table as tall as its rows, with room kept for its horizontal scroll bar: on a narrow
    screen the bar appears and must not cover the last row (the total)."""
    rows = table.model().rowCount() if table.model() is not None else 0
    table.setFixedHeight(table.horizontalHeader().height() + 2 * table.frameWidth()
                         + sum(table.rowHeight(r) for r in range(rows))
                         + table.horizontalScrollBar().sizeHint().height())
