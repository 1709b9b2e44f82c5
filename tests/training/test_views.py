"""The training pages: scoped list, filters for the records behind a figure, attendance form."""

from dangvu.training.models import Attendance, TrainingClass
from dangvu.training.services import training_class_create

from ..conftest import D


def _class(actor, org, title, start=D(2016, 4, 4), unnamed=0):
    return training_class_create(
        actor=actor, title=title, organizer=org, kind="party_work", start_date=start, unnamed_count=unnamed
    )


def test_a_ward_clerk_sees_only_their_wards_classes(client, tree, actor, make_user):
    mine = _class(actor, tree.a, "Lớp của phường Định Công")
    theirs = _class(actor, tree.b, "Lớp của phường Đại Kim")
    client.force_login(make_user("grassroots", tree.a))
    page = client.get("/boi-duong/").content.decode()
    assert mine.title in page and theirs.title not in page
    assert client.get(f"/boi-duong/{mine.pk}/").status_code == 200
    assert client.get(f"/boi-duong/{theirs.pk}/").status_code == 404
    assert client.post(f"/boi-duong/{mine.pk}/tham-du/", {}).status_code == 403


def test_the_list_filters_by_year_and_unit(client, tree, actor, make_user):
    _class(actor, tree.a1, "Lớp năm nay", unnamed=1200)
    _class(actor, tree.a, "Lớp năm trước", start=D(2015, 4, 4))
    _class(actor, tree.b, "Lớp phường khác")
    client.force_login(make_user("org_board", tree.hm))
    page = client.get(f"/boi-duong/?year=2016&org={tree.a.pk}").content.decode()
    assert "Lớp năm nay" in page and "Lớp năm trước" not in page and "Lớp phường khác" not in page
    assert "1.200 lượt" in page


def test_adding_an_attendance_shows_the_services_refusal_next_to_the_field(client, tree, actor, register, make_user):
    c = _class(actor, tree.hm, "Lớp đảng viên mới")
    member = register(tree.a1, party_card_no="01234567")
    client.force_login(make_user("org_board", tree.hm))
    response = client.post(f"/boi-duong/{c.pk}/tham-du/", {"member": "01234567", "attended_on": "01/04/2016"})
    assert response.status_code == 200 and not Attendance.objects.exists()
    assert "trước ngày khai giảng" in response.context["form"].errors["attended_on"][0]
    response = client.post(f"/boi-duong/{c.pk}/tham-du/", {"member": "01234567", "attended_on": ""})
    assert response.status_code == 302 and Attendance.objects.get().member == member
    assert member.full_name in client.get(f"/boi-duong/{c.pk}/").content.decode()


def test_the_class_form_shows_every_error_on_the_first_submit(client, tree, make_user):
    """Issue 20, item 3: no title, no organizer and a closing day before the opening answer together."""
    client.force_login(make_user("org_board", tree.hm))
    form = {"title": "", "organizer": "", "kind": "party_work", "start_date": "10/04/2016", "end_date": "04/04/2016"}
    errors = client.post("/boi-duong/them/", form).context["form"].errors
    assert "Hãy nhập tên lớp" in errors["title"][0]
    assert "Hãy chọn tổ chức đảng mở lớp" in errors["organizer"][0]
    assert "Ngày bế giảng 04/04/2016 trước ngày khai giảng 10/04/2016" in errors["end_date"][0]
    assert not TrainingClass.objects.exists()
