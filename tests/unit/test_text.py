"""Any text reaches a workbook or a PDF without crashing the writer."""

import io

from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from desktop.domain.text import printable
from desktop.print.data import ListRow, OfficeHeader, ProposalData
from desktop.print.lists import proposal_list
from desktop.sheets.tables import SheetTable, workbook

HOSTILE = "Nguyễn\x00Văn\x0bAn\u200b\ud800\ue000\x1f'; DROP TABLE--"


def test_printable_keeps_letters_and_drops_control_characters():
    assert printable("Nguye\u0302\u0303n\x00 Văn\x0bAn") == "Nguyễn VănAn"
    assert printable("dòng 1\ndòng 2\tcột") == "dòng 1\ndòng 2\tcột"


@given(st.text(max_size=200))
def test_any_text_goes_into_a_workbook(text):
    data = workbook([SheetTable("Thử", text, ["Tên", "Số"], [[text, 1], [HOSTILE, 2]], notes=[text])])
    sheet = load_workbook(io.BytesIO(data))["Thử"]
    assert sheet["A4"].value.startswith("Nguyễn")


def test_any_text_goes_into_a_pdf():
    office = OfficeHeader("Tỉnh\x00", "Xã", HOSTILE, "Hội", "Chủ tịch", HOSTILE, "Hàm Thuận")
    rows = (ListRow(HOSTILE, 1980, HOSTILE, "Nông dân", 85, HOSTILE),)
    from datetime import date

    assert proposal_list(ProposalData(office, 2026, None, rows, date(2026, 11, 25))).startswith(b"%PDF")
