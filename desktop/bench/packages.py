"""Commune packages made for the upper level's benchmarks (bench/exchange.py's hundred, bench/province.py's
province): real packages, signed and encrypted as a commune sends them, of synthetic people."""

from __future__ import annotations

import json
import random
import uuid
from datetime import date
from pathlib import Path

import minisign

from desktop.domain.cccd import make_cccd
from desktop.domain.groups import SHIPPED
from desktop.exchange.keys import Signer
from desktop.exchange.package import build, table
from desktop.services.demo import PersonMaker
from desktop.services.desk import Desk


def commune_package(folder: Path, upper: Desk, year: int, code: int, people_each: int, seed: int) -> Path:
    """Commune `code`'s package: people_each people in twelve villages, a third recognized, consistent
    summaries, signed by a key of its own registered with `upper` (made without sealing it under a
    passphrase: the scrypt of a real office's key is not what a benchmark of the upper level measures)."""
    folder.mkdir(exist_ok=True)
    pair = minisign.KeyPair.generate()
    public = folder / f"ky-so-{code}.pub"
    public.write_text(f"untrusted comment: minisign public key\n{pair.public_key.to_base64().decode()}\n",
                      encoding="ascii")
    upper.keys.register(code, f"Xã thử {code}", public)
    rnd = random.Random(seed)
    maker = PersonMaker(seed, date.today())
    people, enrolments, taken = [], [], set()
    figures = {g: {"registered": 0, "assessed": 0, "recognized": 0} for g in (1, 2, 3)}
    for _ in range(people_each):
        p = maker.person()
        cccd = None
        while p.cccd and (cccd is None or cccd in taken):
            cccd = make_cccd(f"0{rnd.randint(1, 96):02d}", p.sex, p.birth_year, rnd.randint(0, 999_999))
        if cccd:
            taken.add(cccd)
        people.append([str(uuid.UUID(int=rnd.getrandbits(128))), 1, p.full_name, str(p.birth_year), p.sex.value,
                       cccd, f"Thôn {rnd.randint(1, 12)}", int(p.group), "", False])
        status = "recognized" if rnd.random() < 0.33 else "not_recognized"
        enrolments.append([str(uuid.UUID(int=rnd.getrandbits(128))), len(people) - 1, int(p.group), status, 85, True])
        f = figures[int(p.group)]
        f["registered"] += 1
        f["assessed"] += 1
        f["recognized"] += status == "recognized"
    summary = {"year": year, "groups": [{"group": g, "total": 0, **f} for g, f in figures.items()],
               "group_definitions": [d.as_json() for d in SHIPPED]}
    members = {"records/citizens.json": table(["uuid", "version", "full_name", "birth", "sex", "cccd", "village",
                                               "group", "occupation", "deleted"], people),
               "records/enrolments.json": table(["uuid", "person", "group", "status", "total", "passed"], enrolments),
               "summary.json": json.dumps(summary).encode()}
    recipient = upper.keys.public().age_recipient
    manifest = {"sender": {"code": code, "name": f"Xã thử {code}", "kind": "commune"},
                "recipient": {"name": "Tỉnh", "age_recipient": recipient}, "year": year, "sequence": 1,
                "previous_sha256": None}
    path = folder / f"cdht-{code}-{year}-01.age"
    path.write_bytes(build(manifest, members, Signer(pair.secret_key), recipient))
    return path
