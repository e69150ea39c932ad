"""The people's register: finding someone, rosters and household lists in from Excel, the roster template."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop.cli.common import find_village, group_of, open_desk, write_workbook
from desktop.domain.birth import BirthDate
from desktop.domain.groups import CitizenGroup


def add_commands(sub) -> dict:  # noqa: ANN001 - argparse's subparsers
    search = sub.add_parser("search", help="tìm người trong sổ (không cần gõ dấu)")
    search.add_argument("text", nargs="+")
    search.add_argument("--limit", type=int, default=50)

    roster = sub.add_parser("import-roster", help="nhập danh sách người dân từ tệp Excel .xlsx")
    roster.add_argument("file", metavar="TỆP.xlsx")
    roster.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không lưu gì")
    roster.add_argument("--village", help="thôn/khu phố cho các dòng không ghi thôn")
    roster.add_argument("--group", type=int, metavar="SỐ", help="số nhóm cho các dòng không ghi nhóm (1, 2, 3…)")
    roster.add_argument("--include-duplicates", action="store_true", help="nhập cả các dòng có thể trùng")
    roster.add_argument("--errors", metavar="TỆP_LỖI.xlsx", help="ghi bản sao tệp kèm cột báo lỗi từng dòng")

    homes = sub.add_parser("import-households", help="nhập danh sách hộ gia đình của thôn từ tệp Excel .xlsx")
    homes.add_argument("file", metavar="TỆP.xlsx")
    homes.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không lưu gì")

    template = sub.add_parser("roster-template", help="tệp Excel mẫu để các chi hội nhập danh sách")
    template.add_argument("--out", required=True, metavar="TỆP.xlsx")
    return {"search": _search, "import-roster": _import_roster, "import-households": _import_households, "roster-template": _template}


def _search(args: argparse.Namespace, folder: Path) -> int:
    from desktop.db.citizen_queries import CitizenFilter

    register = open_desk(args, folder)
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


def _import_roster(args: argparse.Namespace, folder: Path) -> int:
    from desktop.services.roster import Outcome, RosterError, RosterService
    from desktop.services.safe_write import atomic_file
    from desktop.sheets.roster_errors import error_copy
    from desktop.sheets.roster_read import RosterFileError

    register = open_desk(args, folder)
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

    register = open_desk(args, folder)
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


def _template(args: argparse.Namespace, folder: Path) -> int:
    from desktop.services.exports import roster_template

    return write_workbook(args, folder, roster_template, f"Đã ghi tệp mẫu ra {args.out}.")
