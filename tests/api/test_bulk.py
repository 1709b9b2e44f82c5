"""Bulk endpoints for migrations (issue 16, item 7): thousands of records in one call, written
atomically through the imports' own paths; a failing record is named by its index and field in
the API's one error shape, and nothing is written."""

import time

import pytest
from auditlog.models import LogEntry

from dangvu.accounts.models import Role
from dangvu.members.models import EventKind, Member, MemberEvent
from dangvu.reviews.models import MemberResult

pytestmark = pytest.mark.django_db


def person(i: int, **overrides) -> dict:
    data = {
        "full_name": f"Nguyễn Văn Thử {i}", "birth_date": "1985-05-17", "sex": "M",
        "citizen_id": f"0010850{i:05d}", "party_card_no": f"0{i + 1000000:07d}",
        "admitted_on": "2005-02-03", "recognized_on": "2006-02-03",
    }  # fmt: skip
    data.update(overrides)
    return data


def post(client, headers, kind, org, records):
    return client.post(
        f"/api/v1/bulk/{kind}", {"org": org, "records": records}, content_type="application/json", headers=headers
    )


def test_a_thousand_members_in_one_call_are_registered_and_audited(client, tree, board):
    started = time.perf_counter()
    response = post(client, board, "members", "A1", [person(i) for i in range(1000)])
    elapsed = time.perf_counter() - started
    assert response.status_code == 201, response.json()
    assert response.json() == {"kind": "members", "created": 1000}
    assert Member.objects.filter(org=tree.a1).count() == 1000
    last = Member.objects.get(citizen_id="001085000999")
    assert last.full_name == "Nguyễn Văn Thử 999" and last.status == "full"
    assert LogEntry.objects.get_for_object(last).exists()
    print(f"1.000 members through the API: {elapsed:.1f} s")


def test_one_bad_record_in_a_thousand_writes_nothing_and_is_named_by_its_index(client, tree, board):
    records = [person(i) for i in range(1000)]
    records[637]["birth_date"] = "1990-02-31"
    records[900]["citizen_id"] = records[3]["citizen_id"]  # a duplicate the service finds
    records[950]["sexx"] = "M"  # a field the kind does not have
    response = post(client, board, "members", "A1", records)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_error" and "3 bản ghi lỗi" in error["message"]["vi"]
    fields = error["fields"]
    assert set(fields) == {"records.637.birth_date", "records.900.citizen_id", "records.950.sexx"}
    assert "không phải ngày có thật" in fields["records.637.birth_date"][0]
    assert not Member.objects.exists() and not MemberEvent.objects.exists()


def test_review_results_and_events_go_through_their_services(client, tree, board, register):
    a, b = register(tree.a1, party_card_no="01000001"), register(tree.b1, party_card_no="01000002")
    c = register(tree.b1, party_card_no="01000003")
    reviews = [
        {"member": "01000001", "year": 2016, "cls": "Đủ tư cách, hoàn thành xuất sắc nhiệm vụ"},
        {"member": b.pk, "year": 2016, "cls": "Đủ tư cách, hoàn thành tốt nhiệm vụ"},  # by id, as the API names members
    ]
    response = post(client, board, "review_members", "HM", reviews)
    assert response.status_code == 201, response.json()
    assert dict(MemberResult.objects.values_list("member__party_card_no", "decided_class")) == {
        "01000001": "excellent", "01000002": "good",
    }  # fmt: skip
    events = [
        {"member": a.pk, "kind": "exempted", "date": "2016-03-01", "until": "2016-12-31", "reason": "Tuổi cao"},
        {"member": "01000002", "kind": "Từ trần", "date": "2016-05-02"},
        {"member": c.pk, "kind": "dismissed", "date": "2016-06-01", "decision_no": "7-QĐ/QU"},
    ]
    response = post(client, board, "events", "HM", events)
    assert response.status_code == 201, response.json()
    a.refresh_from_db()
    b.refresh_from_db()
    c.refresh_from_db()
    assert (b.status, c.status) == ("died", "dismissed")
    assert list(a.events.filter(kind__in=[EventKind.EXEMPTED, EventKind.RESUMED]).values_list("kind", flat=True))


def test_a_refused_event_batch_names_the_record_and_writes_none(client, tree, board, register):
    a = register(tree.a1, party_card_no="01000001")
    events = [
        {"member": a.pk, "kind": "Từ trần", "date": "2016-05-02"},
        {"member": 999999, "kind": "Từ trần", "date": "2016-05-02"},
    ]
    response = post(client, board, "events", "HM", events)
    assert response.status_code == 422
    assert list(response.json()["error"]["fields"]) == ["records.1.member"]
    a.refresh_from_db()
    assert a.status != "died" and not a.events.filter(kind=EventKind.DIED).exists()


def test_scope_capability_and_batch_limit(client, tree, token_for, settings):
    ward_a = token_for(Role.GRASSROOTS, tree.a)
    outside = post(client, ward_a, "members", "B1", [person(1)])
    assert outside.status_code == 422 and "org" in outside.json()["error"]["fields"]
    leader = token_for(Role.LEADER, tree.hm)
    assert post(client, leader, "members", "A1", [person(1)]).status_code == 403
    settings.DANGVU_API_BULK_MAX = 2
    too_many = post(client, ward_a, "members", "A1", [person(i) for i in range(3)])
    assert too_many.status_code == 422 and "tối đa 2" in too_many.json()["error"]["fields"]["records"][0]
    assert not Member.objects.exists()
    fields = client.get("/api/v1/bulk/members/fields", headers=ward_a).json()
    assert {"name": "full_name", "label": "Họ và tên", "required": True} == {
        k: v for k, v in fields[0].items() if k in ("name", "label", "required")
    }
