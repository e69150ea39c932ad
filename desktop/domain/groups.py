"""The three groups of citizens of the programme, each assessed with its own wording."""

from __future__ import annotations

from enum import IntEnum


class CitizenGroup(IntEnum):
    FARMER = 1      # nông dân, lao động nông thôn
    WORKER = 2      # công nhân, lao động tiểu thủ công nghiệp, thợ thủ công, thợ nghề
    OFFICIAL = 3    # cán bộ, công chức, viên chức, nhân viên từ cấp xã trở lên, doanh nhân

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def short_label(self) -> str:
        return _SHORT[self]


_LABELS = {
    CitizenGroup.FARMER: "Nông dân, lao động nông thôn",
    CitizenGroup.WORKER: "Công nhân, lao động tiểu thủ công nghiệp, thợ thủ công, thợ nghề",
    CitizenGroup.OFFICIAL: "Cán bộ quản lý, công chức, viên chức, nhân viên từ cấp xã trở lên, doanh nhân",
}
_SHORT = {
    CitizenGroup.FARMER: "Nông dân, lao động nông thôn",
    CitizenGroup.WORKER: "Công nhân, thợ nghề",
    CitizenGroup.OFFICIAL: "Cán bộ, công chức, doanh nhân",
}
