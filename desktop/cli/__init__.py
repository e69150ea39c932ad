"""The same operations as the window, without one: each file here is one group of commands (the office,
the people, the year, paper, the exchange, the benchmark), each beside the services it calls."""

from __future__ import annotations

import argparse
import logging
import sys

from desktop import APP_NAME, __version__, config
from desktop.cli import bench, exchange, office, paper, people, vietnamese, year

GROUPS = (office, people, year, paper, exchange, bench)


def build_parser() -> argparse.ArgumentParser:
    vietnamese.install()  # argparse's own words (usage, help, errors) in Vietnamese
    p = argparse.ArgumentParser(prog="python -m desktop", description=f"{APP_NAME} {__version__}")
    p.add_argument("--data-dir", help=f"thư mục dữ liệu (mặc định: biến {config.ENV_DATA_DIR} "
                                      "hoặc thư mục dữ liệu của người dùng)")
    p.add_argument("--db-url", help=f"địa chỉ cơ sở dữ liệu, ví dụ postgresql://... (hoặc biến {config.ENV_DB_URL})")
    p.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    p.add_argument("--bench-window", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--check-windows", action="store_true", help=argparse.SUPPRESS)  # installer/build.sh
    sub = p.add_subparsers(dest="command", metavar="LỆNH", title="Lệnh")
    for group in GROUPS:
        for command, handler in group.add_commands(sub).items():  # (args, data folder) -> exit code
            sub.choices[command].set_defaults(handler=handler)
    vietnamese.name_arguments(p)
    return p


def run(args: argparse.Namespace) -> int:
    folder = config.data_dir(args.data_dir)
    from desktop.logs import setup_logging

    setup_logging(folder)
    try:
        return args.handler(args, folder)
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
