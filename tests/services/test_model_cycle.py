"""The learning models' yearly cycle, as a citizen's: registration of every household (clan, village, unit),
the self-assessment against the model's own criteria, the branch's review, the proposal list and the decision;
withdrawals, stale edits, and the verdict computed at the pass rule's boundaries."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.db.audit import history
from desktop.domain.cycle import Status
from desktop.domain.models387 import Model
from desktop.services.model_cycle import ModelCriteriaService, ModelCycleError, ModelCycleService
from desktop.services.model_registers import (
    HouseholdDraft,
    HouseholdService,
    OrganisationDraft,
    OrganisationService,
)
from tests.conftest import TODAY, add, village_id

YEAR = 2026


@pytest.fixture
def criteria(office):
    service = ModelCriteriaService(office.db, office.office.clerk_name)
    assert service.sync_shipped() == []
    return service


def cycle(office, criteria, model: Model) -> ModelCycleService:
    return ModelCycleService(office.db, criteria, model, office.office.clerk_name, lambda: TODAY)


def test_families_through_the_year(office, criteria):
    homes = HouseholdService(office.db, office.office.clerk_name)
    ids = [homes.save(HouseholdDraft(f"Hộ {name}", village_id(office, "Thôn Đông"), add(office, name, birth="1970")))
           for name in ("Nguyễn Văn An", "Trần Văn Bình", "Lê Văn Cường")]
    families = cycle(office, criteria, Model.FAMILY)
    assert families.register_all(YEAR) == 3 and families.register_all(YEAR) == 0  # each once a year
    rows = {r.name: r for r in families.page(YEAR)}
    cs = criteria.get(criteria.for_year(Model.FAMILY, YEAR))
    full = {c.code: c.max_points for c in cs.criteria}
    an, binh, cuong = (rows[f"Hộ {n}"].id for n in ("Nguyễn Văn An", "Trần Văn Bình", "Lê Văn Cường"))
    assert families.record_self(an, full).passed
    required = next(c for c in cs.criteria if c.min_points)
    verdict = families.record_self(binh, {**full, required.code: required.min_points - 1})
    assert not verdict.passed and f"tiêu chí {required.code} dưới {required.min_points} điểm" in verdict.text
    families.record_review(an, None)
    families.record_review(binh, None)
    with pytest.raises(ModelCycleError, match="vừa được sửa ở nơi khác"):
        families.withdraw(cuong, "Chuyển đi", expected_version=0)
    families.withdraw(cuong, "Chuyển đi nơi khác")
    assert families.candidates(YEAR) == [an]
    assert families.propose(families.candidates(YEAR)) == []
    assert families.record_decision(YEAR, "3/QĐ-HKH", date(2026, 11, 25), "Nguyễn Văn Hùng", "Chủ tịch") == 1
    status = {r.name: r.status for r in families.page(YEAR)}
    assert status == {"Hộ Nguyễn Văn An": Status.RECOGNIZED, "Hộ Trần Văn Bình": Status.NOT_RECOGNIZED,
                      "Hộ Lê Văn Cường": Status.WITHDRAWN}
    with office.db.reader() as s:
        lines = [h.summary for h in history(s, "model_enrolment", an)]
    assert lines[0] == "Đăng ký Gia đình học tập năm 2026: Hộ Nguyễn Văn An"
    assert lines[-1].startswith("Công nhận theo quyết định số 3/QĐ-HKH")
    with pytest.raises(ModelCycleError, match="Số 3/QĐ-HKH đã dùng cho quyết định công nhận Gia đình học tập"):
        families.record_decision(YEAR, "3/QĐ-HKH", date(2026, 11, 25), "Nguyễn Văn Hùng", "Chủ tịch")
    # one series of numbers for the office: not again for clans, nor for citizens
    with pytest.raises(ModelCycleError, match="Số 3/QĐ-HKH đã dùng cho quyết định công nhận Gia đình học tập"):
        cycle(office, criteria, Model.CLAN).record_decision(YEAR, "3/QĐ-HKH", date(2026, 11, 25), "Nguyễn Văn Hùng",
                                                            "Chủ tịch")
    from desktop.services.decision_numbers import refusal

    with office.db.reader() as s:
        assert refusal(s, YEAR, "3/QĐ-HKH") and refusal(s, YEAR + 1, "3/QĐ-HKH") is None
    assert len(ids) == 3


def test_communities_are_the_villages_and_units_their_organisations(office, criteria):
    communities = cycle(office, criteria, Model.COMMUNITY)
    assert communities.register_all(YEAR) == 3  # the office's three villages
    units = OrganisationService(office.db, office.office.clerk_name)
    school = units.save(OrganisationDraft("Trường Tiểu học Hàm Thuận", "truong-hoc", 25))
    unit_cycle = cycle(office, criteria, Model.UNIT)
    assert unit_cycle.register_all(YEAR, [school]) == 1
    enrolment = unit_cycle.of_subject(school, YEAR)
    with pytest.raises(ModelCycleError, match="Tiêu chí không có trong bộ tiêu chí: 9"):
        unit_cycle.record_self(enrolment, {"9": 10})
    with pytest.raises(ModelCycleError, match="Tiêu chí 1: điểm phải từ 0 đến 20"):
        unit_cycle.record_self(enrolment, {"1": 25})
    with pytest.raises(ModelCycleError, match="không phải hồ sơ Cộng đồng học tập"):
        communities.record_self(enrolment, {"1": 10})
    partial = unit_cycle.record_self(enrolment, {"1": 20})
    assert not partial.complete and "còn thiếu 4 tiêu chí" in partial.text


def test_a_province_set_replaces_ours_for_the_years_it_covers(office, criteria, tmp_path):
    import json

    from desktop.resources import resource

    doc = json.loads(resource("criteria", "mo-hinh", "gia-dinh.json").read_text(encoding="utf-8"))
    doc.update(id="gia-dinh-lam-dong-2026", name="Tiêu chí Gia đình học tập của tỉnh", years=[2026, 2030])
    doc["criteria"] = doc["criteria"][:4]
    doc["pass_rule"]["min_total"] = 60
    (tmp_path / "tinh.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    imported = criteria.import_file(tmp_path / "tinh.json")
    assert criteria.get(criteria.for_year(Model.FAMILY, 2026)).id == imported.id == "gia-dinh-lam-dong-2026"
    assert criteria.get(criteria.for_year(Model.FAMILY, 2024)).id == "gia-dinh-2026"  # ours for the years before


def test_the_register_holds_the_models_cycles(office):
    """Opened, the register has stored the four shipped sets; each model's cycle comes from it."""
    families = office.model_cycle(Model.FAMILY)
    assert families.criteria.get(families.criteria.for_year(Model.FAMILY, YEAR)).model is Model.FAMILY
    assert office.model_cycle(Model.COMMUNITY).register_all(YEAR, registered_on=date(2026, 3, 1)) == 3


def test_the_command_line_registers_and_recognizes_a_model(office, capsys):
    from desktop.__main__ import main

    cycle = office.model_cycle(Model.COMMUNITY)
    folder = str(office.folder)
    assert main(["--data-dir", folder, "register-year", "--year", str(YEAR), "--model", "community"]) == 0
    assert "Đã đăng ký thêm 3 thôn, khu phố (Cộng đồng học tập) cho năm 2026." in capsys.readouterr().out
    cs = cycle.criteria.get(cycle.criteria.for_year(Model.COMMUNITY, YEAR))
    for r in cycle.page(YEAR):
        cycle.record_self(r.id, {c.code: c.max_points for c in cs.criteria})
        cycle.record_review(r.id, None)
    assert main(["--data-dir", folder, "recognize", "--year", str(YEAR), "--model", "community", "--number",
                 "5/QĐ-HKH", "--signed-on", "25/11/2026", "--signer", "Nguyễn Văn Hùng"]) == 0
    assert "3 thôn, khu phố được công nhận Cộng đồng học tập" in capsys.readouterr().out
    assert main(["--data-dir", folder, "recognize", "--year", str(YEAR), "--model", "community", "--number",
                 "6/QĐ-HKH", "--signed-on", "25/11/2026", "--signer", "Nguyễn Văn Hùng"]) == 1
    assert "đang trống" in capsys.readouterr().err
