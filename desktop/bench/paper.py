"""Paper and spreadsheet figures for `bench`: 1,000 certificates unsigned and signed (the clerks' path, with
the verification QR), the self-assessment sheets of the whole commune, a 30,000-row roster (dry run and
import), each beside the bare library doing the same work."""

from __future__ import annotations

import io
import sqlite3
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from python_calamine import CalamineWorkbook
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from desktop.bench.measure import Figure
from desktop.bench.scratch import raw, scratch_copy, sqlite_floor
from desktop.db.base import utcnow
from desktop.db.enrolment_queries import EnrolmentFilter
from desktop.domain.cycle import Status
from desktop.print.fonts import SERIF, register_fonts
from desktop.print.qr import modules
from desktop.services.demo import PersonMaker
from desktop.services.desk import Desk
from desktop.services.printing import DocumentKind, PrintService
from desktop.services.roster import Outcome, RosterService, _row
from desktop.sheets.roster_errors import error_copy
from desktop.sheets.roster_read import FIELD_HEADERS

CERTIFICATES = 1_000
ROSTER_ROWS = 30_000
PASS = "mat-khau-do-toc-do"
SHEET_FLOOR_PAGES = 3_000  # the bare floor is drawn for this many pages and scaled to the commune's count
SHEET_MB = 300


def paper_figures(register: Desk, roster_rows: int = ROSTER_ROWS) -> dict[str, Figure]:
    figures: dict[str, Figure] = {}
    year = date.today().year
    with scratch_copy(register) as copy:
        ids = [r.id for r in copy.enrolments.page(
            EnrolmentFilter(year, statuses=(Status.RECOGNIZED.value,)), 0, CERTIFICATES)]
        started = time.perf_counter()
        printed = PrintService(copy).render(DocumentKind.CERTIFICATE, year, enrolment_ids=ids)
        unsigned = time.perf_counter() - started
        figures["certificates_1000_s"] = Figure(unsigned, "s", 2, _bare_certificates(len(ids), qr=False),
                                                f"{printed.items} giấy công nhận chưa ký vào một tệp PDF "
                                                "(cấp số, ghi nhật ký)")
        copy.keys.create(PASS)
        started = time.perf_counter()
        printed = PrintService(copy).render(DocumentKind.CERTIFICATE, year, enrolment_ids=ids, passphrase=PASS)
        figures["certificates_signed_1000_s"] = Figure(
            time.perf_counter() - started, "s", 2, _bare_certificates(len(ids), qr=True),
            f"in lại {printed.items} giấy đó có mã QR đã ký (như văn phòng in; thư viện trần: một ảnh QR dùng lại)")
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "danh-sach.xlsx"
            _roster(copy, path, roster_rows)
            service = RosterService(copy)
            started = time.perf_counter()
            dry = service.dry_run(path)
            dry_s = time.perf_counter() - started
            started = time.perf_counter()
            with (Path(tmp) / "bao-loi.xlsx").open("wb") as out:  # the error copy clerks send back to villages
                error_copy(dry.sheet, dry.notes(), out)
            copy_s = time.perf_counter() - started
            started = time.perf_counter()
            done = service.import_rows(dry)
            import_s = time.perf_counter() - started
            figures["roster_dry_run_s"] = Figure(dry_s + copy_s, "s", 6, _bare_dry_run(path),
                                                 f"chạy thử tệp {roster_rows:,} dòng".replace(",", ".")
                                                 + " (đọc, kiểm tra từng dòng, ghi bản báo lỗi)", goal=1.5)
            rows = [_row(r.data, utcnow()) for r in dry.results if r.outcome is Outcome.NEW and r.data]
            figures["roster_import_s"] = Figure(dry_s + import_s, "s", 8,
                                                sqlite_floor(register, lambda: _bare_import(register, path, rows)),
                                                f"nhập tệp đó: chạy thử và lưu {done.added:,} người".replace(",", "."),
                                                goal=2.5)
    return figures


def _roster(register: Desk, path: Path, rows: int) -> None:
    """A roster as a village would send it: new people, every column, dates in mixed forms."""
    villages = [v.name for v in register.office.villages()]
    maker = PersonMaker(777, date.today())
    book = Workbook(write_only=True)
    ws = book.create_sheet("Danh sách")
    ws.append([f"DANH SÁCH NGƯỜI DÂN — {rows} người"])
    ws.append(list(FIELD_HEADERS.values()))
    for i in range(rows):
        p = maker.person()
        birth = f"{p.birth_day:02d}/{p.birth_month:02d}/{p.birth_year}" if p.birth_day else p.birth_year
        ws.append([p.full_name, birth, p.sex.label, p.cccd or "", villages[i % len(villages)], int(p.group),
                   p.occupation, p.phone, ""])
    book.save(path)


def _read(path: Path) -> list[list]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python(skip_empty_area=False)


def _bare_dry_run(path: Path) -> float:
    """What a dry run cannot do without: calamine reading every row, openpyxl writing them back (write-only)
    with a column of text, the error copy's shape."""
    started = time.perf_counter()
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Danh sách")
    for row in _read(path):
        sheet.append([*row, "Mới"])
    book.save(io.BytesIO())
    return time.perf_counter() - started


def _bare_import(register: Desk, path: Path, rows: list[dict]) -> float:
    """What an import cannot do without: calamine reading every row, SQLite's backup copying the register
    (the program backs it up before an import), one executemany inserting the same rows (their values as
    the program makes them, made beforehand) in one transaction."""
    columns = list(rows[0])
    values = [tuple(v.isoformat(" ") if isinstance(v, datetime) else v for v in r.values()) for r in rows]
    started = time.perf_counter()
    _read(path)
    with tempfile.TemporaryDirectory() as tmp, closing(raw(register)) as source, \
            closing(sqlite3.connect(Path(tmp) / "ban-sao.sqlite")) as db:
        source.backup(db)
        with db:
            db.executemany(f"INSERT INTO citizen ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                           values)
    return time.perf_counter() - started


def _bare_certificates(n: int, qr: bool) -> float:
    """reportlab alone: the certificate's texts on each page and, for the signed path, one QR code encoded
    once and placed on every page (the same inline image mask the program paints)."""
    register_fonts()
    started = time.perf_counter()
    canvas = Canvas(io.BytesIO(), pagesize=landscape(A4), initialFontName=SERIF)
    mask = _qr_mask(68, 74, 26 * mm) if qr else None
    for i in range(n):
        for y, size, text in ((540, 14, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), (520, 14, "Độc lập - Tự do - Hạnh phúc"),
                              (480, 16, "HỘI KHUYẾN HỌC XÃ HÀM THUẬN"), (420, 34, "GIẤY CÔNG NHẬN"),
                              (385, 20, "DANH HIỆU “CÔNG DÂN HỌC TẬP” NĂM 2026"), (300, 26, f"NGƯỜI SỐ {i}"),
                              (260, 15, "Đạt danh hiệu “Công dân học tập”"), (200, 14, "CHỦ TỊCH")):
            canvas.setFont(SERIF, size)
            canvas.drawCentredString(420, y, text)
        if mask is not None:
            _paint(canvas, mask)
        canvas.showPage()
    canvas.save()
    return time.perf_counter() - started


def _paint(canvas: Canvas, mask: str) -> None:
    canvas.saveState()
    canvas.addLiteral(mask)
    canvas.restoreState()


def _qr_mask(x: float, y: float, side: float) -> str:
    code = modules("CDHT1|" + "x" * 160)
    return (f"{side:.3f} 0 0 {side:.3f} {x} {y} cm BI /W {code.size} /H {code.size} /BPC 1 /IM true /F /AHx "
            f"ID {code.rows.hex()}> EI")


def sheet_figures(folder: Path, url: str | None) -> dict[str, Figure]:
    """The whole commune's self-assessment sheets printed by the program as a clerk would (its own
    process: time and peak memory), beside reportlab drawing the same pages on its own."""
    year = date.today().year
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "phieu.pdf"
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", _PEAK_CHILD, "--data-dir", str(folder),
                               *(["--db-url", url] if url else []), "print", "phieu-danh-gia", "--year", str(year),
                               "--out", str(out)], capture_output=True, text=True, encoding="utf-8")
        seconds = time.perf_counter() - started
        if done.returncode != 0:
            raise RuntimeError(f"lỗi khi in phiếu tự đánh giá: {done.stderr[-500:]}")
        said, peak = done.stdout.rsplit("peak_kb=", 1)
        peak_mb = int(peak) / 1024 or None
        sheets = int(said.rsplit("(", 1)[1].split(")")[0])
    floor = _bare_sheets(min(sheets, SHEET_FLOOR_PAGES)) * sheets / min(sheets, SHEET_FLOOR_PAGES)
    what = f"{sheets:,} phiếu tự đánh giá của cả xã vào một tệp PDF (tiến trình riêng)".replace(",", ".")
    figures = {"sheets_all_s": Figure(seconds, "s", round(3 * sheets / 1000, 1), floor,
                                      what + "; mục tiêu 3 giây mỗi 1.000 phiếu")}
    if peak_mb is not None:
        figures["sheets_all_peak_mb"] = Figure(peak_mb, "MB", SHEET_MB, None, "bộ nhớ cao nhất khi in số phiếu đó")
    return figures


# the command line's print, then its own peak resident memory: /proc's high-water mark belongs to this
# program (getrusage's maxrss would count the benchmark's memory the child was forked from)
_PEAK_CHILD = """
import sys
from desktop.__main__ import main
code = main(sys.argv[1:])
status = open("/proc/self/status").read() if sys.platform == "linux" else ""
print("peak_kb=" + next((line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:")), "0"))
sys.exit(code)
"""


def _bare_sheets(n: int) -> float:
    """reportlab alone: the sheet's table drawn once as a form, each page placing it with the person's three
    lines and one QR code encoded once."""
    from desktop.print.assessment import shared_part, stack
    from desktop.print.data import AssessmentSheetData, IndicatorLine, OfficeHeader, Person

    register_fonts()
    office = OfficeHeader("Lâm Đồng", "Xã Hàm Thuận", "Hội Khuyến học xã Hàm Thuận", "", "", "", "Hàm Thuận")
    lines = tuple(IndicatorLine(f"1.{i}", "1", "Thường xuyên đọc sách, báo, nghe đài, xem ti vi " * 2, 10)
                  for i in range(10))
    sheet = AssessmentSheetData(office, 2026, Person("", "", "", "", "", "", "", "", ""), 1, {"1": "Năng lực"},
                                lines, 80, 5, "")
    started = time.perf_counter()
    canvas = Canvas(io.BytesIO(), pagesize=A4, initialFontName=SERIF, pageCompression=1)
    canvas.beginForm("phieu")
    stack(canvas, shared_part(sheet))
    canvas.endForm()
    mask = _qr_mask(480, 700, 22 * mm)
    for i in range(n):
        canvas.doForm("phieu")
        canvas.setFont(SERIF, 10.5)
        for k, text in enumerate((f"Họ và tên: Nguyễn Văn Người Số {i}", "Sinh: 05/03/1980 — Thôn Phú Lập",
                                  "Nhóm 1: Nông dân, lao động nông thôn")):
            canvas.drawString(51, 740 - 13 * k, text)
        _paint(canvas, mask)
        canvas.showPage()
    canvas.save()
    return time.perf_counter() - started
