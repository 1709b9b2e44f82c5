"""The Hoàng Mai 2016 report in every format holds, from data, every figure of the seed in the
seed's formatting, with the heading, number and symbol and place-and-date line of HD 36."""

import io
import json
import shutil
import subprocess

import pytest
from docx import Document
from openpyxl import load_workbook

from dangvu.reports.context import report_context
from dangvu.reports.render import render

SEED_FIGURES = [
    "99,35%", "6 tổ chức", "120%", "209", "116%", "27/54", "6 tổ chức cơ sở đảng đạt", "126", "64 lớp",
    "trên 10,6 nghìn lượt", "4 đảng viên", "21", "27 tập thể", "43 cá nhân",
]  # fmt: skip
SEED_PHRASES = [
    "tỷ lệ cử tri đi bầu cao, đạt 99,35%",
    "thành lập mới 6 tổ chức Đảng trong các doanh nghiệp ngoài khu vực Nhà nước, đạt 120% chỉ tiêu Thành phố giao",
    "kết nạp 209 đảng viên mới (đạt 116% kế hoạch)",
    "27/54 tổ chức cơ sở đảng được xếp loại “Trong sạch, vững mạnh”, trong đó có 6 tổ chức cơ sở đảng đạt "
    "“Trong sạch, vững mạnh tiêu biểu”",
    "điều động, luân chuyển, bổ nhiệm, bổ nhiệm lại 126 đồng chí",
    "mở 64 lớp bồi dưỡng nghiệp vụ công tác với trên 10,6 nghìn lượt cán bộ tham dự",
    "thi hành kỷ luật 4 đảng viên vi phạm",
    "khen thưởng 6 tổ chức cơ sở đảng đạt danh hiệu “Trong sạch vững mạnh tiêu biểu”, 21 tổ chức cơ sở đảng đạt "
    "danh hiệu “Trong sạch vững mạnh”; 27 tập thể và 43 cá nhân có thành tích xuất sắc trong thực hiện Chỉ thị 03",
]
TITLE = "BÁO CÁO tổng kết công tác xây dựng Đảng năm 2016 và phương hướng, nhiệm vụ năm 2017"


pytestmark = [pytest.mark.django_db]
_built: dict = {}  # the context and the DOCX, built once for the module (the demo does not change)


@pytest.fixture
def hm_2016(demo_data):
    if "ctx" not in _built:
        _built["ctx"] = report_context(demo_data.hm, 2016)
    return _built["ctx"]


@pytest.fixture
def docx_doc(hm_2016):
    if "docx" not in _built:
        _built["docx"] = render(hm_2016, "docx").content
    return Document(io.BytesIO(_built["docx"]))


def _docx_text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_the_docx_holds_every_seed_figure_in_the_seeds_words(docx_doc):
    body = "\n".join(p.text for p in docx_doc.paragraphs)
    for figure in SEED_FIGURES:
        assert figure in body, figure
    for phrase in SEED_PHRASES:
        assert phrase in body, phrase


def test_the_docx_has_the_party_heading_number_place_date_and_title(docx_doc):
    left, right = docx_doc.tables[0].rows[0].cells
    assert [p.text for p in left.paragraphs] == ["ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "QUẬN ỦY HOÀNG MAI", "*", "Số 45-BC/QU"]
    assert right.paragraphs[0].text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert right.paragraphs[-1].text == "Hoàng Mai, ngày 12 tháng 01 năm 2017"
    paragraphs = [p.text for p in docx_doc.paragraphs if p.text]
    i = paragraphs.index("BÁO CÁO")
    assert f"{paragraphs[i]} {paragraphs[i + 1]}" == TITLE


def test_the_docx_is_in_times_new_roman_13_to_14_pt_with_narrative_annex_and_charts(docx_doc):
    normal = docx_doc.styles["Normal"].font
    assert normal.name == "Times New Roman" and 13 <= normal.size.pt <= 14
    assert {r.font.name for p in docx_doc.paragraphs for r in p.runs if r.font.name} <= {"Times New Roman"}
    text = _docx_text(docx_doc)
    assert "Nghị quyết 39 của Bộ Chính trị" in text  # the staff's paragraph in its section
    assert "Biểu 4. Đảng viên và kết nạp đảng viên mới năm 2016 theo tổ chức cơ sở đảng" in text
    assert len(docx_doc.inline_shapes) == 2
    units = next(t for t in docx_doc.tables if t.rows[0].cells[1].text == "Tổ chức cơ sở đảng")
    assert len(units.rows) == 1 + 54 + 1
    assert [c.text for c in units.rows[-1].cells][3:6] == ["209", "180", "116%"]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="cần pdftotext: chạy scripts/ensure-fonts")
def test_the_pdf_text_keeps_the_vietnamese_figures_intact(hm_2016, tmp_path):
    pdf = tmp_path / "bao-cao.pdf"
    pdf.write_bytes(render(hm_2016, "pdf").content)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True).stdout
    flat = " ".join(text.decode().split())
    for phrase in [*SEED_PHRASES, "ĐẢNG CỘNG SẢN VIỆT NAM", "QUẬN ỦY HOÀNG MAI", "Số 45-BC/QU",
                   "Hoàng Mai, ngày 12 tháng 01 năm 2017", TITLE]:  # fmt: skip
        assert phrase in flat, phrase
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, check=True).stdout.decode()
    rows = [line for line in fonts.splitlines()[2:] if line.strip()]
    assert rows and all(" yes " in line for line in rows)  # every font embedded


def test_the_html_is_the_same_document(hm_2016):
    html = render(hm_2016, "html").content.decode()
    for phrase in ["ĐẢNG CỘNG SẢN VIỆT NAM", "Số 45-BC/QU", "kết nạp 209 đảng viên mới (đạt 116% kế hoạch)",
                   "data:image/png;base64,"]:  # fmt: skip
        assert phrase in html


def test_the_xlsx_has_a_sheet_per_annex_table_with_vietnamese_headers(hm_2016):
    book = load_workbook(io.BytesIO(render(hm_2016, "xlsx").content))
    assert book.sheetnames == [
        "Đảng viên cuối năm", "Tăng giảm đảng viên", "Xếp loại TCCS đảng", "Theo TCCS đảng", "Các chỉ số",
        "So sánh năm trước",
    ]  # fmt: skip
    # 2016 against 2015, whose admissions the demo's years hold: the difference a number Excel sums
    compared = {row[0].value: [c.value for c in row[1:]] for row in book["So sánh năm trước"].iter_rows(min_row=4)}
    before, now, difference = compared["Kết nạp đảng viên mới"]
    assert now == 209 and before > 0 and difference == now - before
    units = book["Theo TCCS đảng"]
    assert [c.value for c in units[3]] == [
        "STT", "Tổ chức cơ sở đảng", "Đảng viên cuối năm", "Kết nạp trong năm", "Kế hoạch kết nạp",
        "Tỷ lệ đạt kế hoạch",
    ]  # fmt: skip
    total = [c.value for c in units[units.max_row]]
    assert total[1] == "Tổng cộng" and total[3] == 209 and total[4] == 180
    review = {row[0].value: row[1].value for row in book["Xếp loại TCCS đảng"].iter_rows(min_row=4)}
    assert review["Trong sạch, vững mạnh"] == 27 and review["Tổng số được đánh giá, xếp loại"] == 54


def test_the_json_has_value_target_percent_and_records_of_each_indicator(hm_2016):
    doc = json.loads(render(hm_2016, "json").content)
    assert doc["org"]["code"] == "HM" and doc["year"] == 2016
    admitted = doc["indicators"]["members.admitted"]
    assert admitted["value"] == 209 and admitted["target"] == 180 and admitted["percent_of_plan"] == 116
    assert admitted["records"] == 209
    assert doc["indicators"]["elections.turnout"]["value"] == 99.35
    assert {"label", "unit", "value", "target", "percent", "records"} <= set(doc["indicators"]["orgs.grassroots"])


def test_the_brief_tells_the_conference_with_the_figures(hm_2016):
    brief = render(hm_2016, "brief").content.decode()
    assert brief.startswith(
        "Ngày 12/1, Quận ủy Hoàng Mai tổ chức hội nghị tổng kết công tác xây dựng Đảng năm 2016 và triển khai "
        "công tác năm 2017."
    )
    for figure in SEED_FIGURES:
        assert figure in brief, figure
    assert "đạt 120% chỉ tiêu TP giao" in brief
