"""Paper and spreadsheet figures for `bench`: 1,000 certificates, a 30,000-row roster (dry run and import),
each beside the bare library doing the same work."""

from __future__ import annotations

import io
import tempfile
import time
from datetime import date
from pathlib import Path

from openpyxl import Workbook, load_workbook
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from desktop.bench import Figure, scratch_copy
from desktop.db.enrolment_queries import EnrolmentFilter
from desktop.domain.cycle import Status
from desktop.print.fonts import SERIF, register_fonts
from desktop.services.demo import PersonMaker
from desktop.services.printing import DocumentKind, PrintService
from desktop.services.register import Register
from desktop.services.roster import RosterService
from desktop.sheets.roster_read import FIELD_HEADERS

CERTIFICATES = 1_000
ROSTER_ROWS = 30_000


def paper_figures(register: Register) -> dict[str, Figure]:
    figures: dict[str, Figure] = {}
    year = date.today().year
    with scratch_copy(register) as copy:
        ids = [r.id for r in copy.enrolments.page(
            EnrolmentFilter(year, statuses=(Status.RECOGNIZED.value,)), 0, CERTIFICATES)]
        started = time.perf_counter()
        printed = PrintService(copy).render(DocumentKind.CERTIFICATE, year, enrolment_ids=ids)
        figures["certificates_1000_s"] = Figure(time.perf_counter() - started, "s", 2, _bare_certificates(len(ids)),
                                                f"{printed.items} giấy công nhận vào một tệp PDF (cấp số, ghi nhật ký)")
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "danh-sach.xlsx"
            _roster(copy, path)
            service = RosterService(copy)
            started = time.perf_counter()
            dry = service.dry_run(path)
            dry_s = time.perf_counter() - started
            started = time.perf_counter()
            done = service.import_rows(dry)
            import_s = time.perf_counter() - started
            bare = _bare_read(path)
            figures["roster_dry_run_s"] = Figure(dry_s, "s", 5, bare,
                                                 f"chạy thử tệp {ROSTER_ROWS:,} dòng (đọc và kiểm tra từng dòng)"
                                                 .replace(",", "."))
            figures["roster_import_s"] = Figure(dry_s + import_s, "s", 8, bare,
                                                f"nhập tệp đó: chạy thử và lưu {done.added:,} người".replace(",", "."))
    return figures


def _roster(register: Register, path: Path) -> None:
    """A roster as a village would send it: new people, every column, dates in mixed forms."""
    villages = [v.name for v in register.office.villages()]
    maker = PersonMaker(777, date.today())
    book = Workbook(write_only=True)
    ws = book.create_sheet("Danh sách")
    ws.append([f"DANH SÁCH NGƯỜI DÂN — {ROSTER_ROWS} người"])
    ws.append(list(FIELD_HEADERS.values()))
    for i in range(ROSTER_ROWS):
        p = maker.person()
        birth = f"{p.birth_day:02d}/{p.birth_month:02d}/{p.birth_year}" if p.birth_day else p.birth_year
        ws.append([p.full_name, birth, p.sex.label, p.cccd or "", villages[i % len(villages)], int(p.group),
                   p.occupation, p.phone, ""])
    book.save(path)


def _bare_read(path: Path) -> float:
    started = time.perf_counter()
    book = load_workbook(path, read_only=True, data_only=True)
    for _ in book.active.iter_rows(values_only=True):
        pass
    book.close()
    return time.perf_counter() - started


def _bare_certificates(n: int) -> float:
    register_fonts()
    started = time.perf_counter()
    canvas = Canvas(io.BytesIO(), pagesize=landscape(A4), initialFontName=SERIF)
    for i in range(n):
        canvas.setFont(SERIF, 26)
        canvas.drawCentredString(420, 300, f"NGƯỜI SỐ {i}")
        canvas.setFont(SERIF, 15)
        canvas.drawCentredString(420, 260, "Đạt danh hiệu “Công dân học tập”")
        canvas.showPage()
    canvas.save()
    return time.perf_counter() - started
