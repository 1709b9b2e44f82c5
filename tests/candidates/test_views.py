"""The admission pipeline's pages: a ward clerk follows a file to the decision; another ward's
clerk cannot see or change it; the services' refusals appear next to the field, nothing saved."""

import pytest

from dangvu.candidates import services
from dangvu.candidates.models import Candidate, Introducer, Status, Step, StepKind, UnionIntroduction
from dangvu.members.models import Member

from ..conftest import D, identity


@pytest.fixture
def file_a(actor, tree):
    return services.candidate_open(
        actor=actor,
        org=tree.a1,
        opened_on=D(2015, 9, 1),
        **identity(full_name="Đỗ Thị Ưu Tú", birth_date=D(1995, 4, 10)),
    )


@pytest.fixture
def clerk_a(client, tree, make_user):
    client.force_login(make_user("grassroots", tree.a))
    return client


def _ready_for_vote(actor, tree, c, register):
    for kind, day in ((StepKind.COURSE, D(2015, 10, 5)), (StepKind.APPLICATION, D(2015, 11, 2)),
                      (StepKind.BACKGROUND, D(2016, 1, 15))):  # fmt: skip
        services.candidate_record_step(actor=actor, candidate=c, kind=kind, date=day, reference="CN-1")
    for card in ("08000001", "08000002"):
        services.candidate_add_introducer(
            actor=actor, candidate=c, member=register(tree.a1, party_card_no=card),
            worked_together_since=D(2014, 6, 1), introduced_on=D(2016, 2, 1),
        )  # fmt: skip
    register(tree.a1)


def test_the_list_and_the_file_page_show_every_stage(clerk_a, tree, actor, file_a):
    services.candidate_record_step(
        actor=actor, candidate=file_a, kind=StepKind.COURSE, date=D(2015, 10, 5), reference="CN-77",
        in_charge="Trung tâm bồi dưỡng chính trị quận",
    )  # fmt: skip
    page = clerk_a.get("/quan-chung-uu-tu/").content.decode()
    assert "Đỗ Thị Ưu Tú" in page and "Đã học lớp bồi dưỡng nhận thức về Đảng" in page
    page = clerk_a.get(f"/quan-chung-uu-tu/{file_a.pk}/").content.decode()
    assert "CN-77" in page and "05/10/2015" in page and "Trung tâm bồi dưỡng chính trị quận" in page
    assert "Chi bộ biểu quyết đề nghị kết nạp" in page and "Chưa có" in page
    # Filters: another stage, and stalled files (its last step was in 2015).
    assert "Đỗ Thị Ưu Tú" not in clerk_a.get("/quan-chung-uu-tu/?buoc=application").content.decode()
    assert "Đỗ Thị Ưu Tú" in clerk_a.get("/quan-chung-uu-tu/?dung_qua=90").content.decode()
    assert "Đỗ Thị Ưu Tú" in clerk_a.get(f"/quan-chung-uu-tu/?don_vi={tree.a1.pk}").content.decode()
    assert "Đỗ Thị Ưu Tú" not in clerk_a.get(f"/quan-chung-uu-tu/?don_vi={tree.a2.pk}").content.decode()


def test_opening_a_file_through_the_form(clerk_a, tree):
    data = {"org": tree.a2.pk, "opened_on": "01/03/2016", "full_name": "Phan Văn Mới", "birth_date": "02/02/1996",
            "sex": "M", "ethnicity": "Kinh", "religion": "Không"}  # fmt: skip
    response = clerk_a.post("/quan-chung-uu-tu/them/", data)
    c = Candidate.objects.get(full_name="Phan Văn Mới")
    assert response.status_code == 302 and response["Location"] == f"/quan-chung-uu-tu/{c.pk}/"
    assert c.org == tree.a2 and c.opened_on == D(2016, 3, 1)
    # A cell of another ward is not offered, so the form refuses it.
    response = clerk_a.post("/quan-chung-uu-tu/them/", data | {"org": tree.b1.pk, "full_name": "Phan Văn Khác"})
    assert response.status_code == 200 and not Candidate.objects.filter(full_name="Phan Văn Khác").exists()


def test_a_probationary_introducer_is_refused_next_to_the_field(clerk_a, tree, file_a, admit):
    admit(tree.a1, on=D(2015, 3, 2), party_card_no="07000001")
    data = {"member": "07000001", "worked_together_since": "01/06/2014", "introduced_on": "01/06/2016"}
    response = clerk_a.post(f"/quan-chung-uu-tu/{file_a.pk}/gioi-thieu/", data)
    page = response.content.decode()
    assert response.status_code == 200 and "đang là đảng viên dự bị" in page and "has-error" in page
    assert not Introducer.objects.exists()


def test_the_whole_file_through_the_forms_and_the_decision_makes_the_member(clerk_a, tree, actor, file_a, register):
    base = f"/quan-chung-uu-tu/{file_a.pk}"
    assert clerk_a.post(f"{base}/lop-boi-duong/", {"date": "05/10/2015", "reference": "CN-1"}).status_code == 302
    assert clerk_a.post(f"{base}/don/", {"date": "02/11/2015"}).status_code == 302
    assert clerk_a.post(f"{base}/tham-tra/", {"date": "15/01/2016", "in_charge": "Đ/c Hải"}).status_code == 302
    for card in ("08000001", "08000002"):
        register(tree.a1, party_card_no=card)
        data = {"member": card, "worked_together_since": "01/06/2014", "introduced_on": "01/02/2016"}
        assert clerk_a.post(f"{base}/gioi-thieu/", data).status_code == 302
    register(tree.a1)
    # Before the vote the decision is refused in the form.
    response = clerk_a.post(f"{base}/ket-nap/", {"admitted_on": "20/03/2016", "decision_no": "12-QĐ/ĐU"})
    assert "chưa biểu quyết" in response.content.decode() and not Member.objects.filter(full_name="Đỗ Thị Ưu Tú")
    response = clerk_a.post(f"{base}/bieu-quyet/", {"date": "01/03/2016", "votes_for": 3, "votes_against": 0})
    assert response.status_code == 302 and Step.objects.get(kind=StepKind.VOTE).passed
    response = clerk_a.post(f"{base}/ket-nap/", {"admitted_on": "20/03/2016", "decision_no": "12-QĐ/ĐU"})
    member = Member.objects.get(full_name="Đỗ Thị Ưu Tú")
    assert response.status_code == 302 and response["Location"] == f"/dang-vien/{member.pk}/"
    file_a.refresh_from_db()
    assert file_a.member == member and file_a.status == Status.ADMITTED
    page = clerk_a.get(f"{base}/").content.decode()
    assert f'href="/dang-vien/{member.pk}/"' in page and "12-QĐ/ĐU" in page


def test_more_votes_than_full_members_is_refused_in_the_form(clerk_a, tree, actor, file_a, register):
    _ready_for_vote(actor, tree, file_a, register)
    response = clerk_a.post(f"/quan-chung-uu-tu/{file_a.pk}/bieu-quyet/",
                            {"date": "01/03/2016", "votes_for": 9, "votes_against": 0})  # fmt: skip
    assert "vượt số đảng viên chính thức của chi bộ (3)" in response.content.decode()
    assert not Step.objects.filter(kind=StepKind.VOTE).exists()


def test_another_ward_gets_404_and_changes_nothing(client, tree, actor, file_a, make_user, register):
    _ready_for_vote(actor, tree, file_a, register)
    client.force_login(make_user("grassroots", tree.b))
    base = f"/quan-chung-uu-tu/{file_a.pk}"
    for suffix in ("/", "/lop-boi-duong/", "/gioi-thieu/", "/bieu-quyet/", "/ket-nap/", "/dung/"):
        assert client.get(base + suffix).status_code == 404
    posts = {
        "/bieu-quyet/": {"date": "01/03/2016", "votes_for": 3, "votes_against": 0},
        "/ket-nap/": {"admitted_on": "20/03/2016", "decision_no": "12-QĐ/ĐU"},
        "/dung/": {"closed_on": "01/04/2016", "reason": "Thử"},
        "/don/": {"date": "03/11/2015"},
    }
    for suffix, data in posts.items():
        assert client.post(base + suffix, data).status_code == 404
    file_a.refresh_from_db()
    assert file_a.status == Status.OPEN and not Step.objects.filter(kind=StepKind.VOTE).exists()
    assert Step.objects.get(kind=StepKind.APPLICATION).date == D(2015, 11, 2)
    assert "Đỗ Thị Ưu Tú" not in client.get("/quan-chung-uu-tu/").content.decode()


def test_a_read_only_leader_cannot_write(client, tree, file_a, make_user):
    client.force_login(make_user("leader", tree.hm))
    assert client.get(f"/quan-chung-uu-tu/{file_a.pk}/").status_code == 200
    assert client.post(f"/quan-chung-uu-tu/{file_a.pk}/don/", {"date": "02/11/2015"}).status_code == 403
    assert not Step.objects.exists()


def test_the_youth_union_introduction_through_its_form_shows_on_the_file(clerk_a, tree, file_a):
    url = f"/quan-chung-uu-tu/{file_a.pk}/doan-the-gioi-thieu/"
    page = clerk_a.get(f"/quan-chung-uu-tu/{file_a.pk}/")
    assert "Đoàn, Công đoàn giới thiệu" in page.content.decode()
    r = clerk_a.post(url, {"body": "youth_committee", "name": "Đoàn phường Định Công", "resolution_no": "",
                           "resolution_date": "01/02/2016"})  # fmt: skip
    assert r.status_code == 200 and not UnionIntroduction.objects.exists()
    r = clerk_a.post(url, {"body": "youth_committee", "name": "Đoàn phường Định Công", "resolution_no": "05-NQ/ĐTN",
                           "resolution_date": "01/02/2999"})  # fmt: skip
    assert "ở tương lai" in r.content.decode() and not UnionIntroduction.objects.exists()
    r = clerk_a.post(url, {"body": "youth_committee", "name": "Đoàn phường Định Công", "resolution_no": "05-NQ/ĐTN",
                           "resolution_date": "01/02/2016"})  # fmt: skip
    assert r.status_code == 302
    page = clerk_a.get(f"/quan-chung-uu-tu/{file_a.pk}/").content.decode()
    assert "Ban Chấp hành Đoàn cơ sở — Đoàn phường Định Công: Nghị quyết số 05-NQ/ĐTN ngày 01/02/2016" in page
    assert "Đoàn, Công đoàn giới thiệu" not in page


REQUIRED = "Trường này là bắt buộc."


def test_each_step_form_shows_every_error_on_the_first_submit(clerk_a, tree, actor, file_a, register, admit):
    """Issue 20, item 3: every step of the procedure answers once, each error beside its field, and
    nothing is stored: the course certificate with no number and a future day; a probationary
    introducer who worked beside the candidate five months; the Youth Union's resolution with no
    name, no number and a future day; the vote dated before the background check with more votes
    than full members; a file stopped before the stage it reached, without a reason."""
    base = f"/quan-chung-uu-tu/{file_a.pk}"

    def errors(url, data):
        return clerk_a.post(f"{base}/{url}/", data).context["form"].errors

    got = errors("lop-boi-duong", {"date": "01/01/2999", "reference": ""})
    assert got["date"] == ["Ngày 01/01/2999 ở tương lai; hãy nhập ngày đã diễn ra."]
    assert got["reference"] == [REQUIRED]

    admit(tree.a1, on=D(2015, 3, 2), party_card_no="07000001")
    got = errors("gioi-thieu", {"member": "07000001", "worked_together_since": "01/01/2016",
                                "introduced_on": "01/06/2016"})  # fmt: skip
    assert "đang là đảng viên dự bị" in got["member"][0]
    assert "mới cùng công tác với người vào Đảng 5 tháng (từ 01/01/2016)" in got["worked_together_since"][0]

    got = errors("doan-the-gioi-thieu", {"body": "youth_committee", "name": "", "resolution_no": "",
                                         "resolution_date": "01/02/2999"})  # fmt: skip
    assert got["name"] == [REQUIRED] and got["resolution_no"] == [REQUIRED]
    assert got["resolution_date"] == ["Ngày nghị quyết 01/02/2999 ở tương lai; hãy nhập ngày đã diễn ra."]

    _ready_for_vote(actor, tree, file_a, register)
    got = errors("bieu-quyet", {"date": "10/01/2016", "votes_for": 9, "votes_against": 0})
    assert got["date"] == ["Ngày biểu quyết phải sau ngày của bước thẩm tra lý lịch."]
    assert got["votes_for"] == ["Tổng số phiếu (9) vượt số đảng viên chính thức của chi bộ (3)."]

    got = errors("dung", {"closed_on": "01/01/2016", "reason": ""})  # the stage reached: introduced on 01/02
    assert got["closed_on"] == ["Ngày dừng xem xét phải từ ngày 01/02/2016 trở đi."]
    assert got["reason"] == [REQUIRED]

    assert not Step.objects.filter(kind=StepKind.VOTE).exists() and not UnionIntroduction.objects.exists()
    assert Introducer.objects.count() == 2  # the two of _ready_for_vote only
    file_a.refresh_from_db()
    assert file_a.status == Status.OPEN
