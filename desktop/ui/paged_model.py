"""A table model over a query: rows arrive a page at a time as the view scrolls, never all at once."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

ID_ROLE = Qt.ItemDataRole.UserRole + 1
PAGE = 200

Row = TypeVar("Row")
Filter = TypeVar("Filter")
_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column(Generic[Row]):
    header: str
    text: Callable[[Row], str]
    align_right: bool = False


class PagedModel(QAbstractTableModel, Generic[Row, Filter]):
    def __init__(self, columns: Sequence[Column[Row]], count: Callable[[Filter], int],
                 page: Callable[[Filter, int, int, int], list[Row]], flt: Filter,
                 first: Callable[[Filter, int], tuple[int, list[Row]]] | None = None) -> None:
        super().__init__()
        self._columns = list(columns)
        self._count = count
        self._page = page  # (filter, offset, limit, total) -> rows
        self._first = first  # (filter, limit) -> (total, the first rows): count and page in one reading
        self._filter = flt
        self._rows: list[Row] = []
        self._total = 0

    @property
    def total(self) -> int:
        return self._total

    @property
    def filter(self) -> Filter:
        return self._filter

    def set_filter(self, flt: Filter) -> None:
        self._filter = flt
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        if self._first is not None:
            self._total, self._rows = self._first(self._filter, PAGE)
        else:
            self._total = self._count(self._filter)
            self._rows = self._page(self._filter, 0, PAGE, self._total) if self._total else []
        self.endResetModel()

    def row(self, index: int) -> Row | None:
        return self._rows[index] if 0 <= index < len(self._rows) else None

    def row_id(self, index: int) -> int | None:
        row = self.row(index)
        return row.id if row is not None else None  # type: ignore[attr-defined]

    def row_of(self, row_id: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.id == row_id), None)  # type: ignore[attr-defined]

    def fetch_all(self) -> None:
        while self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())

    # Qt's model interface --------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._columns)

    def canFetchMore(self, parent: _Index) -> bool:  # noqa: N802
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: _Index) -> None:  # noqa: N802
        more = self._page(self._filter, len(self._rows), PAGE, self._total)
        if not more:
            self._total = len(self._rows)
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].header
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == ID_ROLE:
            return row.id  # type: ignore[attr-defined]
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
