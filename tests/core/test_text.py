import unicodedata

from dangvu.core.dates import format_place_date, whole_months_between
from dangvu.core.text import clean, name_sort_key, search_key, sort_key, split_name, unaccent

from ..conftest import D


def test_unaccent_forgives_diacritics_and_d_with_stroke():
    assert unaccent("Định Công") == "dinh cong"
    assert unaccent("NGUYỄN  Văn   Ấn") == "nguyen van an"


def test_decomposed_input_is_stored_composed():
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Hằng")
    assert nfd != "Nguyễn Thị Hằng"
    assert clean(nfd) == "Nguyễn Thị Hằng"
    assert search_key(nfd) == search_key("Nguyễn Thị Hằng")


def test_search_key_matches_word_starts_only():
    key = search_key("Hoàng Thị Lan")
    assert " lan" in key and " hoang" in key
    assert " an" not in key  # "an" inside "Lan" or "Hoàng" is not a word start


def test_vietnamese_alphabetical_order():
    words = ["Ư", "Dũng", "Ấn", "Đỗ", "Bình", "Ơn", "Anh", "O", "Ăn", "Ô", "Uy", "Ân"]
    expected = ["Anh", "Ăn", "Ân", "Ấn", "Bình", "Dũng", "Đỗ", "O", "Ô", "Ơn", "Uy", "Ư"]
    assert sorted(words, key=sort_key) == expected


def test_names_sort_by_given_then_middle_then_family():
    names = ["Trần Văn Bình", "Nguyễn Thị An", "Lê Văn An", "Đỗ An"]
    assert sorted(names, key=name_sort_key) == ["Đỗ An", "Nguyễn Thị An", "Lê Văn An", "Trần Văn Bình"]
    assert split_name("Nguyễn Thị Minh Khai") == ("Nguyễn", "Thị Minh", "Khai")


def test_age_in_months_and_document_date_line():
    assert whole_months_between(D(2000, 3, 15), D(2018, 3, 14)) == 215
    assert whole_months_between(D(2000, 3, 15), D(2018, 3, 15)) == 216
    assert format_place_date("Hoàng Mai", D(2017, 1, 12)) == "Hoàng Mai, ngày 12 tháng 01 năm 2017"


def test_control_characters_pasted_into_a_name_are_dropped():
    # PostgreSQL refuses NUL in a text column; a cell copied from another program may carry one.
    assert clean("Nguy\x00ễn\tVăn\x0cAn\x1f ") == "Nguyễn Văn An"


def test_a_text_of_several_lines_keeps_its_lines():
    from dangvu.core.text import clean_multiline

    pasted = "  Kết luận:\r\n1. Chi bộ  thực hiện tốt.\r\n\r\n\r\n2. Cần khắc phục\x00 hạn chế.  \n"
    assert clean_multiline(pasted) == "Kết luận:\n1. Chi bộ thực hiện tốt.\n\n2. Cần khắc phục hạn chế."
    assert clean_multiline("Nguye\x00\u0302\u0303n") == "Nguyễn" == clean("Nguye\x00\u0302\u0303n")  # composed
