"""The award pages: scoped list, filters for the records behind a figure, the form."""

from dangvu.awards.models import Award
from dangvu.awards.services import award_create

from ..conftest import D


def _give(actor, by, name, day=D(2016, 5, 19), program="ct03"):
    return award_create(
        actor=actor, recipient_kind="collective", recipient_name=name, title="certificate", program=program,
        awarded_by=by, decision_no="3-QĐ/ĐU", decision_date=day,
    )  # fmt: skip


def test_a_ward_clerk_sees_only_their_wards_awards(client, tree, actor, make_user):
    mine = _give(actor, tree.a, "Tổ dân phố 1 Định Công")
    theirs = _give(actor, tree.b, "Tổ dân phố 2 Đại Kim")
    client.force_login(make_user("grassroots", tree.a))
    page = client.get("/khen-thuong/").content.decode()
    assert mine.recipient_name in page and theirs.recipient_name not in page
    assert client.get(f"/khen-thuong/{theirs.pk}/").status_code == 404
    assert client.get("/khen-thuong/them/").status_code == 403


def test_the_list_filters_by_year_unit_and_program(client, tree, actor, make_user):
    _give(actor, tree.a1, "Tập thể Chỉ thị 03 năm 2016")
    _give(actor, tree.a, "Tập thể Chỉ thị 05 năm 2016", program="ct05")
    _give(actor, tree.a, "Tập thể năm 2015", day=D(2015, 5, 19))
    _give(actor, tree.b, "Tập thể phường khác")
    client.force_login(make_user("org_board", tree.hm))
    page = client.get(f"/khen-thuong/?year=2016&org={tree.a.pk}&program=ct03").content.decode()
    assert "Chỉ thị 03 năm 2016" in page
    assert "Chỉ thị 05 năm 2016" not in page and "năm 2015" not in page and "phường khác" not in page


def test_the_form_shows_the_refusal_of_an_award_to_a_dissolved_unit(client, tree, actor, make_user):
    from dangvu.members.restructure import org_dissolve

    org_dissolve(actor=actor, org=tree.c, on=D(2016, 6, 1))
    client.force_login(make_user("org_board", tree.hm))
    form = {
        "recipient_kind": "collective", "recipient_org": tree.c.pk, "title": "tsvm", "program": "review",
        "awarded_by": tree.hm.pk, "decision_no": "512-QĐ/QU", "decision_date": "30/12/2016",
    }  # fmt: skip
    response = client.post("/khen-thuong/them/", form)
    assert response.status_code == 200 and not Award.objects.exists()
    assert "giải thể" in response.context["form"].errors["recipient_org"][0]
    response = client.post("/khen-thuong/them/", {**form, "recipient_org": tree.a.pk})
    assert response.status_code == 302
    assert tree.a.name in client.get(response.url).content.decode()


def test_the_form_shows_every_error_on_the_first_submit(client, tree, make_user):
    """Issue 20, item 3: no recipient, no decision number and a future decision date answer together."""
    client.force_login(make_user("org_board", tree.hm))
    form = {"recipient_kind": "collective", "title": "certificate", "program": "ct03", "awarded_by": tree.hm.pk,
            "decision_no": "", "decision_date": "01/01/2031"}  # fmt: skip
    errors = client.post("/khen-thuong/them/", form).context["form"].errors
    assert "Hãy nhập số quyết định khen thưởng" in errors["decision_no"][0]
    assert "01/01/2031 ở tương lai" in errors["decision_date"][0]
    assert "Hãy chọn tổ chức đảng hoặc đảng viên được khen" in errors["recipient_name"][0]
    assert not Award.objects.exists()
