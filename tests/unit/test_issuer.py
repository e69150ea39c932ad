"""The issuing body, the number suffix and the signer's authority, as Decree 30/2020 prints them."""

import pytest

from desktop.domain.issuer import Authority, Issuer, IssuingBody


def issuer(body, authority=Authority.OWN, principal="", title="Chủ tịch") -> Issuer:
    return Issuer(body, "Hội Khuyến học xã Hàm Thuận", "Xã Hàm Thuận", "Hội Khuyến học tỉnh Lâm Đồng", authority,
                  principal, title)


ASSOCIATION = [("HỘI KHUYẾN HỌC TỈNH LÂM ĐỒNG", False), ("HỘI KHUYẾN HỌC XÃ HÀM THUẬN", True)]
COMMITTEE = [("ỦY BAN NHÂN DÂN", True), ("XÃ HÀM THUẬN", True)]


@pytest.mark.parametrize(("made", "header", "decides", "signs"), [
    (issuer(IssuingBody.ASSOCIATION), ASSOCIATION,
     "CHỦ TỊCH HỘI KHUYẾN HỌC XÃ HÀM THUẬN", ["CHỦ TỊCH"]),
    (issuer(IssuingBody.ASSOCIATION, Authority.ON_BEHALF, "Ban Chấp hành"),
     ASSOCIATION,
     "BAN CHẤP HÀNH HỘI KHUYẾN HỌC XÃ HÀM THUẬN", ["TM. BAN CHẤP HÀNH", "CHỦ TỊCH"]),
    (issuer(IssuingBody.COMMITTEE, Authority.ON_BEHALF, "Ủy ban nhân dân"), COMMITTEE,
     "ỦY BAN NHÂN DÂN XÃ HÀM THUẬN", ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]),
    (issuer(IssuingBody.COMMITTEE, Authority.FOR_HEAD, "Chủ tịch", "Phó Chủ tịch"), COMMITTEE,
     "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ HÀM THUẬN", ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
    (issuer(IssuingBody.COMMITTEE, Authority.ACTING), COMMITTEE,
     "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ HÀM THUẬN", ["Q. CHỦ TỊCH"]),
    # a title typed in full loses the words the body's name already says
    (issuer(IssuingBody.ASSOCIATION, title="Chủ tịch Hội Khuyến học"),
     ASSOCIATION, "CHỦ TỊCH HỘI KHUYẾN HỌC XÃ HÀM THUẬN",
     ["CHỦ TỊCH"]),
])
def test_how_each_variant_is_printed(made, header, decides, signs):
    assert made.header() == header
    assert made.decision_authority() == decides
    assert made.signature_lines() == signs


def test_number_suffixes():
    assert IssuingBody.ASSOCIATION.suffix == "HKH" and IssuingBody.COMMITTEE.suffix == "UBND"
