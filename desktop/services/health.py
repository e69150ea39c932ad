"""The installation check behind `self-test`: everything a clerk's first day needs, without a window."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from desktop import __version__
from desktop.db.citizen_queries import CitizenFilter
from desktop.db.engine import is_sqlite
from desktop.db.integrity import DamagedDatabase
from desktop.domain import admin_units
from desktop.services import failures
from desktop.services.register import OpenError, Register, open_services

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Step:
    ok: bool
    text: str


def self_test(folder: Path, url: str | None = None) -> list[Step]:
    steps: list[Step] = [Step(True, f"Sổ Công dân học tập phiên bản {__version__}")]
    try:
        register = open_services(folder, url, date.today, Register)
    except OpenError as e:
        return [*steps, Step(False, str(e))]
    try:
        steps.append(Step(True, f"Mở cơ sở dữ liệu: {register.db.engine.url.render_as_string()}"))
        try:
            steps.append(Step(True, f"Kiểm tra toàn vẹn dữ liệu: {_integrity(register)}"))
        except DamagedDatabase as e:  # nothing else is tried on a damaged file: its answers mean nothing
            log.error("Kiểm tra toàn vẹn: %s", e.problem)
            return [*steps, Step(False, f"Kiểm tra toàn vẹn dữ liệu: {failures.damaged(folder)}")]
        checks: list[tuple[str, Callable[[], str]]] = [
            ("Danh mục hành chính", lambda: f"{len(admin_units.provinces())} tỉnh/thành phố"),
            ("Đơn vị", lambda: _office(register)),
            ("Tìm kiếm", lambda: _search(register)),
            ("In thử giấy công nhận", _print_sample),
            ("Gói trao đổi (ký, mã hoá, kiểm tra)", _package_sample),
        ]
        for label, run in checks:
            try:
                steps.append(Step(True, f"{label}: {run()}"))
            except Exception as e:  # noqa: BLE001 - every failure is reported, none stops the others
                log.exception("self-test: %s", label)
                plain = failures.explain(e, folder, url)
                steps.append(Step(False, f"{label}: {plain or f'lỗi {type(e).__name__}: {e}'}"))
    finally:
        register.close()
    return steps


def _integrity(register) -> str:  # noqa: ANN001
    """SQLite's full check (every index against its table), then the search index against the register."""
    if not is_sqlite(register.db.engine):
        return "bỏ qua (không phải SQLite)"
    register.db.ensure_sound(full=True)
    try:
        with register.db.engine.connect() as conn:
            conn.execute(text("INSERT INTO citizen_fts(citizen_fts, rank) VALUES('integrity-check', 0)"))
    except DBAPIError as e:
        raise DamagedDatabase(str(e.orig)) from None
    return "tốt"


def _office(register) -> str:  # noqa: ANN001
    info = register.office.info()
    if info is None:
        return "chưa thiết lập (sẽ thiết lập khi mở cửa sổ lần đầu)"
    return f"{info.association_name}, {info.commune_name}, {info.province_name}"


def _search(register) -> str:  # noqa: ANN001
    started = time.perf_counter()
    total = register.citizens.count(CitizenFilter())
    found = register.citizens.page(CitizenFilter("nguyen"), 0, 10)
    ms = (time.perf_counter() - started) * 1000
    return f"{total:,} người trong sổ; tìm “nguyen”: {len(found)} kết quả đầu trong {ms:.1f} ms".replace(",", ".")


def _print_sample() -> str:
    """A certificate drawn with the bundled fonts and a QR code: proves reportlab, its C helpers, the QR
    encoder and the fonts are in place."""
    import io
    from datetime import date

    from reportlab.lib import rl_accel

    from desktop.print.certificates import render_certificates
    from desktop.print.data import CertificateData, OfficeHeader

    office = OfficeHeader("Lâm Đồng", "Xã Hàm Thuận", "Hội Khuyến học xã Hàm Thuận", "Hội Khuyến học tỉnh Lâm Đồng",
                          "Chủ tịch", "Nguyễn Văn Hùng", "Hàm Thuận")
    out = io.BytesIO()
    render_certificates([CertificateData(office, 2026, "Nguyễn Thị Thử", "1980", "Thôn 1", "1/QĐ-HKH",
                                         date(2026, 11, 20), "Chủ tịch", "Nguyễn Văn Hùng", "THU-00001",
                                         verify_payload="CDHT1|thu")], out)
    pdf = out.getvalue()
    if not pdf.startswith(b"%PDF") or b"LiberationSerif" not in pdf:
        raise RuntimeError("tệp PDF không có phông chữ của chương trình")
    if type(rl_accel.fp_str).__name__ != "builtin_function_or_method":  # works without, many times slower
        raise RuntimeError("thiếu phần tăng tốc rl_accel của reportlab")
    return f"PDF {len(pdf) // 1024} KB, phông chữ đã nhúng, mã QR"


def _package_sample() -> str:
    """Keys made in a temporary folder, a package built and opened again: minisign, age, zip all work."""
    import tempfile

    from desktop.exchange.keys import KeyStore
    from desktop.exchange.package import build, check_format, open_package, verify_members, verify_signature

    with tempfile.TemporaryDirectory() as tmp:
        store = KeyStore(Path(tmp) / "khoa")
        keys = store.create("tu-kiem-tra-123")
        manifest = {"sender": {"code": 1, "name": "thử", "kind": "commune"},
                    "recipient": {"name": "thử", "age_recipient": keys.age_recipient}, "year": 2026, "sequence": 1,
                    "previous_sha256": None}
        data = build(manifest, {"summary.json": b"{}"}, store.signer("tu-kiem-tra-123"), keys.age_recipient)
        opened = open_package(data, store.identity("tu-kiem-tra-123"))
        verify_signature(opened, keys.signing)
        check_format(opened)
        verify_members(opened)
    return f"gói thử {len(data)} byte ký, mã hoá và kiểm tra được"
