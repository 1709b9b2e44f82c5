"""The year report's review for a year under Quy định 366-QĐ/TW (2025 on): the classes' names used
since 2018, "xếp loại … theo Quy định 366-QĐ/TW" on 100 points, the rates of "hoàn thành tốt nhiệm
vụ trở lên" in the committee's style and the year's tasks done on time. Years before keep their
wording (the 2016 report is held byte for byte by tests/reports/test_demo_report.py)."""

import pytest

from dangvu.core.numbers import HALF_UP, FigureStyle
from dangvu.reports.context import report_context
from dangvu.reports.prose import review_qd366, section_facts, top_labels

from ..tasks.test_indicators import quarter_one  # noqa: F401  (ward A's first quarter of 2026)

V = {
    "review.orgs.rated": 24, "review.orgs.top": 3, "review.orgs.good_or_better": 20, "review.orgs.good": 17,
    "review.members.rated": 1250, "review.members.good_or_better": 1130, "review.members.good": 1010,
    "tasks.due": 160, "tasks.on_time": 151,
}  # fmt: skip


def test_the_2025_wording_with_the_classes_since_2018_and_the_tasks():
    top, exemplary = top_labels(2025)
    assert (top, exemplary) == ("Hoàn thành xuất sắc nhiệm vụ", None)
    text = " ".join(review_qd366(2025, V, top, FigureStyle()))
    assert text == (
        "Qua đánh giá, xếp loại chất lượng năm 2025 theo Quy định 366-QĐ/TW (chấm điểm theo thang 100 điểm), có "
        "20/24 tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên, đạt tỷ lệ 83%, trong đó 3 tổ chức “Hoàn thành "
        "xuất sắc nhiệm vụ”; 1.130/1.250 đảng viên hoàn thành tốt nhiệm vụ trở lên, đạt tỷ lệ 90%, trong đó 120 đảng "
        "viên “Hoàn thành xuất sắc nhiệm vụ”. Có 151/160 nhiệm vụ được giao trong năm hoàn thành đúng hạn, đạt 94%."
    )
    one_place = " ".join(review_qd366(2025, V, top, FigureStyle(places=1, rounding=HALF_UP)))
    assert "đạt tỷ lệ 83,3%" in one_place and "đạt 94,4%." in one_place


@pytest.mark.django_db
def test_a_year_before_2025_keeps_its_wording(tree):
    top, exemplary = top_labels(2016)
    figures = {k: {"value": 0, "target": None, "key": k} for k in ("orgs.founded.non_state_enterprise",)}
    figures["members.admitted"] = {"value": 5, "target": None, "key": "members.admitted"}
    v = {**V, "orgs.grassroots": 24, "members.total": 1250, "members.full": 1200, "members.probationary": 50}
    text = " ".join(section_facts(tree.hm, 2016, figures, v, top, exemplary)["organization"])
    assert "Quy định 366" not in text and "Qua đánh giá, phân loại năm 2016, có 3/24 tổ chức cơ sở đảng" in text


@pytest.mark.django_db
def test_the_2026_report_writes_the_tasks_on_time_from_the_records(quarter_one):  # noqa: F811
    ctx = report_context(quarter_one.hm, 2026)
    text = " ".join(p for s in ctx["sections"] for p in s.get("paragraphs", []))
    assert "Có 5/6 nhiệm vụ được giao trong năm hoàn thành đúng hạn, đạt 83%." in text
