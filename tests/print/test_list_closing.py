"""No page of a list holds only its signature: whatever the number of rows, the last page has rows."""

import io
import re
from datetime import date

from pypdf import PdfReader

from desktop.print.data import ListRow, OfficeHeader, ProposalData
from desktop.print.lists import CARRIED, proposal_list

OFFICE = OfficeHeader("Tỉnh Lâm Đồng", "Xã Hàm Thuận", "Hội Khuyến học xã Hàm Thuận", "Hội Khuyến học tỉnh Lâm Đồng",
                      "Chủ tịch", "Nguyễn Văn Ba", "Hàm Thuận")


def test_the_signature_never_stands_alone():
    carried = 0
    for n in range(15, 75):
        rows = tuple(ListRow(f"Người Số {i}", 1980, "Thôn Phú Lập", "Nông dân", 85) for i in range(1, n + 1))
        reader = PdfReader(io.BytesIO(proposal_list(ProposalData(OFFICE, 2026, None, rows, date(2026, 11, 25)))))
        last = reader.pages[-1].extract_text()
        assert "NGUYỄN VĂN BA" in last.upper() or "Nguyễn Văn Ba" in last, n
        assert f"Người Số {n}" in last, (n, last[:200])  # the last row sits with the signature
        names = [int(x) for page in reader.pages for x in re.findall(r"Người Số (\d+)\b", page.extract_text())]
        assert names == list(range(1, n + 1)), n  # every row once, in order
        carried += len(re.findall(r"Người Số \d+", last)) == CARRIED
    assert carried  # some counts did need the last rows carried over
