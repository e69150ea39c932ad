"""The yearly cycle: registering a year, recognizing those who pass, the year's figures and its workbook."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from desktop.cli.common import MODELS, find_village, group_of, open_desk, write_workbook
from desktop.domain.groups import CitizenGroup
from desktop.domain.models387 import Model


def add_commands(sub) -> dict:  # noqa: ANN001 - argparse's subparsers
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
    stats.add_argument("--json", metavar="TỆP", nargs="?", const="-",
                       help="thêm bản JSON: vào TỆP, hoặc ra màn hình nếu không nêu tệp")

    report = sub.add_parser("report", help="báo cáo năm ra tệp Excel")
    report.add_argument("--year", type=int, default=date.today().year)
    report.add_argument("--out", required=True, metavar="TỆP.xlsx")
    return {"register-year": _register_year, "recognize": _recognize, "stats": _stats, "report": _report}


def _register_year(args: argparse.Namespace, folder: Path) -> int:
    from desktop.services.enrolments import CycleError

    register = open_desk(args, folder)
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
    register = open_desk(args, folder)
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


def _stats(args: argparse.Namespace, folder: Path) -> int:
    from desktop.domain.numbers import vn_int, vn_percent

    register = open_desk(args, folder)
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


def _report(args: argparse.Namespace, folder: Path) -> int:
    from desktop.services.exports import year_report

    return write_workbook(args, folder, lambda r: year_report(r, args.year),
                           f"Đã ghi báo cáo năm {args.year} ra {args.out}.")
