from desktop.domain import admin_units


def test_official_list_after_2025_reform():
    provinces = admin_units.provinces()
    assert len(provinces) == 34
    assert sum(len(admin_units.communes(p.code)) for p in provinces) == 3321
    lam_dong = admin_units.province(68)
    assert lam_dong.name == "Lâm Đồng"
    names = [c.name for c in admin_units.communes(68)]
    assert "Xã Hàm Thuận" in names
    assert names.index("Xã Bảo Thuận") < names.index("Xã Hàm Thuận")  # sorted by proper name
