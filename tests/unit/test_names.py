import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from desktop.domain.names import collation_key, fold, query_words, search_key, sort_key, tidy_name


def nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


def test_tidy_name_spaces_case_and_nfc():
    assert tidy_name("  nguyễn  VĂN   an ") == "Nguyễn Văn An"
    assert tidy_name(nfd("đặng thị ánh")) == "Đặng Thị Ánh"
    assert unicodedata.is_normalized("NFC", tidy_name(nfd("Huỳnh Thị Ngọc Hường")))
    assert tidy_name("ksor h'bia") == "Ksor H'bia"
    assert tidy_name("") == ""


def test_fold_drops_marks_and_folds_d():
    assert fold("Đặng Đức Ưng") == "dang duc ung"
    assert fold(nfd("Nguyễn Thị Hường")) == "nguyen thi huong"
    assert search_key("  Lê   Thị-Hoa! ") == "le thi hoa"


def test_query_words_any_input_form():
    assert query_words("Nguyễn  THỊ nguyen") == ["nguyen", "thi"]
    assert query_words(nfd("Đức")) == ["duc"]
    assert query_words("0600 80") == ["0600", "80"]


def test_sort_given_name_first_vietnamese_alphabet():
    names = ["Nguyễn Văn Anh", "Trần An", "Lê Đức", "Lê Dũng", "Phạm Thị Ánh", "Hồ An", "Bùi Thị Ân", "Lê Ơn"]
    assert sorted(names, key=sort_key) == [
        "Hồ An", "Trần An", "Nguyễn Văn Anh", "Phạm Thị Ánh", "Bùi Thị Ân", "Lê Dũng", "Lê Đức", "Lê Ơn"]


def test_tones_order_after_letters():
    # none < huyền < hỏi < ngã < sắc < nặng
    words = ["Ma", "Mà", "Mả", "Mã", "Má", "Mạ"]
    assert sorted(reversed(words), key=collation_key) == words


def test_composed_and_decomposed_sort_alike():
    assert sort_key(nfd("Nguyễn Thị Hường")) == sort_key("Nguyễn Thị Hường")


@given(st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ ",
               max_size=30))
def test_fold_is_idempotent_and_ascii(text):
    folded = fold(text)
    assert fold(folded) == folded
    assert folded.isascii()
    assert search_key(nfd(text)) == search_key(text)


def _fold_by_decomposing(text: str) -> str:
    """fold() as first written: every character decomposed and its marks dropped."""
    import unicodedata

    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn").replace("đ", "d")


@given(st.text())
def test_fold_by_table_is_fold_by_decomposing(text):
    from desktop.domain.names import fold

    assert fold(text) == _fold_by_decomposing(text)


def test_fold_of_every_vietnamese_letter():
    import unicodedata

    from desktop.domain.names import fold

    letters = "aàảãáạăằẳẵắặâầẩẫấậeèẻẽéẹêềểễếệiìỉĩíịoòỏõóọôồổỗốộơờởỡớợuùủũúụưừửữứựyỳỷỹýỵđ"
    for form in ("NFC", "NFD"):
        for ch in unicodedata.normalize(form, letters + letters.upper()):
            assert fold(ch) == _fold_by_decomposing(ch)
    assert fold(unicodedata.normalize("NFD", "Nguyễn Thị Hường ĐỨC")) == "nguyen thi huong duc"
