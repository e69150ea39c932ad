"""What the documents print: plain data, filled by services/printing.py, so each document is tested alone."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from desktop.domain.issuer import Authority, Issuer, IssuingBody


@dataclass(frozen=True)
class OfficeHeader:
    province: str
    commune: str
    association: str
    upper: str  # the level above, printed over the issuing body
    signer_title: str
    signer_name: str
    place: str  # the place name of the date line: "Hàm Thuận"
    issuer: Issuer | None = None  # None: the association, its chairman signing in person
    bases: tuple[str, ...] = ()  # the office's own legal bases for the decision, each "Căn cứ …"

    def issued_by(self) -> Issuer:
        return self.issuer or Issuer(IssuingBody.ASSOCIATION, self.association, self.commune, self.upper,
                                     Authority.OWN, "", self.signer_title)


@dataclass(frozen=True)
class Person:
    record_id: str  # the UUID printed as a QR code, so a returned sheet is found by scanning
    full_name: str
    birth: str
    sex: str
    cccd: str
    village: str
    group: str
    occupation: str
    phone: str


@dataclass(frozen=True)
class IndicatorLine:
    code: str
    competence: str
    text: str
    max_points: int


@dataclass(frozen=True)
class AssessmentSheetData:
    office: OfficeHeader
    year: int
    person: Person
    group_number: int
    competences: dict[str, str]
    indicators: tuple[IndicatorLine, ...]
    min_total: int
    min_each: int
    enrolment_id: str  # UUID of the enrolment, for the QR code


@dataclass(frozen=True)
class ListRow:
    full_name: str
    birth_year: int | None  # None: a household, clan, village or unit
    village: str
    group: str
    total: int | None
    note: str = ""


@dataclass(frozen=True)
class Title:
    """What a proposal list and a decision recognize: the Learning Citizen title, or a learning model's."""

    name: str = "Công dân học tập"
    noun: str = "công dân"            # whom it is given to, in the articles: "hộ gia đình", "đơn vị"
    unit: str = "người"               # what the totals count
    group_header: str = "Nhóm"        # the list's column for the group (a model: where it is)
    basis: str = ""                   # the programme's decision (domain/programme.py)
    citizens: bool = True             # people (with their birth year) rather than a model


@dataclass(frozen=True)
class ProposalData:
    office: OfficeHeader
    year: int
    village: str | None  # None: the whole commune
    rows: tuple[ListRow, ...]
    made_on: date
    title: Title = Title()


@dataclass(frozen=True)
class DecisionData:
    office: OfficeHeader
    year: int
    number: str
    signed_on: date
    signer_title: str
    signer_name: str
    rows: tuple[ListRow, ...]
    not_recognized: int
    title: Title = Title()


@dataclass(frozen=True)
class CertificateData:
    office: OfficeHeader
    year: int
    full_name: str
    birth: str
    village: str
    decision_number: str
    decision_date: date
    signer_title: str
    signer_name: str
    serial: str
    reprint: bool = False
    verify_payload: str | None = None  # the signed QR payload of the exchange issue; room is kept for it
    title: str = "Công dân học tập"    # a learning model's: "Gia đình học tập"
    where: str | None = None           # a model's line under its name (a citizen's: the birth and village)


@dataclass(frozen=True)
class StatsLine:
    label: str
    recognized: int
    total: int
    from_register: bool
    rate: float | None
    registered: int
    assessed: int


@dataclass(frozen=True)
class WorkplaceLine:
    name: str
    on_register: int
    recognized: int
    rate: float
    meets_target: bool


@dataclass(frozen=True)
class ModelReportLine:
    title: str          # "Gia đình học tập"
    recognized: int
    total: int
    registered: int
    target_2025: int
    target_2030: int | None


@dataclass(frozen=True)
class MeasureReportLine:
    label: str
    count: int
    of: int
    target_2025: int
    target_2030: int
    denominator: str


@dataclass(frozen=True)
class StatsReportData:
    office: OfficeHeader
    year: int
    groups: tuple[StatsLine, ...]
    total: StatsLine
    villages: tuple[StatsLine, ...]
    targets: dict[int, dict[str, int]]
    target_kinds: tuple[str, ...]  # "adults" or "officials", per group
    own_target_percent: int | None
    made_on: date
    notes: tuple[str, ...] = field(default_factory=tuple)
    workplaces: tuple[WorkplaceLine, ...] = ()
    staff_target_percent: int = 0  # the share of a workplace's staff the office aims at
    workplace_note: str = ""
    models: tuple[ModelReportLine, ...] = ()
    measures: tuple[MeasureReportLine, ...] = ()
