"""Issue 21: the demo's households are believable families: one head, at most one spouse (a man's wife or a
woman's husband, never both), children younger and parents older by a generation."""

from __future__ import annotations

from collections import Counter, defaultdict

from sqlalchemy import select

from desktop.db.models import Citizen
from desktop.db.models387 import Household, HouseholdMember
from desktop.services.demo import fill_demo
from desktop.services.demo_models import GENERATION, SPOUSE_GAP, fill_demo_models


def test_the_demo_households_relations_are_plausible(register):
    fill_demo(register, 1200, seed=11)
    fill_demo_models(register, seed=11)
    with register.db.reader() as s:
        heads = {hid: head for hid, head in s.execute(select(Household.id, Household.head_id))}
        people = {c.id: c for c in s.execute(select(Citizen.id, Citizen.sex, Citizen.birth_year))}
        homes: dict[int, list[tuple[int, str]]] = defaultdict(list)
        for hid, cid, relation in s.execute(select(HouseholdMember.household_id, HouseholdMember.citizen_id,
                                                   HouseholdMember.relation)):
            homes[hid].append((cid, relation))
    assert len(homes) > 200
    seen: Counter[str] = Counter()
    for hid, members in homes.items():
        head = people[heads[hid]]
        said = Counter(relation for _, relation in members)
        seen.update(said)
        assert [cid for cid, r in members if r == "Chủ hộ"] == [head.id], members
        assert said["Vợ"] + said["Chồng"] <= 1, f"household {hid}: {said}"
        for cid, relation in members:
            p, older = people[cid], head.birth_year - people[cid].birth_year  # > 0: the member is older
            if relation == "Vợ":
                assert head.sex == "M" and p.sex == "F" and abs(older) <= SPOUSE_GAP
            elif relation == "Chồng":
                assert head.sex == "F" and p.sex == "M" and abs(older) <= SPOUSE_GAP
            elif relation in ("Con", "Cháu"):
                assert -older >= GENERATION
            elif relation in ("Cha", "Mẹ"):
                assert older >= GENERATION and p.sex == ("M" if relation == "Cha" else "F")
            elif relation in ("Anh", "Chị"):
                assert 0 <= older < GENERATION and p.sex == ("M" if relation == "Anh" else "F")
            elif relation == "Em":
                assert 0 < -older < GENERATION
            else:
                assert relation == "Chủ hộ", relation
    # a commune's households: most heads married, children in many, every kind of member somewhere
    assert seen["Vợ"] > len(homes) * 0.25 and seen["Chồng"] > len(homes) * 0.05 and seen["Con"] > len(homes) * 0.2
