"""The quarter under QĐ 366 on the dashboard and in the quarterly report: the evaluation rates of
the quarter's decided evaluations and tasks, written in the committee's house style."""

import io

import pytest
from docx import Document

from dangvu.core.models import ExportLog
from dangvu.reports.models import YearReport
from dangvu.reports.quarterly import quarter_figures, quarter_report_context, section

from ..tasks.test_indicators import quarter_one  # noqa: F401  (the fixture: ward A's first quarter of 2026)

pytestmark = pytest.mark.django_db

# quarter_one: cell A1 decided good (1/1); 2 of 3 members good; 5 of 6 tasks on time.
SENTENCE = (
    "có 1/1 tổ chức đảng hoàn thành tốt nhiệm vụ trở lên, đạt tỷ lệ {o}; 2/3 đảng viên hoàn thành tốt nhiệm "
    "vụ trở lên, đạt tỷ lệ {m}; 5/6 nhiệm vụ được giao hoàn thành đúng hạn, đạt {t}."
)
SEED = SENTENCE.format(o="100%", m="66%", t="83%")


def test_the_quarter_section_in_the_current_wording_and_the_seed_style(quarter_one):  # noqa: F811
    f = quarter_figures(quarter_one.hm, 2026, 1)
    assert (f.orgs.part, f.orgs.whole, f.members.part, f.members.whole, f.tasks.part, f.tasks.whole) == (
        1, 1, 2, 3, 5, 6,
    )  # fmt: skip
    text = " ".join(section(f))
    # The seed's style: whole percents rounded down (66,67 -> 66, 83,33 -> 83).
    assert SEED in text
    assert "theo Quy định 366-QĐ/TW" in text and "quý 1 năm 2026" in text
    assert "về đảng viên: hoàn thành tốt nhiệm vụ 2, không hoàn thành nhiệm vụ 1" in text


def test_the_committee_s_house_style_writes_the_rates(quarter_one):  # noqa: F811
    YearReport.objects.create(org=quarter_one.hm, year=2026, percent_places=1, percent_rounding="half_up")
    text = " ".join(quarter_report_context(quarter_one.hm, 2026, 1)["paragraphs"])
    assert SENTENCE.format(o="100,0%", m="66,7%", t="83,3%") in text


def test_a_quarter_without_records_says_so(quarter_one):  # noqa: F811
    assert section(quarter_figures(quarter_one.hm, 2026, 2)) == [
        "Quý 2 năm 2026 chưa có kết quả đánh giá, xếp loại và chưa có nhiệm vụ đến hạn."
    ]


def test_the_dashboard_shows_the_picked_quarter_and_links_its_report(board, quarter_one):  # noqa: F811
    hm = quarter_one.hm
    plain = board.get(f"/tong-quan/{hm.pk}/2026/").content.decode()
    assert "Chọn một quý để xem" in plain and 'data-quarter="1"' not in plain
    page = board.get(f"/tong-quan/{hm.pk}/2026/?quy=1").content.decode()
    assert 'data-quarter="1"' in page and 'aria-current="page">Quý 1<' in page
    for figure in ("100%", "1/1", "66%", "2/3", "83%", "5/6"):
        assert f">{figure}<" in page, figure
    assert f"/bao-cao/{hm.pk}/2026/quy-1/docx/" in page


def test_the_quarterly_report_downloads_and_is_logged(board, quarter_one):  # noqa: F811
    hm = quarter_one.hm
    html = board.get(f"/bao-cao/{hm.pk}/2026/quy-1/html/")
    assert html.status_code == 200 and SEED in html.content.decode()
    docx = board.get(f"/bao-cao/{hm.pk}/2026/quy-1/docx/")
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "BÁO CÁO" in text and SEED in text
    assert ExportLog.objects.filter(kind__startswith="quarter_report_").count() == 2
    assert board.get(f"/bao-cao/{hm.pk}/2026/quy-5/html/").status_code == 404


def test_another_ward_cannot_read_the_quarter(client, quarter_one, make_user):  # noqa: F811
    client.force_login(make_user("org_board", quarter_one.b))
    assert client.get(f"/bao-cao/{quarter_one.a.pk}/2026/quy-1/html/").status_code == 404
    assert client.get(f"/tong-quan/{quarter_one.a.pk}/2026/?quy=1").status_code == 404


def test_the_year_report_page_links_the_quarters_that_were_evaluated(board, quarter_one):  # noqa: F811
    hm = quarter_one.hm
    page = board.get(f"/bao-cao/{hm.pk}/2026/").content.decode()
    assert "Báo cáo quý năm 2026" in page
    assert f"/bao-cao/{hm.pk}/2026/quy-1/html/" in page and f"/bao-cao/{hm.pk}/2026/quy-1/docx/" in page
    for quarter in (2, 3, 4):  # no evaluation decided: no report to link
        assert f"/quy-{quarter}/" not in page
    # Ward B's subtree has no evaluation in 2026, and a year before QĐ 366 has no quarters.
    assert "Báo cáo quý" not in board.get(f"/bao-cao/{quarter_one.b.pk}/2026/").content.decode()
    assert "Báo cáo quý" not in board.get(f"/bao-cao/{hm.pk}/2024/").content.decode()
