"""What goes into each Excel file the program hands out: the roster template, any list on screen, the
proposal list and the year's report."""

from __future__ import annotations

from desktop.db.citizen_queries import CitizenFilter
from desktop.db.enrolment_queries import EnrolmentFilter
from desktop.domain.birth import BirthDate
from desktop.domain.cycle import Status
from desktop.domain.groups import CitizenGroup
from desktop.services.register import Register
from desktop.sheets.roster_read import FIELD_HEADERS, ROSTER_FIELDS
from desktop.sheets.tables import SheetTable, workbook

TEMPLATE_ROWS = 500
PAGE = 5_000


def roster_template(register: Register) -> bytes:
    headers = [FIELD_HEADERS[f] for f in ROSTER_FIELDS]
    groups = [f"{int(g)}. {g.label}" for g in CitizenGroup]
    return workbook([SheetTable(
        "Danh sách", "DANH SÁCH NGƯỜI DÂN (mỗi dòng một người; ngày sinh dd/mm/yyyy hoặc chỉ năm sinh)", headers, [],
        validations={2: ["Nam", "Nữ"], 4: [v.name for v in register.office.villages()], 5: groups},
        blank_rows=TEMPLATE_ROWS, text_columns=(3, 7))])


def citizen_list(register: Register, flt: CitizenFilter) -> bytes:
    rows = []
    offset = 0
    while batch := register.citizens.page(flt, offset, PAGE):
        rows += [[r.full_name, str(BirthDate(r.birth_year, r.birth_month, r.birth_day)), "Nam" if r.sex == "M" else "Nữ",
                  r.cccd or "", r.village, CitizenGroup(r.group).short_label, r.occupation, r.phone] for r in batch]
        offset += PAGE
    title = "DANH SÁCH NGƯỜI ĐÃ XOÁ KHỎI SỔ" if flt.deleted else "SỔ NGƯỜI DÂN"
    headers = [FIELD_HEADERS[f] for f in ("full_name", "birth", "sex", "cccd", "village", "group", "occupation",
                                          "phone")]
    return workbook([SheetTable("Người dân", _title(register, title), headers, rows, text_columns=(3, 7))])


def enrolment_list(register: Register, flt: EnrolmentFilter) -> bytes:
    rows = []
    offset = 0
    while batch := register.enrolments.page(flt, offset, PAGE):
        rows += [[r.full_name, r.birth_year, r.village, CitizenGroup(r.group).short_label, Status(r.status).label,
                  r.total, r.verdict] for r in batch]
        offset += PAGE
    headers = ["Họ và tên", "Năm sinh", "Thôn/khu phố", "Nhóm", "Bước", "Tổng điểm", "Kết quả"]
    return workbook([SheetTable(f"Năm {flt.year}", _title(register, f"CÔNG DÂN HỌC TẬP NĂM {flt.year}"), headers,
                                rows)])


def proposal_list(register: Register, year: int, village_id: int | None = None) -> bytes:
    rows = register.recognition.proposal_list(year, village_id) or \
        register.recognition.proposal_list(year, village_id, Status.RECOGNIZED)
    body = [[i, r.full_name, r.birth_year, r.village, r.group.short_label, r.total] for i, r in enumerate(rows, 1)]
    headers = ["STT", "Họ và tên", "Năm sinh", "Thôn/khu phố", "Nhóm", "Tổng điểm"]
    return workbook([SheetTable("Đề nghị", _title(register, f"DANH SÁCH ĐỀ NGHỊ CÔNG NHẬN “CÔNG DÂN HỌC TẬP” "
                                                            f"NĂM {year}"), headers, body)])


def year_report(register: Register, year: int) -> bytes:
    stats = register.stats.compute(year)
    headers = ["Nhóm đối tượng", "Được công nhận", "Tổng số trong nhóm", "Tỉ lệ", "Đã đăng ký", "Đã chấm điểm",
               "Tỉ lệ trên số đăng ký", "Tính theo sổ"]

    def line(x) -> list:  # noqa: ANN001
        return [x.label, x.recognized, x.adults, x.rate or 0, x.registered, x.assessed, x.rate_of_registered or 0,
                "có" if x.from_register else ""]

    targets = [f"Mục tiêu {m}: {t['adults']}% người lớn, {t['officials']}% cán bộ, công chức, viên chức."
               for m, t in stats.targets.items()]
    if stats.own_target_percent:
        targets.append(f"Chỉ tiêu của đơn vị: {stats.own_target_percent}%.")
    groups = SheetTable("Theo nhóm", _title(register, f"KẾT QUẢ CÔNG DÂN HỌC TẬP NĂM {year} THEO NHÓM ĐỐI TƯỢNG"),
                        headers, [line(g) for g in stats.groups], total_columns=(1, 2, 4, 5), percent_columns=(3, 6),
                        notes=targets, rates={3: (1, 2), 6: (1, 4)})
    villages = SheetTable("Theo thôn", _title(register, f"KẾT QUẢ NĂM {year} THEO THÔN, KHU PHỐ"),
                          ["Thôn/khu phố", headers[1], "Số người lớn", *headers[3:]], [line(v) for v in stats.villages],
                          total_columns=(1, 2, 4, 5), percent_columns=(3, 6), rates={3: (1, 2), 6: (1, 4)})
    units = SheetTable("Đơn vị", _title(register, f"CÁN BỘ, CÔNG CHỨC THEO NƠI LÀM VIỆC NĂM {year}"),
                       ["Nơi làm việc", "Trong sổ", "Được công nhận", "Tỉ lệ",
                        f"Chỉ tiêu {stats.staff_target[0]}%"],
                       [[w.name, w.staff_on_register, w.recognized, w.rate,
                         "Đạt" if w.meets(stats.staff_target[0]) else "Chưa đạt"]
                        for w in stats.workplaces], total_columns=(1, 2), percent_columns=(3,), rates={3: (2, 1)})
    figures = register.model_stats.compute(year)
    models = SheetTable("Mô hình học tập", _title(register, f"CÁC MÔ HÌNH HỌC TẬP NĂM {year} (CHƯƠNG TRÌNH 387)"),
                        ["Mô hình", "Được công nhận", "Tổng số", "Tỉ lệ", "Đã đăng ký", "Tỉ lệ trên số đăng ký",
                         "Mục tiêu 2025 (%)", "Chỉ tiêu 2030 của đơn vị (%)"],
                        [[m.model.title, m.recognized, m.total, m.rate or 0, m.registered, m.rate_of_registered or 0,
                          m.target_2025, m.target_2030 or ""] for m in figures.models.values()],
                        percent_columns=(3, 5), rates={3: (1, 2), 5: (1, 4)})
    measures = SheetTable("Tỉ lệ theo QĐ 677", _title(register, f"CÁC TỈ LỆ THEO QUYẾT ĐỊNH 677/QĐ-TTg NĂM {year}"),
                          ["Chỉ tiêu", "Số người", "Trên tổng số", "Tỉ lệ", "Mục tiêu 2025 (%)", "Mục tiêu 2030 (%)",
                           "Tổng số là"],
                          [[r.label, r.count, r.of, r.rate or 0, r.target_2025, r.target_2030, r.denominator]
                           for r in figures.measure_rows()], percent_columns=(3,))
    return workbook([groups, villages, units, models, measures])


def _title(register: Register, text: str) -> str:
    info = register.office.info()
    return f"{text} — {info.association_name}" if info else text
