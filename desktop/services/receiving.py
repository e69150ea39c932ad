"""At the upper level: receiving packages. Decrypt, check the signature against the registered key,
every hash, the recipient, the sequence, and that the summary agrees with the records; then a dry run
(which office, which year, how many new, changed, withdrawn) before anything is merged."""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import insert, select

from desktop import __version__
from desktop.db import audit
from desktop.db.base import utcnow
from desktop.db.engine import is_sqlite
from desktop.db.models import AreaEnrolment, AreaPerson, ReceivedPackage
from desktop.domain.cycle import Status
from desktop.domain.groups import SHIPPED, GroupDef
from desktop.exchange import records
from desktop.exchange.package import (
    Opened,
    PackageError,
    check_format,
    open_package,
    read_table,
    sha256,
    shown,
    verify_members,
    verify_signature,
)
from desktop.services.backups import make_backup
from desktop.services.register import Register
from desktop.services.sending import RECEIPT_FORMAT

ORDER = ("new", "changed", "withdrawn", "deleted")


@dataclass
class ReceiveCheck:
    """What a package would do; nothing is saved until merge()."""

    path: Path
    opened: Opened
    office_code: int
    office_name: str
    office_kind: str
    year: int
    sequence: int
    already_held: bool = False
    notes: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    people: list[dict] = field(default_factory=list)
    enrolments: list[dict] = field(default_factory=list)
    group_defs: tuple[GroupDef, ...] = SHIPPED  # the groups the package's summary names

    def describe(self) -> str:
        head = f"{self.office_name} (mã {self.office_code}), năm {self.year}, lần gửi {self.sequence}"
        if self.already_held:
            return f"{head}: đã nhận gói này rồi, không có gì thay đổi."
        c = self.counts
        if self.office_kind == "upper":
            return f"{head}: số liệu tổng hợp của {c.get('communes', 0)} xã (theo báo cáo của đơn vị)." + \
                "".join(f" {n}" for n in self.notes)
        body = (f"{c.get('people', 0)} người, {c.get('new', 0)} mới, {c.get('changed', 0)} thay đổi, "
                f"{c.get('withdrawn', 0)} rút tên, {c.get('deleted', 0)} đã xoá khỏi sổ xã")
        return f"{head}: {body}." + ("".join(f" {n}" for n in self.notes))


class ReceivingService:
    def __init__(self, register: Register, keys) -> None:  # noqa: ANN001 - KeyService
        self.r = register
        self.keys = keys
        self._unlocked: tuple[str, object] | None = None
        self._checked = False  # the register's file was checked sound in this batch (Database.batch)

    def _identity(self, passphrase: str):  # noqa: ANN202
        """Unlocking costs a deliberate second (scrypt): done once for a batch of packages."""
        if self._unlocked is None or self._unlocked[0] != passphrase:
            self._unlocked = (passphrase, self.keys.store.identity(passphrase))
        return self._unlocked[1]

    def unlock(self, passphrase: str) -> None:
        """Checks the passphrase once, before a batch (KeyError_ when wrong): nothing else is done first."""
        self._identity(passphrase)

    def backup_before_merging(self) -> Path | None:
        """Once before a batch is merged, as before every change that comes from outside (None on a server,
        which is backed up by its own tools)."""
        self._checked = False
        if not is_sqlite(self.r.db.engine):
            return None
        return make_backup(self.r.db, self.r.folder, reason="truoc-nhan-goi")

    def check(self, path: Path, passphrase: str) -> ReceiveCheck:
        info = self.r.office.info()
        if info is None or not info.is_upper:
            raise PackageError("Chỉ đơn vị cấp trên nhận gói của các xã.")
        try:
            raw = path.read_bytes()
        except OSError as e:
            raise PackageError(f"Không đọc được {path.name}: {e.strerror or e}") from None
        opened = open_package(raw, self._identity(passphrase))
        m = opened.manifest
        code = records.sender_code(m)  # the only thing used before the signature is checked
        known = self.keys.registered(code)
        if known is None:
            raise PackageError(f"Khoá của đơn vị mã {code} chưa được đăng ký: đăng ký khoá theo phiếu khoá có chữ ký "
                               "trước khi nhận gói.")
        key, registered_kind = known
        verify_signature(opened, key)
        check_format(opened)
        records.check_manifest(m)
        sender, year, sequence = m["sender"], m["year"], m["sequence"]
        name, kind = sender["name"], sender["kind"]
        if kind != registered_kind:
            said = {"commune": "xã, phường", "upper": "cấp trên"}
            raise PackageError(f"Gói của mã {code} tự ghi là gói {said[kind]}, nhưng khoá đã đăng ký là của "
                               f"{said[registered_kind]}: gói bị từ chối (số liệu của nó sẽ không được đối chiếu "
                               "đúng cách).")
        if m["recipient"]["age_recipient"] != self.keys.public().age_recipient:
            raise PackageError(f"Gói gửi cho cấp trên khác ({shown(m['recipient'].get('name'))}), không phải đơn vị "
                               "này.")
        verify_members(opened)
        try:
            summary_doc = json.loads(opened.members["summary.json"].decode("utf-8"))
        except (KeyError, json.JSONDecodeError, UnicodeDecodeError):
            raise PackageError("Gói thiếu hoặc hỏng bảng tổng hợp (summary.json).") from None
        summary, defs = records.check_summary(summary_doc, m["format_version"])
        models = records.check_model_summary(summary_doc)
        # the models' records: a package with none has no model registered (its summary must say so)
        model_member = "records/models.json" if kind == "commune" else "records/communes_models.json"
        model_rows = read_table(opened.members[model_member], "mô hình học tập") \
            if model_member in opened.members else []
        if kind == "commune":
            records.check_models(model_rows, models)
        else:
            records.check_area_models(model_rows, models)
        check = ReceiveCheck(path, opened, code, name, kind, year, sequence, group_defs=defs)
        with self.r.db.reader() as s:
            held = s.scalars(select(ReceivedPackage).where(ReceivedPackage.office_code == code,
                                                           ReceivedPackage.year == year)
                             .order_by(ReceivedPackage.sequence.desc())).first()
            if held is not None and held.sha256 == opened.sha256:
                check.already_held = True
                return check
            if held is not None and sequence <= held.sequence:
                raise PackageError(f"Gói cũ: đã có lần gửi {held.sequence} của {name} năm {year}, gói này là lần "
                                   f"{sequence}. Gói cũ hơn không được nhận đè.")
            expected = held.sequence + 1 if held else 1
            if sequence > expected:
                check.notes.append(f"Thiếu lần gửi {expected}–{sequence - 1} (có thể chưa đến hoặc bị thất lạc).")
            known = {} if held is None else dict(s.execute(
                select(AreaPerson.uuid, AreaPerson.version).where(AreaPerson.package_id == held.id)).all())
        if kind == "commune":
            self._read_records(check, known, summary)
        else:
            try:
                communes = read_table(opened.members["records/communes.json"], "các xã")
            except KeyError:
                raise PackageError("Gói của cấp trên thiếu dữ liệu các xã (records/communes.json).") from None
            records.check_area(communes, summary, defs)
            check.counts = {"communes": len({r["office_code"] for r in communes})}
        return check

    def _read_records(self, check: ReceiveCheck, known: dict[str, int], summary: list[dict]) -> None:
        members = check.opened.members
        try:
            people = read_table(members["records/citizens.json"], "người dân")
            enrolments = read_table(members["records/enrolments.json"], "đăng ký")
        except KeyError:
            raise PackageError("Gói của xã thiếu dữ liệu người dân hoặc đăng ký.") from None
        records.check_rows(people, records.PERSON, "người dân", "records/citizens.json")
        records.check_rows(enrolments, records.ENROLMENT, "đăng ký", "records/enrolments.json")
        records.check_groups(people, check.group_defs, "người dân", "records/citizens.json")
        records.check_groups(enrolments, check.group_defs, "đăng ký", "records/enrolments.json")
        records.check_unique(people, "uuid", "người dân", "records/citizens.json")
        records.check_unique(people, "cccd", "người dân", "records/citizens.json", skip=lambda p: p["deleted"])
        records.check_unique(enrolments, "uuid", "đăng ký", "records/enrolments.json")
        records.check_unique(enrolments, "person", "đăng ký", "records/enrolments.json")  # one a person a year
        for e in enrolments:  # "person" is the row number of the person in citizens.json
            if e["person"] >= len(people):
                raise PackageError("Dữ liệu đăng ký trỏ tới một người không có trong gói.")
            e["person_uuid"] = people[e["person"]]["uuid"]
        deleted = {p["uuid"] for p in people if p["deleted"]}
        figures: dict[int, dict[str, int]] = {}
        for e in enrolments:
            if e["person_uuid"] in deleted:
                continue
            f = figures.setdefault(e["group"], {"registered": 0, "assessed": 0, "recognized": 0})
            active = e["status"] != Status.WITHDRAWN.value
            f["registered"] += active
            f["assessed"] += active and e.get("passed") is not None
            f["recognized"] += e["status"] == Status.RECOGNIZED.value
        for g in summary:
            mine = figures.get(g["group"], {"registered": 0, "assessed": 0, "recognized": 0})
            for key in ("registered", "assessed", "recognized"):
                if mine[key] != g.get(key):
                    raise PackageError(f"Bảng tổng hợp không khớp với dữ liệu: nhóm {g['group']}, “{key}” ghi "
                                       f"{g.get(key)} nhưng dữ liệu có {mine[key]}. Gói bị từ chối.")
        check.people, check.enrolments = people, enrolments
        check.counts = {"people": len(people),
                        "new": sum(1 for p in people if p["uuid"] not in known),
                        "changed": sum(1 for p in people if p["uuid"] in known and known[p["uuid"]] != p["version"]),
                        "withdrawn": sum(1 for e in enrolments if e["status"] == Status.WITHDRAWN.value),
                        "deleted": len(deleted)}

    def merge(self, check: ReceiveCheck) -> None:
        """Keep the package as the office's newest for the year, with its records; all or nothing."""
        if check.already_held:
            return
        m = check.opened.manifest
        with self.r.db.batch(checked=self._checked) as s:
            self._checked = True
            package = ReceivedPackage(office_code=check.office_code, office_name=check.office_name,
                                      office_kind=check.office_kind, year=check.year, sequence=check.sequence,
                                      sha256=check.opened.sha256,
                                      summary=check.opened.members["summary.json"].decode(), note=" ".join(check.notes))
            s.add(package)
            s.flush()
            if check.people:
                s.execute(insert(AreaPerson), [
                    {"package_id": package.id, "office_code": check.office_code, "uuid": p["uuid"],
                     "full_name": p["full_name"], "birth": p.get("birth", ""), "sex": p.get("sex", ""),
                     "cccd": p.get("cccd"), "village": p.get("village", ""), "group": p["group"],
                     "deleted": bool(p.get("deleted")), "version": p.get("version", 1)} for p in check.people])
            if check.enrolments:
                s.execute(insert(AreaEnrolment), [
                    {"package_id": package.id, "office_code": check.office_code, "uuid": e["uuid"],
                     "person_uuid": e["person_uuid"], "group": e["group"], "status": e["status"],
                     "total": e.get("total")}
                    for e in check.enrolments])
            audit.record(s, actor=self.r.office.clerk_name(), action="create", entity="received_package",
                         entity_id=package.id, entity_uuid=package.uuid,
                         summary=f"Nhận gói của {check.office_name} năm {check.year}, lần {check.sequence}",
                         changes={"SHA-256": [None, check.opened.sha256], "Tệp": [None, check.path.name],
                                  "Chương trình gửi": [None, m.get("program_version")]})

    def batch_done(self) -> None:
        """Once after a batch is merged (not after each package: 120 of them on a server)."""
        self._checked = False
        self.r.db.analyze("area_person", "area_enrolment", "received_package")

    def receipt(self, check: ReceiveCheck, passphrase: str) -> tuple[str, bytes]:
        """A signed receipt the sender imports to see its file arrived and was accepted."""
        info = self.r.office.info()
        assert info is not None
        body = json.dumps({"format": RECEIPT_FORMAT, "upper": {"code": info.commune_code,
                                                               "name": info.association_name},
                           "office_code": check.office_code, "year": check.year, "sequence": check.sequence,
                           "sha256": check.opened.sha256, "accepted_at": utcnow().isoformat(timespec="seconds"),
                           "note": check.describe(), "program_version": __version__}, ensure_ascii=False, indent=1).encode()
        signer = self.keys.store.signer(passphrase)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("receipt.json", body)
            z.writestr("receipt.json.minisig", signer.sign(body, f"receipt {check.office_code} {check.year} "
                                                                 f"{check.sequence} {sha256(body)[:16]}"))
        return f"bien-nhan-{check.office_code}-{check.year}-{check.sequence:02d}.zip", out.getvalue()
