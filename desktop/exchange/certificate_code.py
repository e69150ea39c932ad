"""The code in a certificate's QR: who issued it, for whom, signed with the office's key, so anyone with
the program (or the office's public key) can tell a genuine certificate from a forged one.

Text form: CDHT1|<office code>|<year>|<serial>|<full name>|<birth year>|<decision number>|<signature>
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from desktop.domain.models387 import Model
from desktop.exchange.keys import Signer, verify_short

PREFIX = "CDHT1"
NOT_A_CODE = "Không phải mã giấy công nhận Công dân học tập."


@dataclass(frozen=True)
class CertificateFacts:
    office_code: int
    year: int
    serial: str
    full_name: str
    birth_year: int
    decision: str

    def text(self) -> str:
        fields = [PREFIX, str(self.office_code), str(self.year), self.serial, self.full_name, str(self.birth_year),
                  self.decision]
        if any("|" in f for f in fields):
            raise ValueError("'|' cannot appear in a certificate code")
        return unicodedata.normalize("NFC", "|".join(fields))


@dataclass(frozen=True)
class CodeCheck:
    genuine: bool
    message: str
    facts: CertificateFacts | None = None


def make_code(facts: CertificateFacts, signer: Signer) -> str:
    body = facts.text()
    return f"{body}|{signer.sign_short(body.encode())}"


def check_code(code: str, key_of: Callable[[int], tuple[str, str] | None]) -> CodeCheck:
    """key_of(office_code) -> (public signing key, office name) of a known office, or None."""
    parts = unicodedata.normalize("NFC", code.strip()).split("|")
    if len(parts) != 8 or parts[0] != PREFIX:
        return CodeCheck(False, NOT_A_CODE)
    numbers = parts[1], parts[2], parts[5]  # office code, year, birth year: short, plain digits
    if not all(n.isascii() and n.isdigit() and len(n) <= 6 for n in numbers):
        return CodeCheck(False, "Mã giấy công nhận hỏng (sai dạng số).")
    facts = CertificateFacts(int(parts[1]), int(parts[2]), parts[3], parts[4], int(parts[5]), parts[6])
    known = key_of(facts.office_code)
    if known is None:
        return CodeCheck(False, f"Không biết khoá của đơn vị mã {facts.office_code}: chưa kiểm tra được.", facts)
    key, office = known
    if not verify_short(key, facts.text().encode(), parts[7]):
        return CodeCheck(False, "GIẢ hoặc đã bị sửa: chữ ký không khớp với khoá của đơn vị cấp.", facts)
    model = Model.of_serial(facts.serial)  # a learning model's certificate: no birth year, its own title
    whom = facts.full_name if model else f"{facts.full_name} (sinh năm {facts.birth_year})"
    return CodeCheck(True, f"THẬT: giấy công nhận số {facts.serial} do {office} cấp cho {whom}, danh hiệu "
                           f"“{model.title if model else 'Công dân học tập'}” năm {facts.year}, "
                           f"quyết định số {facts.decision}.", facts)
