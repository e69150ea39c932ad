from desktop.domain.citizen import CitizenDraft, check_draft
from desktop.domain.groups import CitizenGroup
from desktop.domain.sex import Sex
from tests.conftest import TODAY


def good(**kw) -> CitizenDraft:
    base = dict(full_name="nguyễn  thị   lan", birth="1980", sex=Sex.FEMALE, cccd="060 180 123456", village_id=1,
                group=CitizenGroup.FARMER, occupation="  Làm   ruộng ", phone="0912.345.678", note="")
    base.update(kw)
    return CitizenDraft(**base)


def test_good_draft_is_tidied():
    check = check_draft(good(), TODAY)
    assert check.ok and check.warnings == []
    assert check.data is not None
    assert check.data.full_name == "Nguyễn Thị Lan"
    assert check.data.cccd == "060180123456"
    assert check.data.occupation == "Làm ruộng"
    assert check.data.phone == "0912345678"


def test_every_error_is_named_at_its_field_and_no_data():
    check = check_draft(CitizenDraft(full_name="   ", birth="31/02/1980", phone="abc"), TODAY)
    assert check.data is None
    fields = {f.field for f in check.errors}
    assert fields == {"full_name", "birth", "sex", "village_id", "group", "phone"}
    assert check.error_for("full_name") == "Chưa nhập họ và tên."
    assert "31/02/1980" in check.error_for("birth")


def test_name_with_digits_is_refused():
    assert check_draft(good(full_name="Nguyễn Văn 2"), TODAY).error_for("full_name")


def test_young_person_and_cccd_mismatch_are_warnings():
    check = check_draft(good(birth="2015", cccd="060080123456"), TODAY)
    assert check.ok
    messages = " ".join(w.message for w in check.warnings)
    assert "mới 11 tuổi" in messages
    assert "giới tính Nam" in messages
    assert "năm sinh 1980" in messages


def test_bad_cccd_is_an_error():
    assert "12 chữ số" in check_draft(good(cccd="12345"), TODAY).error_for("cccd")


def test_a_name_without_any_diacritic_is_a_warning_not_a_refusal():
    check = check_draft(good(full_name="Le Thi Ngoc Anh"), TODAY)
    assert check.ok and check.data is not None and check.data.full_name == "Le Thi Ngoc Anh"
    [w] = check.warnings
    assert w.field == "full_name" and "không có dấu tiếng Việt" in w.message and "Le Thi Ngoc Anh" in w.message
    for typed in ("Lê Thị Ngọc Anh", "Đinh Văn Nam", "Hà Anh"):  # one mark anywhere is enough
        assert check_draft(good(full_name=typed), TODAY).warnings == []
