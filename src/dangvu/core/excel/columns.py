"""The columns of an import and how one cell becomes a value (declared by each area in its
<area>/excel.py, used by the imports machinery).

A column declares its Vietnamese header, the service field it feeds, its type, whether it is
required, and an example for the template. `parse` turns whatever Excel gave (a string typed any
way, a number, a date, a datetime) into the value, or raises CellError with a Vietnamese message
that says what is wrong and how to write it; the engine puts "Dòng n, cột X:" in front.
"""

import datetime as dt
import functools
import math
import re
from dataclasses import dataclass, field

from dangvu.core.dates import format_date
from dangvu.core.text import clean, unaccent

from .reading import FORMULA_HINT, UncomputedFormula

TEXT, DIGITS, DATE, INT, BOOL = "text", "digits", "date", "int", "bool"
CHOICE, UNIT, MEMBER = "choice", "unit", "member"
DATE_HINT = "nhập theo dạng ngày/tháng/năm, ví dụ 31/12/2016"
_DATE_RE = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})$")
_ISO_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T][\d:.]+)?$")
_YES = {"co", "x", "yes", "true", "1", "dung", "c"}
_NO = {"khong", "no", "false", "0", "k", "sai"}


class CellError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    type: str = TEXT
    required: bool = False
    example: object = ""
    hint: str = ""
    choices: tuple = ()  # (value, label) pairs for CHOICE
    aliases: tuple = ()  # other headers clerks use for the same thing
    past: bool = False  # a DATE that cannot be in the future
    pad: int = 0  # DIGITS: zeros Excel dropped from a number typed into a cell (citizen IDs)
    extra: dict = field(default_factory=dict, compare=False, hash=False)


def is_blank(value) -> bool:
    return (
        value is None
        or (isinstance(value, str) and not value.strip())
        or (isinstance(value, float) and math.isnan(value))
    )


def shown(value) -> str:
    """A cell as the clerk typed it, for messages and previews."""
    if is_blank(value):
        return ""
    if isinstance(value, dt.datetime):
        return format_date(value.date()) if not (value.hour or value.minute) else value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return clean(str(value))


def _text(col: Column, value) -> str:
    text = shown(value)
    if col.pad and isinstance(value, (int, float)) and text.isdigit() and len(text) < col.pad:
        text = text.zfill(col.pad)  # Excel turned 001190000777 into the number 1190000777
    return text


def _date(col: Column, value, today: dt.date) -> dt.date:
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        raise CellError(f"{shown(value)} là một số, không phải ngày; {DATE_HINT}.")
    else:
        text = clean(str(value))
        m, iso = _DATE_RE.match(text), _ISO_RE.match(text)
        if m:
            d, mo, y = (int(x) for x in m.groups())
        elif iso:
            y, mo, d = (int(x) for x in iso.groups())
        else:
            raise CellError(f"{text} không phải ngày; {DATE_HINT}.")
        try:
            day = dt.date(y, mo, d)
        except ValueError:
            raise CellError(f"{text} không phải ngày có thật; {DATE_HINT}.") from None
    if day.year < 1900:
        raise CellError(f"{format_date(day)} không hợp lệ (trước năm 1900); hãy kiểm tra lại.")
    if col.past and day > today:
        raise CellError(f"{format_date(day)} ở tương lai; hãy nhập ngày đã diễn ra.")
    return day


def _int(col: Column, value) -> int:
    if isinstance(value, bool):
        raise CellError(f"{shown(value)} không phải số nguyên; hãy nhập một số, ví dụ {col.example or 10}.")
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise CellError(f"{shown(value)} không phải số nguyên; hãy nhập số không có phần lẻ.")
        number = int(value)
    else:
        text = clean(str(value)).replace(" ", "")
        # 10.600 or 10,600: Vietnamese and English thousands separators
        if not re.fullmatch(r"-?\d{1,3}([.,]\d{3})+|-?\d+", text):
            raise CellError(f"{text} không phải số nguyên; hãy nhập một số, ví dụ {col.example or 10}.")
        number = int(text.replace(".", "").replace(",", ""))
    if number < 0:
        raise CellError(f"{number} là số âm; hãy nhập số không âm.")
    return number


def _bool(col: Column, value) -> bool:
    if isinstance(value, bool):
        return value
    key = unaccent(shown(value))
    if key in _YES:
        return True
    if key in _NO:
        return False
    raise CellError(f"{shown(value)} không hợp lệ; hãy ghi Có hoặc Không.")


def _choice(col: Column, value) -> str:
    code = _choice_code(col.choices, unaccent(shown(value)))
    if code is None:
        allowed = ", ".join(label for _code, label in col.choices)
        raise CellError(f"{shown(value)} không có trong danh sách; hãy chọn một trong: {allowed}.")
    return code


@functools.lru_cache(maxsize=1024)
def _choice_code(choices: tuple, key: str) -> str | None:
    # Cached: a file repeats the same few values ("Nam", "Nữ") in every row.
    for code, label in choices:
        if key in (unaccent(label), unaccent(code)):
            return code
    return None


def parse(col: Column, value, ctx):
    """The value of one non-blank cell; raises CellError."""
    if value.__class__ is str and (col.type == TEXT or col.type == DIGITS):
        # _text of a text cell, without its checks for numbers (an import parses millions of these).
        text = clean(value)
        return text if col.type == TEXT else text.replace(" ", "")
    if isinstance(value, UncomputedFormula):
        raise CellError(f"ô là công thức {value} chưa có giá trị tính sẵn (không phải ô trống); {FORMULA_HINT}.")
    if col.type == TEXT:
        return _text(col, value)
    if col.type == DIGITS:
        return _text(col, value).replace(" ", "")
    if col.type == DATE:
        return _date(col, value, ctx.today)
    if col.type == INT:
        return _int(col, value)
    if col.type == BOOL:
        return _bool(col, value)
    if col.type == CHOICE:
        return _choice(col, value)
    if col.type == UNIT:
        return ctx.unit(shown(value))
    if col.type == MEMBER:
        return ctx.member(shown(value))
    raise ValueError(col.type)


def example_text(col: Column) -> object:
    """The example as the template writes it (dates as dd/mm/yyyy text so no locale turns them)."""
    if isinstance(col.example, dt.date):
        return format_date(col.example)
    return col.example
