"""Who may call and what they see: tokens carry their user's scope and capabilities, bad tokens
are refused, calls are rate limited, browser sessions need CSRF for writes, errors keep one shape."""

import pytest
from django.test import Client

from dangvu.accounts.models import Role
from dangvu.api.models import ApiToken, digest
from dangvu.api.services import api_token_create, api_token_revoke
from tests.conftest import D, identity

pytestmark = pytest.mark.django_db


def admission(org_code, **kw):
    data = {"org": org_code, "admitted_on": "2016-05-19", "decision_no": "125-QĐ/ĐU", **identity()}
    data["birth_date"] = data["birth_date"].isoformat()
    data.update(kw)
    return data


def test_a_ward_token_sees_its_members_and_gets_404_for_another_wards(client, tree, admit, ward_a):
    mine, theirs = admit(tree.a1), admit(tree.b1)
    assert client.get(f"/api/v1/members/{mine.pk}", headers=ward_a).status_code == 200
    other = client.get(f"/api/v1/members/{theirs.pk}", headers=ward_a)
    missing = client.get("/api/v1/members/999999", headers=ward_a)
    assert other.status_code == missing.status_code == 404
    assert other.json() == missing.json()  # nothing tells "exists elsewhere" from "does not exist"
    assert other.json()["error"]["code"] == "not_found"
    listed = client.get("/api/v1/members", headers=ward_a).json()
    assert [m["id"] for m in listed["items"]] == [mine.pk]


def test_a_ward_token_cannot_admit_into_another_ward(client, tree, ward_a):
    response = client.post("/api/v1/members", admission("B1"), content_type="application/json", headers=ward_a)
    assert response.status_code == 422
    assert "phạm vi" in response.json()["error"]["fields"]["org"][0]
    assert not tree.b1.members.exists()


def test_a_read_only_role_is_forbidden_to_write(client, tree, token_for):
    leader = token_for(Role.LEADER, tree.hm)
    response = client.post("/api/v1/members", admission("A1"), content_type="application/json", headers=leader)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"


def test_validation_is_the_services_with_vietnamese_messages(client, tree, ward_a):
    too_young = admission("A1", birth_date="2010-01-01")
    response = client.post("/api/v1/members", too_young, content_type="application/json", headers=ward_a)
    assert response.status_code == 422
    body = response.json()["error"]
    assert body["code"] == "validation_error" and body["message"]["en"]
    assert "birth_date" in body["fields"]
    bad_date = client.get("/api/v1/cadre-actions?start=31/12/2016", headers=ward_a).json()["error"]
    assert bad_date["fields"]["start"] == ["Ngày không hợp lệ; dùng dạng YYYY-MM-DD, ví dụ 2016-03-02."]


def test_wrong_or_revoked_tokens_get_401(client, tree, make_user):
    user = make_user(Role.ORG_BOARD, tree.hm)
    record, token = api_token_create(actor=None, username=user.username, name="CSDL")
    ok = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/organizations", headers=ok).status_code == 200
    assert ApiToken.objects.get(pk=record.pk).last_used_at is not None
    for headers in ({}, {"Authorization": "Bearer dv_not-a-token"}, {"Authorization": f"Basic {token}"}):
        response = client.get("/api/v1/organizations", headers=headers)
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "unauthorized"
    api_token_revoke(actor=user, token=record)
    assert client.get("/api/v1/organizations", headers=ok).status_code == 401


def test_only_a_digest_of_the_token_is_stored(tree, make_user):
    user = make_user(Role.ORG_BOARD, tree.hm)
    record, token = api_token_create(actor=None, username=user.username, name="CSDL")
    row = ApiToken.objects.filter(pk=record.pk).values().get()
    assert all(token not in str(value) for value in row.values())
    assert row["secret_hash"] == digest(token)


def test_the_rate_limit_answers_429_per_token(client, tree, board, token_for, settings):
    settings.DANGVU_API_RATE = "3/min"
    for _ in range(3):
        assert client.get("/api/v1/organizations", headers=board).status_code == 200
    limited = client.get("/api/v1/organizations", headers=board)
    assert limited.status_code == 429
    assert limited.json()["error"]["code"] == "rate_limited"
    assert int(limited["Retry-After"]) > 0
    other = token_for(Role.GRASSROOTS, tree.a)  # another token keeps its own count
    assert client.get("/api/v1/organizations", headers=other).status_code == 200


def test_a_browser_session_reads_and_needs_csrf_to_write(tree, make_user):
    user = make_user(Role.GRASSROOTS, tree.a)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    assert browser.get("/api/v1/members").status_code == 200
    refused = browser.post("/api/v1/members", admission("A1"), content_type="application/json")
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "forbidden"
    browser.get("/api/v1/docs")  # sets the CSRF cookie, as the docs page does for Swagger UI
    csrf = browser.cookies["csrftoken"].value
    done = browser.post("/api/v1/members", admission("A1"), content_type="application/json", HTTP_X_CSRFTOKEN=csrf)
    assert done.status_code == 201, done.json()


def test_the_docs_page_loads_nothing_from_another_site(client):
    page = client.get("/api/v1/docs").content.decode()
    assert "swagger-ui-bundle.js" in page
    assert "http://" not in page and "https://" not in page
    assert client.get("/api/v1/docs/assets/swagger-ui-bundle.js").status_code == 200
    assert client.get("/api/v1/docs/assets/settings.py").status_code == 404


def test_the_tree_as_of_a_date(client, tree, board):
    nodes = client.get("/api/v1/organizations/HM/tree?on=2016-12-31", headers=board).json()
    assert [(n["code"], n["depth"]) for n in nodes][:2] == [("HM", 0), ("A", 1)]
    assert client.get("/api/v1/organizations/HM/tree?on=1999-01-01", headers=board).json() == []
    assert D(2004, 1, 1).isoformat() == nodes[0]["founded_on"]


def test_reading_the_member_list_is_logged_as_an_export_of_personal_data(client, tree, admit, ward_a):
    from dangvu.core.models import ExportLog

    admit(tree.a1)
    admit(tree.a2)
    assert client.get("/api/v1/members?q=nguyen", headers=ward_a).status_code == 200
    log = ExportLog.objects.get(kind="api_members")
    assert log.user.username == "grassroots-a" and log.row_count == 2 and log.filters["q"] == "nguyen"
    assert log.with_citizen_id  # a grassroots clerk may see citizen IDs
