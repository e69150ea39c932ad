from __future__ import annotations

from enum import StrEnum


class Sex(StrEnum):
    MALE = "M"
    FEMALE = "F"

    @property
    def label(self) -> str:
        return "Nam" if self is Sex.MALE else "Nữ"
