"""The year at a glance carries the learning models against 387's targets and 677's own rates, with what
each rate is counted over."""

from __future__ import annotations

from desktop.domain.models387 import Model
from desktop.services.model_registers import HouseholdDraft
from desktop.ui.dashboard_page import DashboardPage
from tests.conftest import add, village_id
from tests.services.test_model_stats import YEAR, recognize, title


def test_the_dashboard_shows_the_models_and_677s_rates(qtbot, office):
    a = add(office, "Nguyễn Văn An", birth="1970")
    b = add(office, "Trần Thị Bình", birth="1972")
    home = office.households.save(HouseholdDraft("Hộ ông An", village_id(office, "Thôn Đông"), a, {b: "Vợ"}))
    office.households.save(HouseholdDraft("Hộ ông Cường", village_id(office, "Thôn Đông"),
                                          add(office, "Lê Văn Cường", birth="1975")))
    recognize(office, Model.FAMILY, [home])
    title(office, [a])
    board = DashboardPage(office, YEAR)
    qtbot.addWidget(board)
    cells = [[board.models.item(r, c).text() for c in range(board.models.columnCount())]
             for r in range(board.models.rowCount())]
    assert cells[0][:6] == ["Gia đình học tập", "1", "2", "50,0%", "1", "100,0%"]
    assert cells[0][6] == "70% — chưa đạt" and [row[0] for row in cells][1:] == [
        "Dòng họ học tập", "Cộng đồng học tập", "Đơn vị học tập"]
    first = [board.measures.item(0, c).text() for c in range(4)]
    assert first == ["Người lớn trong gia đình, dòng họ, cộng đồng học tập", "1", "2", "50,0%"]
    assert board.measures.rowCount() == 4
    assert "trên người trong sổ thuộc hộ được công nhận Gia đình học tập" in board.measures_note.text()
