"""Who issues the office's documents, named as Decree 30/2020/NĐ-CP asks.

Provinces differ: the recognition decision is issued by the commune's Association for Learning Promotion
(number suffix QĐ-HKH) or by the commune People's Committee (QĐ-UBND), and the signer signs in their own
name, on behalf of the collective (TM.), for the head (KT.) or as acting head (Q.)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class IssuingBody(StrEnum):
    ASSOCIATION = "hkh"  # Hội Khuyến học xã
    COMMITTEE = "ubnd"   # Ủy ban nhân dân xã

    @property
    def label(self) -> str:
        return {IssuingBody.ASSOCIATION: "Hội Khuyến học xã", IssuingBody.COMMITTEE: "Ủy ban nhân dân xã"}[self]

    @property
    def suffix(self) -> str:
        """The issuing body's part of a number's symbol: QĐ-HKH, BC-UBND."""
        return self.value.upper()


class Authority(StrEnum):
    OWN = ""      # signs as the head
    ON_BEHALF = "TM."  # thay mặt the collective (Ban Chấp hành, Ủy ban nhân dân)
    FOR_HEAD = "KT."   # ký thay the head (a deputy signs)
    ACTING = "Q."      # quyền: acting head

    @property
    def label(self) -> str:
        return {Authority.OWN: "Ký trực tiếp (không ghi thẩm quyền)",
                Authority.ON_BEHALF: "TM. (thay mặt tập thể)",
                Authority.FOR_HEAD: "KT. (ký thay người đứng đầu)",
                Authority.ACTING: "Q. (quyền)"}[self]

    @property
    def needs_principal(self) -> bool:
        """TM. and KT. name whom the signer signs for."""
        return self in (Authority.ON_BEHALF, Authority.FOR_HEAD)


@dataclass(frozen=True)
class Issuer:
    body: IssuingBody
    association: str  # "Hội Khuyến học xã Hàm Thuận"
    commune: str      # "Xã Hàm Thuận"
    upper: str        # the association's upper level, printed above it
    authority: Authority
    principal: str    # after TM./KT.: "Ban Chấp hành", "Ủy ban nhân dân", "Chủ tịch"
    signer_title: str  # "Chủ tịch", "Phó Chủ tịch"

    @property
    def name(self) -> str:
        """The issuing body's full name."""
        if self.body is IssuingBody.COMMITTEE:
            return f"Ủy ban nhân dân {_lower_first(self.commune)}"
        return self.association

    def header(self) -> list[tuple[str, bool]]:
        """The lines at the top left, each with whether it is bold: the level above (regular) over the
        association; the People's Committee's name on two bold lines."""
        if self.body is IssuingBody.COMMITTEE:
            return [("ỦY BAN NHÂN DÂN", True), (self.commune.upper(), True)]
        return [(self.upper.upper(), False), (self.association.upper(), True)]

    def decision_authority(self) -> str:
        """The line above "QUYẾT ĐỊNH:": who decides. TM.: the collective; otherwise the head's title."""
        if self.authority is Authority.ON_BEHALF:
            who = self.principal if self.body is IssuingBody.ASSOCIATION else ""
        elif self.authority is Authority.FOR_HEAD:
            who = self.principal
        else:
            who = self.signer_title
        return _joined(who, self.name).upper()

    def signature_lines(self) -> list[str]:
        """Above the signature, per Decree 30: "TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH", "KT. CHỦ TỊCH" / "PHÓ
        CHỦ TỊCH", "Q. CHỦ TỊCH", or the title alone."""
        title = _trimmed(self.signer_title, self.name).upper()
        if self.authority.needs_principal and self.principal:
            return [f"{self.authority.value} {_trimmed(self.principal, self.name).upper()}", title]
        if self.authority is Authority.ACTING:
            return [f"Q. {title}"]
        return [title]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _trimmed(title: str, name: str) -> str:
    """The title without the words the body's name already says ("Chủ tịch Hội Khuyến học" beside "Hội
    Khuyến học xã Hàm Thuận" is "Chủ tịch")."""
    words, head = title.split(), name.lower().split()
    for cut in range(len(words)):
        tail = [w.lower() for w in words[cut:]]
        if tail == head[:len(tail)]:
            return " ".join(words[:cut]) or title
    return title


def _joined(who: str, name: str) -> str:
    who = _trimmed(who, name) if who else ""
    return f"{who} {name}".strip()
