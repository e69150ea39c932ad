"""The learning models travel in the package (format 2): a commune's households, clans, villages and units in
the year's cycle and its figures; the upper level checks them against the records, reports them per commune
and per model, and sends them on. Hostile figures inside a validly signed file are refused."""

from __future__ import annotations

import io
import json

import pytest
from openpyxl import load_workbook

from desktop.domain.models387 import Model
from desktop.exchange.package import read_table
from desktop.services.demo_models import fill_demo_model_year, fill_demo_models
from tests.exchange.conftest import PASS, YEAR
from tests.exchange.test_refused import members_of, refused, signed


@pytest.fixture(scope="module")
def with_models(area):
    for commune in (area.a, area.b):
        fill_demo_models(commune, seed=3)
        fill_demo_model_year(commune, YEAR, seed=3)
    return area


def test_the_models_go_up_and_are_reported(with_models, tmp_path):
    area = with_models
    name, data = area.a.sending.export(YEAR, PASS)
    members = area.a.sending._commune_members(YEAR)
    rows = read_table(members["records/models.json"], "mô hình")
    summary = json.loads(members["summary.json"])
    figures = {m["model"]: m for m in summary["models"]}
    assert figures["family"]["recognized"] == sum(r["model"] == "family" and r["status"] == "recognized" for r in rows)
    assert figures["community"]["total"] == 2 and {"measures_677", "digital_skills"} <= set(summary)
    (tmp_path / name).write_bytes(data)
    area.upper.receiving.merge(area.upper.receiving.check(tmp_path / name, PASS))
    report = area.upper.area.report(YEAR)
    office = next(o for o in report.offices if o.office_code == 23059)
    assert office.models["family"] == {k: figures["family"][k] for k in ("recognized", "total", "registered", "assessed")}
    assert report.models["family"]["recognized"] >= figures["family"]["recognized"]
    book = load_workbook(io.BytesIO(area.upper.area.workbook(YEAR)))
    assert "Mô hình học tập" in book.sheetnames
    titles = {c.value for row in book["Mô hình học tập"].iter_rows() for c in row}
    assert Model.FAMILY.title in titles
    # and on up: the upper level's own package carries the models per commune, checked by the level above
    up = area.upper.sending._upper_members(YEAR)
    per_office = read_table(up["records/communes_models.json"], "mô hình")
    assert {(r["office_code"], r["model"]) for r in per_office} >= {(23059, m.value) for m in Model}
    assert json.loads(up["summary.json"])["models"][0]["model"] == "family"


def changed(area, change) -> bytes:
    members = members_of(area)
    rows = json.loads(members["records/models.json"])
    summary = json.loads(members["summary.json"])
    change(rows, summary)
    members["records/models.json"] = json.dumps(rows).encode()
    members["summary.json"] = json.dumps(summary).encode()
    return signed(area, members)


def _first(rows, model="family"):
    return next(r for r in rows["rows"] if r[rows["columns"].index("model")] == model)


@pytest.mark.parametrize(("change", "reason"), [
    (lambda rows, s: s["models"][0].update({k: s["models"][0][k] + 5 for k in ("recognized", "registered", "total",
                                                                             "assessed")}),
     "mô hình family, “registered” ghi"),
    (lambda rows, s: s["models"][0].update(total=0), "cần được công nhận ≤ đã đăng ký ≤ tổng số"),
    (lambda rows, s: s["models"].append(dict(s["models"][0])), "ghi một mô hình học tập hai lần"),
    (lambda rows, s: rows["rows"].append(list(_first(rows))), "“uuid”"),
    (lambda rows, s: _first(rows).__setitem__(rows["columns"].index("status"), "da-duyet"), "trường “status”"),
    (lambda rows, s: _first(rows).__setitem__(rows["columns"].index("model"), "village"), "trường “model”"),
    (lambda rows, s: _first(rows).__setitem__(rows["columns"].index("name"), "Hộ\x00A"), "trường “name”"),
])
def test_hostile_model_figures_in_a_signed_package(with_models, tmp_path, change, reason):
    refused(with_models, tmp_path, changed(with_models, change), reason)


def test_the_upper_levels_page_and_stats_show_the_models(with_models, tmp_path, qtbot, capsys):
    from desktop.__main__ import main
    from desktop.ui.area_page import AreaPage

    area = with_models
    name, data = area.b.sending.export(YEAR, PASS)
    (tmp_path / name).write_bytes(data)
    area.upper.receiving.merge(area.upper.receiving.check(tmp_path / name, PASS))
    page = AreaPage(area.upper, YEAR)
    qtbot.addWidget(page)
    rows = {page.models.item(r, 0).text(): [page.models.item(r, c).text() for c in range(6)]
            for r in range(page.models.rowCount())}
    assert set(rows) == {m.title for m in Model}
    assert rows["Cộng đồng học tập"][2] != "0" and rows["Gia đình học tập"][5].startswith("70% — ")
    assert main(["--data-dir", str(area.upper.folder), "stats", "--year", str(YEAR)]) == 0
    assert "Gia đình học tập" in capsys.readouterr().out
