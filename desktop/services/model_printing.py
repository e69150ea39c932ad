"""A learning model's paper, in the layout of the citizens' (Decree 30): the proposal list, the decision with
its annex, and the certificates — numbered once per model and year, a second printing marked, the QR code
signed with the office's key like a citizen's."""

from __future__ import annotations

import io
import json
from collections.abc import Collection
from datetime import date
from typing import BinaryIO

from sqlalchemy import func, insert, select

from desktop.db.base import new_uuid, utcnow
from desktop.db.models import AuditEntry, Village
from desktop.db.models387 import Household, ModelCertificate, ModelDecision, ModelEnrolment, Organisation
from desktop.domain.cycle import Status
from desktop.domain.models387 import Model
from desktop.domain.programme import PROGRAMME_387
from desktop.exchange.certificate_code import CertificateFacts, make_code
from desktop.print import certificates, lists
from desktop.print.data import CertificateData, DecisionData, ListRow, ProposalData, Title
from desktop.print.model_sheets import ModelPage, render_model_pages
from desktop.services.printing import DocumentKind, Printed, PrintError, PrintService
from desktop.services.register import Register

ALL = 1_000_000


class ModelPrinting:
    def __init__(self, register: Register) -> None:
        self.r = register

    def render(self, kind: DocumentKind, model: Model, year: int, out: BinaryIO | None = None,
               passphrase: str | None = None, subject_ids: Collection[int] | None = None) -> Printed:
        """The proposal list, the year's latest decision with its annex, or the certificates of those it
        recognized (`passphrase` unlocks the key that signs their QR codes). `subject_ids`: the registration
        forms, score sheets or certificates of these households (clans, villages, units) alone."""
        chosen = None if subject_ids is None else set(subject_ids)
        target = out if out is not None else io.BytesIO()
        office = PrintService(self.r).office_header()
        cycle = self.r.model_cycle(model)
        title = Title(model.title, model.noun, model.unit, "Thuộc", PROGRAMME_387, citizens=False)
        if kind is DocumentKind.PROPOSAL:
            rows = cycle.page(year, Status.PROPOSED, limit=ALL) or cycle.page(year, Status.RECOGNIZED, limit=ALL)
            if not rows:
                raise PrintError(f"Danh sách đề nghị công nhận {model.title} năm {year} đang trống.")
            target.write(lists.proposal_list(ProposalData(office, year, None, self._rows(model, rows), date.today(),
                                                          title)))
        elif kind is DocumentKind.DECISION:
            decision = cycle.latest_decision(year)
            if decision is None:
                raise PrintError(f"Năm {year} chưa có quyết định công nhận {model.title}.")
            rows = [r for r in cycle.page(year, Status.RECOGNIZED, limit=ALL) if r.decision_id == decision.id]
            target.write(lists.decision(DecisionData(office, year, decision.number, decision.signed_on,
                                                     decision.signer_title, decision.signer_name,
                                                     self._rows(model, rows), 0, title)))
        elif kind in (DocumentKind.ASSESSMENT_SHEET, DocumentKind.REGISTRATION):
            pages = self._pages(office, model, year, kind is DocumentKind.ASSESSMENT_SHEET, chosen)
            render_model_pages(pages, len(pages), target, sheet=kind is DocumentKind.ASSESSMENT_SHEET, title=model.title)
            rows = pages
        elif kind is DocumentKind.CERTIFICATE:
            items = self._certificates(office, model, year, passphrase, chosen)
            certificates.render_certificates(items, target)
            rows = items
        else:
            raise PrintError(f"Chưa in được “{kind.label}” cho {model.title}: phiếu đăng ký, phiếu tự đánh giá, danh "
                             "sách đề nghị, quyết định và giấy công nhận.")
        return Printed(len(rows), f"{kind.label} {model.title}", target.getvalue() if out is None else None)

    def _pages(self, office, model: Model, year: int, sheet: bool,  # noqa: ANN001
               chosen: set[int] | None) -> list[ModelPage]:
        """Score sheets for the year's registered (not withdrawn); registration forms for every household (clan,
        village, unit) of the commune, registered or not."""
        cycle = self.r.model_cycle(model)
        set_id = self.r.model_criteria.for_year(model, year)
        cs = self.r.model_criteria.get(set_id)
        criteria = tuple((c.code, c.text, c.max_points, c.min_points) for c in cs.criteria)
        if sheet:
            rows = [r for r in cycle.page(year, limit=ALL) if r.status is not Status.WITHDRAWN
                    and (chosen is None or r.subject_id in chosen)]
            if not rows and chosen is not None:
                raise PrintError(f"{model.title}: dòng đang chọn chưa đăng ký năm {year} (hoặc đã rút tên) nên chưa "
                                 "có phiếu tự đánh giá.")
            if not rows:
                raise PrintError(f"Năm {year} chưa đăng ký {model.title.lower()} nào để in phiếu tự đánh giá.")
            subjects = [(r.subject_id, r.name, r.uuid) for r in rows]
        else:
            subjects = [(sid, name, "") for sid, name in cycle.subjects() if chosen is None or sid in chosen]
            if not subjects:
                raise PrintError(f"Sổ chưa có {model.unit} nào để in phiếu đăng ký.")
        where = self._where(model, [sid for sid, _, _ in subjects])
        signer = {Model.FAMILY: "ĐẠI DIỆN HỘ GIA ĐÌNH", Model.CLAN: "TRƯỞNG HỌ", Model.COMMUNITY: "TRƯỞNG THÔN",
                  Model.UNIT: "THỦ TRƯỞNG ĐƠN VỊ"}[model]
        return [ModelPage(office, year, model.title, name, where.get(sid, ""), criteria, cs.pass_rule.min_total, code,
                          signer) for sid, name, code in subjects]

    def _place(self, model: Model, subject_ids: list[int]) -> dict[int, str]:
        """Where a certificate says it is: a household's (or unit's) village; a clan spans villages."""
        if model not in (Model.FAMILY, Model.UNIT):
            return {}
        table = Household if model is Model.FAMILY else Organisation
        with self.r.db.reader() as s:
            return dict(s.execute(select(table.id, Village.name).join(Village, Village.id == table.village_id)
                                  .where(table.id.in_(subject_ids))).all())

    def _where(self, model: Model, subject_ids: list[int]) -> dict[int, str]:
        if model is Model.COMMUNITY:
            info = self.r.office.info()
            return dict.fromkeys(subject_ids, info.commune_name if info else "")
        service = {Model.FAMILY: self.r.households, Model.CLAN: self.r.clans, Model.UNIT: self.r.organisations}[model]
        return service.details(subject_ids)

    def _rows(self, model: Model, rows) -> tuple[ListRow, ...]:  # noqa: ANN001 - ModelEnrolmentRows
        where = self._where(model, [r.subject_id for r in rows])
        return tuple(ListRow(r.name, None, "", where.get(r.subject_id, ""), r.total) for r in rows)

    def _certificates(self, office, model: Model, year: int, passphrase: str | None,  # noqa: ANN001
                      chosen: set[int] | None) -> list[CertificateData]:
        """Serial numbers on first printing, in one transaction with the audit; a second printing is marked."""
        info = self.r.office.info()
        assert info is not None
        signer = self.r.keys.store.signer(passphrase) if passphrase and self.r.keys.store.exists() else None
        rows = [r for r in self.r.model_cycle(model).page(year, Status.RECOGNIZED, limit=ALL)
                if chosen is None or r.subject_id in chosen]
        if not rows and chosen is not None:
            raise PrintError(f"{model.title}: dòng đang chọn chưa được công nhận năm {year} nên chưa có giấy công nhận.")
        if not rows:
            raise PrintError(f"Năm {year} chưa có {model.title.lower()} nào được công nhận để in giấy công nhận.")
        place = self._place(model, [r.subject_id for r in rows])
        actor, now, items, audits = self.r.office.clerk_name(), utcnow(), [], []
        with self.r.db.session() as s:
            decisions = {d.id: d for d in s.scalars(select(ModelDecision).where(ModelDecision.model == model.value,
                                                                              ModelDecision.year == year))}
            held = {c.enrolment_id: c for c in s.scalars(select(ModelCertificate).where(
                ModelCertificate.enrolment_id.in_([r.id for r in rows])))}
            number = s.scalar(select(func.max(ModelCertificate.number))
                              .join(ModelEnrolment, ModelEnrolment.id == ModelCertificate.enrolment_id)
                              .where(ModelCertificate.year == year, ModelEnrolment.model == model.value)) or 0
            new = []
            for r in rows:
                cert = held.get(r.id)
                if cert is None:
                    number += 1
                    serial, reprint, uuid = f"{model.serial_prefix}-{info.commune_code}-{year}-{number:05d}", False, \
                        new_uuid()
                    new.append({"uuid": uuid, "enrolment_id": r.id, "year": year, "number": number,
                                "serial": serial, "printed_at": now, "reprints": 0, "created_at": now, "updated_at": now})
                    summary, changes = f"In giấy công nhận số {serial}: {r.name}", {"Số": [None, serial]}
                else:
                    cert.reprints += 1
                    serial, reprint, uuid = cert.serial, True, cert.uuid
                    summary = f"In lại giấy công nhận số {serial} (lần {cert.reprints}): {r.name}"
                    changes = {"Số lần in lại": [cert.reprints - 1, cert.reprints]}
                audits.append({"at": now, "actor": actor, "action": "create" if not reprint else "update",
                               "entity": "model_certificate", "entity_id": r.id, "entity_uuid": uuid,
                               "summary": summary,
                               "changes": json.dumps(changes, ensure_ascii=False)})
                d = decisions[r.decision_id]
                code = None if signer is None else make_code(
                    CertificateFacts(info.commune_code, year, serial, r.name, 0, d.number), signer)
                items.append(CertificateData(office, year, r.name, "", "", d.number, d.signed_on, d.signer_title,
                                             d.signer_name, serial, reprint, code, model.title,
                                             ", ".join(p for p in (place.get(r.subject_id), office.commune,
                                                                   office.province) if p)))
            if new:
                s.execute(insert(ModelCertificate), new)
            s.execute(insert(AuditEntry), audits)
        return items
