"""Property-based tests of the parsers: whatever a cell holds, the importer answers with per-row
messages and never crashes; decomposed and composed Vietnamese are the same; every date either
parses to itself or is refused in words; any text written to Excel comes back as the same text."""

import datetime as dt
import io
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from dangvu.core.excel.columns import DATE, TEXT, CellError, Column, parse
from dangvu.core.excel.writing import Book
from dangvu.imports import engine
from dangvu.imports.importers import IMPORTERS

VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
words = st.text(alphabet=VIETNAMESE + VIETNAMESE.upper() + " ", min_size=1, max_size=30)
cells = st.one_of(
    st.none(),
    st.text(max_size=40),
    words,
    words.map(lambda w: unicodedata.normalize("NFD", w)),
    st.sampled_from(["=1+1", "+84", "-5", "@A1", "31/02/1990", "29/02/2001", "00/00/0000", "1.200", "Có", "Nam", "A1"]),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    st.datetimes(min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 12, 31)),
)
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.mark.parametrize("kind", sorted(IMPORTERS))
def test_random_cells_in_every_column_give_row_messages_never_a_crash(kind, ctx, tree):
    importer = IMPORTERS[kind]
    header = [c.header for c in importer.columns]
    mapping = engine.propose_mapping(header, importer)
    context = ctx(tree.a)

    @FUZZ
    @given(st.lists(st.lists(cells, min_size=len(header), max_size=len(header)), min_size=1, max_size=4))
    def check(rows):
        result = engine.run(importer, [header, *rows], mapping, context, header_index=0)
        assert not result.file_errors
        for r in result.rows:
            assert all(m.startswith(f"Dòng {r.number}") for m in r.errors)

    check()


NAME = Column("Họ và tên", "full_name", TEXT)


class _Ctx:
    today = dt.date(2017, 1, 1)


@given(words)
def test_decomposed_and_composed_text_parse_to_the_same_value(text):
    nfd, nfc = unicodedata.normalize("NFD", text), unicodedata.normalize("NFC", text)
    assert parse(NAME, nfd, _Ctx) == parse(NAME, nfc, _Ctx)
    assert unicodedata.is_normalized("NFC", parse(NAME, nfd, _Ctx))


@given(st.sampled_from([c for imp in IMPORTERS.values() for c in imp.columns if c.choices]), st.data())
def test_a_choice_typed_in_decomposed_unicode_is_the_same_choice(col, data):
    code, label = data.draw(st.sampled_from(col.choices))
    assert parse(col, unicodedata.normalize("NFD", label), _Ctx) == code
    assert parse(col, label.upper(), _Ctx) == code


BIRTH = Column("Ngày sinh", "birth_date", DATE, past=True)


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2016, 12, 31)))
def test_a_date_written_any_usual_way_is_that_date(day):
    for text in (f"{day:%d/%m/%Y}", f"{day.day}/{day.month}/{day.year}", f"{day:%d-%m-%Y}", f"{day:%d.%m.%Y}",
                 day.isoformat(), day, dt.datetime(day.year, day.month, day.day)):  # fmt: skip
        assert parse(BIRTH, text, _Ctx) == day


@given(st.integers(1900, 2016), st.integers(1, 12), st.integers(1, 31))
def test_a_day_that_does_not_exist_is_refused_in_words(year, month, day):
    try:
        real = dt.date(year, month, day)
    except ValueError:
        with pytest.raises(CellError, match="không phải ngày có thật; nhập theo dạng ngày/tháng/năm"):
            parse(BIRTH, f"{day:02d}/{month:02d}/{year}", _Ctx)
    else:
        assert parse(BIRTH, f"{day:02d}/{month:02d}/{year}", _Ctx) == real


@given(st.dates(min_value=dt.date(2017, 1, 2), max_value=dt.date(9999, 12, 31)))
def test_a_future_date_is_refused(day):
    with pytest.raises(CellError, match="ở tương lai"):
        parse(BIRTH, day, _Ctx)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=60), min_size=1,
                max_size=8))  # fmt: skip
def test_any_text_written_to_excel_reads_back_as_the_same_text_never_a_formula(texts):
    book = Book()
    ws = book.sheet("T", ["Cột"])
    for r, text in enumerate(texts, start=1):
        book.cell(ws, r, 0, text)
    sheet = load_workbook(io.BytesIO(book.bytes())).active
    for r, text in enumerate(texts, start=2):
        cell = sheet.cell(r, 1)
        assert (cell.value or "") == text
        assert cell.data_type != "f"
