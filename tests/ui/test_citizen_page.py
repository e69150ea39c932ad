import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from desktop.domain.groups import CitizenGroup
from desktop.domain.sex import Sex
from desktop.services.demo import fill_demo
from desktop.ui import citizen_model
from desktop.ui.citizen_page import CitizenPage
from desktop.ui.history_dialog import HistoryDialog
from tests.conftest import add, village_id
from tests.ui.keys import press, type_text


@pytest.fixture
def page(qtbot, office):
    add(office, "Nguyễn Văn An", cccd="060080000001", birth="1980")
    add(office, "Đặng Thị Hường", sex=Sex.FEMALE, village="Thôn Đông", birth="1985")
    add(office, "Trần Đức Anh", village="Khu phố 3", group=CitizenGroup.WORKER, birth="1990")
    p = CitizenPage(office)
    qtbot.addWidget(p)
    p.show()
    qtbot.waitExposed(p)
    return p


def shown_names(page):
    m = page.model
    return [m.index(r, 0).data() for r in range(m.rowCount())]


def test_lists_in_vietnamese_order_with_count(page):
    assert shown_names(page) == ["Nguyễn Văn An", "Trần Đức Anh", "Đặng Thị Hường"]
    assert page.count.text() == "3 người"
    m = page.model
    assert [m.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == ["Họ và tên", "Ngày sinh", "Giới tính"]
    assert [m.index(2, c).data() for c in range(6)] == ["Đặng Thị Hường", "1985", "Nữ", "", "Thôn Đông",
                                                        "Nông dân, lao động nông thôn"]


def test_search_as_you_type_without_diacritics(qtbot, page):
    page.search.setFocus()
    type_text("huong", page.search)
    qtbot.waitUntil(lambda: shown_names(page) == ["Đặng Thị Hường"], timeout=2000)
    assert page.count.text() == "1 người"
    page.search.clear()
    type_text("Đức", page.search)
    qtbot.waitUntil(lambda: shown_names(page) == ["Trần Đức Anh"], timeout=2000)
    page.search.clear()
    type_text("0600", page.search)
    qtbot.waitUntil(lambda: shown_names(page) == ["Nguyễn Văn An"], timeout=2000)
    page.search.clear()
    type_text("zzz", page.search)
    qtbot.waitUntil(lambda: page.count.text() == "Không tìm thấy ai", timeout=2000)


def test_filters(page, office):
    page.village.setCurrentIndex(page.village.findData(village_id(office, "Thôn Đông")))
    assert shown_names(page) == ["Đặng Thị Hường"]
    page.village.setCurrentIndex(0)
    page.group.setCurrentIndex(page.group.findData(int(CitizenGroup.WORKER)))
    assert shown_names(page) == ["Trần Đức Anh"]


def test_rows_are_fetched_as_the_view_scrolls(qtbot, office, monkeypatch):
    fill_demo(office, 450, seed=3)
    p = CitizenPage(office)
    qtbot.addWidget(p)
    p.show()
    assert p.model.total == 450
    assert p.model.rowCount() == citizen_model.PAGE  # never every row at once
    p.table.scrollToBottom()
    qtbot.waitUntil(lambda: p.model.rowCount() > citizen_model.PAGE, timeout=2000)
    while p.model.canFetchMore(p.model.index(-1, -1)):
        p.model.fetchMore(p.model.index(-1, -1))
    assert p.model.rowCount() == 450
    assert len({p.model.row_id(r) for r in range(450)}) == 450


def test_delete_key_asks_a_reason_then_restore(qtbot, page, office, monkeypatch):
    asked = []

    def fake_get_item(parent, title, label, items, current, editable):
        asked.append(label)
        return "Nhập trùng", True

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(fake_get_item))
    page.table.setFocus()
    page.table.selectRow(0)
    press(Qt.Key.Key_Delete, page.table)
    assert "Nguyễn Văn An" in asked[0]
    assert shown_names(page) == ["Trần Đức Anh", "Đặng Thị Hường"]

    deleted = CitizenPage(office, deleted=True)
    qtbot.addWidget(deleted)
    assert shown_names(deleted) == ["Nguyễn Văn An"]
    assert deleted.model.headerData(6, Qt.Orientation.Horizontal) == "Lý do xoá"
    assert deleted.model.index(0, 6).data() == "Nhập trùng"
    assert deleted.count.text() == "1 người đã xoá"
    deleted.table.selectRow(0)
    deleted.restore_button.click()
    assert shown_names(deleted) == []
    page.refresh()
    assert "Nguyễn Văn An" in shown_names(page)


def test_cancelled_delete_keeps_the_person(page, monkeypatch):
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a: ("", False)))
    page.table.selectRow(0)
    page.delete_selected()
    assert len(shown_names(page)) == 3


def test_history_dialog_shows_each_change(qtbot, page, office):
    cid = page.model.row_id(0)
    office.citizens.delete(cid, "Chuyển đi nơi khác")
    dialog = HistoryDialog(office.citizens, cid)
    qtbot.addWidget(dialog)
    top = [dialog.tree.topLevelItem(i) for i in range(dialog.tree.topLevelItemCount())]
    assert [t.text(2) for t in top] == ["Thêm Nguyễn Văn An vào sổ", "Xoá Nguyễn Văn An khỏi sổ"]
    assert top[0].text(1) == "Nguyễn Thị Lan"
    assert top[1].child(0).text(2) == "Lý do xoá: Chuyển đi nơi khác"


def test_enter_in_search_with_one_match_opens_the_form(qtbot, page, monkeypatch):
    opened = []
    monkeypatch.setattr(CitizenPage, "edit_selected", lambda self: opened.append(self.selected_id()))
    page.search.setFocus()
    type_text("huong", page.search)
    press(Qt.Key.Key_Return, page.search)
    assert opened == [page.model.row_id(0)]


def test_matched_words_are_bold_in_the_list(qtbot, page):
    from desktop.ui.highlight import matched_html

    assert matched_html("Đặng Thị Hường", "huong dang") == "<b>Đặng</b> Thị <b>Hường</b>"
    assert matched_html("Đặng Thị Hường", "hu") == "Đặng Thị <b>Hư</b>ờng"
    assert matched_html("Nguyễn Văn An", "0600") is None and matched_html("Nguyễn Văn An", "") is None
    assert matched_html("Lê <b>Văn</b>", "le") == "<b>Lê</b> &lt;b&gt;Văn&lt;/b&gt;"  # text, never markup
    page.search.setText("huong")
    page.apply_filter()
    assert page.names.typed == "huong"
    page.table.resize(600, 300)
    page.show()
    qtbot.waitExposed(page)
    assert not page.table.grab().isNull()  # the delegate paints the matched rows
