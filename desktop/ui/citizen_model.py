"""The citizen table's columns over the paged model."""

from __future__ import annotations

from desktop.db.citizen_queries import CitizenFilter, CitizenRow
from desktop.domain.birth import BirthDate
from desktop.domain.groups import CitizenGroup
from desktop.services.citizens import CitizenService
from desktop.ui.paged_model import PAGE, Column, PagedModel

__all__ = ["PAGE", "CitizenTableModel"]

_COLUMNS: list[Column[CitizenRow]] = [
    Column("Họ và tên", lambda r: r.full_name),
    Column("Ngày sinh", lambda r: str(BirthDate(r.birth_year, r.birth_month, r.birth_day))),
    Column("Giới tính", lambda r: "Nam" if r.sex == "M" else "Nữ"),
    Column("Số CCCD", lambda r: r.cccd or ""),
    Column("Thôn/khu phố", lambda r: r.village),
    Column("Nhóm đối tượng", lambda r: CitizenGroup(r.group).short_label),
    Column("Nghề nghiệp, nơi làm việc", lambda r: r.occupation),
    Column("Điện thoại", lambda r: r.phone),
]
_DELETED_COLUMNS = [*_COLUMNS[:6], Column("Lý do xoá", lambda r: r.deleted_reason), *_COLUMNS[6:]]


class CitizenTableModel(PagedModel[CitizenRow, CitizenFilter]):
    def __init__(self, citizens: CitizenService, flt: CitizenFilter | None = None) -> None:
        flt = flt or CitizenFilter()
        super().__init__(_DELETED_COLUMNS if flt.deleted else _COLUMNS, citizens.count, citizens.page, flt,
                         citizens.first_page)
