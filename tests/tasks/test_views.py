"""The period pages: scope (404 outside), who may enter and who concludes, the derived status
shown, the proposal with its reasons, the product file served only in scope, the member page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dangvu.accounts.models import Role
from dangvu.reviews.services import review_cycle_open
from dangvu.tasks.models import Evaluation, Task

from ..conftest import D


@pytest.fixture
def cycle(tree, actor):
    return review_cycle_open(actor=actor, committee=tree.hm, year=2026)


@pytest.fixture
def member(tree, register):
    return register(tree.a1, full_name="Trần Văn Bình")


def login(client, make_user, role, org, username=None):
    client.force_login(make_user(role, org, username))
    return client


def url(member, quarter=1):
    return f"/nhiem-vu/dang-vien/{member.pk}/2026/{quarter}/"


def _task(client, member, title="Rà soát hồ sơ", target="10", deadline="20/03/2026"):
    return client.post(url(member), {"action": "task", "t-title": title, "t-measure": "hồ sơ", "t-target": target,
                                     "t-deadline": deadline, "t-weight": "1"})  # fmt: skip


def test_cell_secretary_assigns_and_records_the_status_is_derived(client, tree, make_user, cycle, member, settings,
                                                                 tmp_path):  # fmt: skip
    settings.DATA_DIR = tmp_path
    login(client, make_user, Role.GRASSROOTS, tree.a1)
    assert _task(client, member).status_code == 302
    task = Task.objects.get(member=member)
    response = client.post(url(member), {
        "action": f"result-{task.pk}", "r-done_on": "25/03/2026", "r-quantity": "12", "r-product": "12 hồ sơ",
        "r-product_file": SimpleUploadedFile("ho-so.pdf", b"%PDF-1.4"),
    })  # fmt: skip
    assert response.status_code == 302
    page = client.get(url(member)).content.decode()
    assert "Chậm tiến độ" in page  # done after the deadline, whatever the quantity
    assert client.get(f"/nhiem-vu/tep/{task.pk}/").status_code == 200
    # The cell's secretary gives the opinion; the conclusion is the grassroots committee's.
    assert 'id="buoc-opinion"' in page and 'id="buoc-decision"' not in page
    assert client.post(url(member), {"action": "decision", "decision-cls": "good"}).status_code == 404


def test_another_ward_sees_nothing(client, tree, make_user, cycle, member):
    login(client, make_user, Role.GRASSROOTS, tree.a1)
    _task(client, member)
    task = Task.objects.get(member=member)
    client.logout()
    login(client, make_user, Role.GRASSROOTS, tree.b)
    assert client.get(url(member)).status_code == 404
    assert client.post(url(member), {"action": f"result-{task.pk}", "r-done_on": "01/03/2026"}).status_code == 404
    assert client.get(f"/nhiem-vu/tep/{task.pk}/").status_code == 404
    # A reader of the ward may look but not write.
    client.logout()
    login(client, make_user, Role.LEADER, tree.a)
    assert client.get(url(member)).status_code == 200
    assert _task(client, member, title="Khác").status_code == 403


def test_errors_name_the_field_and_nothing_is_saved(client, tree, make_user, cycle, member):
    login(client, make_user, Role.GRASSROOTS, tree.a1)
    response = _task(client, member, deadline="05/01/2027")
    assert response.status_code == 200 and "không thuộc năm 2026" in response.content.decode()
    assert not Task.objects.exists()


def test_the_committee_concludes_with_the_reasons_in_front_of_it(client, tree, make_user, cycle, member):
    login(client, make_user, Role.GRASSROOTS, tree.a1)
    _task(client, member, deadline="20/03/2026")
    task = Task.objects.get(member=member)
    client.post(url(member), {"action": f"result-{task.pk}", "r-done_on": "10/03/2026", "r-quantity": "10"})
    client.post(url(member), {"action": "opinion", "opinion-score_politics": "28", "opinion-cls": "good"})
    client.logout()
    login(client, make_user, Role.GRASSROOTS, tree.a, "dang-uy-a")
    page = client.get(url(member)).content.decode()
    assert "98" in page and "0/1 nhiệm vụ hoàn thành vượt yêu cầu" in page  # why not excellent
    assert 'id="buoc-decision"' in page
    refused = client.post(url(member), {"action": "decision", "decision-cls": "excellent"})
    assert refused.status_code == 200 and "30%" in refused.content.decode()
    assert client.post(url(member), {"action": "decision", "decision-cls": "good"}).status_code == 302
    assert Evaluation.objects.get(member=member, quarter=1).decided_class == "good"
    detail = client.get(f"/dang-vien/{member.pk}/").content.decode()
    assert "Quý 1/2026" in detail and "Hoàn thành tốt nhiệm vụ" in detail


def test_a_year_not_yet_opened_still_takes_tasks(client, tree, make_user, member):
    login(client, make_user, Role.GRASSROOTS, tree.a1)
    page = client.get(url(member)).content.decode()
    assert "chưa mở đợt đánh giá năm 2026" in page
    assert _task(client, member).status_code == 302
    assert D(2026, 3, 20) == Task.objects.get().deadline


def test_a_cell_is_evaluated_by_its_grassroots_committee(client, tree, make_user, cycle):
    page_url = f"/nhiem-vu/to-chuc/{tree.a1.pk}/2026/1/"
    login(client, make_user, Role.GRASSROOTS, tree.a1)
    assert page_url in client.get(f"/to-chuc/{tree.a1.pk}/").content.decode()  # linked from the unit's page
    client.post(page_url, {"action": "task", "t-title": "Sinh hoạt chuyên đề", "t-measure": "buổi", "t-target": "3",
                           "t-deadline": "31/03/2026", "t-weight": "2"})  # fmt: skip
    task = Task.objects.get(member=None)
    assert task.org == tree.a1 and task.weight == 2
    client.post(page_url, {"action": f"result-{task.pk}", "r-done_on": "30/03/2026", "r-quantity": "3"})
    assert client.post(page_url, {"action": "self", "self-score_politics": "25", "self-cls": "good"}).status_code == 302
    page = client.get(page_url).content.decode()
    assert "Số thành viên cấp ủy bị kỷ luật" in page and 'id="buoc-decision"' not in page
    assert client.post(page_url, {"action": "decision", "decision-cls": "good"}).status_code == 404
    client.logout()
    login(client, make_user, Role.GRASSROOTS, tree.a, "dang-uy-a")
    response = client.post(page_url, {"action": "decision", "decision-cls": "good"})
    assert response.status_code == 302
    assert Evaluation.objects.get(org=tree.a1, member=None, quarter=1).decided_class == "good"
    # A grassroots organization is not concluded on by itself.
    assert (
        client.post(
            f"/nhiem-vu/to-chuc/{tree.a.pk}/2026/1/", {"action": "decision", "decision-cls": "good"}
        ).status_code
        == 404
    )


def test_a_committee_splits_a_group_of_the_framework_for_its_year(client, tree, make_user):
    login(client, make_user, Role.GRASSROOTS, tree.a)
    page_url = "/nhiem-vu/khung-tieu-chi/2026/member/"
    page = client.get(page_url).content.decode()
    assert "Nhóm tiêu chí chung" in page and "Phụ lục 4 và Phụ lục 5" in page  # QĐ 366's member framework
    rows = [("politics", "pol", "Chính trị, tư tưởng", "15"), ("politics", "eth", "Đạo đức, lối sống", "10"),
            ("results", "res", "Nhiệm vụ, sản phẩm", "70")]  # fmt: skip
    data = {"c-TOTAL_FORMS": "3", "c-INITIAL_FORMS": "0"}
    for i, (group, code, label, points) in enumerate(rows):
        data |= {f"c-{i}-group": group, f"c-{i}-code": code, f"c-{i}-label": label, f"c-{i}-max_points": points}
    refused = client.post(page_url, data)
    assert refused.status_code == 200 and "phải đúng 30 điểm" in refused.content.decode()
    data["c-1-max_points"] = "15"
    assert client.post(page_url, data).status_code == 302
    page = client.get(page_url).content.decode()
    assert "Đạo đức, lối sống" in page and "khung tiêu chí riêng" in page
    # A cell is not a committee: no framework of its own.
    client.logout()
    login(client, make_user, Role.GRASSROOTS, tree.a1, "chi-bo")
    assert client.get(page_url).status_code == 404
