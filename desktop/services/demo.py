"""A believable commune for trying the program and for benchmarks (Faker vi_VN, fixed seed)."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from faker import Faker
from sqlalchemy import func, insert, select

from desktop.db.base import new_uuid, utcnow
from desktop.db.models import AuditEntry, Citizen
from desktop.domain import admin_units
from desktop.domain.cccd import make_cccd
from desktop.domain.groups import CitizenGroup
from desktop.domain.names import search_key, sort_key
from desktop.domain.sex import Sex
from desktop.services import demo_data as d
from desktop.services.office import OfficeSetup
from desktop.services.register import Register

DEMO_ACTOR = "Dữ liệu mẫu"
BATCH = 5_000


@dataclass(frozen=True)
class DemoPerson:
    full_name: str
    birth_year: int
    birth_month: int | None
    birth_day: int | None
    sex: Sex
    cccd: str | None
    group: CitizenGroup
    occupation: str
    phone: str


def demo_office_setup() -> OfficeSetup:
    province = admin_units.province(d.DEMO_PROVINCE_CODE)
    commune = next(c for c in admin_units.communes(province.code) if c.name == d.DEMO_COMMUNE_NAME)
    return OfficeSetup(province.code, province.name, commune.code, commune.name,
                       f"Hội Khuyến học {commune.name[0].lower()}{commune.name[1:]}",
                       "Nguyễn Thị Minh Thư", f"Hội Khuyến học tỉnh {province.name}", tuple(d.DEMO_VILLAGES))


class PersonMaker:
    """Draws people; the same seed gives the same people."""

    def __init__(self, seed: int, today: date) -> None:
        self.fake = Faker("vi_VN")
        self.fake.seed_instance(seed)
        self.rnd = random.Random(seed)
        self.today = today
        self._families = list(d.FAMILY_NAMES)
        self._family_weights = list(d.FAMILY_NAMES.values())
        self._groups = [CitizenGroup(g) for g in d.GROUP_SHARES]
        self._group_weights = list(d.GROUP_SHARES.values())
        self._serials: set[str] = set()

    def person(self) -> DemoPerson:
        rnd = self.rnd
        sex = Sex.MALE if rnd.random() < 0.49 else Sex.FEMALE
        family = rnd.choices(self._families, self._family_weights)[0]
        if sex is Sex.MALE:
            middle = rnd.choice(d.MIDDLE_MALE)
            given = rnd.choice(d.GIVEN_MALE) if rnd.random() < 0.8 else self.fake.first_name_male()
        else:
            middle = rnd.choice(d.MIDDLE_FEMALE)
            given = rnd.choice(d.GIVEN_FEMALE) if rnd.random() < 0.8 else self.fake.first_name_female()
        name = f"{family} {middle} {given}"
        if rnd.random() < 0.07:  # four-word names: Nguyễn Thị Ngọc Lan, Trần Văn Minh Đức
            second = rnd.choice([m for m in (d.MIDDLE_MALE if sex is Sex.MALE else d.MIDDLE_FEMALE)
                                 if m not in ("Văn", "Thị", middle)])
            name = f"{family} {'Văn' if sex is Sex.MALE else 'Thị'} {second} {given}"
        age = int(rnd.triangular(16, 88, 35))
        year = self.today.year - age
        month = day = None
        if rnd.random() < 0.65:
            month, day = rnd.randint(1, 12), rnd.randint(1, 28)
        group = rnd.choices(self._groups, self._group_weights)[0]
        return DemoPerson(name, year, month, day, sex, self._cccd(sex, year), group,
                          rnd.choice(d.OCCUPATIONS[group]), self._phone())

    def _cccd(self, sex: Sex, year: int) -> str | None:
        if self.rnd.random() < 0.1:
            return None  # old records without a CCCD
        place = d.DEMO_BIRTH_PLACE if self.rnd.random() < 0.85 else self.rnd.choice(d.OTHER_BIRTH_PLACES)
        while True:
            number = make_cccd(place, sex, year, self.rnd.randint(0, 999_999))
            if number not in self._serials:
                self._serials.add(number)
                return number

    def _phone(self) -> str:
        if self.rnd.random() < 0.55:
            return ""
        return self.fake.numerify(self.rnd.choice(["09", "03", "08", "07", "05"]) + "########")


def fill_demo(register: Register, citizens: int, seed: int = 2024,
              progress: Callable[[int, int], None] | None = None) -> int:
    """Set up the demo office if the register is empty and add `citizens` people. Returns how many."""
    if register.office.info() is None:
        register.office.set_up(demo_office_setup())
    villages = [v.id for v in register.office.villages()]
    weights = [1.0 + (i % 4) * 0.4 for i in range(len(villages))]  # villages of different sizes
    with register.db.session() as s:
        existing = s.scalar(select(func.count()).select_from(Citizen)) or 0
        known = set(s.scalars(select(Citizen.cccd).where(Citizen.cccd.is_not(None))))
    maker = PersonMaker(seed + existing, date.today())
    maker._serials |= known
    done = 0
    while done < citizens:
        n = min(BATCH, citizens - done)
        rows = []
        for _ in range(n):
            p = maker.person()
            rows.append({
                "uuid": new_uuid(), "version": 1, "full_name": p.full_name, "name_key": search_key(p.full_name),
                "sort_key": sort_key(p.full_name), "birth_year": p.birth_year, "birth_month": p.birth_month,
                "birth_day": p.birth_day, "sex": p.sex.value, "cccd": p.cccd,
                "village_id": maker.rnd.choices(villages, weights)[0], "group": int(p.group),
                "occupation": p.occupation, "phone": p.phone, "note": "", "deleted_reason": "",
                "created_at": utcnow(), "updated_at": utcnow(),
            })
        with register.db.session() as s:
            ids = s.scalars(insert(Citizen).returning(Citizen.id, sort_by_parameter_order=True), rows).all()
            now = utcnow()
            s.execute(insert(AuditEntry), [
                {"at": now, "actor": DEMO_ACTOR, "action": "create", "entity": "citizen", "entity_id": cid,
                 "entity_uuid": row["uuid"], "summary": f"Thêm {row['full_name']} vào sổ (dữ liệu mẫu)",
                 "changes": json.dumps({"Họ và tên": [None, row["full_name"]]}, ensure_ascii=False)}
                for cid, row in zip(ids, rows, strict=True)])
        done += n
        if progress:
            progress(done, citizens)
    register.db.analyze("citizen", "audit_entry")
    return done
