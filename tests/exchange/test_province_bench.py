"""`bench --province` at a small size: the packages it makes are accepted by the real receiver (signatures,
registered keys, summaries recomputed), every person lands in the area, and its figures are all there."""

from __future__ import annotations

from desktop.bench.province import province_figures
from tests.conftest import PG_SERVER


def test_a_small_province_is_received_whole():
    url = None
    if PG_SERVER:
        from desktop.db.server import create_database

        url = create_database(PG_SERVER, "tinh_nho", exist_ok=True)
    figures = province_figures(url, communes=3, people_each=150)
    assert "(450 người)" in figures["province_report_s"].what
    assert {"province_packages_made_s", "province_receive_s", "province_receive_per_1000_ms", "province_report_s",
            "province_rss_mb", "province_last_to_first", "province_rss_growth_mb"} <= set(figures)
    assert figures["province_rss_mb"].value < 1024
