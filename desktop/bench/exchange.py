"""Exchange figures for `bench`: a 100,000-person commune's package (export, size, verify and dry run),
and an upper level receiving 100 communes' packages (600,000 people) and reporting on its area."""

from __future__ import annotations

import io
import tempfile
import time
import zipfile
from datetime import date
from pathlib import Path

import pyrage

from desktop.bench.measure import Figure
from desktop.bench.packages import commune_package
from desktop.bench.scratch import scratch_copy, scratch_register
from desktop.db.citizen_queries import CitizenFilter
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
        packages = [commune_package(root / "goi", upper, year, 30_000 + n, PEOPLE_EACH, seed=n)
                    for n in range(communes)]
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
