"""The same operations as the window, without one: demo data, self-test, search, benchmarks."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from datetime import date
from pathlib import Path

from desktop import APP_NAME, __version__, config
from desktop.domain.birth import BirthDate
from desktop.domain.groups import CitizenGroup
from desktop.domain.models387 import Model

MODELS = [m.value for m in Model]


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m desktop", description=f"{APP_NAME} {__version__}")
    p.add_argument("--data-dir", help=f"thư mục dữ liệu (mặc định: biến {config.ENV_DATA_DIR} "
                                      "hoặc thư mục dữ liệu của người dùng)")
    p.add_argument("--db-url", help=f"địa chỉ cơ sở dữ liệu, ví dụ postgresql://... (hoặc biến {config.ENV_DB_URL})")
    p.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    p.add_argument("--bench-window", action="store_true", help=argparse.SUPPRESS)
    sub = p.add_subparsers(dest="command", metavar="LỆNH")

    demo = sub.add_parser("demo", help="tạo một xã mẫu với N người dân")
    demo.add_argument("--citizens", type=int, default=2000, metavar="N")
    demo.add_argument("--seed", type=int, default=2024)
    demo.add_argument("--if-empty", action="store_true", help="chỉ tạo khi sổ chưa có ai")
    demo.add_argument("--year", type=int, default=date.today().year,
                      help="năm học tập được tạo kèm (đăng ký, chấm điểm, công nhận); mặc định năm nay")
    demo.add_argument("--no-year", action="store_true", help="chỉ tạo người dân, không tạo năm học tập")

    enrol = sub.add_parser("register-year", help="đăng ký cả xã (hoặc một thôn, một nhóm) cho một năm")
    enrol.add_argument("--year", type=int, default=date.today().year)
    enrol.add_argument("--village")
    enrol.add_argument("--group", type=int, metavar="SỐ", help="số nhóm đối tượng (theo bộ tiêu chí: 1, 2, 3…)")
    enrol.add_argument("--model", choices=MODELS, help="đăng ký một mô hình học tập thay cho người dân: mọi hộ "
                                                       "(dòng họ, thôn, đơn vị) của xã")

    decide = sub.add_parser("recognize", help="đưa mọi người đạt vào danh sách đề nghị và ghi quyết định công nhận")
    decide.add_argument("--year", type=int, default=date.today().year)
    decide.add_argument("--number", required=True, help="số quyết định, ví dụ 12/QĐ-HKH")
    decide.add_argument("--signed-on", required=True, metavar="dd/mm/yyyy", help="ngày ký")
    decide.add_argument("--signer", help="người ký (mặc định: người ký trong thiết lập đơn vị)")
    decide.add_argument("--model", choices=MODELS, help="quyết định cho một mô hình học tập thay cho người dân")

    stats = sub.add_parser("stats", help="bảng tổng hợp của một năm theo nhóm đối tượng")
    stats.add_argument("--year", type=int, default=date.today().year)
    stats.add_argument("--json", metavar="FILE", nargs="?", const="-",
                       help="thêm bản JSON: vào tệp FILE, hoặc ra màn hình nếu không nêu tệp")

    sub.add_parser("self-test", help="kiểm tra bản cài đặt, không mở cửa sổ")

    search = sub.add_parser("search", help="tìm người trong sổ (không cần gõ dấu)")
    search.add_argument("text", nargs="+")
    search.add_argument("--limit", type=int, default=50)

    printing = sub.add_parser("print", help="in giấy tờ ra tệp PDF")
    printing.add_argument("kind", metavar="LOẠI", help="dang-ky, dang-ky-trang, phieu-danh-gia, de-nghi, quyet-dinh, "
                                                      "giay-cong-nhan, bao-cao")
    printing.add_argument("--year", type=int, default=date.today().year)
    printing.add_argument("--village", help="tên thôn/khu phố (gõ không dấu được); mặc định cả xã")
    printing.add_argument("--copies", type=int, default=1, help="số bản (phiếu đăng ký trắng)")
    printing.add_argument("--out", required=True, metavar="FILE.pdf")
    printing.add_argument("--sign", action="store_true", help="ký mã QR kiểm tra trên giấy công nhận (cần mật khẩu khoá)")
    printing.add_argument("--passphrase-file", metavar="FILE")
    printing.add_argument("--model", choices=MODELS,
                          help="giấy tờ của một mô hình học tập (gia đình, dòng họ, cộng đồng, đơn vị): de-nghi, "
                               "quyet-dinh, giay-cong-nhan")

    roster = sub.add_parser("import-roster", help="nhập danh sách người dân từ tệp Excel .xlsx")
    roster.add_argument("file", metavar="FILE.xlsx")
    roster.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không lưu gì")
    roster.add_argument("--village", help="thôn/khu phố cho các dòng không ghi thôn")
    roster.add_argument("--group", type=int, metavar="SỐ", help="số nhóm cho các dòng không ghi nhóm (1, 2, 3…)")
    roster.add_argument("--include-duplicates", action="store_true", help="nhập cả các dòng có thể trùng")
    roster.add_argument("--errors", metavar="OUT.xlsx", help="ghi bản sao tệp kèm cột báo lỗi từng dòng")

    homes = sub.add_parser("import-households", help="nhập danh sách hộ gia đình của thôn từ tệp Excel .xlsx")
    homes.add_argument("file", metavar="FILE.xlsx")
    homes.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không lưu gì")

    report = sub.add_parser("report", help="báo cáo năm ra tệp Excel")
    report.add_argument("--year", type=int, default=date.today().year)
    report.add_argument("--out", required=True, metavar="FILE.xlsx")

    template = sub.add_parser("roster-template", help="tệp Excel mẫu để các chi hội nhập danh sách")
    template.add_argument("--out", required=True, metavar="FILE.xlsx")

    setup = sub.add_parser("setup", help="thiết lập đơn vị không cần cửa sổ (như trình hướng dẫn lần đầu)")
    setup.add_argument("--kind", choices=["commune", "upper"], default="commune",
                       help="xã, phường (mặc định) hay cấp trên nhận gói của các xã")
    setup.add_argument("--province", required=True, metavar="TÊN|MÃ", help="tỉnh/thành phố (gõ không dấu được)")
    setup.add_argument("--commune", metavar="TÊN|MÃ", help="xã, phường, đặc khu của tỉnh (bắt buộc với --kind commune)")
    setup.add_argument("--association", metavar="TÊN", help="mặc định: Hội Khuyến học + tên xã (hoặc tỉnh)")
    setup.add_argument("--clerk", required=True, metavar="HỌ_TÊN", help="cán bộ nhập liệu")
    setup.add_argument("--upper-name", default="", metavar="TÊN", help="tên cấp trên, in trên giấy tờ")
    setup.add_argument("--village", action="append", default=[], metavar="TÊN", help="một thôn/khu phố (lặp lại được)")
    setup.add_argument("--villages-file", metavar="FILE", help="tệp văn bản, mỗi dòng một thôn/khu phố")
    setup.add_argument("--no-keys", action="store_true", help="chưa tạo khoá (tạo sau bằng lệnh keys init)")
    setup.add_argument("--passphrase-file", metavar="FILE", help="mật khẩu khoá (hoặc biến SO_CDHT_PASSPHRASE)")
    keys = sub.add_parser("keys", help="khoá ký và khoá mã hoá của đơn vị, khoá của cấp trên và của các xã")
    keys.add_argument("action", choices=["init", "show", "export-public", "import-upper", "register", "list",
                                         "export-identity"])
    keys.add_argument("args", nargs="*", help="export-public THƯ_MỤC | import-upper KHOÁ_KÝ.pub KHOÁ_MÃ_HOÁ.pub | "
                                              "register MÃ_XÃ TÊN KHOÁ_KÝ.pub | export-identity TỆP (khoá giải mã, để age -d)")
    keys.add_argument("--replace", action="store_true", help="thay khoá đã đăng ký (có ghi nhật ký)")
    keys.add_argument("--kind", choices=["commune", "upper"], default="commune",
                      help="register: khoá của một xã (mặc định) hay của một cấp trên bên dưới (huyện)")
    keys.add_argument("--passphrase-file", metavar="FILE")

    export = sub.add_parser("export", help="xuất gói đã ký, mã hoá của một năm để gửi cấp trên")
    export.add_argument("--year", type=int, default=date.today().year)
    export.add_argument("--out", required=True, metavar="FILE|THƯ_MỤC")
    export.add_argument("--passphrase-file", metavar="FILE")

    receive = sub.add_parser("receive", help="cấp trên: nhận, kiểm tra và gộp gói của các xã")
    receive.add_argument("files", nargs="+", metavar="FILE")
    receive.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không gộp")
    receive.add_argument("--receipts", metavar="THƯ_MỤC", help="ghi biên nhận đã ký cho từng gói được nhận")
    receive.add_argument("--passphrase-file", metavar="FILE")

    receipt = sub.add_parser("import-receipt", help="xã: nhập biên nhận của cấp trên")
    receipt.add_argument("file", metavar="FILE")

    check = sub.add_parser("check-certificate", help="kiểm tra mã QR của một giấy công nhận")
    check.add_argument("code", metavar="MÃ")

    backup = sub.add_parser("backup", help="sao lưu sổ (cơ sở dữ liệu và khoá) vào thư mục sao lưu hoặc THƯ_MỤC")
    backup.add_argument("--to", metavar="THƯ_MỤC")
    restore = sub.add_parser("restore", help="khôi phục sổ từ một bản sao lưu (bản hiện tại được sao lưu trước)")
    restore.add_argument("file", nargs="?", metavar="FILE.zip", help="bỏ trống: liệt kê các bản sao lưu")
    restore.add_argument("--yes", action="store_true", help="khôi phục thật (không có: chỉ xem trước)")

    bench = sub.add_parser("bench", help="đo tốc độ trên một xã N người")
    bench.add_argument("--citizens", type=int, default=100_000, metavar="N")
    bench.add_argument("--queries", type=int, default=200)
    bench.add_argument("--communes", type=int, default=100,
                       help="số gói xã (mỗi gói 6.000 người) cấp trên nhận khi đo")
    bench.add_argument("--json", metavar="FILE", help="ghi thêm kết quả ra tệp JSON")
    return p


def run(args: argparse.Namespace) -> int:
    folder = config.data_dir(args.data_dir)
    from desktop.logs import setup_logging

    setup_logging(folder)
    handlers = {"demo": _demo, "self-test": _self_test, "search": _search, "bench": _bench, "stats": _stats,
                "print": _print, "import-roster": _import_roster, "import-households": _import_households, "report": _report, "roster-template": _template,
                "keys": _keys, "export": _export, "receive": _receive, "import-receipt": _import_receipt,
                "check-certificate": _check_certificate, "setup": _setup, "backup": _backup, "restore": _restore,
                "register-year": _register_year, "recognize": _recognize}
    try:
        return handlers[args.command](args, folder)
    except SystemExit as e:  # a refusal already explained on stderr
        return int(e.code or 0)
    except KeyboardInterrupt:
        print("Đã dừng.", file=sys.stderr)
        return 130
    except Exception as e:  # noqa: BLE001 - no traceback reaches the clerk; the details go to the log
        from desktop.services.failures import NOTHING_SAVED, explain

        logging.getLogger("desktop").exception("Lệnh %s gặp lỗi", args.command)
        plain = explain(e, folder, config.database_url(folder, args.db_url))
        print(f"Lỗi: {plain or f'lỗi không lường trước ({type(e).__name__}). {NOTHING_SAVED}'}", file=sys.stderr)
        if not plain:
            print(f"Chi tiết trong nhật ký: {folder / 'nhat-ky' / 'so-cdht.log'}", file=sys.stderr)
        return 3


def _open(args: argparse.Namespace, folder: Path):  # noqa: ANN202
    from desktop.services.clock import clock_warning
    from desktop.services.register import OpenError, open_register

    try:
        register = open_register(folder, args.db_url)
    except OpenError as e:
        print(f"Lỗi: {e}", file=sys.stderr)
        raise SystemExit(2) from e
    if warning := clock_warning(register):
        print(f"Cảnh báo: {warning}", file=sys.stderr)
    return register


def _setup(args: argparse.Namespace, folder: Path) -> int:
    """The first-start wizard's choices from the command line; refuses an office already set up."""
    from desktop.domain import admin_units
    from desktop.exchange.keys import KeyError_
    from desktop.services.office import OfficeError, OfficeSetup

    try:
        province = admin_units.find(admin_units.provinces(), args.province, "tỉnh, thành phố")
        if args.kind == "commune":
            if not args.commune:
                print("Lỗi: cần --commune (tên hoặc mã xã, phường).", file=sys.stderr)
                return 2
            place = admin_units.find(admin_units.communes(province.code), args.commune,
                                     f"xã, phường của {province.name}")
        else:
            place = province
    except admin_units.UnitNotFound as e:
        print(f"Lỗi: {e}", file=sys.stderr)
        return 2
    villages = list(args.village)
    if args.villages_file:
        try:
            villages += Path(args.villages_file).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as e:
            print(f"Lỗi: không đọc được {args.villages_file}: {e}", file=sys.stderr)
            return 2
    association = args.association or f"Hội Khuyến học {admin_units.in_a_sentence(place)}"
    register = _open(args, folder)
    try:
        if register.office.info() is not None:
            print(f"Lỗi: sổ ở {folder} đã thiết lập đơn vị ({register.office.info().association_name}): "
                  "không thiết lập lại.", file=sys.stderr)
            return 1
        secret = None if args.no_keys else passphrase(args)
        if secret is not None and len(secret) < 8:
            print("Lỗi: mật khẩu bảo vệ khoá cần ít nhất 8 ký tự.", file=sys.stderr)
            return 2
        try:
            register.office.set_up(OfficeSetup(province.code, province.name, place.code, place.name, association,
                                               args.clerk, args.upper_name, tuple(villages), kind=args.kind))
        except OfficeError as e:
            print(f"Lỗi: {e}", file=sys.stderr)
            return 1
        if secret is not None:
            try:
                register.keys.create(secret)
            except KeyError_ as e:
                print(f"Lỗi: {e}", file=sys.stderr)
                return 1
        info = register.office.info()
        assert info is not None
        print(f"Đã thiết lập {info.association_name} ({info.commune_name}, {info.province_name}, mã "
              f"{info.commune_code}), {len(register.office.villages())} thôn/khu phố"
              + ("" if secret is None else ", khoá đã tạo") + f", tại {folder}.")
        return 0
    finally:
        register.close()


def _demo(args: argparse.Namespace, folder: Path) -> int:
    from desktop.db.citizen_queries import CitizenFilter
    from desktop.services.demo import fill_demo

    if args.citizens < 0:
        print("Lỗi: số người phải từ 0 trở lên.", file=sys.stderr)
        return 2
    register = _open(args, folder)
    try:
        if args.if_empty and register.office.info() is not None:
            print(f"Sổ ở {folder} đã có dữ liệu: không tạo thêm.")
            return 0

        def progress(done: int, total: int) -> None:
            print(f"\rĐang tạo người dân mẫu: {done}/{total}", end="", file=sys.stderr, flush=True)

        fill_demo(register, args.citizens, args.seed, progress)
        print(file=sys.stderr)
        from desktop.services.demo_models import fill_demo_model_year, fill_demo_models

        made = fill_demo_models(register, args.seed)
        print(f"Mô hình học tập: {made['households']} hộ, {made['clans']} dòng họ, {made['units']} đơn vị.")
        if not args.no_year:
            from desktop.services.demo_year import fill_demo_year

            enrolled = fill_demo_year(register, args.year, args.seed, progress)
            print(file=sys.stderr)
            recognized = fill_demo_model_year(register, args.year, args.seed)
            print("Được công nhận năm " + str(args.year) + ": "
                  + ", ".join(f"{n} {m.title}" for m, n in recognized.items()) + ".")
            print(f"Năm {args.year}: {enrolled} người đăng ký, đã chấm điểm và ra quyết định công nhận.")
        total = register.citizens.count(CitizenFilter())
        info = register.office.info()
        assert info is not None
        print(f"Xong: {info.association_name} ({info.commune_name}, {info.province_name}) có {total} người "
              f"trong sổ, tại {folder}.")
        return 0
    finally:
        register.close()


def _self_test(args: argparse.Namespace, folder: Path) -> int:
    from desktop.services.health import self_test

    steps = self_test(folder, args.db_url)
    for step in steps:
        print(("  ✓ " if step.ok else "  ✗ ") + step.text)
    failed = [s for s in steps if not s.ok]
    print("Kiểm tra xong: mọi thứ hoạt động." if not failed else f"Có {len(failed)} lỗi.")
    return 0 if not failed else 1


def _search(args: argparse.Namespace, folder: Path) -> int:
    from desktop.db.citizen_queries import CitizenFilter

    register = _open(args, folder)
    try:
        rows = register.citizens.page(CitizenFilter(" ".join(args.text)), 0, args.limit)
        for r in rows:
            birth = BirthDate(r.birth_year, r.birth_month, r.birth_day)
            print("\t".join([r.full_name, str(birth), "Nam" if r.sex == "M" else "Nữ", r.cccd or "-", r.village,
                             CitizenGroup(r.group).short_label]))
        if not rows:
            print("Không tìm thấy ai.", file=sys.stderr)
        return 0
    finally:
        register.close()


def _bench(args: argparse.Namespace, folder: Path) -> int:
    from desktop.bench import run_bench

    return run_bench(folder, args.db_url, args.citizens, args.queries, args.json, args.communes)


def _stats(args: argparse.Namespace, folder: Path) -> int:
    from desktop.domain.numbers import vn_int, vn_percent

    register = _open(args, folder)
    try:
        info = register.office.info()
        if info is not None and info.is_upper:
            return _area_stats(register, args.year, info.association_name)
        stats = register.stats.compute(args.year)
        models = register.model_stats.compute(args.year)
    finally:
        register.close()
    title = info.association_name if info else "Sổ Công dân học tập"
    print(f"Năm {args.year} — {title}")
    header = ["Nhóm đối tượng", "Được công nhận", "Tổng số trong nhóm", "Tỉ lệ", "Đăng ký", "Đã chấm",
              "Tỉ lệ trên số đăng ký"]
    lines = [*stats.groups, stats.total]
    table = [[line.label, vn_int(line.recognized),
              vn_int(line.adults) + (" (theo sổ)" if line.from_register else ""), vn_percent(line.rate),
              vn_int(line.registered), vn_int(line.assessed), vn_percent(line.rate_of_registered)] for line in lines]
    widths = [max(len(str(r[i])) for r in [header, *table]) for i in range(len(header))]
    for row in [header, *table]:
        print("  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))))
    for milestone, t in stats.targets.items():
        print(f"Mục tiêu quốc gia {milestone}: {t['adults']}% người lớn, {t['officials']}% cán bộ, công chức.")
    if stats.own_target_percent:
        print(f"Chỉ tiêu của đơn vị: {stats.own_target_percent}%.")
    if any(line.from_register for line in lines):
        print("(theo sổ): chưa nhập số người lớn của nhóm, tỉ lệ tính trên số người có trong sổ.")
    print("Mô hình học tập (Chương trình 387):")
    for line in models.models.values():
        own = f", chỉ tiêu 2030 của đơn vị {line.target_2030}%" if line.target_2030 else ""
        print(f"  {line.model.title:<20} được công nhận {vn_int(line.recognized)} / {vn_int(line.total)} "
              f"({vn_percent(line.rate)}), đăng ký {vn_int(line.registered)}; mục tiêu 2025 {line.target_2025}%{own}")
    for m in models.measures:
        print(f"  {m.label}: {vn_int(m.holders)} / {vn_int(m.people)} có danh hiệu Công dân học tập ({vn_percent(m.rate)}); "
              f"mục tiêu {m.target(2025)}% (2025), {m.target(2030)}% (2030). Mẫu số: {m.denominator}.")
    d = models.digital
    print(f"Kỹ năng số của người được công nhận: {vn_int(d.with_skills)} / {vn_int(d.holders)} có kỹ năng số "
          f"({vn_percent(d.rate_skills)}), {vn_int(d.proficient)} thành thạo ({vn_percent(d.rate_proficient)}); "
          f"{vn_int(d.unconfirmed)} người chưa được xác nhận (theo điểm chỉ số kỹ năng số). Mục tiêu 2025: 70% và 60%.")
    if args.json:
        payload = {**_stats_json(stats), **models.as_json()}
        text = json.dumps(payload, ensure_ascii=False, indent=2)
        if args.json == "-":
            print(text)
        else:
            Path(args.json).write_text(text, encoding="utf-8")
    return 0


def _area_stats(register, year: int, title: str) -> int:  # noqa: ANN001
    """At an upper level: its area from the packages received, per group and per office."""
    from desktop.domain.groups import CitizenGroup
    from desktop.domain.numbers import vn_int, vn_percent

    report = register.area.report(year)
    duplicates = register.area.duplicates(year)
    print(f"Năm {year} — {title}: {len(report.offices)} đơn vị đã gửi gói")

    def line(label: str, f: dict) -> str:
        rate = f["recognized"] / f["total"] if f["total"] else None
        return (f"  {label:<40} được công nhận {vn_int(f['recognized']):>9} / {vn_int(f['total']):>9} "
                f"({vn_percent(rate)}), đăng ký {vn_int(f['registered'])}")

    for g, f in sorted(report.groups.items()):
        print(line(CitizenGroup(g).short_label, f))
    print(line("Toàn địa bàn", report.total))
    for o in report.offices:
        print(line(o.label, o.total))

    for m, f in report.models.items():
        rate = f["recognized"] / f["total"] if f["total"] else None
        print(f"  {Model(m).title:<40} được công nhận {vn_int(f['recognized']):>9} / {vn_int(f['total']):>9} "
              f"({vn_percent(rate)}), đăng ký {vn_int(f['registered'])}; mục tiêu 2025 {Model(m).target_2025}%")
    print(f"Người có tên ở hai đơn vị (cùng số CCCD): {len(duplicates)}.")
    return 0


def _stats_json(stats) -> dict:  # noqa: ANN001
    def line(x) -> dict:  # noqa: ANN001
        return {"label": x.label, "recognized": x.recognized, "total": x.adults, "total_from_register": x.from_register,
                "rate": None if x.rate is None else round(x.rate, 4), "on_register": x.on_register,
                "rate_of_registered": None if x.rate_of_registered is None else round(x.rate_of_registered, 4),
                "registered": x.registered, "assessed": x.assessed, "passed": x.passed}

    return {"year": stats.year,
            "groups": [{"group": int(g.group), **line(g)} for g in stats.groups],
            "total": line(stats.total), "villages": [line(v) for v in stats.villages],
            "workplaces": [{"name": w.name, "staff_on_register": w.staff_on_register, "recognized": w.recognized,
                            "meets_target": w.meets(stats.staff_target[0])} for w in stats.workplaces],
            "staff_target_percent": stats.staff_target[0],
            "targets": stats.targets, "own_target_percent": stats.own_target_percent}


def group_of(number: int | None) -> CitizenGroup | None:
    """A group number typed on the command line, checked against the register's criteria sets (called
    once the register is open: the sets define the groups)."""
    if number is None:
        return None
    try:
        return CitizenGroup(number)
    except ValueError as e:
        known = ", ".join(f"{int(g)} ({g.short_label})" for g in CitizenGroup)
        print(f"Lỗi: {e} Các nhóm: {known}.", file=sys.stderr)
        raise SystemExit(2) from None


def find_village(register, typed: str) -> int:  # noqa: ANN001
    """A village by its name typed with or without diacritics; SystemExit with a message if none or several."""
    from desktop.domain.names import search_key

    wanted = search_key(typed)
    villages = register.office.villages()
    exact = [v for v in villages if search_key(v.name) == wanted]
    found = exact or [v for v in villages if wanted in search_key(v.name)]
    if len(found) != 1:
        names = ", ".join(v.name for v in (found or villages))
        print(f"Lỗi: {'không có' if not found else 'có nhiều'} thôn/khu phố khớp “{typed}”. Các thôn: {names}.",
              file=sys.stderr)
        raise SystemExit(2)
    return found[0].id


def _print(args: argparse.Namespace, folder: Path) -> int:
    from desktop.services.printing import DocumentKind, PrintError, PrintService
    from desktop.services.safe_write import atomic_file

    try:
        kind = DocumentKind(args.kind)
    except ValueError:
        print(f"Lỗi: không có loại giấy tờ “{args.kind}”. Chọn một trong: "
              f"{', '.join(k.value for k in DocumentKind)}.", file=sys.stderr)
        return 2
    register = _open(args, folder)
    try:
        village = find_village(register, args.village) if args.village else None

        def progress(done: int, total: int) -> bool:
            print(f"\r{kind.label}: {done}/{total}", end="", file=sys.stderr, flush=True)
            return True

        try:
            with atomic_file(Path(args.out)) as out:  # pages go to disk as drawn; the file appears when done
                if args.model:
                    from desktop.services.model_printing import ModelPrinting

                    printed = ModelPrinting(register).render(kind, Model(args.model), args.year, out,
                                                             passphrase(args) if args.sign else None)
                else:
                    printed = PrintService(register).render(kind, args.year, village, copies=args.copies,
                                                            progress=progress, out=out,
                                                            passphrase=passphrase(args) if args.sign else None)
        except PrintError as e:
            print(f"\nLỗi: {e}", file=sys.stderr)
            return 1
        print(file=sys.stderr)
        print(f"Đã in {printed.title.lower()} ({printed.items}) ra {args.out}.")
        return 0
    finally:
        register.close()


def _import_roster(args: argparse.Namespace, folder: Path) -> int:
    from desktop.services.roster import Outcome, RosterError, RosterService
    from desktop.services.safe_write import atomic_file
    from desktop.sheets.roster_errors import error_copy
    from desktop.sheets.roster_read import RosterFileError

    register = _open(args, folder)
    try:
        village = find_village(register, args.village) if args.village else None
        default_group = group_of(args.group)
        service = RosterService(register)
        path = Path(args.file)
        try:
            dry = service.dry_run(path, village, default_group)
        except RosterFileError as e:
            print(f"Lỗi: {e}", file=sys.stderr)
            return 2
        for r in dry.results:
            if r.outcome is not Outcome.NEW or r.messages:
                print(f"{r.outcome.value}: " + ("; ".join(r.messages) or f"dòng {r.number}: {r.full_name}"))
        print(dry.summary())
        if args.errors:
            with atomic_file(Path(args.errors)) as out:
                error_copy(dry.sheet, dry.notes(), out)
            print(f"Đã ghi bản báo lỗi: {args.errors}")
        if args.dry_run:
            print("Chạy thử: chưa lưu gì.")
            return 0
        try:
            done = service.import_rows(dry, args.include_duplicates)
        except RosterError as e:
            print(f"Lỗi: {e}", file=sys.stderr)
            return 1
        print(f"Đã nhập {done.added} người vào sổ; bỏ qua {done.skipped} dòng.")
        return 0
    finally:
        register.close()


def _import_households(args: argparse.Namespace, folder: Path) -> int:
    from desktop.services.household_import import HouseholdImport, Outcome
    from desktop.services.model_registers import ModelError
    from desktop.sheets.roster_read import RosterFileError

    register = _open(args, folder)
    try:
        service = HouseholdImport(register)
        try:
            dry = service.dry_run(Path(args.file))
        except RosterFileError as e:
            print(f"Lỗi: {e}", file=sys.stderr)
            return 2
        for plan in dry.plans:
            if plan.outcome is not Outcome.NEW:
                print(f"{plan.outcome.value}: " + "; ".join(plan.messages))
        print(dry.summary())
        if args.dry_run:
            print("Chạy thử: chưa lưu gì.")
            return 0
        try:
            print(f"Đã nhập {service.import_plans(dry)} hộ.")
        except ModelError as e:
            print(f"Lỗi: {e}", file=sys.stderr)
            return 1
        return 0
    finally:
        register.close()


def _report(args: argparse.Namespace, folder: Path) -> int:
    from desktop.services.exports import year_report

    return _write_workbook(args, folder, lambda r: year_report(r, args.year),
                           f"Đã ghi báo cáo năm {args.year} ra {args.out}.")


def _template(args: argparse.Namespace, folder: Path) -> int:
    from desktop.services.exports import roster_template

    return _write_workbook(args, folder, roster_template, f"Đã ghi tệp mẫu ra {args.out}.")


def _write_workbook(args: argparse.Namespace, folder: Path, make, done: str) -> int:  # noqa: ANN001
    from desktop.services.safe_write import write_atomically

    register = _open(args, folder)
    try:
        write_atomically(Path(args.out), make(register))
    finally:
        register.close()
    print(done)
    return 0


def passphrase(args: argparse.Namespace, twice: bool = False) -> str:
    """From --passphrase-file, then SO_CDHT_PASSPHRASE, then asked on the terminal."""
    import getpass
    import os

    if getattr(args, "passphrase_file", None):
        return Path(args.passphrase_file).read_text(encoding="utf-8").strip("\r\n")
    if os.environ.get("SO_CDHT_PASSPHRASE"):
        return os.environ["SO_CDHT_PASSPHRASE"]
    if not sys.stdin.isatty():
        print("Lỗi: cần mật khẩu khoá (--passphrase-file hoặc biến SO_CDHT_PASSPHRASE).", file=sys.stderr)
        raise SystemExit(2)
    first = getpass.getpass("Mật khẩu khoá: ")
    if twice and getpass.getpass("Nhập lại mật khẩu: ") != first:
        print("Lỗi: hai lần nhập không giống nhau.", file=sys.stderr)
        raise SystemExit(2)
    return first


def _keys(args: argparse.Namespace, folder: Path) -> int:
    from desktop.exchange.keys import KeyError_

    register = _open(args, folder)
    try:
        k = register.keys
        match args.action, args.args:
            case "init", []:
                made = k.create(passphrase(args, twice=True))
                print(f"Đã tạo khoá. Dấu vân tay khoá ký: {made.fingerprint}")
            case "show", []:
                pub = k.public()
                print(f"Dấu vân tay khoá ký: {pub.fingerprint}\nKhoá ký (minisign): {pub.signing}\n"
                      f"Khoá mã hoá (age): {pub.age_recipient}")
            case "export-public", [target]:
                for path in k.write_public_files(Path(target)):
                    print(f"Đã ghi {path}")
            case "import-upper", [signing, age]:
                print(f"Đã nhập khoá cấp trên. Dấu vân tay (so với phiếu khoá giấy): {k.import_upper(Path(signing), Path(age))}")
            case "register", [code, name, signing]:
                fp = k.register(int(code), name, Path(signing), replace=args.replace, kind=args.kind)
                print(f"Đã đăng ký khoá của {name} (mã {code}). Dấu vân tay (so với phiếu khoá giấy): {fp}")
            case "export-identity", [target]:
                # for `age -d -i FILE` by hand (docs/package-format.md): the secret in clear, readable by
                # this user only; delete it after use
                path = Path(target)
                if path.exists():
                    print(f"Lỗi: {path} đã có: không ghi đè.", file=sys.stderr)
                    return 1
                identity = k.store.identity(passphrase(args))
                fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
                with os.fdopen(fd, "w", encoding="ascii") as f:
                    f.write(f"# {identity.to_public()}\n{identity}\n")
                print(f"Đã ghi khoá giải mã (không mật khẩu) vào {path}: chỉ dùng để kiểm tra bằng tay, xoá ngay sau đó.")
            case "list", []:
                for t in k.trusted():
                    print(f"{t.office_code}\t{t.office_name}\t{t.fingerprint}\t{t.registered_at}"
                          + ("\tđã thay" if t.replaced else ""))
            case _:
                print("Lỗi: sai tham số của lệnh keys (xem --help).", file=sys.stderr)
                return 2
        return 0
    except (KeyError_, ValueError) as e:
        print(f"Lỗi: {e}", file=sys.stderr)
        return 1
    except OSError as e:
        print(f"Lỗi: không ghi được {e.filename}: {e.strerror}", file=sys.stderr)
        return 1
    finally:
        register.close()


def _export(args: argparse.Namespace, folder: Path) -> int:
    from desktop.exchange.keys import KeyError_
    from desktop.exchange.package import PackageError
    from desktop.services.safe_write import write_atomically

    register = _open(args, folder)
    try:
        name, data = register.sending.export(args.year, passphrase(args))
    except (KeyError_, PackageError) as e:
        print(f"Lỗi: {e}", file=sys.stderr)
        return 1
    finally:
        register.close()
    out = Path(args.out)
    target = out / name if out.is_dir() else out
    write_atomically(target, data)
    print(f"Đã xuất gói năm {args.year} ra {target} ({len(data):,} byte).".replace(",", "."))
    return 0


def _receive(args: argparse.Namespace, folder: Path) -> int:
    from desktop.exchange.keys import KeyError_
    from desktop.exchange.package import PackageError
    from desktop.services.safe_write import write_atomically

    register = _open(args, folder)
    failed = 0
    try:
        secret = passphrase(args)
        try:
            register.receiving.unlock(secret)  # once for the batch; a wrong passphrase changes nothing
        except KeyError_ as e:
            print(f"Lỗi: {e}", file=sys.stderr)
            return 1
        backed_up = False
        for file in args.files:
            path = Path(file)
            try:
                check = register.receiving.check(path, secret)
            except (PackageError, KeyError_) as e:
                print(f"TỪ CHỐI {path.name}: {e}")
                failed += 1
                continue
            except Exception:  # noqa: BLE001 - one file's unforeseen fault must not stop the batch
                logging.getLogger(__name__).exception("receive %s", path.name)
                print(f"TỪ CHỐI {path.name}: lỗi không lường trước khi đọc gói (chi tiết trong nhật ký); "
                      "các tệp khác vẫn được nhận.")
                failed += 1
                continue
            print(f"{path.name}: {check.describe()}")
            if args.dry_run:
                continue
            if not backed_up and not check.already_held:  # after the checks, right before the first merge
                backed_up = True
                if backup := register.receiving.backup_before_merging():
                    print(f"Đã sao lưu trước khi gộp: {backup}")
            register.receiving.merge(check)
            if args.receipts:
                name, data = register.receiving.receipt(check, secret)
                write_atomically(Path(args.receipts) / name, data)
                print(f"  biên nhận: {Path(args.receipts) / name}")
        if args.dry_run:
            print("Chạy thử: chưa gộp gói nào.")
        else:
            register.receiving.batch_done()
        return 1 if failed else 0
    finally:
        register.close()


def _import_receipt(args: argparse.Namespace, folder: Path) -> int:
    from desktop.exchange.package import PackageError

    register = _open(args, folder)
    try:
        print(register.sending.import_receipt(Path(args.file)))
        return 0
    except PackageError as e:
        print(f"Lỗi: {e}", file=sys.stderr)
        return 1
    finally:
        register.close()


def _check_certificate(args: argparse.Namespace, folder: Path) -> int:
    from desktop.services.printing import check_certificate

    register = _open(args, folder)
    try:
        result = check_certificate(register, args.code)
    finally:
        register.close()
    print(result.message)
    return 0 if result.genuine else 1


def _backup(args: argparse.Namespace, folder: Path) -> int:
    from desktop.services.backups import BackupError, make_backup

    register = _open(args, folder)
    try:
        path = make_backup(register.db, folder, Path(args.to) if args.to else None)
    except BackupError as e:
        print(f"Lỗi: {e}", file=sys.stderr)
        return 1
    finally:
        register.close()
    print(f"Đã sao lưu: {path}")
    return 0


def _restore(args: argparse.Namespace, folder: Path) -> int:
    """On the file level: works when the register is too damaged to open (it is then kept aside)."""
    from desktop.services.backups import BackupError, backups, newest_good, preview, restore

    if not args.file:
        good = newest_good(folder)
        for path in backups(folder):
            print(f"{path}" + ("\t(bản tốt mới nhất)" if good and path == good.path else ""))
        return 0
    try:
        p = preview(Path(args.file), folder)
        print(f"Bản sao lưu lúc {p.made_at}: {p.office}; {p.citizens} người trong sổ, {p.enrolments} lượt đăng ký; "
              f"thay đổi cuối {p.last_change}; {'có' if p.has_keys else 'không có'} khoá.")
        if not args.yes:
            print("Xem trước: chưa khôi phục (thêm --yes để khôi phục).")
            return 0
        done = restore(Path(args.file), folder)
    except BackupError as e:
        print(f"Lỗi: {e}", file=sys.stderr)
        return 1
    print(f"Đã khôi phục. {done.describe()}".strip())
    return 0


def _register_year(args: argparse.Namespace, folder: Path) -> int:
    from desktop.services.enrolments import CycleError

    register = _open(args, folder)
    if args.model:
        return _register_model_year(register, args)
    try:
        village = find_village(register, args.village) if args.village else None
        group_of(args.group)
        print("Đang đăng ký…", flush=True)
        added = register.enrolments.register_all(args.year, village, args.group)
    except CycleError as e:
        print(f"Lỗi: {e}", file=sys.stderr)
        return 1
    finally:
        register.close()
    print(f"Đã đăng ký thêm {added} người cho năm {args.year}.")
    return 0


def _recognize(args: argparse.Namespace, folder: Path) -> int:
    """The end of the year as the window does it: everyone who passes onto the proposal list (one
    transaction), then the decision (another): each step all or nothing."""
    from datetime import datetime

    from desktop.services.enrolments import CycleError

    try:
        signed_on = datetime.strptime(args.signed_on.strip(), "%d/%m/%Y").date()
    except ValueError:
        print(f"Lỗi: ngày ký “{args.signed_on}” không đúng dạng dd/mm/yyyy.", file=sys.stderr)
        return 1
    register = _open(args, folder)
    if args.model:
        return _recognize_model(register, args, signed_on)
    try:
        print("Đang lập danh sách đề nghị…", flush=True)
        proposed = register.recognition.propose(register.recognition.candidates(args.year))
        print(f"Đã đưa {proposed.proposed} người vào danh sách đề nghị. Đang ghi quyết định…", flush=True)
        done = register.recognition.record_decision(args.year, args.number, signed_on, args.signer)
    except CycleError as e:
        print(f"Lỗi: {e}", file=sys.stderr)
        return 1
    finally:
        register.close()
    print(f"Quyết định số {done.decision.number}: {done.decision.recognized} người được công nhận, "
          f"{done.not_recognized} người không được công nhận.")
    return 0


def _register_model_year(register, args: argparse.Namespace) -> int:  # noqa: ANN001
    from desktop.services.model_cycle import ModelCycleError

    model = Model(args.model)
    try:
        added = register.model_cycle(model).register_all(args.year)
    except ModelCycleError as e:
        print(f"Lỗi: {e}", file=sys.stderr)
        return 1
    finally:
        register.close()
    print(f"Đã đăng ký thêm {added} {model.unit} ({model.title}) cho năm {args.year}.")
    return 0


def _recognize_model(register, args: argparse.Namespace, signed_on) -> int:  # noqa: ANN001
    """As for citizens: those who pass and were confirmed by the branch onto the list, then the decision."""
    from desktop.services.model_cycle import ModelCycleError

    model = Model(args.model)
    try:
        info = register.office.info()
        cycle = register.model_cycle(model)
        refused = cycle.propose(cycle.candidates(args.year))
        recognized = cycle.record_decision(args.year, args.number, signed_on,
                                           args.signer or (info.signer_name if info else ""),
                                           info.signer_title if info else "")
    except ModelCycleError as e:
        print(f"Lỗi: {e}", file=sys.stderr)
        return 1
    finally:
        register.close()
    for line in refused:
        print(f"Không đưa vào danh sách: {line}")
    print(f"Quyết định số {' '.join(args.number.split())}: {recognized} {model.unit} được công nhận {model.title}.")
    return 0
