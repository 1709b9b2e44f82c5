"""The cadre pages: a list scoped to the user's subtree, filters that show the records behind a
figure, and forms that call the services and show their errors next to the field."""

from dangvu.cadres.models import CadreAction
from dangvu.cadres.services import cadre_action_create

from ..conftest import D


def _act(actor, org, name, day=D(2016, 5, 2)):
    return cadre_action_create(
        actor=actor, full_name=name, kind="transfer", decided_by=org, decision_no="9-QĐ/ĐU", decision_date=day
    )


def test_a_ward_clerk_sees_only_their_wards_decisions(client, tree, actor, make_user):
    mine = _act(actor, tree.a, "Nguyễn Văn Của Mình")
    theirs = _act(actor, tree.b, "Trần Văn Phường Khác")
    district = _act(actor, tree.hm, "Lê Văn Quận")
    client.force_login(make_user("grassroots", tree.a))
    page = client.get("/can-bo/").content.decode()
    assert mine.full_name in page and theirs.full_name not in page and district.full_name not in page
    assert client.get(f"/can-bo/{mine.pk}/").status_code == 200
    assert client.get(f"/can-bo/{theirs.pk}/").status_code == 404
    assert client.get(f"/can-bo/?org={tree.b.pk}").status_code == 404


def test_the_list_filters_by_year_and_unit_for_the_records_behind_a_figure(client, tree, actor, make_user):
    in_a = _act(actor, tree.a1, "Phạm Văn Năm Nay")
    _act(actor, tree.a, "Phạm Văn Năm Trước", day=D(2015, 5, 2))
    _act(actor, tree.b, "Phạm Văn Phường B")
    client.force_login(make_user("org_board", tree.hm))
    page = client.get(f"/can-bo/?year=2016&org={tree.a.pk}").content.decode()
    assert in_a.full_name in page
    assert "Năm Trước" not in page and "Phường B" not in page


def test_writing_needs_the_capability_to_edit_records(client, tree, make_user):
    client.force_login(make_user("grassroots", tree.a))
    assert client.get("/can-bo/them/").status_code == 403


def test_the_form_saves_through_the_service_and_shows_its_errors(client, tree, make_user):
    client.force_login(make_user("org_board", tree.hm))
    form = {
        "full_name": "Đặng Văn Mới", "kind": "appointment", "position": "Trưởng Ban Tổ chức",
        "decided_by": tree.hm.pk, "decision_no": "77-QĐ/QU", "decision_date": "",
    }  # fmt: skip
    response = client.post("/can-bo/them/", form)
    assert response.status_code == 200 and CadreAction.objects.count() == 0
    assert "ngày quyết định" in response.context["form"].errors["decision_date"][0]
    response = client.post("/can-bo/them/", {**form, "decision_date": "15/03/2016"})
    action = CadreAction.objects.get()
    assert response.status_code == 302 and action.term_end == D(2021, 3, 15)
    page = client.get(f"/can-bo/{action.pk}/").content.decode()
    assert "15/03/2021" in page
    edit = client.get(f"/can-bo/{action.pk}/sua/")
    assert edit.status_code == 200 and edit.context["form"].initial["decision_no"] == "77-QĐ/QU"


def test_the_form_shows_every_error_on_the_first_submit(client, tree, make_user):
    """Issue 20, item 3: no name, no position, no decision number, a future decision date and an
    effective date the calendar does not have all answer on one submit, each beside its field."""
    client.force_login(make_user("org_board", tree.hm))
    form = {"full_name": "", "kind": "appointment", "position": "", "decided_by": tree.hm.pk, "decision_no": "",
            "decision_date": "01/01/2031", "effective_date": "31/02/2016"}  # fmt: skip
    errors = client.post("/can-bo/them/", form).context["form"].errors
    assert "họ và tên cán bộ" in errors["full_name"][0]
    assert "Hãy nhập chức vụ của quyết định bổ nhiệm" in errors["position"][0]
    assert "Hãy nhập số quyết định bổ nhiệm" in errors["decision_no"][0]
    assert "01/01/2031 ở tương lai" in errors["decision_date"][0]
    assert "không phải ngày có thật" in errors["effective_date"][0]
    assert CadreAction.objects.count() == 0
