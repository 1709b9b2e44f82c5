"""The API of tasks and evaluations: the same services and permissions as the web, the derived
status in every answer, scope (another ward's records are 404 / invisible)."""

import pytest

from dangvu.accounts.models import Role
from dangvu.reviews.services import review_cycle_open
from tests.api.conftest import token_for  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def post(client, path, data, headers):
    return client.post(f"/api/v1{path}", data, content_type="application/json", headers=headers)


def test_a_quarter_through_the_api(client, tree, actor, register, token_for):  # noqa: F811
    review_cycle_open(actor=actor, committee=tree.hm, year=2026)
    member = register(tree.a1)
    cell = token_for(Role.GRASSROOTS, tree.a1, "bi-thu-a1")
    task = {"org": "A1", "member": member.pk, "year": 2026, "quarter": 1, "title": "Thăm hộ nghèo",
            "measure": "hộ", "target": "4", "deadline": "2026-03-20"}  # fmt: skip
    created = post(client, "/tasks", task, cell)
    assert created.status_code == 200, created.json()
    assert created.json()["status"] == "not_done"  # the deadline has passed, nothing recorded
    done = post(client, f"/tasks/{created.json()['id']}/result", {"done_on": "2026-03-02", "quantity": "5"}, cell)
    assert done.json()["status"] == "beyond"
    opinion = post(client, "/evaluations", {"year": 2026, "quarter": 1, "member": member.pk, "stage": "opinion",
                                            "scores": {"politics": 30}, "cls": "excellent"}, cell)  # fmt: skip
    assert opinion.status_code == 200, opinion.json()
    assert opinion.json()["points"] == 100.0 and opinion.json()["proposed_class"] == "excellent"
    # The cell does not conclude; its grassroots committee does.
    refused = post(client, "/evaluations", {"year": 2026, "quarter": 1, "member": member.pk, "stage": "decision",
                                            "cls": "excellent"}, cell)  # fmt: skip
    assert refused.status_code == 403
    ward = token_for(Role.GRASSROOTS, tree.a, "dang-uy-a")
    decision = {"year": 2026, "quarter": 1, "member": member.pk, "stage": "decision", "cls": "excellent"}
    quota = post(client, "/evaluations", decision, ward)  # the only member rated: over 20% of good ones
    assert quota.status_code == 422 and "20%" in str(quota.json())
    decided = post(client, "/evaluations", {**decision, "override_reason": "Chi bộ một đảng viên có nhiệm vụ"}, ward)
    assert decided.status_code == 200, decided.json()
    assert decided.json()["decided_class"] == "excellent"
    listed = client.get("/api/v1/evaluations?year=2026&quarter=1", headers=ward).json()
    assert listed["count"] == 1
    other = token_for(Role.GRASSROOTS, tree.b, "dang-uy-b")
    assert client.get("/api/v1/tasks?year=2026", headers=other).json()["count"] == 0
    assert post(client, f"/tasks/{created.json()['id']}/result", {"done_on": "2026-03-03"}, other).status_code == 404
