from collections import Counter

from desktop.db.citizen_queries import CitizenFilter
from desktop.domain.cccd import cccd_warnings, parse_cccd
from desktop.domain.sex import Sex
from desktop.services.demo import fill_demo


def test_demo_commune_is_believable(register):
    assert fill_demo(register, 1500, seed=7) == 1500
    info = register.office.info()
    assert info.commune_name == "Xã Hàm Thuận" and info.province_name == "Lâm Đồng"
    rows = register.citizens.page(CitizenFilter(), 0, 2000)
    assert len(rows) == 1500
    groups = Counter(r.group for r in rows)
    assert 0.6 < groups[1] / 1500 < 0.76 and 0.19 < groups[2] / 1500 < 0.34 and groups[3] > 30
    with_cccd = [r for r in rows if r.cccd]
    assert 0.8 < len(with_cccd) / 1500 < 0.97
    assert len({r.cccd for r in with_cccd}) == len(with_cccd)
    for r in with_cccd:
        assert cccd_warnings(parse_cccd(r.cccd), Sex(r.sex), r.birth_year) == []
    family = Counter(r.full_name.split()[0] for r in rows)
    assert family.most_common(1)[0][0] == "Nguyễn"
    assert sum(1 for r in rows if r.birth_day is None) > 300  # many records carry a birth year alone


def test_demo_adds_to_an_existing_register(register):
    fill_demo(register, 100, seed=1)
    fill_demo(register, 50, seed=1)
    assert register.citizens.count(CitizenFilter()) == 150
