"""A certificate looked up by the serial number printed on it (CDHT-23059-2026-00035 for a citizen,
GDHT-… DHHT-… CDTH-… DVHT-… for the learning models): whose it is, the year, the decision, and whether the
recognition still holds. Certificates printed without a signed QR code (no key, or no passphrase at the
time) can be checked only this way, and only by the office that issued them: a serial says the certificate is
in the register, not that the paper in hand was not altered, as a QR code's signature does.

Nothing here is logged: the answers carry names."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.db.models import AuditEntry, Certificate, Citizen, Decision, Enrolment
from desktop.db.models387 import ModelCertificate, ModelDecision, ModelEnrolment
from desktop.domain.cycle import Status
from desktop.domain.models387 import Model
from desktop.exchange.certificate_code import CertificateFacts, CodeCheck
from desktop.services.register import Register

CITIZEN_PREFIX = "CDHT"
PREFIXES = (CITIZEN_PREFIX, *(m.serial_prefix for m in Model))
# the prefix, the office's code, the year, the number: typed with dashes, spaces, dots or slashes between, the
# number with or without its leading zeros
_SEP = r"[\s\-‐‑‒–—_./]+"
_SERIAL = re.compile(rf"([A-Z]{{4}}){_SEP}(\d{{1,6}}){_SEP}(\d{{4}}){_SEP}(\d{{1,6}})")
KINDS_TEXT = ("CDHT (một người), GDHT (gia đình học tập), DHHT (dòng họ học tập), CDTH (cộng đồng học tập) "
              "hoặc DVHT (đơn vị học tập)")


@dataclass(frozen=True)
class Serial:
    prefix: str
    office_code: int
    year: int
    number: int

    @property
    def model(self) -> Model | None:
        return next((m for m in Model if m.serial_prefix == self.prefix), None)

    def __str__(self) -> str:
        """As the certificate prints it."""
        return f"{self.prefix}-{self.office_code}-{self.year}-{self.number:05d}"


def parse_serial(text: str) -> Serial | None:
    """The serial in what was typed or scanned (None: not a serial; a QR code's text is not one)."""
    text = unicodedata.normalize("NFKC", text).strip().upper()
    if "|" in text:
        return None
    text = re.sub(r"^(SỐ|SO)\s*[:.]?\s*", "", text)  # "Số: GDHT-…", copied with its label
    found = _SERIAL.fullmatch(text)
    if found is None or found.group(1) not in PREFIXES:
        return None
    return Serial(found.group(1), int(found.group(2)), int(found.group(3)), int(found.group(4)))


def looks_like_a_serial(text: str) -> bool:
    """Four letters and three numbers, as a serial is written, whatever the letters."""
    return "|" not in text and _SERIAL.fullmatch(unicodedata.normalize("NFKC", text).strip().upper()) is not None


def unknown_prefix(text: str) -> CodeCheck:
    return CodeCheck(False, f"“{text.strip()}” không phải số giấy công nhận: số giấy bắt đầu bằng {KINDS_TEXT}, rồi mã "
                            "đơn vị, năm và số thứ tự, ví dụ CDHT-23059-2026-00035.")


def look_up(register: Register, serial: Serial) -> CodeCheck:
    """The certificate of this office with that serial, and whether its recognition still holds."""
    info = register.office.info()
    if info is None:
        return CodeCheck(False, "Chưa thiết lập đơn vị: chưa tra được số giấy.")
    if serial.office_code != info.commune_code or info.is_upper:
        return _elsewhere(register, serial, info.association_name, info.is_upper)
    with register.db.reader() as s:
        found = _model(s, serial) if serial.model else _citizen(s, serial)
    if found is None:
        return CodeCheck(False, (
            f"KHÔNG CÓ TRONG SỔ: {info.association_name} chưa cấp giấy công nhận số {serial}. Đối chiếu lại số in "
            "trên giấy (gõ nhầm một chữ số?). Nếu số đúng mà sổ không có, giấy có thể là giả, hoặc sổ đã được khôi "
            "phục từ bản sao lưu cũ hơn ngày in giấy: hỏi lại văn phòng trước khi dùng."))
    return found.answer(info.association_name)


@dataclass(frozen=True)
class _Found:
    serial: Serial
    whom: str           # "Nguyễn Văn An (sinh năm 1980)", "Hộ Nguyễn Văn An"
    name: str
    birth_year: int
    title: str          # the title the certificate gives
    decision: str       # its number
    signed_on: str      # dd/mm/yyyy, "" when the decision is not found
    status: Status
    since: str          # when and why the recognition ended, from the audit ("" when it holds)

    def answer(self, office: str) -> CodeCheck:
        decision = f"quyết định số {self.decision}" + (f" ngày {self.signed_on}" if self.signed_on else "")
        facts = CertificateFacts(self.serial.office_code, self.serial.year, str(self.serial), self.name,
                                 self.birth_year, self.decision)
        said = (f"giấy công nhận số {self.serial} do {office} cấp cho {self.whom}, danh hiệu “{self.title}” năm "
                f"{self.serial.year}, {decision}")
        if self.status is Status.RECOGNIZED:
            return CodeCheck(True, (
                f"CÓ TRONG SỔ: {said}. Việc công nhận vẫn còn hiệu lực. Đối chiếu tên{' và năm sinh' if self.birth_year else ''} "
                "in trên giấy với dòng này: số giấy cho biết giấy có trong sổ, không chứng minh tờ giấy không bị sửa "
                "như mã QR có chữ ký."), facts)
        return CodeCheck(False, (
            f"ĐÃ HẾT HIỆU LỰC: {said}, nhưng việc công nhận đã bị huỷ sau quyết định.{self.since} "
            f"Hiện nay: {self.status.label.lower()}."), facts)


def _citizen(s: Session, serial: Serial) -> _Found | None:
    row = s.execute(
        select(Enrolment.id, Enrolment.status, Citizen.full_name, Citizen.birth_year, Decision.number,
               Decision.signed_on)
        .join(Certificate, Certificate.enrolment_id == Enrolment.id)
        .join(Citizen, Citizen.id == Enrolment.citizen_id)
        .outerjoin(Decision, Decision.id == Enrolment.decision_id)
        .where(Certificate.year == serial.year, Certificate.number == serial.number,  # the unique index
               Certificate.serial == str(serial))).first()
    if row is None:
        return None
    eid, status, name, birth_year, number, signed_on = row
    status = Status(status)
    return _Found(serial, f"{name} (sinh năm {birth_year})", name, birth_year, "Công dân học tập", number or "?",
                  signed_on.strftime("%d/%m/%Y") if signed_on else "", status,
                  "" if status is Status.RECOGNIZED else ended(s, "enrolment", eid))


def _model(s: Session, serial: Serial) -> _Found | None:
    from desktop.services.model_cycle import SUBJECTS

    model = serial.model
    assert model is not None
    subject = SUBJECTS[model]
    row = s.execute(
        select(ModelEnrolment.id, ModelEnrolment.status, subject.name, ModelDecision.number, ModelDecision.signed_on)
        .join(ModelCertificate, ModelCertificate.enrolment_id == ModelEnrolment.id)
        .join(subject, subject.id == ModelEnrolment.subject_id)
        .outerjoin(ModelDecision, ModelDecision.id == ModelEnrolment.decision_id)
        .where(ModelCertificate.serial == str(serial), ModelEnrolment.model == model.value)).first()
    if row is None:
        return None
    eid, status, name, number, signed_on = row
    status = Status(status)
    return _Found(serial, name, name, 0, model.title, number or "?",
                  signed_on.strftime("%d/%m/%Y") if signed_on else "", status,
                  "" if status is Status.RECOGNIZED else ended(s, "model_enrolment", eid))


def ended(s: Session, entity: str, enrolment_id: int) -> str:
    """When and why the recognition ended, from the audit's last step away from "recognized", as a sentence to
    append (' Từ ngày dd/mm/yyyy: <what was done> (lý do: …), do <clerk> ghi.'); "" when the audit has none."""
    entries = s.scalars(select(AuditEntry).where(AuditEntry.entity == entity, AuditEntry.entity_id == enrolment_id)
                        .order_by(AuditEntry.id.desc()))
    why = next((a for a in entries if json.loads(a.changes).get("Bước", [None])[0] == Status.RECOGNIZED.label), None)
    if why is None:
        return ""
    changes = json.loads(why.changes)
    reason = (changes.get("Lý do đính chính") or changes.get("Lý do") or [None, ""])[1]
    return (f" Từ ngày {why.at.astimezone().strftime('%d/%m/%Y')}: {why.summary.split(':')[0].lower()}"
            + (f" (lý do: {reason})" if reason else "") + f", do {why.actor} ghi.")


def _elsewhere(register: Register, serial: Serial, office: str, upper: bool) -> CodeCheck:
    """Another office's serial: only that office's register knows it."""
    name = next((t.office_name for t in register.keys.trusted() if t.office_code == serial.office_code
                 and not t.replaced), None)
    issuer = f"{name} (mã {serial.office_code})" if name else f"đơn vị mã {serial.office_code}"
    held = ("Sổ của cấp trên không giữ số giấy công nhận của các xã" if upper
            else f"Sổ của {office} chỉ có giấy công nhận do {office} cấp")
    return CodeCheck(False, (
        f"Giấy số {serial} do {issuer} cấp. {held}: hỏi {issuer} để tra số giấy, hoặc quét mã QR trên giấy (nếu có) "
        "để kiểm tra chữ ký của đơn vị cấp."))
