"""The inspection and discipline pages: scoped lists, 404 outside the scope, writes only with
the inspection capability, and the service's message next to the field."""

from dangvu.inspection.models import Discipline, Inspection
from dangvu.inspection.services import discipline_record, inspection_record

from ..conftest import D


def test_a_ward_list_hides_another_wards_records(tree, register, actor, make_user, client):
    mine, theirs = register(tree.a1, full_name="Phạm Văn Mình"), register(tree.b1, full_name="Đỗ Thị Khác")
    common = {"actor": actor, "kind": "inspection", "start_date": D(2016, 4, 1), "content": "Nội dung"}
    own = inspection_record(conducted_by=tree.a, subject_member=mine, **common)
    other = inspection_record(conducted_by=tree.b, subject_member=theirs, **common)
    punished = discipline_record(
        actor=actor, form="reprimand", decided_by=tree.b, subject_member=theirs, decision_no="3-QĐ/ĐU",
        decision_date=D(2016, 6, 1), violation_date=D(2016, 2, 1),
    )  # fmt: skip
    client.force_login(make_user("grassroots", tree.a))
    page = client.get("/kiem-tra/?year=2016").content.decode()
    assert "Phạm Văn Mình" in page and "Đỗ Thị Khác" not in page
    assert client.get(f"/kiem-tra/{own.pk}/").status_code == 200
    assert client.get(f"/kiem-tra/{other.pk}/").status_code == 404
    assert "Đỗ Thị Khác" not in client.get("/kiem-tra/ky-luat/").content.decode()
    assert client.get(f"/kiem-tra/ky-luat/{punished.pk}/").status_code == 404
    assert client.get(f"/kiem-tra/?org={tree.b.pk}").status_code == 404
    assert client.get("/kiem-tra/ky-luat/them/").status_code == 403


def test_the_indicator_link_lists_the_records_of_that_org_and_year(tree, register, actor, make_user, client):
    m = register(tree.b1, full_name="Vũ Văn Năm")
    inspection_record(actor=actor, kind="supervision", conducted_by=tree.b, subject_member=m,
                      start_date=D(2015, 4, 1), content="Giám sát 2015")  # fmt: skip
    client.force_login(make_user("inspection", tree.hm))
    assert "Vũ Văn Năm" in client.get(f"/kiem-tra/?year=2015&org={tree.b.pk}").content.decode()
    assert "Vũ Văn Năm" not in client.get(f"/kiem-tra/?year=2016&org={tree.b.pk}").content.decode()
    assert "Vũ Văn Năm" not in client.get(f"/kiem-tra/?year=2015&org={tree.a.pk}").content.decode()


def test_the_discipline_form_shows_the_refusal_next_to_the_form_field(tree, admit, make_user, client):
    m = admit(tree.a1, on=D(2016, 3, 2))
    client.force_login(make_user("inspection", tree.hm))
    answer = client.post("/kiem-tra/ky-luat/them/", {
        "subject_member": m.pk, "form": "expulsion", "decision_no": "9-QĐ/UBKTQU", "decision_date": "01/06/2016",
        "decided_by": tree.hm.pk, "violation_date": "10/02/2016",
    })  # fmt: skip
    page = answer.content.decode()
    assert answer.status_code == 200
    assert "Không thể kỷ luật đảng viên dự bị bằng hình thức khai trừ" in page
    m.refresh_from_db()
    assert m.status == "probationary"


def test_the_inspection_form_shows_every_error_on_the_first_submit(tree, register, make_user, client):
    """Issue 20, item 3: an end before the start, a member outside the conducting committee and a
    violation date with no violation found answer together, each beside its field; nothing is stored."""
    other = register(tree.b1, full_name="Đỗ Thị Khác")
    client.force_login(make_user("inspection", tree.hm))
    form = client.post("/kiem-tra/them/", {
        "kind": "inspection", "conducted_by": tree.a.pk, "subject_member": other.pk, "start_date": "01/04/2016",
        "end_date": "01/03/2016", "content": "Việc chấp hành Điều lệ", "violation_date": "01/02/2016",
    }).context["form"]  # fmt: skip
    assert form.errors["end_date"] == ["Ngày kết thúc 01/03/2016 trước ngày bắt đầu 01/04/2016."]
    assert "đảng viên Đỗ Thị Khác không sinh hoạt trong" in form.errors["subject_member"][0]
    assert form.errors["violation_date"] == ["Chỉ nhập ngày xảy ra vi phạm khi có phát hiện vi phạm."]
    assert not Inspection.objects.exists()


def test_the_discipline_form_shows_every_error_on_the_first_submit(tree, admit, make_user, client):
    """No decision number, an expulsion of a probationary member and a violation after the decision,
    on one submit; no discipline is stored and the member stays."""
    m = admit(tree.a1, on=D(2016, 3, 2))
    client.force_login(make_user("inspection", tree.hm))
    form = client.post("/kiem-tra/ky-luat/them/", {
        "subject_member": m.pk, "form": "expulsion", "decision_no": "", "decision_date": "01/06/2016",
        "decided_by": tree.hm.pk, "violation_date": "10/07/2016",
    }).context["form"]  # fmt: skip
    assert form.errors["decision_no"] == ["Trường này là bắt buộc."]
    assert "Không thể kỷ luật đảng viên dự bị bằng hình thức khai trừ" in form.errors["form"][0]
    assert form.errors["violation_date"] == ["Ngày vi phạm 10/07/2016 sau ngày quyết định 01/06/2016."]
    assert not Discipline.objects.exists()
    m.refresh_from_db()
    assert m.status == "probationary"
