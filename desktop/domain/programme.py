"""The legal basis every decision and report cites. Decision 677/QĐ-TTg of 3 June 2022 approves a
*Chương trình*, never an "Đề án" (1373/QĐ-TTg of 2021 is the Đề án on the learning society)."""

from __future__ import annotations

from datetime import date

from desktop.domain import dates

PROGRAMME_677_SIGNED = date(2022, 6, 3)
PROGRAMME_677 = (f"Quyết định số 677/QĐ-TTg ngày {dates.in_figures(PROGRAMME_677_SIGNED)} của Thủ tướng Chính phủ "
                 "phê duyệt Chương trình “Xây dựng mô hình Công dân học tập giai đoạn 2021 - 2030”")

PROGRAMME_387_SIGNED = date(2022, 3, 25)
PROGRAMME_387 = (f"Quyết định số 387/QĐ-TTg ngày {dates.in_figures(PROGRAMME_387_SIGNED)} của Thủ tướng Chính phủ "
                 "phê duyệt Chương trình “Đẩy mạnh phong trào học tập suốt đời trong gia đình, dòng họ, cộng đồng, "
                 "đơn vị giai đoạn 2021 - 2030”")
