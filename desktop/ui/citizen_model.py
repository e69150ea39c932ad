"""The citizen table's model: rows come from a query a page at a time, as the view scrolls."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.db.citizen_queries import CitizenFilter, CitizenRow
from desktop.domain.birth import BirthDate
from desktop.domain.groups import CitizenGroup
from desktop.services.citizens import CitizenService

COLUMNS = ["Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Thôn/khu phố", "Nhóm đối tượng",
           "Nghề nghiệp, nơi làm việc", "Điện thoại"]
DELETED_COLUMNS = [*COLUMNS[:6], "Lý do xoá", *COLUMNS[6:]]
ID_ROLE = Qt.ItemDataRole.UserRole + 1
PAGE = 200

_Index = QModelIndex | QPersistentModelIndex


class CitizenTableModel(QAbstractTableModel):
    def __init__(self, citizens: CitizenService, flt: CitizenFilter | None = None) -> None:
        super().__init__()
        self._citizens = citizens
        self._filter = flt or CitizenFilter()
        self._rows: list[CitizenRow] = []
        self._total = 0
        self._columns = DELETED_COLUMNS if self._filter.deleted else COLUMNS

    @property
    def total(self) -> int:
        return self._total

    @property
    def filter(self) -> CitizenFilter:
        return self._filter

    def set_filter(self, flt: CitizenFilter) -> None:
        self._filter = flt
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._total = self._citizens.count(self._filter)
        self._rows = self._citizens.page(self._filter, 0, PAGE, self._total)
        self.endResetModel()

    def row_id(self, row: int) -> int | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def row_of(self, citizen_id: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.id == citizen_id), None)

    # Qt's model interface ------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._columns)

    def canFetchMore(self, parent: _Index) -> bool:  # noqa: N802
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: _Index) -> None:  # noqa: N802
        more = self._citizens.page(self._filter, len(self._rows), PAGE, self._total)
        if not more:
            self._total = len(self._rows)
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802, ANN201
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        if role == ID_ROLE:
            return r.id
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = self._columns[index.column()]
        match COLUMNS.index(column) if column in COLUMNS else -1:
            case -1:
                return r.deleted_reason
            case 0:
                return r.full_name
            case 1:
                return str(BirthDate(r.birth_year, r.birth_month, r.birth_day))
            case 2:
                return "Nam" if r.sex == "M" else "Nữ"
            case 3:
                return r.cccd or ""
            case 4:
                return r.village
            case 5:
                return CitizenGroup(r.group).short_label
            case 6:
                return r.occupation
            case 7:
                return r.phone
        return None
