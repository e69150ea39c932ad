"""Paper: every document as a PDF, and checking a certificate's QR code."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from desktop.cli.common import MODELS, find_village, open_desk, passphrase
from desktop.domain.models387 import Model


def add_commands(sub) -> dict:  # noqa: ANN001 - argparse's subparsers
    printing = sub.add_parser("print", help="in giấy tờ ra tệp PDF")
    printing.add_argument("kind", metavar="LOẠI", help="dang-ky, dang-ky-trang, phieu-danh-gia, de-nghi, quyet-dinh, "
                                                      "giay-cong-nhan, bao-cao")
    printing.add_argument("--year", type=int, default=date.today().year)
    printing.add_argument("--village", help="tên thôn/khu phố (gõ không dấu được); mặc định cả xã")
    printing.add_argument("--copies", type=int, default=1, help="số bản (phiếu đăng ký trắng)")
    printing.add_argument("--out", required=True, metavar="TỆP.pdf")
    printing.add_argument("--sign", action="store_true", help="ký mã QR kiểm tra trên giấy công nhận (cần mật khẩu khoá)")
    printing.add_argument("--passphrase-file", metavar="TỆP")
    printing.add_argument("--model", choices=MODELS,
                          help="giấy tờ của một mô hình học tập (gia đình, dòng họ, cộng đồng, đơn vị): de-nghi, "
                               "quyet-dinh, giay-cong-nhan")

    check = sub.add_parser("check-certificate", help="kiểm tra một giấy công nhận: mã QR quét được, hoặc số giấy in trên đó (CDHT-…, GDHT-…)")
    check.add_argument("code", metavar="MÃ")
    return {"print": _print, "check-certificate": _check_certificate}


def _print(args: argparse.Namespace, folder: Path) -> int:
    from desktop.services.printing import DocumentKind, PrintError, PrintService
    from desktop.services.safe_write import atomic_file

    try:
        kind = DocumentKind(args.kind)
    except ValueError:
        print(f"Lỗi: không có loại giấy tờ “{args.kind}”. Chọn một trong: "
              f"{', '.join(k.value for k in DocumentKind)}.", file=sys.stderr)
        return 2
    register = open_desk(args, folder)
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


def _check_certificate(args: argparse.Namespace, folder: Path) -> int:
    from desktop.services.printing import check_certificate

    register = open_desk(args, folder)
    try:
        result = check_certificate(register, args.code)
    finally:
        register.close()
    print(result.message)
    return 0 if result.genuine else 1
