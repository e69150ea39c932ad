"""Reading the rosters clerks really have: a title above the header, headers in other words or without
diacritics, dates as text, as Excel dates or as a bare year, IDs stored as numbers, blank rows, extra
columns. The result is text per field, with the row and column each came from, for the checks."""

from __future__ import annotations

import io
import logging
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from openpyxl.utils import get_column_letter
from python_calamine import CalamineWorkbook

from desktop.domain.names import search_key

log = logging.getLogger(__name__)

HEADER_SEARCH_ROWS = 30
MAX_BYTES = 50_000_000

# Folded header words for each field, most specific first.
ALIASES: dict[str, tuple[str, ...]] = {
    "full_name": ("ho va ten", "ho ten", "ho va ten nguoi dan", "ho ten cong dan", "ten nguoi dan", "ho ten day du",
                  "full name", "name"),
    "birth": ("ngay sinh", "ngay thang nam sinh", "nam sinh", "ngay sinh nam sinh", "ns", "sinh ngay", "birth"),
    "sex": ("gioi tinh", "gt", "nam nu", "phai", "sex", "gender"),
    "cccd": ("so cccd", "cccd", "can cuoc", "so can cuoc", "can cuoc cong dan", "so dinh danh", "ma dinh danh",
             "so dinh danh ca nhan", "cmnd", "so cmnd", "cmnd cccd"),
    "village": ("thon", "thon khu pho", "thon xom", "khu pho", "ap", "ban", "to dan pho", "thon to", "dia chi",
                "noi o", "village"),
    "group": ("nhom", "nhom doi tuong", "doi tuong", "thanh phan", "group"),
    "occupation": ("nghe nghiep", "nghe nghiep noi lam viec", "noi lam viec", "cong viec", "nghe", "don vi cong tac",
                   "occupation"),
    "phone": ("dien thoai", "so dien thoai", "sdt", "dt", "phone"),
    "note": ("ghi chu", "note"),
    # a village's household list: each member a row, the household's number on each, the relation to its head
    "address": ("so nha", "dia chi nha", "dia chi cu the", "so nha duong", "to xom", "xom", "address"),
    "household": ("so ho", "ho so", "ma ho", "so thu tu ho", "stt ho", "ma so ho", "so ho khau", "household"),
    "relation": ("quan he voi chu ho", "quan he", "qh voi chu ho", "quan he chu ho", "relation"),
}
FIELD_HEADERS = {"full_name": "Họ và tên", "birth": "Ngày sinh", "sex": "Giới tính", "cccd": "Số CCCD",
                 "village": "Thôn/khu phố", "group": "Nhóm đối tượng", "occupation": "Nghề nghiệp, nơi làm việc",
                 "phone": "Điện thoại", "note": "Ghi chú", "household": "Số hộ", "relation": "Quan hệ với chủ hộ",
                 "address": "Số nhà, xóm"}
# a roster of people, in the template's order (the household list's own columns are not among them)
ROSTER_FIELDS = ("full_name", "birth", "sex", "cccd", "village", "group", "occupation", "phone", "note", "address")
EXCEL_EPOCH = datetime(1899, 12, 30)


class RosterFileError(ValueError):
    """Not a roster this program can read; the message says what the file is and what to do."""


@dataclass(frozen=True)
class RosterRow:
    number: int                  # the row number in the clerk's sheet
    values: dict[str, str]       # field -> text as it will be checked
    columns: dict[str, str]      # field -> column letter, to name the cell in messages
    numbers: frozenset[str] = frozenset()  # fields typed as numbers (a CCCD that lost its leading zeros)


@dataclass(frozen=True)
class RosterSheet:
    sheet_name: str
    header_row: int
    columns: dict[str, str]      # field -> column letter
    rows: list[RosterRow]
    ignored_headers: list[str]   # extra columns, left alone
    cells: list[list] = field(default_factory=list)  # every row of the sheet as read ("" empty), for the error copy


def check_file_kind(raw: bytes, name: str) -> None:
    if raw[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        # a workbook Excel encrypted with a password is kept in the old container, beside its key data
        if "EncryptedPackage".encode("utf-16-le") in raw:
            raise RosterFileError(f"{name} có đặt mật khẩu nên chương trình không đọc được. Hãy mở tệp bằng Excel "
                                  "(nhập mật khẩu), vào Tệp → Thông tin → Bảo vệ sổ làm việc → Mã hoá bằng mật khẩu, "
                                  "xoá mật khẩu, lưu lại rồi nhập tệp đó.")
        raise RosterFileError(f"{name} là tệp Excel kiểu cũ (.xls). Hãy mở bằng Excel, chọn Lưu thành "
                              "“Excel Workbook (.xlsx)” rồi nhập tệp mới.")
    if raw[:4] == b"%PDF":
        raise RosterFileError(f"{name} là tệp PDF, không phải bảng tính. Cần tệp Excel .xlsx.")
    if raw[:4] != b"PK\x03\x04":
        hint = " (có vẻ là tệp CSV/văn bản: hãy mở bằng Excel và lưu thành .xlsx)" if _looks_like_text(raw) else ""
        raise RosterFileError(f"{name} không phải tệp Excel .xlsx{hint}.")
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as z:
            if "xl/workbook.xml" not in z.namelist():
                raise RosterFileError(f"{name} là tệp nén nhưng không phải bảng tính Excel .xlsx.")
    except zipfile.BadZipFile:
        raise RosterFileError(f"{name} bị hỏng (không mở được như tệp .xlsx).") from None


def _looks_like_text(raw: bytes) -> bool:
    sample = raw[:2000]
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return b"," in sample or b";" in sample or b"\t" in sample


def read_roster(path: Path) -> RosterSheet:
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise RosterFileError(f"Không đọc được tệp {path.name}: {e.strerror or e}") from None
    if len(raw) > MAX_BYTES:
        raise RosterFileError(f"{path.name} quá lớn (hơn 50 MB) để là danh sách một thôn.")
    check_file_kind(raw, path.name)
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(raw))
        sheets = [book.get_sheet_by_name(name).to_python(skip_empty_area=False) for name in book.sheet_names]
    except Exception as e:  # noqa: BLE001 - a broken file can fail in many ways
        log.warning("%s: calamine could not read it: %s: %s", path.name, type(e).__name__, e)
        raise RosterFileError(f"{path.name} bị hỏng: nội dung bên trong tệp không đọc được. Hãy mở tệp bằng Excel, "
                              "lưu thành một tệp .xlsx mới rồi nhập tệp mới.") from None
    for name, rows in zip(book.sheet_names, sheets, strict=True):
        found = _read_sheet(name, rows)
        if found is not None:
            return found
    raise RosterFileError(f"Không tìm thấy dòng tiêu đề trong {path.name}: cần ít nhất cột “Họ và tên” và một cột "
                          "khác (ngày sinh, giới tính, CCCD, thôn…) trong 30 dòng đầu. Có thể dùng tệp mẫu của "
                          "chương trình.")


def _read_sheet(title: str, rows: list[list]) -> RosterSheet | None:
    """`rows` from A1 (calamine: empty cells are ""), every row of the sheet."""
    header_index, columns, ignored = None, {}, []
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS], 1):
        matched, extra = _match_header(row)
        if "full_name" in matched and len(matched) >= 2:
            header_index, columns, ignored = i, matched, extra
            break
    if header_index is None:
        return None
    letters = {field: get_column_letter(index + 1) for field, index in columns.items()}
    fields = list(columns.items())
    out: list[RosterRow] = []
    for number, row in enumerate(rows[header_index:], header_index + 1):
        width = len(row)
        got = [(field, row[index]) for field, index in fields if index < width and row[index] != ""]
        if not got:
            continue  # blank rows
        values = dict.fromkeys(columns, "")
        values.update((field, _text(field, value)) for field, value in got)
        if not any(values.values()):
            continue  # cells of spaces alone
        numbers = frozenset(f for f, value in got if type(value) in (int, float))
        out.append(RosterRow(number, values, letters, numbers))
    # every row as read, for the error copy (calamine's "" is an empty cell there)
    return RosterSheet(title, header_index, letters, out, ignored, rows)


def _match_header(row: tuple) -> tuple[dict[str, int], list[str]]:
    matched: dict[str, int] = {}
    extra: list[str] = []
    for index, cell in enumerate(row):
        if cell is None or not str(cell).strip():
            continue
        key = search_key(str(cell))
        field = next((f for f, names in ALIASES.items() if key in names and f not in matched), None)
        if field is None:
            field = next((f for f, names in ALIASES.items() if f not in matched
                          and any(key.startswith(n + " ") for n in names if len(n) > 3)), None)
        if field is not None:
            matched[field] = index
        else:
            extra.append(str(cell).strip())
    return matched, extra


def _text(field: str, value: object) -> str:
    """A cell as the text the checks expect."""
    if value is None:
        return ""
    if field == "birth":
        return _birth_text(value)
    if field in ("cccd", "phone"):
        return _digits_text(field, value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _birth_text(value: object) -> str:
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
        if number.is_integer() and 1800 <= number <= 2200:
            return str(int(number))  # a bare year
        if 1 <= number < 80_000:  # an Excel date serial in a General-formatted cell
            return (EXCEL_EPOCH + timedelta(days=int(number))).strftime("%d/%m/%Y")
    return " ".join(str(value).split())


def _digits_text(field: str, value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        text = str(value)
        # a number cell drops the leading zeros of a CCCD (060180123456 becomes 60180123456): the roster
        # service restores them where the row's sex and birth year agree (RosterRow.numbers says which)
        if field == "phone" and len(text) == 9:
            return "0" + text
        return text
    return " ".join(str(value).split())
