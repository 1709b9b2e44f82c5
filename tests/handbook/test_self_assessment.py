"""The member's self-assessment, the first stage of the review the cell already runs: under
QĐ 366 the quarter's tasks with their products and the self stage's points and class; under the
earlier rulebooks the member's own class for the year."""

import datetime as dt

import pytest

from dangvu.accounts.models import Role
from dangvu.handbook.assessment import season_of, self_assessment_record
from dangvu.reviews.models import MemberResult
from dangvu.reviews.services import review_cycle_open
from dangvu.tasks import framework as fw
from dangvu.tasks.models import Evaluation, Subject
from dangvu.tasks.services import task_assign

from ..conftest import D

TODAY = dt.date.today()
QUARTER = (TODAY.month - 1) // 3 + 1


@pytest.fixture
def me(tree, make_user):
    return make_user(Role.MEMBER, tree.a1, "dv-tu-danh-gia")


def test_out_of_season_the_page_says_so(me, client):
    client.force_login(me)
    page = client.get("/so-tay/tu-danh-gia/").content.decode()
    assert "chưa đến kỳ đánh giá" in page and "Gửi bản tự" not in page


def test_under_qd366_the_member_reports_the_quarters_tasks_and_assesses_and_the_cell_sees_it(
    tree, me, actor, make_user, client
):
    member = me.member_account.member
    review_cycle_open(actor=actor, committee=tree.hm, year=TODAY.year)
    task = task_assign(actor=actor, org=tree.a1, member=member, year=TODAY.year, quarter=QUARTER,
                       title="Vận động hộ gia đình phân loại rác", measure="hộ", target=3, deadline=TODAY)  # fmt: skip
    other = make_user(Role.MEMBER, tree.a1, "dv-khac").member_account.member
    theirs = task_assign(actor=actor, org=tree.a1, member=other, year=TODAY.year, quarter=QUARTER,
                         title="Nhiệm vụ của người khác", measure="buổi", target=1, deadline=TODAY)  # fmt: skip
    client.force_login(me)
    page = client.get("/so-tay/tu-danh-gia/").content.decode()
    assert "Vận động hộ gia đình phân loại rác" in page and "Nhiệm vụ của người khác" not in page
    assert f"Năm {TODAY.year}, theo" in page and f"{TODAY.year // 1000}.{TODAY.year % 1000:03d}" not in page
    day = TODAY.strftime("%d/%m/%Y")
    result = {"r-done_on": day, "r-quantity": "4", "r-product": "Danh sách 4 hộ đã ký cam kết"}
    client.post("/so-tay/tu-danh-gia/", {**result, "action": f"result-{task.pk}"})
    task.refresh_from_db()
    assert task.result.quantity == 4 and task.result.product == "Danh sách 4 hộ đã ký cam kết"
    assert client.post("/so-tay/tu-danh-gia/", {**result, "action": f"result-{theirs.pk}"}).status_code == 404
    scores = {f"self-score_{c.code}": str(c.max_points - 1) for c in fw.common(Subject.MEMBER) if not c.from_tasks}
    response = client.post(f"/so-tay/tu-danh-gia/?quy={QUARTER}", {
        **scores, "self-cls": "good", "self-note": "Hoàn thành các việc được giao", "action": "self",
    })  # fmt: skip
    assert response.status_code == 302
    evaluation = Evaluation.objects.get(member=member, quarter=QUARTER)
    assert evaluation.self_class == "good" and evaluation.org == tree.a and evaluation.points is not None
    assert not evaluation.opinion_class  # the cell's stage is the cell's
    assert "Hoàn thành tốt nhiệm vụ" in client.get(f"/so-tay/tu-danh-gia/?quy={QUARTER}").content.decode()
    client.force_login(make_user(Role.GRASSROOTS, tree.a, "vp-a"))
    cell_page = client.get(f"/nhiem-vu/dang-vien/{member.pk}/{TODAY.year}/{QUARTER}/").content.decode()
    assert "Hoàn thành các việc được giao" in cell_page and "Danh sách 4 hộ đã ký cam kết" in cell_page


def test_before_qd366_the_member_picks_the_years_class_as_the_self_stage(tree, me, actor):
    member = me.member_account.member
    cycle = review_cycle_open(actor=actor, committee=tree.hm, year=2016)
    season = season_of(member, D(2017, 1, 10))  # the year-end review runs into January
    assert season.cycle == cycle and not season.scored
    self_assessment_record(actor=me, member=member, season=season, quarter=0, cls="good")
    found = MemberResult.objects.get(cycle=cycle, member=member)
    assert found.self_class == "good" and found.org == tree.a and not found.decided_class
    assert season_of(member, D(2018, 1, 10)) is None  # no cycle open for 2017 or 2018
