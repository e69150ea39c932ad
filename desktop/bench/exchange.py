"""Exchange figures for `bench`: a 100,000-person commune's package (export, size, verify and dry run),
and an upper level receiving 100 communes' packages (600,000 people) and reporting on its area."""

from __future__ import annotations

import io
import json
import random
import tempfile
import time
import uuid
import zipfile
from datetime import date
from pathlib import Path

import pyrage

from desktop.bench.measure import Figure
from desktop.bench.scratch import scratch_copy, scratch_register
from desktop.db.citizen_queries import CitizenFilter
from desktop.domain.cccd import make_cccd
from desktop.domain.groups import SHIPPED
from desktop.exchange.keys import KeyStore
from desktop.exchange.package import build, table
from desktop.services.demo import PersonMaker
from desktop.services.desk import Desk
from desktop.services.office import OfficeSetup

PASS = "mat-khau-do-toc-do"
COMMUNES = 100
PEOPLE_EACH = 6_000


def exchange_figures(register: Desk, communes: int = COMMUNES) -> dict[str, Figure]:
    figures: dict[str, Figure] = {}
    year = date.today().year
    with (tempfile.TemporaryDirectory() as tmp, scratch_copy(register) as commune,
          scratch_register(register, Path(tmp) / "tinh") as upper):
        root = Path(tmp)
        _set_up_upper(upper)
        commune.keys.create(PASS)
        commune.keys.import_upper(*upper.keys.write_public_files(root / "khoa-tinh"))
        info = commune.office.info()
        upper.keys.register(info.commune_code, info.association_name,
                            commune.keys.write_public_files(root / "khoa-xa")[0])
        started = time.perf_counter()
        name, data = commune.sending.export(year, PASS)
        export_s = time.perf_counter() - started
        path = root / name
        path.write_bytes(data)
        identity = upper.keys.store.identity(PASS)
        people = commune.citizens.count(CitizenFilter())
        figures["export_s"] = Figure(export_s, "s", 10, _bare_pack(data, identity),
                                     f"xuất gói của xã {people:,} người".replace(",", ".") + " (đọc, ký, mã hoá)")
        figures["package_mb"] = Figure(len(data) / 1e6, "MB", 10, None, "dung lượng gói (gửi kèm thư điện tử)")
        upper.receiving._identity(PASS)  # unlocking the key is a deliberate second, once per batch
        started = time.perf_counter()
        upper.receiving.check(path, PASS)
        figures["verify_dry_run_s"] = Figure(time.perf_counter() - started, "s", 10, _bare_open(data, identity),
                                             "giải mã, kiểm tra chữ ký và mã băm, đối chiếu tổng hợp, chạy thử")
        packages = _synthetic_packages(root / "goi", upper, year, communes)
        started = time.perf_counter()
        for p in packages:
            upper.receiving.merge(upper.receiving.check(p, PASS))
        upper.receiving.batch_done()
        figures["receive_100_s"] = Figure(time.perf_counter() - started, "s", 180 * communes / COMMUNES, None,
                                          f"cấp trên nhận và gộp {communes} gói ({communes * PEOPLE_EACH:,} người)"
                                          .replace(",", "."))
        started = time.perf_counter()
        upper.area.report(year)
        upper.area.duplicates(year)
        figures["area_report_s"] = Figure(time.perf_counter() - started, "s", 2, None,
                                          "bảng tổng hợp địa bàn và danh sách trùng CCCD sau đó")
    return figures


def _set_up_upper(upper: Desk) -> None:
    upper.office.set_up(OfficeSetup(68, "Lâm Đồng", 68, "Tỉnh Lâm Đồng", "Hội Khuyến học tỉnh Lâm Đồng", "Đo Tốc Độ",
                                    "Trung ương Hội", (), kind="upper"))
    upper.keys.create(PASS)


def _synthetic_packages(folder: Path, upper: Desk, year: int, communes: int) -> list[Path]:
    """`communes` communes (a province has about 100) of 6,000 people each, with consistent summaries, each signed by its own registered key."""
    folder.mkdir()
    recipient = upper.keys.public().age_recipient
    rnd = random.Random(5)
    maker = PersonMaker(5, date.today())
    paths = []
    for n in range(communes):
        code = 30_000 + n
        store = KeyStore(folder / f"khoa-{code}")
        store.create(PASS)
        upper.keys.register(code, f"Xã thử {n}", store.folder / "ky-so.pub")
        people, enrolments = [], []
        taken: set[str] = set()  # a register holds each CCCD once, and the receiver checks that
        figures = {g: {"registered": 0, "assessed": 0, "recognized": 0} for g in (1, 2, 3)}
        for _ in range(PEOPLE_EACH):
            p = maker.person()
            pid = str(uuid.UUID(int=rnd.getrandbits(128)))
            cccd = None
            while p.cccd and (cccd is None or cccd in taken):
                cccd = make_cccd("060", p.sex, p.birth_year, rnd.randint(0, 999_999))
            if cccd:
                taken.add(cccd)
            people.append([pid, 1, p.full_name, str(p.birth_year), p.sex.value, cccd, "Thôn 1", int(p.group), "", False])
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
                   "records/enrolments.json": table(["uuid", "person", "group", "status", "total", "passed"],
                                                    enrolments),
                   "summary.json": json.dumps(summary).encode()}
        manifest = {"sender": {"code": code, "name": f"Xã thử {n}", "kind": "commune"},
                    "recipient": {"name": "Tỉnh", "age_recipient": recipient}, "year": year, "sequence": 1,
                    "previous_sha256": None}
        path = folder / f"cdht-{code}-{year}-01.age"
        path.write_bytes(build(manifest, members, store.signer(PASS), recipient))
        paths.append(path)
    return paths


def _bare_pack(data: bytes, identity) -> float:  # noqa: ANN001
    """Re-zip and re-encrypt the same members with the bare libraries."""
    plain = pyrage.decrypt(data, [identity])
    with zipfile.ZipFile(io.BytesIO(plain)) as z:
        members = {n: z.read(n) for n in z.namelist()}
    started = time.perf_counter()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for n, d in members.items():
            z.writestr(n, d)
    pyrage.encrypt(out.getvalue(), [identity.to_public()])
    return time.perf_counter() - started


def _bare_open(data: bytes, identity) -> float:  # noqa: ANN001
    import hashlib

    started = time.perf_counter()
    plain = pyrage.decrypt(data, [identity])
    with zipfile.ZipFile(io.BytesIO(plain)) as z:
        for n in z.namelist():
            hashlib.sha256(z.read(n)).hexdigest()
    return time.perf_counter() - started
