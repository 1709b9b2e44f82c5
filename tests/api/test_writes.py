"""Writes through the API are the services' writes: audited with the token's user as actor."""

import datetime as dt

import pytest
from auditlog.models import LogEntry

from dangvu.accounts.models import Role
from dangvu.accounts.services import user_create
from dangvu.api.services import api_token_create
from dangvu.members.models import Member

from .test_access import admission

pytestmark = pytest.mark.django_db


def test_an_admission_through_the_api_is_audited_with_the_token_user(client, tree, make_user):
    user = make_user(Role.GRASSROOTS, tree.a, "vanphong-a")
    _, token = api_token_create(actor=None, username=user.username, name="Sổ tay đảng viên")
    headers = {"Authorization": f"Bearer {token}"}
    response = client.post("/api/v1/members", admission("A1"), content_type="application/json", headers=headers)
    assert response.status_code == 201, response.json()
    member = Member.objects.get(pk=response.json()["id"])
    assert member.org == tree.a1 and member.status == "probationary"
    entries = LogEntry.objects.get_for_object(member)
    assert entries.exists() and {e.actor for e in entries} == {user}

    patched = client.patch(
        f"/api/v1/members/{member.pk}",
        {"occupation": "Giáo viên"},
        content_type="application/json",
        headers=headers,
    )
    assert patched.status_code == 200 and patched.json()["occupation"] == "Giáo viên"
    event = client.post(
        f"/api/v1/members/{member.pk}/events",
        {"kind": "recognized", "decision_no": "9-QĐ/ĐU", "decision_date": "2017-05-20"},
        content_type="application/json", headers=headers,
    )  # fmt: skip
    assert event.status_code == 201, event.json()
    assert event.json()["date"] == "2017-05-19"  # the day probation ends, not the decision's
    events = client.get(f"/api/v1/members/{member.pk}/events", headers=headers).json()
    assert [e["kind"] for e in events] == ["admitted", "recognized"]


def test_a_target_set_through_the_api_shows_in_the_indicators(client, tree, admit, board):
    admit(tree.a1, on=dt.date(2016, 3, 2))
    put = client.put(
        "/api/v1/targets", {"org": "HM", "indicator_key": "members.admitted", "year": 2016, "value": 2},
        content_type="application/json", headers=board,
    )  # fmt: skip
    assert put.status_code == 200, put.json()
    figure = client.get("/api/v1/indicators?org=HM&year=2016", headers=board).json()["indicators"]["members.admitted"]
    assert (figure["value"], figure["target"], figure["percent"]) == (1, 2, 50.0)
    assert figure["plan_text"] == "đạt 50% kế hoạch"  # written as the unit's report writes it (the seed's style)


def test_the_indicators_of_the_demo(client, demo_data):
    user = user_create(actor=None, username="api-demo", password="x" * 12, role=Role.ORG_BOARD, org=demo_data.hm,
                       check_password=False)  # fmt: skip
    _, token = api_token_create(actor=None, username=user.username, name="Bảng số liệu thành phố")
    headers = {"Authorization": f"Bearer {token}"}
    doc = client.get("/api/v1/indicators?org=HM&year=2016", headers=headers).json()
    admitted = doc["indicators"]["members.admitted"]
    assert (admitted["value"], admitted["target"]) == (209, 180)
    same = client.get("/api/v1/indicators?org=HM&start=2016-01-01&end=2016-12-31", headers=headers).json()
    assert same == doc
    assert client.get("/api/v1/indicators?org=HM&year=2016&start=2016-01-01", headers=headers).status_code == 422
