"""The benchmark (desktop/bench)."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_commands(sub) -> dict:  # noqa: ANN001 - argparse's subparsers
    bench = sub.add_parser("bench", help="đo tốc độ trên một xã N người")
    bench.add_argument("--citizens", type=int, default=100_000, metavar="N")
    bench.add_argument("--queries", type=int, default=200)
    bench.add_argument("--communes", type=int, default=100,
                       help="số gói xã (mỗi gói 6.000 người) cấp trên nhận khi đo")
    bench.add_argument("--roster-rows", type=int, default=30_000, metavar="N",
                       help="số dòng của tệp Excel nhập thử (mặc định 30.000, như một xã lớn gửi lên)")
    bench.add_argument("--province", type=int, metavar="SỐ_XÃ", nargs="?", const=120,
                       help="chỉ đo cấp tỉnh sau 7/2025: nhận và gộp gói của SỐ_XÃ xã (mặc định 120), mỗi xã "
                            "--province-people người, trên SQLite hoặc máy chủ --db-url (lâu: hàng chục phút)")
    bench.add_argument("--province-people", type=int, default=20_000, metavar="N")
    bench.add_argument("--json", metavar="TỆP", help="ghi thêm kết quả ra tệp JSON")
    return {"bench": _bench}


def _bench(args: argparse.Namespace, folder: Path) -> int:
    if args.province:
        from desktop.bench.province import run_province

        return run_province(args.db_url, args.province, args.province_people, args.json)
    from desktop.bench.run import run_bench

    return run_bench(folder, args.db_url, args.citizens, args.queries, args.json, args.communes, args.roster_rows)
