"""The member record sheet (Mẫu 2-HSĐV): filled from the registry, printed as a PDF whose text
keeps the Vietnamese letters, scoped like the member page."""

import shutil
import subprocess

import pytest

from dangvu.committees.models import Role
from dangvu.committees.services import committee_elect, congress_record
from dangvu.members.services import member_award_badge
from dangvu.reports.member_sheet import sheet_html, sheet_pdf

from ..conftest import D

NAME = "Nguyễn Thị Hằng Nguyệt"


@pytest.fixture
def hang(tree, actor, register):
    member = register(tree.a1, full_name=NAME, sex="F", hometown="Xã Đông Ngạc, huyện Từ Liêm, Hà Nội",
                      birthplace="Thị xã Sơn Tây", ethnicity="Mường", political_theory="Cao cấp",
                      party_card_no="01234567", admitted_on=D(1985, 2, 3), recognized_on=D(1986, 2, 3))  # fmt: skip
    member_award_badge(actor=actor, member=member, years=30, presented_on=D(2015, 2, 3))
    congress = congress_record(actor=actor, org=tree.a, held_on=D(2015, 5, 20), term_start=2015, term_end=2020,
                               delegates=1)  # fmt: skip
    committee_elect(actor=actor, congress=congress, elected=[(member, Role.SECRETARY)])
    return member


def test_the_sheet_is_filled_from_the_record_and_leaves_a_line_for_what_is_empty(hang):
    html = sheet_html(hang, show_citizen_id=False)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in html and "PHIẾU ĐẢNG VIÊN" in html
    for text in (NAME, "Xã Đông Ngạc, huyện Từ Liêm, Hà Nội", "Mường", "Cao cấp", "03/02/1985", "03/02/1986",
                 "Huy hiệu 30 năm tuổi Đảng", "Bí thư", "Đảng bộ phường Định Công, nhiệm kỳ 2015–2020",
                 "Chi bộ tổ dân phố số 1"):  # fmt: skip
        assert text in html, text
    assert "– Ngoại ngữ: ……………" in html  # not given: a line to fill in by hand
    assert "chưa lưu" not in html  # every item of the form is kept by the registry
    assert hang.citizen_id not in html  # printed only for those who may see it
    assert hang.citizen_id in sheet_html(hang, show_citizen_id=True)


def test_the_pdf_keeps_the_vietnamese_text_in_embedded_serif_fonts(hang, tmp_path):
    pdf = sheet_pdf(hang, show_citizen_id=False)
    assert pdf.startswith(b"%PDF")
    if shutil.which("pdftotext") is None or shutil.which("pdffonts") is None:
        pytest.skip("pdftotext and pdffonts (Debian package poppler-utils) are needed to read the PDF back")
    (tmp_path / "phieu.pdf").write_bytes(pdf)
    fonts = subprocess.run(["pdffonts", str(tmp_path / "phieu.pdf")], capture_output=True, check=True, text=True)
    rows = fonts.stdout.splitlines()[2:]
    assert rows and all(" yes " in row for row in rows)  # every font embedded
    assert all("Serif" in row for row in rows), rows
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    text = text.decode("utf-8")
    for words in (NAME.upper(), NAME, "ĐẢNG CỘNG SẢN VIỆT NAM", "Xã Đông Ngạc, huyện Từ Liêm", "Mường",
                  "Huy hiệu 30 năm tuổi Đảng"):  # fmt: skip
        assert words in text, words


def test_the_sheet_link_and_page_are_scoped(client, tree, hang, make_user):
    client.force_login(make_user("grassroots", tree.a))
    assert "In phiếu đảng viên" in client.get(f"/dang-vien/{hang.pk}/").content.decode()
    response = client.get(f"/dang-vien/{hang.pk}/phieu-dang-vien/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    client.force_login(make_user("grassroots", tree.b))
    assert client.get(f"/dang-vien/{hang.pk}/phieu-dang-vien/").status_code == 404
