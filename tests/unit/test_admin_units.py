from desktop.domain import admin_units
from desktop.domain.villages import tidy_village_name


def test_official_list_after_2025_reform():
    provinces = admin_units.provinces()
    assert len(provinces) == 34
    assert sum(len(admin_units.communes(p.code)) for p in provinces) == 3321
    lam_dong = admin_units.province(68)
    assert lam_dong.name == "Lâm Đồng"
    names = [c.name for c in admin_units.communes(68)]
    assert "Xã Hàm Thuận" in names
    assert names.index("Xã Bảo Thuận") < names.index("Xã Hàm Thuận")  # sorted by proper name


def test_village_names_are_tidied():
    assert tidy_village_name("  thôn   phú lập ") == "Thôn Phú Lập"
    assert tidy_village_name("khu pho 3") == "Khu phố 3"
    assert tidy_village_name("tổ dân phố 12") == "Tổ dân phố 12"
    assert tidy_village_name("ấp bình an") == "Ấp Bình An"
    assert tidy_village_name("Buôn Ma Thuột") == "Buôn Ma Thuột"
    assert tidy_village_name("đồng xoài") == "Đồng xoài"
    assert tidy_village_name("   ") == ""
