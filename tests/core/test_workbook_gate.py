"""The workbook gate (core.excel): hostile files built byte by byte, each refused with the message
that names its limit, before the reader (calamine) is even opened — and by every upload path,
the import and the review upload alike. A file within the limits still reads."""

import io
import zipfile

import pytest
import python_calamine
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from dangvu.accounts.models import Role
from dangvu.core.excel import limits
from dangvu.core.excel.reading import FileProblem, UncomputedFormula, read_rows
from dangvu.reviews.models import MemberResult
from dangvu.reviews.services import review_cycle_open

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
TYPES = (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>'
)
HEADER = '<row r="1"><c r="A1" t="inlineStr"><is><t>Họ và tên</t></is></c></row>'


def xlsx(sheet_data: str, *, dimension: str = "", sheets: int = 1, styles: str = "", cell: str = "") -> bytes:
    """A minimal .xlsx written part by part, so a test can put anything in it."""
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    listed = "".join(f'<sheet name="T{i}" sheetId="{i}" r:id="rId{i}"/>' for i in range(1, sheets + 1))
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
        for i in range(1, sheets + 1)
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", TYPES)
        z.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr("xl/workbook.xml", f'<workbook xmlns="{MAIN}" xmlns:r="{RELS}"><sheets>{listed}</sheets></workbook>')
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}'
            "</Relationships>",
        )
        z.writestr(
            "xl/worksheets/sheet1.xml",
            f'<worksheet xmlns="{MAIN}">{dim}<sheetData>{sheet_data}</sheetData></worksheet>',
        )
        if styles:
            z.writestr("xl/styles.xml", f'<styleSheet xmlns="{MAIN}">{styles}</styleSheet>')
    return out.getvalue()  # fmt: skip


def ods(rows: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("META-INF/manifest.xml", (
            '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
            '<manifest:file-entry manifest:full-path="/" '
            'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>'
        ))  # fmt: skip
        z.writestr("content.xml", (
            '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
            'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
            f'<table:table table:name="T1">{rows}</table:table></office:spreadsheet></office:body>'
            "</office:document-content>"
        ))  # fmt: skip
    return out.getvalue()


VALUE = '<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>'


class ReaderReached(BaseException):
    pass


@pytest.fixture
def reader_never_opens(monkeypatch):
    """A refusal must come before calamine builds anything: opening the file fails the test."""

    def opened(*args, **kwargs):
        raise ReaderReached  # not an Exception: the gate's "damaged file" handler cannot swallow it

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_filelike", opened)


def refused(data: bytes, name: str = "ds.xlsx") -> str:
    with pytest.raises(FileProblem) as e:
        read_rows(data, name)
    return e.value.message


def test_one_far_cell_is_refused_by_its_address(reader_never_opens):
    data = xlsx(HEADER + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')
    assert len(data) < 6_000  # the probe's file was 5,8 KB and asked for 512 GB
    message = refused(data)
    assert message.startswith("Tệp ds.xlsx: trang “T1” có ô XFD1048576 (dòng 1.048.576, cột 16.384), vượt giới hạn")
    assert "hãy xóa các dòng, cột thừa" in message
    # Row 199.001, column 2.001 (12,7 GB in the probe): refused by its column.
    far = xlsx(HEADER + '<row><c r="BXY199001"><v>1</v></c></row>')
    assert "có ô BXY199001 (dòng 199.001, cột 2.001)" in refused(far)


def test_cells_without_addresses_are_placed_as_the_reader_places_them(reader_never_opens):
    # No r attribute: each cell is the one after the previous, as calamine counts them.
    wide = "<row>" + "<c><v>1</v></c>" * (limits.MAX_COLUMNS + 1) + "</row>"
    assert f"cột {limits.number(limits.MAX_COLUMNS + 1)}" in refused(xlsx(wide))


def test_a_far_cell_holding_only_a_style_is_not_counted():
    # Excel writes formatted empty cells; calamine skips them, so they cost nothing.
    assert read_rows(xlsx(HEADER + '<row r="1048576"><c r="XFD1048576" s="1"/></row>'), "ds.xlsx") == [["Họ và tên"]]


def test_a_huge_declared_dimension_is_refused(reader_never_opens):
    message = refused(xlsx(HEADER, dimension="A1:XFD1048576"))
    assert message.startswith("Tệp ds.xlsx: trang “T1” khai báo vùng dữ liệu A1:XFD1048576, vượt giới hạn 8.000.000 ô")


def test_a_range_of_too_many_cells_is_refused(reader_never_opens):
    # Within the row and column limits each, but the rectangle is 10.000 × 900 = 9 million cells.
    message = refused(xlsx(HEADER + '<row r="10000"><c r="AHP10000"><v>1</v></c></row>'))
    assert "rộng 10.000 dòng × 900 cột = 9.000.000 ô, vượt giới hạn 8.000.000 ô" in message


def test_too_many_sheets_are_refused(reader_never_opens):
    message = refused(xlsx(HEADER, sheets=limits.MAX_SHEETS + 1))
    assert message.startswith(f"Tệp ds.xlsx có {limits.MAX_SHEETS + 1} trang tính, vượt giới hạn {limits.MAX_SHEETS}")


def test_too_many_styles_are_refused(reader_never_opens):
    styles = f'<cellXfs count="{limits.MAX_STYLES + 1}">' + "<xf/>" * (limits.MAX_STYLES + 1) + "</cellXfs>"
    message = refused(xlsx(HEADER, styles=styles))
    assert message.startswith("Tệp ds.xlsx có 64.001 kiểu định dạng ô, vượt giới hạn 64.000")


def test_deep_xml_is_refused(reader_never_opens):
    deep = "<x>" * (limits.MAX_DEPTH + 1) + "</x>" * (limits.MAX_DEPTH + 1)
    message = refused(xlsx(f'<row r="1"><c r="A1"><v>1</v>{deep}</c></row>'))
    assert message.startswith("Tệp ds.xlsx có cấu trúc lồng nhau quá sâu (trên 64 tầng)")


def test_a_doctype_is_refused_as_damage(reader_never_opens):
    data = xlsx(HEADER)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as z:
        for item in src.infolist():
            body = src.read(item)
            if item.filename == "xl/workbook.xml":
                body = b'<!DOCTYPE w [<!ENTITY a "aaaa">]>' + body
            z.writestr(item, body)
    assert refused(out.getvalue()).startswith("Tệp ds.xlsx bị hỏng")


def test_the_ods_repeat_trick_is_refused(reader_never_opens):
    # One row holding a value, repeated a million times: calamine expands it into a million rows.
    rows = f'<table:table-row>{VALUE}</table:table-row><table:table-row table:number-rows-repeated="1000000">' \
           f'{VALUE}</table:table-row>'  # fmt: skip
    assert "có ô A1000001 (dòng 1.000.001, cột 1), vượt giới hạn" in refused(ods(rows), "ds.ods")
    wide = '<table:table-row table:number-rows-repeated="10000"><table:table-cell office:value-type="string" ' \
           'table:number-columns-repeated="900"><text:p>x</text:p></table:table-cell></table:table-row>'  # fmt: skip
    assert "10.000 dòng × 900 cột = 9.000.000 ô" in refused(ods(wide), "ds.ods")


def test_the_empty_repeats_libreoffice_writes_are_not_counted():
    # LibreOffice ends every sheet with the rest of the grid as repeated empty cells.
    rows = f'<table:table-row>{VALUE}<table:table-cell table:number-columns-repeated="1023"/></table:table-row>' \
           '<table:table-row table:number-rows-repeated="1048575"><table:table-cell ' \
           'table:number-columns-repeated="1024"/></table:table-row>'  # fmt: skip
    assert read_rows(ods(rows), "ds.ods") == [["x"]]


def test_a_file_at_the_column_limit_reads():
    row = "".join(f'<c r="{limits.column_letters(c)}1"><v>{c}</v></c>' for c in range(1, limits.MAX_COLUMNS + 1))
    assert len(read_rows(xlsx(f'<row r="1">{row}</row>'), "ds.xlsx")[0]) == limits.MAX_COLUMNS


def test_a_formula_without_a_computed_value_is_not_blank():
    # openpyxl writes formulas without their value, as any program but Excel does.
    wb = Workbook()
    wb.active.append(["Họ và tên", "Ngày sinh"])
    wb.active.append(['=CONCAT("Nguyễn ","Văn An")', "17/05/1985"])
    out = io.BytesIO()
    wb.save(out)
    rows = read_rows(out.getvalue(), "ds.xlsx")
    assert rows[1] == [UncomputedFormula('CONCAT("Nguyễn ","Văn An")'), "17/05/1985"]


# --- every upload path ---------------------------------------------------------------------------

FAR = xlsx(HEADER + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')


@pytest.fixture
def uploads(settings, tmp_path, client, tree, make_user, actor):
    """post(data, name) to the import page and to the review upload, each returning the page."""
    settings.DATA_DIR = tmp_path
    client.force_login(make_user(Role.GRASSROOTS, tree.a))
    cycle = review_cycle_open(actor=actor, committee=tree.hm, year=2016)

    def to_import(data, name):
        file = SimpleUploadedFile(name, data)
        return client.post("/nhap-du-lieu/", {"kind": "members", "unit": tree.a1.code, "action": "upload",
                                              "file": file}).content.decode()  # fmt: skip

    def to_review(data, name):
        file = SimpleUploadedFile(name, data)
        base = f"/danh-gia/{cycle.pk}/to-chuc/{tree.a.pk}/"
        return client.post(base + "tai-len/", {"file": file, "stage": "decision"}, follow=True).content.decode()

    return {"import": to_import, "review": to_review}


@pytest.mark.parametrize("path", ["import", "review"])
def test_every_upload_path_refuses_the_far_cell_before_reading(uploads, path, reader_never_opens):
    page = uploads[path](FAR, "ds.xlsx")
    assert "có ô XFD1048576 (dòng 1.048.576, cột 16.384), vượt giới hạn" in page
    assert not MemberResult.objects.exists()


@pytest.mark.parametrize("path", ["import", "review"])
def test_a_30_mb_upload_is_told_its_real_size(uploads, path, reader_never_opens):
    page = uploads[path](b"PK\x03\x04" + b"\0" * (30 * 1024 * 1024), "lon.xlsx")
    assert "Tệp lon.xlsx quá lớn (30,0 MB); giới hạn là 20 MB." in page
