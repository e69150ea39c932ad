"""The signed exchange with the upper level: keys, sending a year's package, receiving, receipts."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from datetime import date
from pathlib import Path

from desktop.cli.common import open_desk, passphrase


def add_commands(sub) -> dict:  # noqa: ANN001 - argparse's subparsers
    keys = sub.add_parser("keys", help="khoá ký và khoá mã hoá của đơn vị, khoá của cấp trên và của các xã")
    keys.add_argument("action", choices=["init", "show", "export-public", "import-upper", "register", "list",
                                         "export-identity"])
    keys.add_argument("args", nargs="*", help="export-public THƯ_MỤC | import-upper KHOÁ_KÝ.pub KHOÁ_MÃ_HOÁ.pub | "
                                              "register MÃ_XÃ TÊN KHOÁ_KÝ.pub | export-identity TỆP (khoá giải mã, để age -d)")
    keys.add_argument("--replace", action="store_true", help="thay khoá đã đăng ký (có ghi nhật ký)")
    keys.add_argument("--kind", choices=["commune", "upper"], default="commune",
                      help="register: khoá của một xã (mặc định) hay của một cấp trên bên dưới (huyện)")
    keys.add_argument("--passphrase-file", metavar="TỆP")

    export = sub.add_parser("export", help="xuất gói đã ký, mã hoá của một năm để gửi cấp trên")
    export.add_argument("--year", type=int, default=date.today().year)
    export.add_argument("--out", required=True, metavar="TỆP|THƯ_MỤC")
    export.add_argument("--passphrase-file", metavar="TỆP")

    receive = sub.add_parser("receive", help="cấp trên: nhận, kiểm tra và gộp gói của các xã")
    receive.add_argument("files", nargs="+", metavar="TỆP")
    receive.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không gộp")
    receive.add_argument("--receipts", metavar="THƯ_MỤC", help="ghi biên nhận đã ký cho từng gói được nhận")
    receive.add_argument("--passphrase-file", metavar="TỆP")

    receipt = sub.add_parser("import-receipt", help="xã: nhập biên nhận của cấp trên")
    receipt.add_argument("file", metavar="TỆP")
    return {"keys": _keys, "export": _export, "receive": _receive, "import-receipt": _import_receipt}


def _keys(args: argparse.Namespace, folder: Path) -> int:
    from desktop.exchange.keys import KeyError_

    register = open_desk(args, folder)
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

    register = open_desk(args, folder)
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

    register = open_desk(args, folder)
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

    register = open_desk(args, folder)
    try:
        print(register.sending.import_receipt(Path(args.file)))
        return 0
    except PackageError as e:
        print(f"Lỗi: {e}", file=sys.stderr)
        return 1
    finally:
        register.close()
