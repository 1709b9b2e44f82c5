"""Reading an uploaded spreadsheet into rows, refusing anything that is not one with a clear
Vietnamese message (FileProblem) before a single cell is looked at.

What is checked, in order: the size (MAX_BYTES), the extension, the magic bytes against the
extension (an .xlsx is a zip holding xl/workbook.xml; an .ods a zip whose mimetype says so; an
.xls an OLE file), a password (an encrypted .xlsx is an OLE file holding an EncryptedPackage
stream; calamine raises PasswordError for an encrypted .xls), the unpacked size of a zip (so a
small file cannot unpack into gigabytes), and the number of rows (MAX_ROWS).

Rows come back exactly as Excel numbers them: rows[0] is Excel's row 1 (empty rows kept)."""

import io
import zipfile
from pathlib import PurePath

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 200_000
MAX_UNPACKED = 400 * 1024 * 1024
EXTENSIONS = (".xlsx", ".xlsm", ".xls", ".ods")

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
PASSWORD_MESSAGE = "Tệp được đặt mật khẩu; hãy bỏ mật khẩu rồi tải lên lại."


class FileProblem(Exception):
    """The whole file is refused; `message` says why and what to do, in Vietnamese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _looks_like(data: bytes) -> str:
    """What the content is, whatever the name says: 'xlsx', 'ods', 'ole', 'zip' or a guess."""
    if data.startswith(_ZIP):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                names = set(z.namelist())
                if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
                    return "xlsx"
                if "mimetype" in names and b"opendocument.spreadsheet" in z.read("mimetype"):
                    return "ods"
                if "word/document.xml" in names:
                    return "tệp Word (.docx)"
        except zipfile.BadZipFile:
            return "damaged"
        return "tệp nén (.zip)"
    if data.startswith(_OLE):
        return "ole"
    head = data[:512].lstrip().lower()
    if head.startswith(b"%pdf"):
        return "tệp PDF"
    if head.startswith((b"<!doctype html", b"<html", b"<table")):
        return "trang web (HTML)"
    if head.startswith(b"<?xml"):
        return "tệp XML"
    try:
        data[:4096].decode("utf-8")
        return "tệp văn bản (có thể là CSV)"
    except UnicodeDecodeError:
        return "tệp không rõ định dạng"


def check(data: bytes, filename: str) -> str:
    """The checks before reading; returns the extension. Raises FileProblem."""
    name = PurePath(filename or "").name or "tệp"
    if len(data) > MAX_BYTES:
        size = f"{len(data) / 1024 / 1024:.1f}".replace(".", ",")
        raise FileProblem(
            f"Tệp {name} quá lớn ({size} MB); giới hạn là {MAX_BYTES // 1024 // 1024} MB. "
            "Hãy chia thành nhiều tệp nhỏ hơn."
        )
    if not data:
        raise FileProblem(f"Tệp {name} rỗng; hãy chọn đúng tệp Excel.")
    ext = PurePath(name.lower()).suffix
    if ext not in EXTENSIONS:
        raise FileProblem(
            f"Tệp {name} không phải tệp Excel; hãy tải lên tệp .xlsx (hoặc .xls, .ods). "
            "Nếu dữ liệu ở dạng CSV, hãy mở bằng Excel rồi Lưu thành (Save As) Excel Workbook (.xlsx)."
        )
    found = _looks_like(data)
    if found == "damaged":
        raise FileProblem(
            f"Tệp {name} bị hỏng, không mở được; hãy mở bằng Excel, lưu lại rồi tải lên lại (hoặc xin lại tệp gốc)."
        )
    if found == "ole" and _ENCRYPTED_STREAM in data:
        raise FileProblem(PASSWORD_MESSAGE)
    expected = {".xlsx": "xlsx", ".xlsm": "xlsx", ".xls": "ole", ".ods": "ods"}[ext]
    if found != expected:
        what = {"xlsx": "tệp Excel .xlsx", "ods": "tệp .ods", "ole": "tệp Excel cũ (.xls) hoặc Word cũ"}.get(
            found, found
        )
        raise FileProblem(
            f"Tệp {name} có đuôi {ext} nhưng nội dung là {what}, không phải tệp {ext} thật. "
            "Hãy mở tệp bằng Excel rồi Lưu thành (Save As) Excel Workbook (.xlsx) và tải lên lại."
        )
    if found in ("xlsx", "ods"):
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            if sum(i.file_size for i in z.infolist()) > MAX_UNPACKED:
                raise FileProblem(
                    f"Tệp {name} khi giải nén quá lớn (trên {MAX_UNPACKED // 1024 // 1024} MB); "
                    "hãy chia thành nhiều tệp nhỏ hơn."
                )
    return ext


def read_rows(data: bytes, filename: str) -> list[list]:
    """The first sheet's rows, Excel's row n at index n-1. Raises FileProblem."""
    from python_calamine import CalamineWorkbook, PasswordError

    check(data, filename)
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        if not book.sheet_names:
            raise FileProblem("Tệp không có trang tính nào; hãy kiểm tra lại tệp.")
        rows = book.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except FileProblem:
        raise
    except PasswordError as e:
        raise FileProblem(PASSWORD_MESSAGE) from e
    except Exception as e:  # calamine's own errors for a damaged workbook
        if "password" in str(e).lower() or "encrypt" in str(e).lower():
            raise FileProblem(PASSWORD_MESSAGE) from e
        raise FileProblem(
            "Không đọc được tệp (tệp bị hỏng hoặc không đúng định dạng Excel); hãy mở bằng Excel, lưu lại "
            "thành .xlsx rồi tải lên lại."
        ) from e
    while rows and all(v in ("", None) for v in rows[-1]):
        rows.pop()
    if len(rows) > MAX_ROWS + 1:
        count, limit = f"{len(rows) - 1:,}".replace(",", "."), f"{MAX_ROWS:,}".replace(",", ".")
        raise FileProblem(f"Tệp có {count} dòng, vượt giới hạn {limit} dòng một lần nhập; hãy chia thành nhiều tệp.")
    return rows
