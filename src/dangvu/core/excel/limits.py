"""The limits every workbook read is held to, and the one error a refused file raises.

Each limit is checked before a reader allocates for it (see scan.py): calamine builds one dense
range from the first to the farthest cell, so one cell at XFD1048576 asks for 17 billion cells.
The numbers leave room for the largest legitimate file (an import of MAX_ROWS members in about
35 columns is 7 million cells)."""

from dangvu.core.numbers import format_int

MAX_BYTES = 20 * 1024 * 1024  # the uploaded file
MAX_UNPACKED = 400 * 1024 * 1024  # a zip's parts, once unpacked
MAX_ROWS = 200_000  # data rows in one import
ROW_SLACK = 100  # title and header rows above the data
MAX_COLUMNS = 1_000
MAX_CELLS = 8_000_000  # rows × columns of the range a reader builds
MAX_SHEETS = 100
MAX_STYLES = 64_000  # Excel's own limit on distinct cell formats
MAX_DEPTH = 64  # XML nesting; a real sheet needs fewer than 10


class FileProblem(Exception):
    """The whole file is refused; `message` says why and what to do, in Vietnamese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


number = format_int  # 1.048.576: Vietnamese thousands separator


def megabytes(n: int) -> str:
    return f"{n / 1024 / 1024:.1f}".replace(".", ",")


def column_letters(n: int) -> str:
    """1 -> A, 16384 -> XFD."""
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def column_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def too_far(name: str, sheet: str, row: int, col: int, max_rows: int) -> FileProblem:
    return FileProblem(
        f"Tệp {name}: trang “{sheet}” có ô {column_letters(col)}{row} (dòng {number(row)}, cột {number(col)}), "
        f"vượt giới hạn {number(max_rows + ROW_SLACK)} dòng và {number(MAX_COLUMNS)} cột. Có thể có ô bị ghi nhầm "
        "ở xa vùng dữ liệu: hãy xóa các dòng, cột thừa (hoặc chép riêng vùng dữ liệu sang tệp mới) rồi tải lên lại."
    )


def too_many_cells(name: str, sheet: str, rows: int, cols: int) -> FileProblem:
    return FileProblem(
        f"Tệp {name}: vùng dữ liệu của trang “{sheet}” rộng {number(rows)} dòng × {number(cols)} cột = "
        f"{number(rows * cols)} ô, vượt giới hạn {number(MAX_CELLS)} ô. Hãy xóa các dòng, cột thừa hoặc chia "
        "thành nhiều tệp nhỏ hơn."
    )


def bad_dimension(name: str, sheet: str, ref: str) -> FileProblem:
    return FileProblem(
        f"Tệp {name}: trang “{sheet}” khai báo vùng dữ liệu {ref}, vượt giới hạn {number(MAX_CELLS)} ô "
        f"({number(MAX_COLUMNS)} cột). Hãy mở tệp bằng Excel, xóa các dòng, cột thừa, lưu lại rồi tải lên lại."
    )


def too_many_sheets(name: str, count: int) -> FileProblem:
    return FileProblem(
        f"Tệp {name} có {number(count)} trang tính, vượt giới hạn {MAX_SHEETS} trang. Hãy chép trang cần "
        "nhập sang một tệp mới rồi tải lên tệp đó."
    )


def too_many_styles(name: str, count: int) -> FileProblem:
    return FileProblem(
        f"Tệp {name} có {number(count)} kiểu định dạng ô, vượt giới hạn {number(MAX_STYLES)}. Hãy chép dữ liệu "
        "sang một tệp mới bằng Dán giá trị (Paste Values) rồi tải lên tệp đó."
    )


def too_deep(name: str) -> FileProblem:
    return FileProblem(
        f"Tệp {name} có cấu trúc lồng nhau quá sâu (trên {MAX_DEPTH} tầng), không phải tệp Excel thông thường. "
        "Hãy mở tệp bằng Excel, lưu lại thành .xlsx rồi tải lên lại."
    )


def damaged(name: str) -> FileProblem:
    return FileProblem(
        f"Tệp {name} bị hỏng, không mở được; hãy mở bằng Excel, lưu lại rồi tải lên lại (hoặc xin lại tệp gốc)."
    )
