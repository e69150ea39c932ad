"""What the commands share: opening the register (a refusal explained), the group and village a clerk
typed, the key's passphrase, writing a workbook."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from desktop.domain.groups import CitizenGroup
from desktop.domain.models387 import Model

MODELS = [m.value for m in Model]


def open_desk(args: argparse.Namespace, folder: Path):  # noqa: ANN202
    from desktop.services.clock import clock_warning
    from desktop.services.desk import OpenError, open_register

    try:
        register = open_register(folder, args.db_url)
    except OpenError as e:
        print(f"Lỗi: {e}", file=sys.stderr)
        raise SystemExit(2) from e
    if warning := clock_warning(register):
        print(f"Cảnh báo: {warning}", file=sys.stderr)
    return register


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


def write_workbook(args: argparse.Namespace, folder: Path, make, done: str) -> int:  # noqa: ANN001
    from desktop.services.safe_write import write_atomically

    register = open_desk(args, folder)
    try:
        write_atomically(Path(args.out), make(register))
    finally:
        register.close()
    print(done)
    return 0


def passphrase(args: argparse.Namespace, twice: bool = False) -> str:
    """From --passphrase-file, then SO_CDHT_PASSPHRASE, then asked on the terminal."""
    import getpass

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
