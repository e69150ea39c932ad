"""The upper level's view of its area: the newest accepted package of each office for the year, the
province-style tables (recognized / everyone in the group / rate) per office and per group, and the
people counted in two communes (the same CCCD)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from sqlalchemy import false, func, select

from desktop.db.models import AreaPerson, ReceivedPackage
from desktop.domain.criteria import read_group_defs
from desktop.domain.groups import CitizenGroup, define
from desktop.domain.models387 import Model
from desktop.services.register import Register
from desktop.services.year_stats import NATIONAL_TARGETS
from desktop.sheets.tables import SheetTable, workbook


@dataclass(frozen=True)
class OfficeFigures:
    office_code: int
    office_name: str
    sequence: int
    groups: list[dict]  # per group: recognized, total, registered, assessed, total_from_register
    total: dict
    reported: bool = False  # an upper level's own figures: nothing below them could be recomputed here
    models: dict[str, dict] = field(default_factory=dict)  # per learning model: recognized, total, registered…

    @property
    def label(self) -> str:
        return f"{self.office_name} (theo báo cáo của đơn vị)" if self.reported else self.office_name

    @property
    def rate(self) -> float | None:
        return self.total["recognized"] / self.total["total"] if self.total.get("total") else None


@dataclass(frozen=True)
class AreaReport:
    year: int
    offices: list[OfficeFigures]
    groups: dict[int, dict]   # the area's figures per group
    total: dict
    models: dict[str, dict] = field(default_factory=dict)  # the area's figures per learning model

    def groups_json(self) -> list[dict]:
        return [{"group": g, **figures} for g, figures in sorted(self.groups.items())]

    def models_json(self) -> list[dict]:
        return [{"model": m, **figures} for m, figures in self.models.items()]


@dataclass(frozen=True)
class Duplicate:
    cccd: str
    places: list[tuple[str, str, str]]  # (office, full name, birth)


class AreaService:
    def __init__(self, register: Register) -> None:
        self.r = register

    def _latest(self, s, year: int) -> list[ReceivedPackage]:  # noqa: ANN001
        newest = (select(ReceivedPackage.office_code, func.max(ReceivedPackage.sequence).label("seq"))
                  .where(ReceivedPackage.year == year).group_by(ReceivedPackage.office_code).subquery())
        return list(s.scalars(select(ReceivedPackage).join(
            newest, (newest.c.office_code == ReceivedPackage.office_code) & (newest.c.seq == ReceivedPackage.sequence))
            .where(ReceivedPackage.year == year).order_by(ReceivedPackage.office_name)))

    def define_groups(self) -> None:
        """The groups the received packages name (each checked when received) become known."""
        with self.r.db.reader() as s:
            summaries = list(s.scalars(select(ReceivedPackage.summary).order_by(ReceivedPackage.id)))
        for text in summaries:
            _define(json.loads(text))

    def report(self, year: int) -> AreaReport:
        with self.r.db.reader() as s:
            packages = self._latest(s, year)
        offices = []
        summaries = [json.loads(p.summary) for p in packages]
        for summary in summaries:
            _define(summary)
        area: dict[int, dict] = {int(g): _zero() for g in CitizenGroup}
        for p, summary in zip(packages, summaries, strict=True):
            groups = []
            for g in summary.get("groups", []):
                figures = {k: int(g.get(k) or 0) for k in ("recognized", "total", "registered", "assessed")}
                figures["total_from_register"] = bool(g.get("total_from_register"))
                groups.append({"group": int(g["group"]), **figures})
                for k in ("recognized", "total", "registered", "assessed"):
                    area[int(g["group"])][k] += figures[k]
            total = _zero()
            for g in groups:
                for k in ("recognized", "total", "registered", "assessed"):
                    total[k] += g[k]
            models = {m["model"]: {k: int(m[k]) for k in FIGURES} for m in summary.get("models", [])}
            offices.append(OfficeFigures(p.office_code, p.office_name, p.sequence, groups, total,
                                         p.office_kind == "upper", models))
        grand = _zero()
        for figures in area.values():
            for k in grand:
                grand[k] += figures[k]
        area_models = {m.value: {k: sum(o.models.get(m.value, {}).get(k, 0) for o in offices) for k in FIGURES}
                       for m in Model}
        return AreaReport(year, offices, area, grand, area_models)

    def duplicates(self, year: int) -> list[Duplicate]:
        """The same CCCD on the registers of two different offices (their latest packages of the year)."""
        with self.r.db.reader() as s:
            latest = {p.id: p.office_name for p in self._latest(s, year)}
            # the CCCDs two offices hold, from ix_area_person_cccd_office alone (any year, any package: the
            # few found are then read in full and kept when two of the year's latest packages hold them)
            held_twice = (select(AreaPerson.cccd).where(AreaPerson.cccd.is_not(None), AreaPerson.deleted == false())
                          .group_by(AreaPerson.cccd)
                          .having(func.min(AreaPerson.office_code) != func.max(AreaPerson.office_code)))
            twice = list(s.scalars(held_twice))
            # asked for by value, in slices: a planner cannot tell how few the HAVING lets through, and
            # PostgreSQL joined the whole area to them (0.55 s at 600,000 people, for 11 CCCDs)
            rows = [row for start in range(0, len(twice), 5000) for row in s.execute(
                select(AreaPerson.cccd, AreaPerson.package_id, AreaPerson.full_name, AreaPerson.birth,
                       AreaPerson.office_code)
                .where(AreaPerson.cccd.in_(twice[start:start + 5000]), AreaPerson.cccd.is_not(None),
                       AreaPerson.deleted == false())
                .order_by(AreaPerson.cccd, AreaPerson.id))]
        found: dict[str, list[tuple[int, str, str, str]]] = {}
        for cccd, package, name, birth, office in rows:
            if package in latest:
                found.setdefault(cccd, []).append((office, latest[package], name, birth))
        return [Duplicate(c, [(o, n, b) for _, o, n, b in places]) for c, places in found.items()
                if len({office for office, *_ in places}) > 1]

    def workbook(self, year: int) -> bytes:
        report = self.report(year)
        rows = []
        for o in report.offices:
            for g in o.groups:
                rows.append([o.label, CitizenGroup(g["group"]).short_label, g["recognized"], g["total"],
                             g["recognized"] / g["total"] if g["total"] else 0, g["registered"], g["assessed"]])
        by_group = [[CitizenGroup(g).short_label, f["recognized"], f["total"],
                     f["recognized"] / f["total"] if f["total"] else 0, f["registered"], f["assessed"]]
                    for g, f in sorted(report.groups.items())]
        targets = [f"Mục tiêu {m}: {t['adults']}% người lớn, {t['officials']}% cán bộ, công chức."
                   for m, t in NATIONAL_TARGETS.items()]
        dupes = [[d.cccd, "; ".join(f"{o}: {n} ({b})" for o, n, b in d.places)] for d in self.duplicates(year)]
        model_rows = [[o.label, Model(m).title, f["recognized"], f["total"],
                       f["recognized"] / f["total"] if f["total"] else 0, f["registered"], f["assessed"]]
                      for o in report.offices for m, f in o.models.items()]
        model_notes = [f"Mục tiêu 2025 (Quyết định 387): {', '.join(f'{m.title} {m.target_2025}%' for m in Model)}."]
        return workbook([
            SheetTable("Theo nhóm", f"KẾT QUẢ CÔNG DÂN HỌC TẬP NĂM {year} CỦA ĐỊA BÀN THEO NHÓM",
                       ["Nhóm đối tượng", "Được công nhận", "Tổng số trong nhóm", "Tỉ lệ", "Đã đăng ký", "Đã chấm điểm"],
                       by_group, total_columns=(1, 2, 4, 5), percent_columns=(3,), notes=targets),
            SheetTable("Theo đơn vị", f"KẾT QUẢ NĂM {year} THEO XÃ, PHƯỜNG VÀ NHÓM",
                       ["Xã, phường", "Nhóm", "Được công nhận", "Tổng số trong nhóm", "Tỉ lệ", "Đã đăng ký",
                        "Đã chấm điểm"], rows, total_columns=(2, 3, 5, 6), percent_columns=(4,)),
            SheetTable("Mô hình học tập", f"CÁC MÔ HÌNH HỌC TẬP NĂM {year} THEO XÃ, PHƯỜNG",
                       ["Xã, phường", "Mô hình", "Được công nhận", "Tổng số", "Tỉ lệ", "Đã đăng ký", "Đã chấm điểm"],
                       model_rows, total_columns=(2, 3, 5, 6), percent_columns=(4,), notes=model_notes),
            SheetTable("Trùng CCCD", f"NGƯỜI CÓ TÊN Ở HAI ĐƠN VỊ (CÙNG SỐ CCCD) NĂM {year}", ["Số CCCD", "Ở đâu"],
                       dupes, text_columns=(0,))])


FIGURES = ("recognized", "total", "registered", "assessed")


def _zero() -> dict:
    return {"recognized": 0, "total": 0, "registered": 0, "assessed": 0}


def _define(summary: dict) -> None:
    if "group_definitions" in summary:
        define(read_group_defs(summary["group_definitions"]))
