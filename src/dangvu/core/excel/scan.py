"""Streaming scans of a workbook's XML before any reader sees it: the parts are fed to expat a
megabyte at a time, so the scan itself holds nothing but counters, and the first limit crossed
stops it with the FileProblem that names the limit.

An .xlsx: the sheets listed in xl/workbook.xml (MAX_SHEETS), the cell formats of the styles part
(MAX_STYLES), the shared strings (MAX_CELLS), and in every worksheet the declared dimension, the
farthest cell actually present (a cell's `r`, or its place after the previous one when `r` is
left out, as calamine reads it; a cell holding nothing but a style is skipped, as calamine skips
it) and the rows × columns of the range a reader would build.
An .ods: the same, where a row or a cell holding a value counts as often as
table:number-rows-repeated / number-columns-repeated say (calamine expands them into the range),
while the empty repeats LibreOffice writes to the sheet's end count for nothing.
Every part: at most MAX_DEPTH levels of nesting, and no DOCTYPE (so no entity expansion).

It also notes, in the first sheet of an .xlsx, the formula cells saved without a computed value
(a file written by a program, never opened in Excel): calamine gives "" for them, which the
import would call blank."""

import posixpath
import pyexpat
import zipfile

from . import limits

_CHUNK = 1 << 20
_MAIN = ("http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main")
_RELS_NS = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships",
)
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"


class _Refused(Exception):
    """A DOCTYPE or entity declaration: no workbook needs one."""


class _Part:
    """One XML part through expat, with the depth limit; element names come as "uri local"."""

    def __init__(self, name: str):
        self.name, self.depth = name, 0
        self.parser = pyexpat.ParserCreate(namespace_separator=" ")
        self.parser.StartDoctypeDeclHandler = self._refuse
        self.parser.EntityDeclHandler = self._refuse
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end

    def _refuse(self, *args):
        raise _Refused

    def _start(self, tag, attrs):
        self.depth += 1
        if self.depth > limits.MAX_DEPTH:
            raise limits.too_deep(self.name)
        self.element(tag[tag.rfind(" ") + 1 :], attrs)

    def _end(self, tag):
        self.depth -= 1
        self.closed(tag)

    def element(self, local: str, attrs: dict):
        pass

    def closed(self, tag: str):
        pass

    def run(self, z: zipfile.ZipFile, part: str):
        try:
            with z.open(part) as f:
                while chunk := f.read(_CHUNK):
                    self.parser.Parse(chunk, False)
                self.parser.Parse(b"", True)
        except (pyexpat.ExpatError, _Refused, zipfile.BadZipFile, EOFError, ValueError) as e:
            raise limits.damaged(self.name) from e
        return self


def _attr(attrs: dict, local: str, spaces=("",)):
    for ns in spaces:
        value = attrs.get(f"{ns} {local}" if ns else local)
        if value is not None:
            return value
    return None


class _Counter(_Part):
    """How many elements with one of `names` a part holds, refused past `limit`."""

    def __init__(self, name, names: set, limit: int, refusal):
        super().__init__(name)
        self.names, self.limit, self.refusal, self.count = names, limit, refusal, 0

    def element(self, local, attrs):
        if local in self.names:
            self.count += 1
            if self.count > self.limit:
                raise self.refusal(self.count)


class _Extent:
    """The farthest cell of one sheet, checked as it grows."""

    def __init__(self, name: str, sheet: str, max_rows: int):
        self.name, self.sheet, self.max_rows = name, sheet, max_rows
        self.rows = self.cols = 0

    def reach(self, row: int, col: int):
        grew = False
        if row > self.rows:
            self.rows, grew = row, True
        if col > self.cols:
            self.cols, grew = col, True
        if grew:
            if row > self.max_rows + limits.ROW_SLACK or col > limits.MAX_COLUMNS:
                raise limits.too_far(self.name, self.sheet, row, col, self.max_rows)
            if self.rows * self.cols > limits.MAX_CELLS:
                raise limits.too_many_cells(self.name, self.sheet, self.rows, self.cols)


def _ref(ref: str) -> tuple[int, int] | None:
    """ "B7" -> (7, 2); None for anything else."""
    letters = ref.rstrip("0123456789").lstrip("$").upper()
    digits = ref[len(ref.rstrip("0123456789")) :]
    if not letters or not digits or len(letters) > 3 or not letters.isalpha() or not letters.isascii():
        return None
    return int(digits), limits.column_number(letters)


_CELL = frozenset(f"{ns} c" for ns in _MAIN)
_V = frozenset(f"{ns} v" for ns in _MAIN)
_VALUE = frozenset(f"{ns} {local}" for ns in _MAIN for local in ("v", "t", "is", "r", "rPr"))


class _Sheet(_Part):
    """A worksheet: dimension, extent, and (when `formulas` is a dict) the uncomputed formulas."""

    def __init__(self, name, sheet, max_rows, formulas: dict | None):
        super().__init__(name)
        self.extent = _Extent(name, sheet, max_rows)
        self.sheet, self.row, self.col = sheet, 0, 0
        self.formulas, self.cell, self.formula, self.value = formulas, None, None, None
        self.pending = None  # the cell just opened, placed once something is found inside it
        self._columns: dict[str, int] = {}

    def _start(self, tag, attrs):
        # The hot loop (millions of elements): full names compared, no method call for <v>, <t>.
        self.depth += 1
        if self.depth > limits.MAX_DEPTH:
            raise limits.too_deep(self.name)
        if tag in _CELL:
            self.element("c", attrs)
            return
        if self.pending is not None:
            # Something inside the cell (a value, a string, a formula): calamine places the cell in
            # its range. An empty cell that only carries a style is skipped by it, and here.
            self.extent.reach(*self.pending)
            self.pending = None
        if tag not in _VALUE:
            self.element(tag[tag.rfind(" ") + 1 :], attrs)
        elif self.formula is not None and tag in _V:
            self.value = ""
            self.parser.CharacterDataHandler = self._value_text

    def element(self, local, attrs):
        if local == "c":
            ref = attrs.get("r")
            if ref:
                letters = ref.rstrip("0123456789")
                col = self._columns.get(letters)
                if col is None:
                    place = _ref(ref)
                    if place is None:
                        raise limits.damaged(self.name)
                    col = self._columns[letters] = place[1]
                row = int(ref[len(letters) :])
            else:
                row, col = self.row, self.col + 1
            self.col = col
            self.cell = self.pending = (row, col)
            self.formula = self.value = None
        elif local == "row":
            r = attrs.get("r")
            self.row = int(r) if r and r.isdigit() else self.row + 1
            self.col = 0
        elif local == "f" and self.formulas is not None:
            self.formula = ""
            self.parser.CharacterDataHandler = self._formula_text
        elif local == "dimension":
            self._dimension(attrs.get("ref") or "")

    def _formula_text(self, text):
        self.formula += text

    def _value_text(self, text):
        self.value += text

    def _end(self, tag):
        self.depth -= 1
        if self.formula is None:
            return
        self.parser.CharacterDataHandler = None
        if tag in _CELL:
            if not self.value and len(self.formulas) < limits.MAX_CELLS:
                self.formulas[self.cell] = self.formula
            self.formula = None

    def _dimension(self, ref: str):
        corners = [_ref(part) for part in ref.split(":")]
        if not ref or None in corners:
            return  # a malformed dimension is ignored by readers too; the cells themselves are checked
        rows = corners[-1][0] - corners[0][0] + 1
        cols = corners[-1][1] - corners[0][1] + 1
        if cols > limits.MAX_COLUMNS or rows * cols > limits.MAX_CELLS:
            raise limits.bad_dimension(self.name, self.sheet, ref)


class _Workbook(_Part):
    def __init__(self, name):
        super().__init__(name)
        self.sheets: list[tuple[str, str]] = []  # (sheet name, relationship id)

    def element(self, local, attrs):
        if local == "sheet":
            self.sheets.append((attrs.get("name", ""), _attr(attrs, "id", _RELS_NS) or ""))
            if len(self.sheets) > limits.MAX_SHEETS:
                raise limits.too_many_sheets(self.name, len(self.sheets))


class _Relations(_Part):
    def __init__(self, name):
        super().__init__(name)
        self.targets: dict[str, tuple[str, str]] = {}  # id -> (type's last word, part path)

    def element(self, local, attrs):
        if local == "Relationship" and attrs.get("TargetMode") != "External":
            target = attrs.get("Target", "")
            path = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            self.targets[attrs.get("Id", "")] = (attrs.get("Type", "").rsplit("/", 1)[-1], path)


def scan_xlsx(z: zipfile.ZipFile, name: str, max_rows: int) -> dict[tuple[int, int], str]:
    """Raises FileProblem past a limit; returns {(row, column): formula} (1-based) of the first
    sheet's formula cells saved without a computed value."""
    names = set(z.namelist())
    book = _Workbook(name).run(z, "xl/workbook.xml")
    rels_part = "xl/_rels/workbook.xml.rels"
    rels = _Relations(name).run(z, rels_part).targets if rels_part in names else {}
    kinds = {path: kind for kind, path in rels.values()}
    sheets = [(label, rels[rid][1]) for label, rid in book.sheets if rid in rels]
    first = sheets[0][1] if sheets else None
    listed = {path for _label, path in sheets}
    sheets += [(path, path) for path in sorted(names) if path.startswith("xl/worksheets/") and path.endswith(".xml")
               and path not in listed]  # fmt: skip
    styles = [p for p, k in kinds.items() if k == "styles"] or ["xl/styles.xml"]
    strings = [p for p, k in kinds.items() if k == "sharedStrings"] or ["xl/sharedStrings.xml"]
    for part in styles:
        if part in names:
            _Counter(name, {"xf"}, limits.MAX_STYLES, lambda n: limits.too_many_styles(name, n)).run(z, part)
    for part in strings:
        if part in names:
            refusal = lambda n: limits.too_many_cells(name, "chuỗi dùng chung", n, 1)  # noqa: E731
            _Counter(name, {"si"}, limits.MAX_CELLS, refusal).run(z, part)
    formulas: dict = {}
    for label, part in sheets:
        if part in names:
            _Sheet(name, label, max_rows, formulas if part == first else None).run(z, part)
    return formulas


class _Spreadsheet(_Part):
    """An .ods content.xml: every table's extent with the repeats expanded as calamine does."""

    def __init__(self, name, max_rows):
        super().__init__(name)
        self.max_rows, self.tables, self.styles = max_rows, 0, 0
        self.extent, self.row, self.col = None, 0, 0
        self.repeat_rows, self.cell = 1, None  # cell: [columns repeated, holds something, its depth]

    def _repeat(self, attrs, local):
        try:
            n = int(attrs.get(f"{_TABLE} {local}", 1))
        except ValueError:
            raise limits.damaged(self.name) from None
        if n < 1:
            raise limits.damaged(self.name)
        return n

    def element(self, local, attrs):
        if self.cell is not None:
            self.cell[1] = True  # a <text:p> or anything else inside a cell
        elif local in ("table-cell", "covered-table-cell") and self.extent is not None:
            repeat = self._repeat(attrs, "number-columns-repeated")
            self.cell = [repeat, f"{_OFFICE} value-type" in attrs or f"{_TABLE} formula" in attrs, self.depth]
        elif local == "table-row" and self.extent is not None:
            self.repeat_rows, self.col = self._repeat(attrs, "number-rows-repeated"), 0
        elif local == "table":
            self.tables += 1
            if self.tables > limits.MAX_SHEETS:
                raise limits.too_many_sheets(self.name, self.tables)
            label = attrs.get(f"{_TABLE} name", str(self.tables))
            self.extent, self.row = _Extent(self.name, label, self.max_rows), 0
        elif local == "style":
            self.styles += 1
            if self.styles > limits.MAX_STYLES:
                raise limits.too_many_styles(self.name, self.styles)

    def closed(self, tag):
        if self.cell is not None:
            if self.depth < self.cell[2]:  # the cell itself ended, not something inside it
                repeat, holds, _depth = self.cell
                if holds:
                    self.extent.reach(self.row + self.repeat_rows, self.col + repeat)
                self.col += repeat
                self.cell = None
        elif tag == f"{_TABLE} table-row":
            self.row += self.repeat_rows
            self.repeat_rows = 1


def scan_ods(z: zipfile.ZipFile, name: str, max_rows: int):
    """Raises FileProblem past a limit."""
    names = set(z.namelist())
    if "styles.xml" in names:
        _Counter(name, {"style"}, limits.MAX_STYLES, lambda n: limits.too_many_styles(name, n)).run(z, "styles.xml")
    if "content.xml" in names:
        _Spreadsheet(name, max_rows).run(z, "content.xml")
