"""The groups of citizens, each assessed with its own wording. They come from the criteria sets (data):
the shipped set has the three that provincial reports use; a set may define others (the national
self-assessment site is reported to offer four forms). A group is its number, as stored in the register
and carried in packages; its names come from the set that defined it."""

from __future__ import annotations

import operator
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import ClassVar, SupportsIndex

MAX_GROUPS = 9  # one digit on paper sheets and in roster cells; a set defining more is refused


@dataclass(frozen=True)
class GroupDef:
    number: int
    code: str          # short and ASCII, for files: "nong-dan"
    name: str          # as printed on sheets and decisions
    short: str         # for tables and charts
    officials: bool    # counted against 677's targets for officials and staff (60% / 80%), not adults'

    def as_json(self) -> dict[str, object]:
        """As a criteria set and a package's summary write it (`group_definitions`)."""
        return {"number": self.number, "code": self.code, "name": self.name, "short": self.short,
                "officials": self.officials}


SHIPPED = (
    GroupDef(1, "nong-dan", "Nông dân, lao động nông thôn", "Nông dân, lao động nông thôn", False),
    GroupDef(2, "cong-nhan", "Công nhân, lao động tiểu thủ công nghiệp, thợ thủ công, thợ nghề",
             "Công nhân, thợ nghề", False),
    GroupDef(3, "can-bo", "Cán bộ quản lý, công chức, viên chức, nhân viên từ cấp xã trở lên, doanh nhân",
             "Cán bộ, công chức, doanh nhân", True),
)

_known: dict[int, GroupDef] = {d.number: d for d in SHIPPED}
_instances: dict[int, CitizenGroup] = {}
_lock = threading.Lock()


class _Groups(type):
    """`for g in CitizenGroup` walks the groups known now, in number order."""

    def __iter__(cls) -> Iterator[CitizenGroup]:
        return iter([CitizenGroup(n) for n in sorted(_known)])

    def __len__(cls) -> int:
        return len(_known)


class CitizenGroup(int, metaclass=_Groups):
    FARMER: ClassVar[CitizenGroup]
    WORKER: ClassVar[CitizenGroup]
    OFFICIAL: ClassVar[CitizenGroup]

    def __new__(cls, value: SupportsIndex | str) -> CitizenGroup:
        try:
            number = int(value) if isinstance(value, str) else operator.index(value)
        except (TypeError, ValueError):
            raise ValueError(f"Nhóm đối tượng “{value}” không hợp lệ.") from None
        if number not in _known:
            raise ValueError(f"Không có nhóm đối tượng số {number} trong các bộ tiêu chí của sổ.")
        if number not in _instances:  # one object per group, so `is` compares as with an enum
            _instances[number] = super().__new__(cls, number)
        return _instances[number]

    @property
    def definition(self) -> GroupDef:
        return _known[int(self)]

    @property
    def label(self) -> str:
        return self.definition.name

    @property
    def short_label(self) -> str:
        return self.definition.short

    @property
    def officials(self) -> bool:
        return self.definition.officials

    @property
    def target_kind(self) -> str:
        """Which of 677's national targets the group is measured against."""
        return "officials" if self.officials else "adults"

    def __repr__(self) -> str:
        return f"CitizenGroup({int(self)})"

    __str__ = int.__repr__


CitizenGroup.FARMER, CitizenGroup.WORKER, CitizenGroup.OFFICIAL = CitizenGroup(1), CitizenGroup(2), CitizenGroup(3)


def define(defs: Iterable[GroupDef]) -> None:
    """Make a criteria set's groups known (the register's sets, when it opens; a set just imported). A
    number defined again takes the newer names."""
    with _lock:
        for d in defs:
            _known[d.number] = d


def reset() -> None:
    """Back to the shipped three (a register closed, tests)."""
    with _lock:
        _known.clear()
        _known.update({d.number: d for d in SHIPPED})


def known() -> tuple[GroupDef, ...]:
    return tuple(_known[n] for n in sorted(_known))
