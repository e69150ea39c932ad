"""Village rosters as clerks really have them, with real files."""

import io
from datetime import datetime

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from desktop import PRODUCER
from desktop.db.citizen_queries import CitizenFilter
from desktop.db.models import Citizen
from desktop.domain.groups import CitizenGroup
from desktop.domain.sex import Sex
from desktop.services.exports import roster_template
from desktop.services.roster import Outcome, RosterError, RosterService
from desktop.sheets.roster_errors import ERROR_HEADER, error_copy
from desktop.sheets.roster_read import RosterFileError
from tests.conftest import TODAY, add, village_id


def save(book: Workbook, path):
    book.save(path)
    return path


def messy_book(path):
    """A title and a note above the header, headers without diacritics or in other words, an STT and an
    extra column, dates in four forms, IDs stored as numbers, blank rows, and some mistakes."""
    book = Workbook()
    ws = book.active
    ws.title = "Thon Phu Lap"
    ws["A1"] = "DANH SÁCH NGƯỜI DÂN THÔN PHÚ LẬP NĂM 2026"
    ws.merge_cells("A1:H1")
    ws["A2"] = "(Chi hội trưởng lập)"
    ws.append([])
    ws.append(["STT", "Ho ten", "Nam sinh", "GT", "CMND/CCCD", "Thon", "Doi tuong", "SĐT", "Cột thêm"])
    rows = [
        [1, "nguyễn  văn an", "05/03/1980", "Nam", 60080123456, "Phú Lập", "1", 912345678, "x"],  # text date, id
        [2, "Trần Thị Bình", datetime(1985, 7, 9), "nữ", "060185000002", "thon phu lap", "Nông dân", None, None],
        [3, "Lê Văn Cường", 1975, "nam", 60075000003.0, "Thôn Đông", "Công nhân", None, None],  # bare year, float id
        [],                                                                                     # blank row
        [4, "Phạm Thị Dung", 29285, "Nữ", None, "Khu phố 3", "3. Cán bộ", None, None],             # Excel serial
        [5, "Hoàng Văn Em", "31/02/1980", "Nam", "12345", "Phú Lập", "1", None, None],            # two mistakes
        [6, "Đỗ Văn Phúc", "1990", "Nam", None, "Thôn Tây", "1", None, None],                      # unknown village
        [7, None, "1990", "Nam", None, "Phú Lập", "1", None, None],                                 # no name
        [8, "Vũ Văn Giang", "1991", "Nam", 60091000009, "Phú Lập", "1", None, None],
        [9, "Vũ Văn Giang Hai", "1991", "Nam", 60091000009, "Phú Lập", "1", None, None],           # same CCCD twice
        [10, "Ngô Thị Hoa", "1970", "Nữ", None, "Phú Lập", "1", None, None],                       # on the register
    ]
    for row in rows:
        ws.append(row)
    return save(book, path)


@pytest.fixture
def service(office):
    add(office, "Ngô Thị Hoa", sex=Sex.FEMALE, birth="1970")
    return RosterService(office, today=lambda: TODAY)


def test_the_rosters_clerks_really_have(service, office, tmp_path):
    dry = service.dry_run(messy_book(tmp_path / "phu-lap.xlsx"))
    assert dry.sheet.header_row == 4 and dry.sheet.ignored_headers == ["STT", "Cột thêm"]
    by_row = {r.number: r for r in dry.results}
    assert len(dry.results) == 10  # the blank row is skipped
    an = by_row[5]
    assert an.outcome is Outcome.NEW and an.data.full_name == "Nguyễn Văn An" and an.data.cccd == "060080123456"
    assert an.data.phone == "0912345678" and str(an.data.birth) == "05/03/1980"
    assert str(by_row[6].data.birth) == "09/07/1985" and by_row[6].data.sex is Sex.FEMALE
    assert by_row[7].data.birth.year == 1975 and by_row[7].data.cccd == "060075000003"
    assert by_row[7].data.group is CitizenGroup.WORKER
    assert str(by_row[9].data.birth) == "05/03/1980" and by_row[9].data.group is CitizenGroup.OFFICIAL
    em = by_row[10]
    assert em.outcome is Outcome.ERROR
    assert 'dòng 10, cột “Ngày sinh” (C10): 31/02/1980 không phải là một ngày có thật.' in em.messages
    assert any(m.startswith("dòng 10, cột “Số CCCD” (E10): Số CCCD phải đủ 12 chữ số") for m in em.messages)
    assert by_row[11].messages == ["dòng 11, cột “Thôn/khu phố” (F11): “Thôn Tây” không có trong danh sách "
                                   "thôn/khu phố của xã"]
    assert "Chưa nhập họ và tên" in by_row[12].messages[0]
    assert by_row[13].outcome is Outcome.NEW
    assert by_row[14].outcome is Outcome.ERROR and "trùng với dòng 13 của tệp" in by_row[14].messages[0]
    assert by_row[15].outcome is Outcome.DUPLICATE
    assert dry.summary() == "10 dòng: 5 người mới, 0 đã có trong sổ, 1 có thể trùng, 4 dòng lỗi."
    with office.db.reader() as s:
        assert s.scalar(select(func.count()).select_from(Citizen)) == 1  # a dry run saves nothing

    done = service.import_rows(dry)
    assert (done.added, done.skipped) == (5, 5)
    assert office.citizens.count(CitizenFilter("nguyen van an")) == 1
    history = office.citizens.history(office.citizens.page(CitizenFilter("nguyen van an"), 0, 1)[0].id)
    assert "nhập từ Excel" in history[0].summary
    again = service.dry_run(tmp_path / "phu-lap.xlsx")
    assert again.count(Outcome.PRESENT) == 4 and again.count(Outcome.NEW) == 0  # importing twice adds nobody


def test_error_workbook_is_her_own_with_a_column_of_reasons(service, tmp_path):
    path = messy_book(tmp_path / "phu-lap.xlsx")
    dry = service.dry_run(path)
    out = io.BytesIO()
    error_copy(dry.sheet, dry.notes(), out)
    copy = load_workbook(io.BytesIO(out.getvalue()))
    assert copy.properties.lastModifiedBy == PRODUCER
    ws = copy["Thon Phu Lap"]
    assert ws["J4"].value == ERROR_HEADER
    assert ws["B10"].value == "Hoàng Văn Em" and "31/02/1980 không phải là một ngày có thật" in ws["J10"].value
    assert ws["A1"].value == "DANH SÁCH NGƯỜI DÂN THÔN PHÚ LẬP NĂM 2026" and ws["I5"].value == "x"
    assert ws["J6"].value is None  # good rows stay clean
    assert "đã khôi phục thành 060080123456" in ws["J5"].value  # a restored ID is said, not silent


def test_template_round_trip(service, office, tmp_path):
    book = load_workbook(io.BytesIO(roster_template(office)))
    ws = book["Danh sách"]
    assert [c.value for c in ws[2]][:4] == ["Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD"]
    ws.append(["Bùi Văn Khánh", "12/12/1960", "Nam", "060060123123", "Thôn Đông", "2. Công nhân, lao động tiểu "
               "thủ công nghiệp, thợ thủ công, thợ nghề", "Thợ mộc", "0987654321", ""])
    ws["A3"], ws["B3"], ws["C3"], ws["E3"], ws["F3"] = "Mai Thị Lệ", "1966", "Nữ", "Khu phố 3", "1. Nông dân"
    dry = service.dry_run(save(book, tmp_path / "mau.xlsx"))
    assert [r.outcome for r in dry.results] == [Outcome.NEW, Outcome.NEW], [r.messages for r in dry.results]
    assert dry.results[1].data.village_id == village_id(office, "Thôn Đông")


def test_defaults_for_a_single_village_file(service, office, tmp_path):
    book = Workbook()
    book.active.append(["Họ và tên", "Năm sinh", "Giới tính"])
    book.active.append(["Lý Văn Mạnh", 1980, "Nam"])
    path = save(book, tmp_path / "thon-dong.xlsx")
    assert service.dry_run(path).results[0].outcome is Outcome.ERROR
    dry = service.dry_run(path, village_id(office, "Thôn Đông"), CitizenGroup.FARMER)
    assert dry.results[0].outcome is Outcome.NEW


@pytest.mark.parametrize(("content", "message"), [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500, "tệp Excel kiểu cũ (.xls)"),
    ("Họ và tên,Ngày sinh\nNguyễn Văn An,1980\n".encode(), "có vẻ là tệp CSV"),
    (b"%PDF-1.4 fake", "là tệp PDF"),
    (b"PK\x03\x04broken zip", "bị hỏng"),
    (b"", "không phải tệp Excel .xlsx"),
])
def test_files_that_are_not_rosters(service, tmp_path, content, message):
    path = tmp_path / "danh-sach.xlsx"
    path.write_bytes(content)
    with pytest.raises(RosterFileError) as raised:
        service.dry_run(path)
    assert message in str(raised.value)


def test_a_zip_that_is_not_a_workbook_and_a_sheet_without_header(service, tmp_path):
    import zipfile

    with zipfile.ZipFile(tmp_path / "a.xlsx", "w") as z:
        z.writestr("readme.txt", "hello")
    with pytest.raises(RosterFileError, match="không phải bảng tính"):
        service.dry_run(tmp_path / "a.xlsx")
    book = Workbook()
    book.active.append(["Số thứ tự", "Số tiền"])
    with pytest.raises(RosterFileError, match="Không tìm thấy dòng tiêu đề"):
        service.dry_run(save(book, tmp_path / "b.xlsx"))
    with pytest.raises(RosterFileError, match="Không đọc được tệp"):
        service.dry_run(tmp_path / "khong-co.xlsx")


def test_all_or_nothing_when_the_register_changed_meanwhile(service, office, tmp_path):
    dry = service.dry_run(messy_book(tmp_path / "phu-lap.xlsx"))
    add(office, "Người Khác", birth="1950", cccd="060080123456")  # takes An's CCCD after the dry run
    with office.db.reader() as s:
        before = s.scalar(select(func.count()).select_from(Citizen))
    with pytest.raises(RosterError, match="chưa lưu gì"):
        service.import_rows(dry)
    with office.db.reader() as s:
        assert s.scalar(select(func.count()).select_from(Citizen)) == before


def test_ids_that_lost_their_leading_zeros(service, tmp_path):
    """Eleven or ten digits from a number cell are padded when the padded ID's sex/century digit and birth
    year agree with the row; otherwise the cell is named and nothing is guessed."""
    book = Workbook()
    book.active.append(["Họ và tên", "Năm sinh", "Giới tính", "Số CCCD", "Thôn", "Nhóm"])
    book.active.append(["Lò Văn Một", "1980", "Nam", 1080123456, "Phú Lập", "1"])     # 001080123456: 10 digits
    book.active.append(["Lò Thị Hai", "1985", "Nữ", 60185000002, "Phú Lập", "1"])      # 060185000002: 11 digits
    book.active.append(["Lò Văn Ba", "1990", "Nam", 1080123457, "Phú Lập", "1"])      # says born 1980: no
    book.active.append(["Lò Văn Bốn", "1980", "Nữ", 1080123458, "Phú Lập", "1"])      # says male: no
    book.active.append(["Lò Văn Năm", "1980", "Nam", "1080123459", "Phú Lập", "1"])   # typed as text: no guess
    dry = service.dry_run(save(book, tmp_path / "so.xlsx"))
    one, two, three, four, five = dry.results
    assert one.outcome is Outcome.NEW and one.data.cccd == "001080123456"
    assert "ô kiểu số làm mất số 0 ở đầu (1080123456); đã khôi phục thành 001080123456" in one.messages[0]
    assert two.outcome is Outcome.NEW and two.data.cccd == "060185000002"
    for bad, cell in ((three, "D4"), (four, "D5")):
        assert bad.outcome is Outcome.ERROR and bad.messages[0].startswith(f"dòng {cell[1]}, cột “Số CCCD” ({cell})")
        assert "không khớp với dòng này" in bad.messages[0]
    assert five.outcome is Outcome.ERROR and "phải đủ 12 chữ số (đang có 10)" in five.messages[0]


def test_a_commune_without_villages_gets_one_message(office, tmp_path):
    from sqlalchemy import update

    from desktop.db.base import utcnow
    from desktop.db.models import Village

    with office.db.session() as s:  # every village taken off the list (or none set up yet)
        s.execute(update(Village).values(deleted_at=utcnow()))
    assert office.office.villages() == []
    book = Workbook()
    book.active.append(["Họ và tên", "Năm sinh", "Giới tính", "Thôn"])
    book.active.append(["Lò Văn Một", "1980", "Nam", "Phú Lập"])
    with pytest.raises(RosterFileError, match="Xã chưa có thôn, khu phố nào"):
        RosterService(office, today=lambda: TODAY).dry_run(save(book, tmp_path / "a.xlsx"))


def test_a_password_protected_workbook(service, tmp_path):
    from msoffcrypto.format.ooxml import OOXMLFile

    book = Workbook()
    book.active.append(["Họ và tên", "Năm sinh"])
    plain = io.BytesIO()
    book.save(plain)
    plain.seek(0)
    with (tmp_path / "mat-khau.xlsx").open("wb") as out:
        OOXMLFile(plain).encrypt("mat-khau-1", out)  # what Excel writes for "Encrypt with password"
    with pytest.raises(RosterFileError, match="có đặt mật khẩu") as raised:
        service.dry_run(tmp_path / "mat-khau.xlsx")
    assert "kiểu cũ" not in str(raised.value)


def test_a_garbled_workbook_is_told_in_words(service, tmp_path):
    import re
    import zipfile

    with zipfile.ZipFile(tmp_path / "hong.xlsx", "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook><sheets><sheet name='a' r:id='x'/>\x00garbage")
    with pytest.raises(RosterFileError) as raised:
        service.dry_run(tmp_path / "hong.xlsx")
    message = str(raised.value)
    assert "bị hỏng" in message and not re.search(r"[A-Z][a-z]+(Error|Exception)", message)
    assert not re.search(r":\s*[a-z_]+\.$", message)  # no Python class name at the end


def test_a_rosters_address_column_fills_the_address(service, office, tmp_path):
    book = Workbook()
    book.active.append(["Họ và tên", "Năm sinh", "Giới tính", "Thôn", "Số nhà", "Nhóm"])
    book.active.append(["Lê Văn Mới", 1980, "Nam", "Thôn Đông", "Số 7, xóm 2", 1])
    path = save(book, tmp_path / "r.xlsx")
    dry = service.dry_run(path)
    assert dry.results[0].data.address == "Số 7, xóm 2"
    service.import_rows(dry)
    [row] = office.citizens.page(CitizenFilter("le van moi"), 0, 5)
    assert office.citizens.get(row.id).draft.address == "Số 7, xóm 2"
