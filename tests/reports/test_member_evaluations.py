"""The member page and the record sheet show the member's evaluations: each quarter and year under
QĐ 366 with its points and class, and a year's class the review recorded without scores."""

import pytest

from dangvu.members.models import Member
from dangvu.reports.member_sheet import sheet_context, sheet_html
from dangvu.reviews.models import Stage
from dangvu.reviews.services import member_results_record_bulk, review_cycle_open
from dangvu.tasks.models import Evaluation

from ..tasks.test_indicators import quarter_one  # noqa: F401  (ward A's first quarter of 2026)

pytestmark = pytest.mark.django_db


@pytest.fixture
def evaluated(quarter_one, actor):  # noqa: F811
    """The first member of quarter_one (decided in the first quarter of 2026), also rated for 2016
    by the district's review (a class, no points)."""
    evaluation = Evaluation.objects.filter(member__isnull=False, quarter=1).order_by("member_id").first()
    member = Member.objects.get(pk=evaluation.member_id)
    cycle = review_cycle_open(actor=actor, committee=quarter_one.hm, year=2016)
    grade = next(g for g in cycle.get_rulebook().member_classes if not g.top)
    member_results_record_bulk(actor=actor, cycle=cycle, org=quarter_one.a, stage=Stage.DECISION,
                               rows=[{"member": member, "cls": grade.code}])  # fmt: skip
    return member, evaluation, grade.label


def test_the_record_sheet_lists_the_year_and_the_quarter_with_points_and_class(evaluated):
    member, evaluation, label_2016 = evaluated
    rows = [
        (r["period"], r["points"], r["decided"]) for r in sheet_context(member, show_citizen_id=False)["evaluations"]
    ]
    assert rows == [("Năm 2016", None, label_2016), ("Quý 1/2026", evaluation.points, "Hoàn thành tốt nhiệm vụ")]
    html = sheet_html(member, show_citizen_id=False)
    points = f"{evaluation.points:f}".rstrip("0").rstrip(".").replace(".", ",")
    assert "Kết quả đánh giá, xếp loại chất lượng đảng viên" in html
    assert f"<td>Quý 1/2026</td><td>{points}</td><td>Hoàn thành tốt nhiệm vụ</td>" in html
    assert f"<td>Năm 2016</td><td>—</td><td>{label_2016}</td>" in html


def test_the_member_page_shows_them_newest_first(board, evaluated):
    member, evaluation, label_2016 = evaluated
    page = board.get(f"/dang-vien/{member.pk}/").content.decode()
    section = page[page.index('id="danh-gia-366"') :]
    assert section.index("Quý 1/2026") < section.index("Năm 2016")
    assert label_2016 in section and "Hoàn thành tốt nhiệm vụ" in section


def test_a_year_evaluated_with_points_shows_once_with_them(evaluated, actor):
    """The year's decided evaluation writes the year's class to the review too: the page lists
    that year once, with the evaluation's points, beside the quarter and the unscored 2016."""
    from dangvu.reviews.models import MemberResult, ReviewCycle
    from dangvu.tasks.selectors import member_results
    from dangvu.tasks.services import evaluation_record

    member, evaluation, label_2016 = evaluated
    cycle = ReviewCycle.objects.get(year=2026)
    evaluation_record(actor=actor, cycle=cycle, org=evaluation.org, member=member, quarter=0, stage="decision",
                      cls="good", scores={"politics": 25})  # fmt: skip
    assert MemberResult.objects.filter(member=member, cycle=cycle).exclude(decided_class="").exists()
    rows = [(r["period"], r["points"] is not None, r["decided"]) for r in member_results(member)]
    assert rows == [
        ("Năm 2016", False, label_2016),
        ("Quý 1/2026", True, "Hoàn thành tốt nhiệm vụ"),
        ("Năm 2026", True, "Hoàn thành tốt nhiệm vụ"),
    ]
