from __future__ import annotations

from enum import Enum


class Sex(str, Enum):
    MALE = "M"
    FEMALE = "F"

    @property
    def label(self) -> str:
        return "Nam" if self is Sex.MALE else "Nữ"
