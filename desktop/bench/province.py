"""`bench --province`: an upper level at the size of a province after July 2025 (issue 14: 120 communes,
2,400,000 people), on SQLite or on a server: every commune's signed, encrypted package received and merged,
then the area report and the cross-commune duplicate list, with the process's resident memory watched.

Too long for every run (the packages alone take minutes to make), hence an option. The packages are made
by bench/packages.py, as for bench/exchange.py's hundred."""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from desktop.bench.measure import Figure
from desktop.bench.packages import commune_package
from desktop.db.server import create_database, drop_database
from desktop.services.desk import open_register
from desktop.services.office import OfficeSetup

PASS = "mat-khau-do-toc-do"
COMMUNES = 120
PEOPLE_EACH = 20_000
RECEIVE_S = 600  # issue 14: on PostgreSQL, within 10 minutes
REPORT_S = 3
RSS_MB = 1024


def province_figures(url: str | None, communes: int = COMMUNES, people_each: int = PEOPLE_EACH,
                     progress=None) -> dict[str, Figure]:  # noqa: ANN001
    """url: a server to make the province's database on (None: an SQLite file)."""
    year = date.today().year
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        database = create_database(url) if url else None
        upper = open_register(root / "tinh", database)
        try:
            upper.office.set_up(OfficeSetup(68, "Lâm Đồng", 68, "Tỉnh Lâm Đồng", "Hội Khuyến học tỉnh Lâm Đồng",
                                            "Đo Tốc Độ", "Trung ương Hội", (), kind="upper"))
            upper.keys.create(PASS)
            upper.receiving._identity(PASS)  # unlocking the key is a deliberate second, once per batch
            started = time.perf_counter()
            packages = [commune_package(root / "goi", upper, year, 40_000 + n, people_each, seed=n)
                        for n in range(communes)]
            made_s = time.perf_counter() - started
            rss, each = [_rss_mb()], []
            started = time.perf_counter()
            for i, path in enumerate(packages):
                begun = time.perf_counter()
                upper.receiving.merge(upper.receiving.check(path, PASS))
                each.append(time.perf_counter() - begun)
                rss.append(_rss_mb())
                if progress:
                    progress(i + 1, communes)
            upper.receiving.batch_done()
            receive_s = time.perf_counter() - started
            started = time.perf_counter()
            report = upper.area.report(year)
            duplicates = upper.area.duplicates(year)
            report_s = time.perf_counter() - started
            people = sum(g["registered"] for c in report.offices for g in c.groups)
        finally:
            upper.close()
            if database:
                drop_database(database)
    where = "PostgreSQL" if url else "SQLite"
    total = communes * people_each
    return {
        "province_packages_made_s": Figure(made_s, "s", None, None,
                                           f"tạo {communes} gói xã ({total:,} người) để đo".replace(",", ".")),
        "province_receive_s": Figure(receive_s, "s", RECEIVE_S, None,
                                     f"cấp tỉnh nhận và gộp {communes} gói ({total:,} người) trên {where}"
                                     .replace(",", ".")),
        "province_receive_per_1000_ms": Figure(receive_s * 1000 / total * 1000, "ms", None, None,
                                               "mỗi 1.000 người nhận (tuyến tính: như nhau ở đầu và cuối)"),
        "province_report_s": Figure(report_s, "s", REPORT_S, None,
                                    f"bảng tổng hợp địa bàn ({people:,} người) và danh sách trùng CCCD "
                                    f"({len(duplicates):,} số) sau đó".replace(",", ".")),
        "province_rss_mb": Figure(max(rss), "MB", RSS_MB, None, "bộ nhớ lớn nhất của tiến trình khi nhận"),
        **_growth(each, rss),
    }


def _growth(each: list[float], rss: list[float]) -> dict[str, Figure]:
    """Whether anything grows faster than the province: a package's time at the end against the start."""
    tenth = max(1, len(each) // 10)
    first, last = sum(each[:tenth]) / tenth, sum(each[-tenth:]) / tenth
    return {"province_last_to_first": Figure(last / first, "×", 1.5, None,
                                             "thời gian nhận một gói ở 1/10 cuối so với 1/10 đầu (1 là tuyến tính)"),
            "province_rss_growth_mb": Figure(rss[-1] - rss[1], "MB", None, None,
                                             "bộ nhớ tăng thêm từ gói đầu đến gói cuối")}


def _rss_mb() -> float:
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            return next(int(line.split()[1]) / 1024 for line in f if line.startswith("VmRSS:"))
    except (OSError, StopIteration):
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_province(url: str | None, communes: int, people_each: int, json_out: str | None) -> int:
    from desktop.bench.measure import print_table, write_json

    def progress(done: int, total: int) -> None:
        print(f"\r  nhận {done}/{total} gói", end="", file=sys.stderr, flush=True)

    figures = province_figures(url, communes, people_each, progress)
    print(file=sys.stderr)
    print_table(communes * people_each, 0, figures,
                f"Cấp tỉnh: {communes} xã, " + f"{communes * people_each:,} người.".replace(",", "."))
    if json_out:
        write_json(json_out, communes * people_each, 0, figures)
    return 0
