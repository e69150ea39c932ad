"""Gathering what each document prints from the register, and drawing it (desktop/print)."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from typing import BinaryIO

from sqlalchemy import func, insert, select

from desktop.db.base import new_uuid, utcnow
from desktop.db.models import AuditEntry, Certificate, Citizen, Decision, Enrolment, Village
from desktop.db.models387 import ModelCertificate, ModelEnrolment
from desktop.domain.admin_units import bare_name
from desktop.domain.birth import BirthDate
from desktop.domain.cycle import Status
from desktop.domain.groups import CitizenGroup
from desktop.domain.models387 import Model
from desktop.exchange.certificate_code import CertificateFacts, CodeCheck, check_code, make_code
from desktop.print import assessment, certificates, forms, lists, report
from desktop.print.data import (
    AssessmentSheetData,
    CertificateData,
    DecisionData,
    IndicatorLine,
    ListRow,
    MeasureReportLine,
    ModelReportLine,
    OfficeHeader,
    Person,
    ProposalData,
    StatsLine,
    StatsReportData,
    WorkplaceLine,
)
from desktop.print.page import Cancelled, ProgressFn
from desktop.services import certificate_lookup
from desktop.services.register import Register

__all__ = ["Cancelled", "DocumentKind", "PrintError", "PrintService", "Printed"]


class DocumentKind(StrEnum):
    REGISTRATION = "dang-ky"
    BLANK_REGISTRATION = "dang-ky-trang"
    ASSESSMENT_SHEET = "phieu-danh-gia"
    PROPOSAL = "de-nghi"
    DECISION = "quyet-dinh"
    CERTIFICATE = "giay-cong-nhan"
    REPORT = "bao-cao"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    DocumentKind.REGISTRATION: "Phiếu đăng ký (điền sẵn)",
    DocumentKind.BLANK_REGISTRATION: "Phiếu đăng ký trắng",
    DocumentKind.ASSESSMENT_SHEET: "Phiếu tự đánh giá",
    DocumentKind.PROPOSAL: "Danh sách đề nghị công nhận",
    DocumentKind.DECISION: "Quyết định công nhận và danh sách kèm theo",
    DocumentKind.CERTIFICATE: "Giấy công nhận",
    DocumentKind.REPORT: "Báo cáo thống kê năm",
}


class PrintError(ValueError):
    """Nothing to print, or not yet possible; the message is for the clerk."""


@dataclass(frozen=True)
class Printed:
    items: int  # people (or copies) in the document
    title: str
    pdf: bytes | None = None  # None when it was written into the `out` given to render


class PrintService:
    def __init__(self, register: Register) -> None:
        self.r = register

    def render(self, kind: DocumentKind, year: int, village_id: int | None = None,
               enrolment_ids: Sequence[int] | None = None, copies: int = 1,
               progress: ProgressFn | None = None, passphrase: str | None = None,
               out: BinaryIO | None = None) -> Printed:
        """The document into `out` (pages written as they are drawn), or into memory and `Printed.pdf`.
        `passphrase` unlocks the office key, which signs each certificate's QR code."""
        target = out if out is not None else io.BytesIO()
        items = self._draw(kind, year, village_id, enrolment_ids, copies, progress, passphrase, target)
        return Printed(items, kind.label, target.getvalue() if out is None else None)  # type: ignore[attr-defined]

    def _draw(self, kind: DocumentKind, year: int, village_id: int | None, ids: Sequence[int] | None, copies: int,
              progress: ProgressFn | None, passphrase: str | None, out: BinaryIO) -> int:
        office = self.office_header()
        match kind:
            case DocumentKind.REGISTRATION:
                people = self._people(village_id)
                out.write(forms.render_registration_forms(office, year, people, progress))
                return len(people)
            case DocumentKind.BLANK_REGISTRATION:
                blanks = [None] * max(1, copies)
                out.write(forms.render_registration_forms(office, year, blanks, progress))
                return len(blanks)
            case DocumentKind.ASSESSMENT_SHEET:
                with self.r.db.reader() as s:
                    count, sheets = self._sheets(s, office, year, village_id, ids)
                    try:
                        return assessment.render_assessment_sheets(sheets, count, out, progress)
                    finally:
                        sheets.close()
            case DocumentKind.PROPOSAL:
                data = self._proposal(office, year, village_id)
                out.write(lists.proposal_list(data))
                return len(data.rows)
            case DocumentKind.DECISION:
                decision = self._decision(office, year)
                out.write(lists.decision(decision))
                return len(decision.rows)
            case DocumentKind.CERTIFICATE:
                items = self._certificates(office, year, village_id, ids, passphrase)
                certificates.render_certificates(items, out, progress)
                return len(items)
            case DocumentKind.REPORT:
                out.write(report.stats_report(self._report(office, year)))
                return 1
        raise AssertionError(kind)

    # gathering -------------------------------------------------------------------------------------

    def office_header(self) -> OfficeHeader:
        info = self.r.office.info()
        if info is None:
            raise PrintError("Chưa thiết lập đơn vị.")
        return OfficeHeader(info.province_name, info.commune_name, info.association_name,
                            info.upper_level_name or f"Hội Khuyến học {info.province_name}", info.signer_title,
                            info.signer_name, bare_name(info.commune_name), info.issuer(), info.legal_bases)

    def _people(self, village_id: int | None) -> list[Person]:
        with self.r.db.reader() as s:
            stmt = (select(Citizen, Village.name).join(Village, Village.id == Citizen.village_id)
                    .where(Citizen.deleted_at.is_(None)).order_by(Village.position, Village.id, Citizen.sort_key))
            if village_id is not None:
                stmt = stmt.where(Citizen.village_id == village_id)
            people = [_person(c, v) for c, v in s.execute(stmt)]
        if not people:
            raise PrintError("Không có ai trong sổ để in phiếu đăng ký.")
        return people

    def _enrolled(self, s, year: int, village_id: int | None, ids: Sequence[int] | None,  # noqa: ANN001
                  statuses: Sequence[Status]):
        stmt = (select(Enrolment, Citizen, Village.name).join(Citizen, Citizen.id == Enrolment.citizen_id)
                .join(Village, Village.id == Citizen.village_id)
                .where(Enrolment.year == year, Citizen.deleted_at.is_(None),
                       Enrolment.status.in_([st.value for st in statuses]))
                .order_by(Village.position, Village.id, Citizen.sort_key))
        if village_id is not None:
            stmt = stmt.where(Citizen.village_id == village_id)
        if ids is not None:
            stmt = stmt.where(Enrolment.id.in_(list(ids)))
        return s.execute(stmt).all()

    def _sheets(self, s, office: OfficeHeader, year: int, village_id: int | None,  # noqa: ANN001
                ids: Sequence[int] | None) -> tuple[int, Iterator[AssessmentSheetData]]:
        """How many, and the sheets one by one from the database (a whole commune's are never all held)."""
        stmt = (select(Enrolment.uuid.label("enrolment_uuid"), Enrolment.group.label("enrolled_group"),
                       Enrolment.criteria_set_id, Citizen.uuid, Citizen.full_name, Citizen.birth_year,
                       Citizen.birth_month, Citizen.birth_day, Citizen.sex, Citizen.cccd, Citizen.occupation,
                       Citizen.phone, Village.name.label("village"))
                .join(Citizen, Citizen.id == Enrolment.citizen_id).join(Village, Village.id == Citizen.village_id)
                .where(Enrolment.year == year, Citizen.deleted_at.is_(None),
                       Enrolment.status != Status.WITHDRAWN.value)
                .order_by(Village.position, Village.id, Citizen.sort_key))
        if village_id is not None:
            stmt = stmt.where(Citizen.village_id == village_id)
        if ids is not None:
            stmt = stmt.where(Enrolment.id.in_(list(ids)))
        count = s.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
        if not count:
            raise PrintError(f"Chưa có ai đăng ký năm {year} để in phiếu tự đánh giá.")
        layouts: dict[tuple[int, int], tuple] = {}  # one indicator list per criteria set and group, shared

        def sheets() -> Iterator[AssessmentSheetData]:
            rows = s.execute(stmt.execution_options(yield_per=2_000))  # a server-side cursor on PostgreSQL
            try:
                yield from (sheet(row) for row in rows)
            finally:  # also when the clerk cancels: the cursor is closed, not left to the collector
                rows.close()

        def sheet(row) -> AssessmentSheetData:  # noqa: ANN001
            group = CitizenGroup(row.enrolled_group)
            key = (row.criteria_set_id, int(group))
            if key not in layouts:
                cs = self.r.criteria.get(row.criteria_set_id)
                layouts[key] = (cs, tuple(IndicatorLine(i.code, i.competence, i.text, i.max_points)
                                          for i in cs.indicators(group)))
            cs, indicators = layouts[key]
            return AssessmentSheetData(office, year, _person(row, row.village, group), int(group), cs.competences,
                                       indicators, cs.pass_rule.min_total, cs.pass_rule.min_each,
                                       row.enrolment_uuid)

        return count, sheets()

    def _proposal(self, office: OfficeHeader, year: int, village_id: int | None) -> ProposalData:
        # before the decision: those proposed; after it: those it recognized, as they were proposed
        rows = self.r.recognition.proposal_list(year, village_id) or \
            self.r.recognition.proposal_list(year, village_id, Status.RECOGNIZED)
        if not rows:
            raise PrintError(f"Danh sách đề nghị năm {year} đang trống.")
        village = None
        if village_id is not None:
            village = next(v.name for v in self.r.office.villages() if v.id == village_id)
        return ProposalData(office, year, village, tuple(ListRow(r.full_name, r.birth_year, r.village,
                                                                 r.group.short_label, r.total) for r in rows),
                            date.today())

    def _decision(self, office: OfficeHeader, year: int) -> DecisionData:
        decisions = self.r.recognition.decisions(year)
        if not decisions:
            raise PrintError(f"Năm {year} chưa có quyết định công nhận.")
        d = decisions[-1]
        with self.r.db.reader() as s:
            rows = [ListRow(c.full_name, c.birth_year, v, CitizenGroup(e.group).short_label, e.total)
                    for e, c, v in self._enrolled(s, year, None, None, [Status.RECOGNIZED]) if e.decision_id == d.id]
            rejected = s.scalar(select(func.count()).where(Enrolment.year == year,
                                                           Enrolment.status == Status.NOT_RECOGNIZED.value))
        return DecisionData(office, year, d.number, d.signed_on, d.signer_title, d.signer_name, tuple(rows),
                            rejected or 0)

    def _certificates(self, office: OfficeHeader, year: int, village_id: int | None,
                      ids: Sequence[int] | None, passphrase: str | None) -> list[CertificateData]:
        """Serial numbers are given on first printing, in one transaction; a second printing is marked."""
        info = self.r.office.info()
        assert info is not None
        signer = self.r.keys.store.signer(passphrase) if passphrase and self.r.keys.store.exists() else None
        actor = self.r.office.clerk_name()
        items = []
        with self.r.db.session() as s:
            rows = self._enrolled(s, year, village_id, ids, [Status.RECOGNIZED])
            if not rows:
                raise PrintError(f"Năm {year} chưa có ai được công nhận để in giấy công nhận.")
            decisions = {d.id: d for d in s.scalars(select(Decision).where(Decision.year == year))}
            held = {c.enrolment_id: c for c in s.scalars(select(Certificate).where(
                Certificate.enrolment_id.in_([e.id for e, _, _ in rows])))}
            number = s.scalar(select(func.max(Certificate.number)).where(Certificate.year == year)) or 0
            now = utcnow()
            new_rows, audits = [], []
            for e, c, village in rows:
                cert = held.get(e.id)
                if cert is None:
                    number += 1
                    serial, reprint = f"CDHT-{info.commune_code}-{year}-{number:05d}", False
                    row = {"uuid": new_uuid(), "enrolment_id": e.id, "year": year, "number": number, "serial": serial,
                           "printed_at": now, "reprints": 0, "created_at": now, "updated_at": now}
                    new_rows.append(row)
                    audits.append({"at": now, "actor": actor, "action": "create", "entity": "certificate",
                                   "entity_id": e.id, "entity_uuid": row["uuid"],
                                   "summary": f"In giấy công nhận số {serial}: {c.full_name}",
                                   "changes": json.dumps({"Số": [None, serial]}, ensure_ascii=False)})
                else:
                    cert.reprints += 1
                    serial, reprint = cert.serial, True
                    audits.append({"at": now, "actor": actor, "action": "update", "entity": "certificate",
                                   "entity_id": e.id, "entity_uuid": cert.uuid,
                                   "summary": f"In lại giấy công nhận số {serial} (lần {cert.reprints}): {c.full_name}",
                                   "changes": json.dumps({"Số lần in lại": [cert.reprints - 1, cert.reprints]})})
                d = decisions[e.decision_id]
                code = None if signer is None else make_code(
                    CertificateFacts(info.commune_code, year, serial, c.full_name, c.birth_year, d.number), signer)
                items.append(CertificateData(office, year, c.full_name, _birth(c), village, d.number, d.signed_on,
                                             d.signer_title, d.signer_name, serial, reprint, code))
            if new_rows:
                s.execute(insert(Certificate.__table__), new_rows)
            s.execute(insert(AuditEntry.__table__), audits)
        return items

    def _report(self, office: OfficeHeader, year: int) -> StatsReportData:
        stats = self.r.stats.compute(year)
        figures = self.r.model_stats.compute(year)
        lines = [_stats_line(g) for g in stats.groups]
        notes = ("* Chưa nhập số người lớn của nhóm: tính theo số người có trong sổ.",) \
            if any(g.from_register for g in stats.groups) else ()
        return StatsReportData(office, year, tuple(lines), _stats_line(stats.total),
                               tuple(_stats_line(v) for v in stats.villages), stats.targets,
                               tuple(g.target_kind for g in stats.groups), stats.own_target_percent, date.today(),
                               notes, tuple(WorkplaceLine(w.name, w.staff_on_register, w.recognized, w.rate,
                                                          w.meets(stats.staff_target[0])) for w in stats.workplaces),
                               stats.staff_target[0], stats.workplace_note(),
                               tuple(ModelReportLine(m.model.title, m.recognized, m.total, m.registered, m.target_2025,
                                                     m.target_2030) for m in figures.models.values()),
                               tuple(MeasureReportLine(r.label, r.count, r.of, r.target_2025, r.target_2030,
                                                       r.denominator) for r in figures.measure_rows()))


def _birth(c) -> str:  # noqa: ANN001 (a Citizen or a row with its columns)
    return str(BirthDate(c.birth_year, c.birth_month, c.birth_day))


def _person(c, village: str, group: CitizenGroup | None = None) -> Person:  # noqa: ANN001 (as _birth)
    return Person(c.uuid, c.full_name, _birth(c), "Nam" if c.sex == "M" else "Nữ", c.cccd or "", village,
                  (group or CitizenGroup(c.group)).label, c.occupation, c.phone)


def _stats_line(x) -> StatsLine:  # noqa: ANN001
    return StatsLine(x.label, x.recognized, x.adults, x.from_register, x.rate, x.registered, x.assessed)


def check_certificate(register: Register, code: str) -> CodeCheck:
    """Genuine or not, and whose: the office's own certificates, or those of offices whose keys are registered.
    For its own, the office also says whether the recognition still holds: a correction or a withdrawal
    after the decision leaves the signature genuine but the certificate no longer valid.

    `code` is the QR code's text, or the serial number printed on the certificate (CDHT-23059-2026-00035,
    GDHT-…): a serial is looked up in this office's register (desktop/services/certificate_lookup.py)."""
    if serial := certificate_lookup.parse_serial(code):
        return certificate_lookup.look_up(register, serial)
    if certificate_lookup.looks_like_a_serial(code):
        return certificate_lookup.unknown_prefix(code)
    info = register.office.info()

    def key_of(office_code: int) -> tuple[str, str] | None:
        if info is not None and office_code == info.commune_code and register.keys.store.exists():
            return register.keys.public().signing, info.association_name
        key = register.keys.key_of(office_code)
        if key is None:
            return None
        name = next((t.office_name for t in register.keys.trusted() if t.office_code == office_code and not t.replaced),
                    f"đơn vị mã {office_code}")
        return key, name

    check = check_code(code, key_of)
    if not check.genuine or check.facts is None:
        return check
    if info is None or check.facts.office_code != info.commune_code:
        return replace(check, message=check.message.replace("THẬT:", "CHỮ KÝ THẬT:", 1).rstrip(".") +
                       ". Đây là điều giấy xác nhận vào ngày ký; việc công nhận còn hiệu lực hay không do đơn vị "
                       "cấp trả lời.")
    return _still_valid(register, check, info.association_name)


def _still_valid(register: Register, check: CodeCheck, office: str) -> CodeCheck:
    facts = check.facts
    assert facts is not None
    if Model.of_serial(facts.serial) is not None:
        return _model_still_valid(register, check)
    with register.db.reader() as s:
        row = s.execute(select(Enrolment, Certificate).join(Certificate, Certificate.enrolment_id == Enrolment.id)
                        .where(Certificate.year == facts.year, Certificate.serial == facts.serial)).first()
        if row is None:
            return replace(check, genuine=False, message=(
                f"Chữ ký của đơn vị là thật, nhưng sổ không có giấy công nhận số {facts.serial} năm {facts.year} "
                "(sổ có thể đã khôi phục từ bản sao lưu cũ hơn ngày in): hỏi lại văn phòng trước khi dùng."))
        e = row[0]
        if e.status == Status.RECOGNIZED.value:
            return check
        since = certificate_lookup.ended(s, "enrolment", e.id)
    return replace(check, genuine=False, message=(
        f"ĐÃ HẾT HIỆU LỰC: giấy công nhận số {facts.serial} do {office} cấp cho {facts.full_name} (sinh năm "
        f"{facts.birth_year}), năm {facts.year}, là giấy thật nhưng việc công nhận đã bị huỷ sau quyết định "
        f"{facts.decision}.{since} Hiện nay: {Status(e.status).label.lower()}."))


def _model_still_valid(register: Register, check: CodeCheck) -> CodeCheck:
    """A learning model's certificate: held by this register, and its recognition still standing."""
    facts = check.facts
    assert facts is not None
    with register.db.reader() as s:
        row = s.execute(select(ModelEnrolment.id, ModelEnrolment.status)
                        .join(ModelCertificate, ModelCertificate.enrolment_id == ModelEnrolment.id)
                        .where(ModelCertificate.serial == facts.serial)).first()
        since = certificate_lookup.ended(s, "model_enrolment", row[0]) \
            if row is not None and row[1] != Status.RECOGNIZED.value else ""
    if row is None:
        return replace(check, genuine=False, message=(
            f"Chữ ký của đơn vị là thật, nhưng sổ không có giấy công nhận số {facts.serial} năm {facts.year} "
            "(sổ có thể đã khôi phục từ bản sao lưu cũ hơn ngày in): hỏi lại văn phòng trước khi dùng."))
    if row[1] != Status.RECOGNIZED.value:
        return replace(check, genuine=False, message=(
            f"Chữ ký của đơn vị là thật, nhưng việc công nhận theo giấy số {facts.serial} không còn hiệu lực "
            f"(hồ sơ hiện ở bước “{Status(row[1]).label}”).{since}"))
    return check
