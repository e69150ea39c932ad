"""Tabs whose pages are made when first shown or first asked for: the window opens at the cost of its first
page, and the modules behind the others (printing, charts, workbooks) load when the clerk goes there."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget


class _Holder(QWidget):
    def __init__(self, make: Callable[[], QWidget]) -> None:
        super().__init__()
        self._make = make
        self.page: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def built(self) -> QWidget:
        if self.page is None:
            self.page = self._make()
            self.layout().addWidget(self.page)
            self.setFocusProxy(self.page)
        return self.page


class LazyTabs(QTabWidget):
    """widget(), currentWidget(), setCurrentWidget() and indexOf() speak of the pages (made when asked for),
    not of the holders Qt keeps in the tabs."""

    def add_page(self, title: str, make: Callable[[], QWidget]) -> int:
        return self.addTab(_Holder(make), title)

    def built_page(self, index: int) -> QWidget | None:
        holder = super().widget(index)
        return holder.page if isinstance(holder, _Holder) else None

    def built_pages(self) -> list[QWidget]:
        return [p for i in range(self.count()) if (p := self.built_page(i)) is not None]

    def widget(self, index: int) -> QWidget | None:  # noqa: D102 - QTabWidget's, over the pages
        holder = super().widget(index)
        return holder.built() if isinstance(holder, _Holder) else holder

    def currentWidget(self) -> QWidget | None:  # noqa: N802
        return self.widget(self.currentIndex())

    def indexOf(self, page: QWidget) -> int:  # noqa: N802
        return next((i for i in range(self.count()) if self.built_page(i) is page), super().indexOf(page))

    def setCurrentWidget(self, page: QWidget) -> None:  # noqa: N802
        self.setCurrentIndex(self.indexOf(page))
