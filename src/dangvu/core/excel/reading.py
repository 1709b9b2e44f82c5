"""The one way into an uploaded workbook: `read_upload` / `read_rows` refuse anything that is not
a workbook, or one past the limits (limits.py), with a clear Vietnamese message (FileProblem)
before a reader allocates for it.

What is checked, in order: the size (MAX_BYTES, from the upload's own size, so a larger file is
told its real size), the extension, the magic bytes against the extension (an .xlsx is a zip
holding xl/workbook.xml; an .ods a zip whose mimetype says so; an .xls an OLE file), a password
(an encrypted .xlsx is an OLE file holding an EncryptedPackage stream; calamine raises
PasswordError for an encrypted .xls), the unpacked size of a zip (so a small file cannot unpack
into gigabytes), then the streaming scan of the XML (scan.py: sheets, styles, nesting, the
declared dimension and the real extent). An .xls is a binary format with at most 65.536 × 256
cells: calamine builds its sheet, and the range is checked before it becomes Python rows. Last,
the number of rows (MAX_ROWS).

Rows come back exactly as Excel numbers them: rows[0] is Excel's row 1 (empty rows kept). A
formula cell saved without a computed value comes back as an UncomputedFormula, not as ""."""

import io
import zipfile
from pathlib import PurePath

from . import limits
from .limits import FileProblem
from .scan import scan_ods, scan_xlsx

EXTENSIONS = (".xlsx", ".xlsm", ".xls", ".ods")

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
PASSWORD_MESSAGE = "Tệp được đặt mật khẩu; hãy bỏ mật khẩu rồi tải lên lại."

__all__ = ["FileProblem", "UncomputedFormula", "check", "read_rows", "read_upload"]


class UncomputedFormula:
    """A formula cell whose file holds no computed value (written by a program, never opened in
    Excel). Not blank: the import says what it is and how to fix it."""

    __slots__ = ("formula",)

    def __init__(self, formula: str):
        self.formula = formula

    def __str__(self):
        return f"={self.formula}" if self.formula else "(công thức)"

    def __repr__(self):
        return f"UncomputedFormula({self.formula!r})"

    def __eq__(self, other):
        return isinstance(other, UncomputedFormula) and other.formula == self.formula

    def __hash__(self):
        return hash(self.formula)


FORMULA_HINT = (
    "hãy mở tệp bằng Excel rồi lưu lại (Excel sẽ tính giá trị), hoặc chép rồi Dán giá trị (Paste Values) "
    "vào ô, rồi tải lên lại"
)


def _name(filename: str) -> str:
    return PurePath(filename or "").name or "tệp"


def _too_large(name: str, size: int | None) -> FileProblem:
    shown = f"{limits.megabytes(size)} MB" if size else f"trên {limits.MAX_BYTES // 1024 // 1024} MB"
    return FileProblem(
        f"Tệp {name} quá lớn ({shown}); giới hạn là {limits.MAX_BYTES // 1024 // 1024} MB. "
        "Hãy chia thành nhiều tệp nhỏ hơn."
    )


def read_upload(upload) -> bytes:
    """The bytes of an uploaded file (Django's UploadedFile), refused by its real size first:
    nothing past the limit is read into memory."""
    size = getattr(upload, "size", None)
    if size is not None and size > limits.MAX_BYTES:
        raise _too_large(_name(upload.name), size)
    data = upload.read(limits.MAX_BYTES + 1)
    if len(data) > limits.MAX_BYTES:
        raise _too_large(_name(upload.name), size if size and size > limits.MAX_BYTES else None)
    return data


def _looks_like(data: bytes) -> str:
    """What the content is, whatever the name says: 'xlsx', 'ods', 'ole', 'zip' or a guess."""
    if data.startswith(_ZIP):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                names = set(z.namelist())
                if "xl/workbook.xml" in names:
                    return "xlsx"
                if "xl/workbook.bin" in names:
                    return "tệp Excel nhị phân (.xlsb)"
                if "mimetype" in names and b"opendocument.spreadsheet" in z.read("mimetype")[:200]:
                    return "ods"
                if "word/document.xml" in names:
                    return "tệp Word (.docx)"
        except (zipfile.BadZipFile, EOFError, ValueError):
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


def check(data: bytes, filename: str, *, max_rows: int | None = None) -> tuple[str, dict]:
    """Every check before a reader runs: (the extension, the uncomputed formulas of the first
    sheet as {(row, column): formula}). Raises FileProblem."""
    name = _name(filename)
    max_rows = limits.MAX_ROWS if max_rows is None else max_rows
    if len(data) > limits.MAX_BYTES:
        raise _too_large(name, len(data))
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
        raise limits.damaged(name)
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
    if found not in ("xlsx", "ods"):
        return ext, {}
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        if sum(i.file_size for i in z.infolist()) > limits.MAX_UNPACKED:
            raise FileProblem(
                f"Tệp {name} khi giải nén quá lớn (trên {limits.MAX_UNPACKED // 1024 // 1024} MB); "
                "hãy chia thành nhiều tệp nhỏ hơn."
            )
        if found == "ods":
            scan_ods(z, name, max_rows)
            return ext, {}
        return ext, scan_xlsx(z, name, max_rows)


def read_rows(data: bytes, filename: str, *, max_rows: int | None = None) -> list[list]:
    """The first sheet's rows, Excel's row n at index n-1. Raises FileProblem."""
    from python_calamine import CalamineWorkbook, PasswordError

    name = _name(filename)
    max_rows = limits.MAX_ROWS if max_rows is None else max_rows
    _ext, formulas = check(data, filename, max_rows=max_rows)
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        if not book.sheet_names:
            raise FileProblem("Tệp không có trang tính nào; hãy kiểm tra lại tệp.")
        if len(book.sheet_names) > limits.MAX_SHEETS:  # an .xls: its sheets are listed, not scanned
            raise limits.too_many_sheets(name, len(book.sheet_names))
        sheet = book.get_sheet_by_index(0)
        # The range an .xls builds is bounded by the format; it is checked before it is copied
        # into Python objects, which cost several times more than calamine's own cells.
        height, width = sheet.height, sheet.width
        if width > limits.MAX_COLUMNS or height > max_rows + limits.ROW_SLACK:
            raise limits.too_far(name, sheet.name, height, width, max_rows)
        if height * width > limits.MAX_CELLS:
            raise limits.too_many_cells(name, sheet.name, height, width)
        rows = sheet.to_python(skip_empty_area=False)
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
    for (row, col), formula in formulas.items():
        if row <= len(rows) and col <= len(rows[row - 1]) and rows[row - 1][col - 1] in ("", None):
            rows[row - 1][col - 1] = UncomputedFormula(formula)
    while rows and all(v in ("", None) for v in rows[-1]):
        rows.pop()
    if len(rows) > max_rows + 1:
        count, limit = limits.number(len(rows) - 1), limits.number(max_rows)
        raise FileProblem(f"Tệp có {count} dòng, vượt giới hạn {limit} dòng một lần nhập; hãy chia thành nhiều tệp.")
    return rows
