import io

from openpyxl import load_workbook

from desktop import PRODUCER
from desktop.db.citizen_queries import CitizenFilter
from desktop.db.enrolment_queries import EnrolmentFilter
from desktop.services import exports
from desktop.services.demo import fill_demo
from desktop.services.demo_year import fill_demo_year

YEAR = 2026


def book(data: bytes):
    return load_workbook(io.BytesIO(data))


def test_year_report_is_formatted_with_totals(register):
    fill_demo(register, 300, seed=2)
    fill_demo_year(register, YEAR, seed=2)
    wb = book(exports.year_report(register, YEAR))
    assert wb.properties.creator == PRODUCER
    assert wb.sheetnames == ["Theo nhóm", "Theo thôn", "Đơn vị", "Mô hình học tập", "Tỉ lệ theo QĐ 677"]
    measures = [[c.value for c in row] for row in wb["Tỉ lệ theo QĐ 677"].iter_rows()]
    assert any(row[0] == "Người có danh hiệu có kỹ năng số" for row in measures)
    ws = wb["Theo nhóm"]
    assert ws["A1"].value.startswith("KẾT QUẢ CÔNG DÂN HỌC TẬP NĂM 2026 THEO NHÓM ĐỐI TƯỢNG — Hội Khuyến học xã")
    assert [c.value for c in ws[2]][:4] == ["Nhóm đối tượng", "Được công nhận", "Tổng số trong nhóm", "Tỉ lệ"]
    assert ws.freeze_panes == "A3" and ws["A2"].font.bold
    assert ws["A6"].value == "Tổng cộng" and ws["B6"].value == sum(ws.cell(row=r, column=2).value for r in (3, 4, 5))
    # any reader sees the totals: values, not formulas without a stored result
    values = load_workbook(io.BytesIO(exports.year_report(register, YEAR)), data_only=True)["Theo nhóm"]
    assert values["B6"].value == ws["B6"].value and isinstance(values["C6"].value, int)
    assert ws["D3"].number_format == "0.0%"
    stats = register.stats.compute(YEAR)
    assert [ws.cell(row=r, column=2).value for r in (3, 4, 5)] == [g.recognized for g in stats.groups]
    assert ws.column_dimensions["A"].width >= len("Nông dân, lao động nông thôn")
    assert any("Mục tiêu 2025" in str(c.value) for c in ws["A"])
    # the commune-wide rate, on the total row: recognized of all adults, as the report's "Toàn xã"
    # (a float goes through the file's text at 16 digits: equal to the last place, not bit for bit)
    assert abs(values["D6"].value - stats.total.rate) < 1e-12 and ws["D6"].number_format == "0.0%"
    assert round(values["D6"].value, 6) == round(values["B6"].value / values["C6"].value, 6)
    for sheet in wb.worksheets:  # printed from Excel or LibreOffice: landscape, one page wide, header repeated
        if sheet.sheet_state == "hidden":
            continue
        assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
        assert sheet.page_setup.fitToHeight == 0 and sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.print_title_rows == "$2:$2" and sheet.row_dimensions[1].height >= 20


def test_lists_on_screen_and_the_proposal_list(register):
    fill_demo(register, 120, seed=4)
    fill_demo_year(register, YEAR, seed=4)
    people = book(exports.citizen_list(register, CitizenFilter("nguyen")))["Người dân"]
    assert people.max_row - 2 == register.citizens.count(CitizenFilter("nguyen"))
    assert all(str(people.cell(row=r, column=1).value).startswith("Nguyễn") for r in range(3, people.max_row + 1))
    year = book(exports.enrolment_list(register, EnrolmentFilter(YEAR)))[f"Năm {YEAR}"]
    assert [c.value for c in year[2]] == ["Họ và tên", "Năm sinh", "Thôn/khu phố", "Nhóm", "Bước", "Tổng điểm",
                                          "Kết quả"]
    proposal = book(exports.proposal_list(register, YEAR))["Đề nghị"]
    assert proposal["A3"].value == 1 and proposal.max_row - 2 == register.recognition.decisions(YEAR)[0].recognized


def test_template_has_lists_to_choose_from(office):
    wb = book(exports.roster_template(office))
    ws = wb["Danh sách"]
    rules = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    assert set(rules) == {"C3:C502", "E3:E502", "F3:F502"}
    lists = wb["Danh mục"]
    assert lists.sheet_state == "hidden"
    assert [lists["A1"].value, lists["A2"].value] == ["Nam", "Nữ"]
    assert [lists[f"B{i}"].value for i in (1, 2, 3)] == ["Thôn Phú Lập", "Thôn Đông", "Khu phố 3"]
    assert ws["D3"].number_format == "@"
