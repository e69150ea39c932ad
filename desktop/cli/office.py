"""Setting up the office, demo data, the installation check, backups and restoring them."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from desktop.cli.common import open_desk, passphrase


def add_commands(sub) -> dict:  # noqa: ANN001 - argparse's subparsers
    setup = sub.add_parser("setup", help="thiết lập đơn vị không cần cửa sổ (như trình hướng dẫn lần đầu)")
    setup.add_argument("--kind", choices=["commune", "upper"], default="commune",
                       help="xã, phường (mặc định) hay cấp trên nhận gói của các xã")
    setup.add_argument("--province", required=True, metavar="TÊN|MÃ", help="tỉnh/thành phố (gõ không dấu được)")
    setup.add_argument("--commune", metavar="TÊN|MÃ", help="xã, phường, đặc khu của tỉnh (bắt buộc với --kind commune)")
    setup.add_argument("--association", metavar="TÊN", help="mặc định: Hội Khuyến học + tên xã (hoặc tỉnh)")
    setup.add_argument("--clerk", required=True, metavar="HỌ_TÊN", help="cán bộ nhập liệu")
    setup.add_argument("--upper-name", default="", metavar="TÊN", help="tên cấp trên, in trên giấy tờ")
    setup.add_argument("--village", action="append", default=[], metavar="TÊN", help="một thôn/khu phố (lặp lại được)")
    setup.add_argument("--villages-file", metavar="TỆP", help="tệp văn bản, mỗi dòng một thôn/khu phố")
    setup.add_argument("--no-keys", action="store_true", help="chưa tạo khoá (tạo sau bằng lệnh keys init)")
    setup.add_argument("--passphrase-file", metavar="TỆP", help="mật khẩu khoá (hoặc biến SO_CDHT_PASSPHRASE)")

    demo = sub.add_parser("demo", help="tạo một xã mẫu với N người dân")
    demo.add_argument("--citizens", type=int, default=2000, metavar="N")
    demo.add_argument("--seed", type=int, default=2024)
    demo.add_argument("--if-empty", action="store_true", help="chỉ tạo khi sổ chưa có ai")
    demo.add_argument("--year", type=int, default=date.today().year,
                      help="năm học tập được tạo kèm (đăng ký, chấm điểm, công nhận); mặc định năm nay")
    demo.add_argument("--no-year", action="store_true", help="chỉ tạo người dân, không tạo năm học tập")

    sub.add_parser("self-test", help="kiểm tra bản cài đặt, không mở cửa sổ")

    backup = sub.add_parser("backup", help="sao lưu sổ (cơ sở dữ liệu và khoá) vào thư mục sao lưu hoặc THƯ_MỤC")
    backup.add_argument("--to", metavar="THƯ_MỤC")

    restore = sub.add_parser("restore", help="khôi phục sổ từ một bản sao lưu (bản hiện tại được sao lưu trước)")
    restore.add_argument("file", nargs="?", metavar="TỆP.zip", help="bỏ trống: liệt kê các bản sao lưu")
    restore.add_argument("--yes", action="store_true", help="khôi phục thật (không có: chỉ xem trước)")
    return {"setup": _setup, "demo": _demo, "self-test": _self_test, "backup": _backup, "restore": _restore}


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
    register = open_desk(args, folder)
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
    register = open_desk(args, folder)
    try:
        if args.if_empty and register.office.info() is not None:
            print(f"Sổ ở {folder} đã có dữ liệu: không tạo thêm.")
            return 0

        counting: list[str] = []  # the step whose counting line is open

        def progress(what: str):  # noqa: ANN202 - one counting line per step, rewritten in place
            def show(done: int, total: int) -> None:
                counting[:] = [what]
                print(f"\r{what}: {done}/{total}", end="", file=sys.stderr, flush=True)
            return show

        def end_line() -> None:
            if counting:
                print(file=sys.stderr)
                counting.clear()

        fill_demo(register, args.citizens, args.seed, progress("Đang tạo người dân mẫu"))
        end_line()
        from desktop.services.demo_models import fill_demo_model_year, fill_demo_models

        made = fill_demo_models(register, args.seed)
        print(f"Mô hình học tập: {made['households']} hộ, {made['clans']} dòng họ, {made['units']} đơn vị.")
        if not args.no_year:
            from desktop.services.demo_year import fill_demo_year

            enrolled = fill_demo_year(register, args.year, args.seed,
                                      progress(f"Đang đăng ký và chấm điểm mẫu năm {args.year}"))
            end_line()
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


def _backup(args: argparse.Namespace, folder: Path) -> int:
    from desktop.services.backups import BackupError, make_backup

    register = open_desk(args, folder)
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
