import json
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


def test_the_demo_commune_has_its_learning_models(register):
    from sqlalchemy import func, select

    from desktop.db.models import Citizen
    from desktop.db.models387 import HouseholdMember, ModelAssessment, ModelEnrolment
    from desktop.domain.models387 import Model
    from desktop.domain.scoring import judge
    from desktop.services.demo import fill_demo
    from desktop.services.demo_models import fill_demo_model_year, fill_demo_models

    fill_demo(register, 1200, seed=5)
    made = fill_demo_models(register, seed=5)
    assert 240 <= made["households"] <= 400 and made["clans"] >= 3 and made["units"] >= 5
    assert fill_demo_models(register, seed=5) == {"households": 0, "clans": 0, "units": 0}  # everyone housed once
    with register.db.reader() as s:
        housed = s.scalar(select(func.count(func.distinct(HouseholdMember.citizen_id))))
        assert housed == s.scalar(select(func.count()).select_from(Citizen))
        sizes = s.scalars(select(func.count(HouseholdMember.id)).group_by(HouseholdMember.household_id)).all()
        assert min(sizes) >= 1 and max(sizes) <= 5
    recognized = fill_demo_model_year(register, 2026, seed=5)
    stats = register.model_stats.compute(2026)
    family = stats.models[Model.FAMILY]
    assert recognized[Model.FAMILY] == family.recognized and 0.6 <= family.rate <= 0.85
    with register.db.reader() as s:  # every stored verdict is the pass rule's, from the stored scores
        for e, scores in s.execute(select(ModelEnrolment, ModelAssessment.scores)
                                   .join(ModelAssessment, ModelAssessment.enrolment_id == ModelEnrolment.id)
                                   .where(ModelAssessment.kind == "review").limit(200)):
            cs = register.model_criteria.get(e.criteria_set_id)
            verdict = judge(cs.criteria, cs.pass_rule, json.loads(scores), noun="tiêu chí")
            assert (verdict.passed, verdict.text, cs.model.value) == (e.passed, e.verdict, e.model)
