"""Files that are not what they claim, too large, locked or empty: each refused with a message a
clerk can act on, before anything is read."""

import io
import zipfile

import pytest

from dangvu.core.excel import limits
from dangvu.core.excel.reading import FileProblem, read_rows

from .helpers import xlsx


def _refused(data: bytes, name: str) -> str:
    with pytest.raises(FileProblem) as e:
        read_rows(data, name)
    return e.value.message


def test_rows_keep_excels_numbering_empty_rows_included():
    rows = read_rows(xlsx([["Tiêu đề"], [], ["Họ và tên"], ["Nguyễn Văn An"]]), "a.xlsx")
    assert rows[3][0] == "Nguyễn Văn An"  # Excel's row 4


def test_a_csv_renamed_to_xlsx_is_refused_plainly():
    message = _refused("Họ và tên;Ngày sinh\nNguyễn Văn An;17/05/1985\n".encode(), "ds.xlsx")
    assert message.startswith("Tệp ds.xlsx có đuôi .xlsx nhưng nội dung là tệp văn bản (có thể là CSV)")
    assert "Lưu thành (Save As) Excel Workbook (.xlsx)" in message


@pytest.mark.parametrize(
    "data, what",
    [(b"%PDF-1.7 ...", "tệp PDF"), (b"<html><table><tr><td>1</td></tr></table></html>", "trang web (HTML)")],
)
def test_a_pdf_or_a_web_page_saved_as_xls_is_named_for_what_it_is(data, what):
    assert f"nội dung là {what}" in _refused(data, "bao-cao.xls")


def test_a_zip_that_is_not_a_workbook_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("word/document.xml", "<w/>")
    assert "nội dung là tệp Word (.docx)" in _refused(out.getvalue(), "ds.xlsx")


def test_an_xlsx_named_xls_is_refused_rather_than_guessed():
    assert "có đuôi .xls nhưng nội dung là tệp Excel .xlsx" in _refused(xlsx([["a"]]), "ds.xls")


def test_another_extension_is_refused():
    assert _refused(b"a,b\n1,2\n", "ds.csv").startswith("Tệp ds.csv không phải tệp Excel")


def test_a_password_protected_workbook_asks_for_the_password_to_be_removed():
    # An encrypted .xlsx is an OLE compound file holding the EncryptedPackage stream.
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 512
    assert _refused(ole, "ds.xlsx") == "Tệp được đặt mật khẩu; hãy bỏ mật khẩu rồi tải lên lại."
    assert _refused(ole, "ds.xls") == "Tệp được đặt mật khẩu; hãy bỏ mật khẩu rồi tải lên lại."


def test_a_damaged_workbook_is_refused():
    data = xlsx([["a"]] * 50)
    assert _refused(data[: len(data) // 2], "ds.xlsx").startswith("Tệp ds.xlsx bị hỏng, không mở được")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("xl/workbook.xml", "không phải XML")
    assert _refused(out.getvalue(), "ds.xlsx").startswith("Tệp ds.xlsx bị hỏng, không mở được")


def test_a_file_over_the_size_limit_is_refused_with_the_limit():
    message = _refused(xlsx([["a"]]) + b"\0" * limits.MAX_BYTES, "lon.xlsx")
    assert message.startswith("Tệp lon.xlsx quá lớn (20,0 MB); giới hạn là 20 MB.")


def test_a_sheet_over_the_row_limit_is_refused(monkeypatch):
    monkeypatch.setattr(limits, "MAX_ROWS", 10)
    message = _refused(xlsx([["Họ và tên"]] + [["Nguyễn Văn An"]] * 11), "dai.xlsx")
    assert message == "Tệp có 11 dòng, vượt giới hạn 10 dòng một lần nhập; hãy chia thành nhiều tệp."


def test_an_empty_file_is_refused():
    assert "rỗng" in _refused(b"", "ds.xlsx")
