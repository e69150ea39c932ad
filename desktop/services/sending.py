"""A commune's (or an upper level's) package for a year: what goes in, the sequence number, what was sent,
and the receipt that comes back."""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from desktop import __version__
from desktop.db import audit
from desktop.db.base import utcnow
from desktop.db.models import (
    Assessment,
    Certificate,
    Citizen,
    CriteriaSetRecord,
    Decision,
    Enrolment,
    SentPackage,
    Village,
)
from desktop.db.models387 import Household, ModelEnrolment, Organisation
from desktop.domain.birth import BirthDate
from desktop.domain.groups import CitizenGroup
from desktop.exchange.keys import KeyError_, verify
from desktop.exchange.package import PackageError, build, sha256, table
from desktop.services.exports import year_report
from desktop.services.model_cycle import SUBJECTS
from desktop.services.register import Register

RECEIPT_FORMAT = "so-cong-dan-hoc-tap/bien-nhan"


@dataclass(frozen=True)
class SentInfo:
    year: int
    sequence: int
    file_name: str
    sent_at: str
    receipt: str  # "" while none came back


class SendingService:
    def __init__(self, register: Register, keys) -> None:  # noqa: ANN001 - KeyService
        self.r = register
        self.keys = keys

    def missing_before_export(self) -> str | None:
        """What must be set up before a package can be made (None: nothing), so the window can say so
        before it asks for the passphrase and a folder."""
        info = self.r.office.info()
        if info is None:
            return "Chưa thiết lập đơn vị."
        menu = "menu Trao đổi → " + ("Khoá của đơn vị và của các xã" if info.is_upper else "Khoá của đơn vị")
        missing = []  # both at once: the clerk sets up everything in one visit to the keys' window
        if not info.upper_recipient:
            missing.append(f"Chưa có khoá của cấp trên ({info.upper_level_name or 'nơi nhận gói'}): nhập khoá "
                           f"cấp trên trước khi gửi ({menu} → Nhập khoá của cấp trên…).")
        if not self.keys.store.exists():
            missing.append(f"Đơn vị chưa có khoá để ký gói: tạo khoá trước ({menu} → Tạo khoá…).")
        return "\n".join(missing) or None

    def export(self, year: int, passphrase: str) -> tuple[str, bytes]:
        """The next package of the year: (file name, encrypted bytes). Recorded as sent."""
        missing = self.missing_before_export()
        if missing:
            raise PackageError(missing)
        info = self.r.office.info()
        assert info is not None
        signer = self.keys.store.signer(passphrase)
        with self.r.db.reader() as s:
            last = s.scalars(select(SentPackage).where(SentPackage.year == year)
                             .order_by(SentPackage.sequence.desc())).first()
        sequence = (last.sequence + 1) if last else 1
        members = self._upper_members(year) if info.is_upper else self._commune_members(year)
        manifest = {
            "sender": {"code": info.commune_code, "name": info.association_name, "kind": info.kind,
                       "place": info.commune_name, "province": info.province_name,
                       "key_id": self.keys.public().fingerprint.replace(" ", "")},
            "recipient": {"name": info.upper_level_name, "age_recipient": info.upper_recipient},
            "year": year, "sequence": sequence, "previous_sha256": last.sha256 if last else None,
            "created_at": utcnow().isoformat(timespec="seconds"), "program_version": __version__,
            "criteria_sets": self._criteria_sets(year),
        }
        data = build(manifest, members, signer, info.upper_recipient)
        name = f"cdht-{info.commune_code}-{year}-{sequence:02d}.age"
        with self.r.db.session() as s:
            sent = SentPackage(year=year, sequence=sequence, file_name=name, sha256=sha256(data))
            s.add(sent)
            s.flush()
            audit.record(s, actor=self.r.office.clerk_name(), action="create", entity="sent_package",
                         entity_id=sent.id, entity_uuid=sent.uuid, summary=f"Xuất gói năm {year}, lần {sequence}",
                         changes={"Tệp": [None, name], "SHA-256": [None, sent.sha256]})
        return name, data

    def _criteria_sets(self, year: int) -> list[dict]:
        with self.r.db.reader() as s:
            rows = s.execute(select(CriteriaSetRecord.code, CriteriaSetRecord.name).join(
                Enrolment, Enrolment.criteria_set_id == CriteriaSetRecord.id).where(Enrolment.year == year)
                .distinct()).all()
        return [{"id": code, "name": name} for code, name in rows]

    def _commune_members(self, year: int) -> dict[str, bytes]:
        """Plain column reads (no ORM objects): 100,000 people are written in a few seconds."""
        with self.r.db.reader() as s:
            rows = s.execute(
                          select(Citizen.uuid, Citizen.version, Citizen.full_name, Citizen.birth_year, Citizen.birth_month,
                                 Citizen.birth_day, Citizen.sex, Citizen.cccd, Village.name, Citizen.group,
                                 Citizen.occupation, Citizen.deleted_at)
                          .join(Village, Village.id == Citizen.village_id).order_by(Citizen.id)).all()
            people = [[u, ver, name, str(BirthDate(by, bm, bd)), sex, cccd, village, group, occupation, deleted is not None]
                      for u, ver, name, by, bm, bd, sex, cccd, village, group, occupation, deleted in rows]
            # an enrolment points at its person by row number: a second UUID per row would not fit an email
            row_of = {row[0]: i for i, row in enumerate(people)}
            scores: dict[int, dict[str, list[int]]] = {}
            for eid, kind, sc in s.execute(select(Assessment.enrolment_id, Assessment.kind, Assessment.scores)
                                           .join(Enrolment, Enrolment.id == Assessment.enrolment_id)
                                           .where(Enrolment.year == year).order_by(Assessment.id)):
                # scores as a list in the criteria set's indicator order (codes sort in that order: 1.1 … 3.2)
                values = json.loads(sc)
                scores.setdefault(eid, {})["self" if kind == "self" else "review"] = [values[c] for c in sorted(values)]
            decisions = {d.id: d for d in s.scalars(select(Decision).where(Decision.year == year))}
            enrolments = []
            uuids: dict[int, str] = {}
            for eid, u, person, group, status, registered_on, total, passed, decision_id, set_code in s.execute(
                    select(Enrolment.id, Enrolment.uuid, Citizen.uuid, Enrolment.group, Enrolment.status,
                           Enrolment.registered_on, Enrolment.total, Enrolment.passed, Enrolment.decision_id,
                           CriteriaSetRecord.code)
                    .join(Citizen, Citizen.id == Enrolment.citizen_id)
                    .join(CriteriaSetRecord, CriteriaSetRecord.id == Enrolment.criteria_set_id)
                    .where(Enrolment.year == year).order_by(Enrolment.id)):
                uuids[eid] = u
                sc = scores.get(eid, {})
                review = sc.get("review")
                enrolments.append([u, row_of[person], group, status, registered_on.isoformat(), total, passed, sc.get("self"),
                                   None if review == sc.get("self") else review,
                                   decisions[decision_id].uuid if decision_id else None, set_code])
            certs = [[c.uuid, uuids.get(c.enrolment_id), c.serial, c.printed_at.isoformat(timespec="seconds"),
                      c.reprints] for c in s.scalars(select(Certificate).where(Certificate.year == year))]
        stats = self.r.stats.compute(year)
        return {
            "records/citizens.json": table(["uuid", "version", "full_name", "birth", "sex", "cccd", "village", "group",
                                            "occupation", "deleted"], people),
            "records/enrolments.json": table(["uuid", "person", "group", "status", "registered_on", "total",
                                              "passed", "self_scores", "review_scores", "decision_uuid",
                                              "criteria_set"], enrolments),
            "records/decisions.json": table(["uuid", "number", "signed_on", "signer_name", "signer_title"],
                                            [[d.uuid, d.number, d.signed_on.isoformat(), d.signer_name,
                                              d.signer_title] for d in decisions.values()]),
            "records/certificates.json": table(["uuid", "enrolment_uuid", "serial", "printed_at", "reprints"], certs),
            "records/models.json": self._model_records(year),
            "summary.json": json.dumps({**summary_of(stats), **self._model_summary(year)}, ensure_ascii=False,
                                       indent=1).encode(),
            "summary.xlsx": year_report(self.r, year),
        }

    def _model_records(self, year: int) -> bytes:
        """The year's households, clans, villages and units in the cycle: each once, its step and score."""
        rows = []
        with self.r.db.reader() as s:
            for model, subject in SUBJECTS.items():
                stmt = (select(ModelEnrolment.uuid, subject.uuid, subject.name, ModelEnrolment.status,
                               ModelEnrolment.total, ModelEnrolment.passed)
                        .join(subject, subject.id == ModelEnrolment.subject_id)
                        .where(ModelEnrolment.model == model.value, ModelEnrolment.year == year)
                        .order_by(ModelEnrolment.id))
                if subject in (Household, Organisation):  # where they are (a clan may span villages)
                    stmt = stmt.add_columns(Village.name).outerjoin(Village, Village.id == subject.village_id)
                rows += [[model.value, u, su, name, (place[0] if place else "") or "", status, total, passed]
                         for u, su, name, status, total, passed, *place in s.execute(stmt)]
        return table(["model", "uuid", "subject_uuid", "name", "village", "status", "total", "passed"], rows)

    def _model_summary(self, year: int) -> dict:
        figures = self.r.model_stats.compute(year)
        return {"models": [{"model": m.value, "total": line.total, "registered": line.registered,
                            "assessed": line.assessed, "recognized": line.recognized}
                           for m, line in figures.models.items()],
                **{k: v for k, v in figures.as_json().items() if k in ("measures_677", "digital_skills")}}

    def _upper_members(self, year: int) -> dict[str, bytes]:
        from desktop.services.area import AreaService  # the upper level's own figures

        area = AreaService(self.r)
        report = area.report(year)
        return {"records/communes.json": table(
                    ["office_code", "office_name", "group", "recognized", "total", "registered", "assessed"],
                    [[c.office_code, c.office_name, g["group"], g["recognized"], g["total"], g["registered"],
                      g["assessed"]] for c in report.offices for g in c.groups]),
                "records/communes_models.json": table(
                    ["office_code", "office_name", "model", "recognized", "total", "registered", "assessed"],
                    [[c.office_code, c.office_name, m, f["recognized"], f["total"], f["registered"], f["assessed"]]
                     for c in report.offices for m, f in c.models.items()]),
                "summary.json": json.dumps({"year": year, "groups": report.groups_json(),
                                            "models": report.models_json(),
                                            "group_definitions": [CitizenGroup(g).definition.as_json()
                                                                  for g in sorted(report.groups)]},
                                           ensure_ascii=False, indent=1).encode(),
                "summary.xlsx": area.workbook(year)}

    # what was sent, and the receipts ----------------------------------------------------------------

    def sent(self) -> list[SentInfo]:
        with self.r.db.reader() as s:
            return [SentInfo(p.year, p.sequence, p.file_name, p.created_at.astimezone().strftime("%d/%m/%Y %H:%M"),
                             p.receipt_note) for p in s.scalars(select(SentPackage).order_by(SentPackage.id))]

    def import_receipt(self, path: Path) -> str:
        info = self.r.office.info()
        assert info is not None
        if not info.upper_signing_key:
            raise PackageError("Chưa có khoá của cấp trên để kiểm tra biên nhận.")
        try:
            with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as z:
                body, signature = z.read("receipt.json"), z.read("receipt.json.minisig")
        except (OSError, zipfile.BadZipFile, KeyError):
            raise PackageError(f"{path.name} không phải biên nhận của cấp trên.") from None
        try:
            verify(info.upper_signing_key, body, signature)
        except KeyError_ as e:
            raise PackageError(f"Biên nhận không phải do cấp trên ký: {e}") from None
        receipt = json.loads(body)
        if receipt.get("format") != RECEIPT_FORMAT or receipt.get("office_code") != info.commune_code:
            raise PackageError("Biên nhận này không dành cho đơn vị này.")
        with self.r.db.session() as s:
            sent = s.scalars(select(SentPackage).where(SentPackage.sha256 == receipt.get("sha256"))).first()
            if sent is None:
                raise PackageError("Biên nhận nói về một gói mà đơn vị này không có trong danh sách đã gửi.")
            note = f"Cấp trên đã nhận ngày {receipt['accepted_at'][:10]}: {receipt.get('note', '')}".strip()
            sent.receipt_at, sent.receipt_note = datetime.fromisoformat(receipt["accepted_at"]), note
            audit.record(s, actor=self.r.office.clerk_name(), action="update", entity="sent_package",
                         entity_id=sent.id, entity_uuid=sent.uuid, summary=f"Nhận biên nhận gói {sent.file_name}",
                         changes={"Biên nhận": [None, note]})
        return note


def summary_of(stats) -> dict:  # noqa: ANN001 - YearStats
    def line(x) -> dict:  # noqa: ANN001
        return {"label": x.label, "recognized": x.recognized, "total": x.adults, "total_from_register": x.from_register,
                "registered": x.registered, "assessed": x.assessed, "on_register": x.on_register}

    return {"year": stats.year, "groups": [{"group": int(g.group), **line(g)} for g in stats.groups],
            "group_definitions": [g.group.definition.as_json() for g in stats.groups],
            "total": line(stats.total), "villages": [line(v) for v in stats.villages]}


