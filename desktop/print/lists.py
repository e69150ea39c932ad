"""The proposal list (danh sách đề nghị công nhận) and the recognition decision with its annex,
laid out as Vietnamese administrative documents (Decree 30/2020/NĐ-CP)."""

from __future__ import annotations

from dataclasses import replace

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Spacer, Table, TableStyle

from desktop.domain import dates
from desktop.domain.issuer import IssuingBody
from desktop.domain.numbers import vn_int
from desktop.domain.programme import PROGRAMME_677
from desktop.print.data import DecisionData, ListRow, ProposalData, Title
from desktop.print.fonts import vn
from desktop.print.page import (
    ADMIN_MARGINS,
    PageMark,
    admin_header,
    build,
    build_closing_with_rows,
    closing,
    frame_width,
    grid_table,
    para,
    signature,
    signature_block,
    style,
)

WIDTH = frame_width(ADMIN_MARGINS)


CARRIED = 3  # rows carried to the signature's page when it would stand alone


def _rows_table(rows: tuple[ListRow, ...], with_village: bool, title: Title, first: int = 1) -> Table:
    """People (name, birth year, village, group), or a model's households (clans, villages, units: name, where)."""
    cell = style("lc", size=11, leading=13)
    people = title.citizens
    header = ["STT", "Họ và tên" if people else "Tên", *(["Năm sinh"] if people else []),
              *(["Thôn, khu phố"] if with_village and people else []), title.group_header, "Tổng điểm", "Ghi chú"]
    body: list[list[object]] = [header]
    for i, r in enumerate(rows, first):
        body.append([str(i), Paragraph(vn(r.full_name), cell), *([str(r.birth_year)] if people else []),
                     *([Paragraph(vn(r.village), cell)] if with_village and people else []),
                     Paragraph(vn(r.group), cell), "" if r.total is None else str(r.total), Paragraph(vn(r.note), cell)])
    fixed = [13 * mm, 0, *([16 * mm] if people else []), *([28 * mm] if with_village and people else []),
             42 * mm if people else 60 * mm, 16 * mm, 16 * mm]
    fixed[1] = WIDTH - sum(fixed)
    table = grid_table(body, fixed, size=11, right_columns=(len(header) - 2,))
    table.setStyle(TableStyle([("ALIGN", (0, 1), (0, -1), "CENTER")]
                              + ([("ALIGN", (2, 1), (2, -1), "CENTER")] if people else [])))
    return table


def _rows(rows: tuple[ListRow, ...], with_village: bool, title: Title, carry: bool,
          seen: dict[str, int]) -> list[Flowable]:
    """The table, with its last rows on a page of their own (header repeated) when `carry`."""
    if carry and len(rows) > CARRIED:
        cut = len(rows) - CARRIED
        return [_rows_table(rows[:cut], with_village, title), PageBreak(),
                _rows_table(rows[cut:], with_village, title, first=cut + 1), PageMark("rows", seen)]
    return [_rows_table(rows, with_village, title), PageMark("rows", seen)]


def proposal_list(data: ProposalData) -> bytes:
    title = style("pt", size=14, align=TA_CENTER, bold=True, leading=18)
    where = f"Chi hội {data.village}" if data.village else data.office.association

    def story(carry: bool, seen: dict[str, int]) -> list[Flowable]:
        return [admin_header(data.office, None, data.made_on, WIDTH), Spacer(1, 8 * mm),
                para("DANH SÁCH ĐỀ NGHỊ CÔNG NHẬN", title),
                para(f"DANH HIỆU “{data.title.name.upper()}” NĂM {data.year}", title),
                para(where, style("pw", size=13, align=TA_CENTER, italic=True)), Spacer(1, 5 * mm),
                *_rows(data.rows, data.village is None, data.title, carry, seen), Spacer(1, 3 * mm),
                para(f"Tổng số: {vn_int(len(data.rows))} {data.title.unit}.", style("ps", size=13)),
                Spacer(1, 6 * mm),
                signature("Người lập danh sách" if data.village else data.office.issued_by().signature_lines(),
                          "" if data.village else data.office.signer_name, WIDTH), PageMark("signed", seen)]

    return build_closing_with_rows(story, f"Danh sách đề nghị công nhận {data.title.name} năm {data.year}")


def decision(data: DecisionData) -> bytes:
    office = data.office
    issuer = replace(office.issued_by(), signer_title=data.signer_title)  # as the decision was signed
    centre_bold = style("dcb", size=14, align=TA_CENTER, bold=True, leading=18)
    body = style("db", size=14, leading=20, align=TA_JUSTIFY, space_after=6)
    italic = style("di", size=14, leading=20, align=TA_JUSTIFY, italic=True, space_after=4)
    count = vn_int(len(data.rows))
    t = data.title
    bases = [f"Căn cứ {t.basis or PROGRAMME_677};",
             f"Căn cứ Bộ tiêu chí đánh giá, công nhận danh hiệu “{t.name}” và hướng dẫn của "
             f"{office.upper};", *(f"{line};" for line in office.bases)]
    if issuer.body is IssuingBody.COMMITTEE:
        executors = (f"Văn phòng Hội đồng nhân dân và Ủy ban nhân dân {office.commune[:1].lower()}{office.commune[1:]}, "
                     f"{office.association}, các chi hội khuyến học")
        proposer = f"{office.association} và các chi hội khuyến học"
    else:
        executors, proposer = "Văn phòng Hội, các chi hội khuyến học", "các chi hội khuyến học"
    story: list[Flowable] = [
        admin_header(office, data.number, data.signed_on, WIDTH), Spacer(1, 8 * mm),
        para("QUYẾT ĐỊNH", centre_bold),
        para(f"Về việc công nhận danh hiệu “{t.name}” năm {data.year}", centre_bold),
        para("—————", style("dl", size=12, align=TA_CENTER)), Spacer(1, 3 * mm),
        para(issuer.decision_authority(), centre_bold), Spacer(1, 4 * mm),
        *[para(line, italic) for line in bases],
        para(f"Xét đề nghị của {proposer} và kết quả đánh giá năm {data.year},", italic),
        Spacer(1, 3 * mm), para("QUYẾT ĐỊNH:", centre_bold), Spacer(1, 3 * mm),
        Paragraph(f"<b>{vn('Điều 1.')}</b> " + vn(f"Công nhận danh hiệu “{t.name}” năm {data.year} cho "
                                                  f"{count} {t.noun} (có danh sách kèm theo)."), body),
        Paragraph(f"<b>{vn('Điều 2.')}</b> " + vn(f"Các chi hội khuyến học thôn, khu phố thông báo kết quả đến từng "
                                                  f"{t.noun}; {t.noun} được công nhận tiếp tục duy trì việc học tập "
                                                  "suốt đời."), body),
        # the last article goes with the signature: never a page holding only "Nơi nhận" and the signer
        KeepTogether([
            Paragraph(f"<b>{vn('Điều 3.')}</b> " + vn(f"Quyết định này có hiệu lực kể từ ngày ký. {executors} và "
                                                      f"các {t.noun} có tên tại Điều 1 chịu trách nhiệm thi hành "
                                                      "Quyết định này."), body),
            Spacer(1, 6 * mm),
            closing(["- Như Điều 3;", f"- {office.upper};", "- Lưu: VT."],
                    signature_block(issuer.signature_lines(), data.signer_name))])]
    story += [PageBreak(),
              para(f"DANH SÁCH {t.noun.upper()} ĐƯỢC CÔNG NHẬN DANH HIỆU “{t.name.upper()}” NĂM {data.year}",
                   centre_bold),
              para(f"(Kèm theo Quyết định số {data.number} {dates.in_words(data.signed_on)} của {issuer.name})",
                   style("da", size=13, align=TA_CENTER, italic=True)), Spacer(1, 4 * mm),
              _rows_table(data.rows, True, t), Spacer(1, 3 * mm),
              para(f"Danh sách có {count} {t.unit}.", style("dn", size=13))]
    return build(story, title=f"Quyết định {data.number} công nhận {t.name} năm {data.year}")
