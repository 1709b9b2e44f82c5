"""The record-sheet fields and the work history through the API: written by PATCH through
members.services.member_update (same checks and messages as the form), read back on the member."""

import pytest

from dangvu.members.models import Member

pytestmark = pytest.mark.django_db

LINES = [
    {"started_on": "2003-09-15", "ended_on": "2011-06-01", "work": "Kỹ sư thiết kế", "place": "Công ty Xây dựng số 5"},
    {"started_on": "2011-07-01", "ended_on": None, "work": "Trưởng phòng Kỹ thuật", "place": "Công ty Xây dựng số 5"},
]


def test_patch_writes_the_record_fields_and_replaces_the_work_history(client, tree, register, board):
    member = register(tree.a1)
    payload = {"foreign_languages": "Tiếng Anh B1", "health": "Tốt", "youth_union_joined_on": "1996-03-26",
               "work_history": LINES}  # fmt: skip
    response = client.patch(f"/api/v1/members/{member.pk}", payload, content_type="application/json", headers=board)
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["foreign_languages"], body["health"], body["youth_union_joined_on"]) == (
        "Tiếng Anh B1", "Tốt", "1996-03-26"
    )  # fmt: skip
    assert [(p["started_on"], p["ended_on"], p["work"]) for p in body["work_history"]] == [
        ("2003-09-01", "2011-06-01", "Kỹ sư thiết kế"),  # a month: stored as its first day
        ("2011-07-01", None, "Trưởng phòng Kỹ thuật"),
    ]
    # A PATCH without work_history leaves it; the list of members carries it too.
    client.patch(f"/api/v1/members/{member.pk}", {"it_skills": "Cơ bản"}, content_type="application/json",
                 headers=board)  # fmt: skip
    listed = client.get("/api/v1/members", {"q": member.full_name}, headers=board).json()["items"]
    assert [len(m["work_history"]) for m in listed if m["id"] == member.pk] == [2]


def test_a_line_ending_before_it_starts_is_refused_naming_the_line(client, tree, register, board):
    member = register(tree.a1)
    bad = [LINES[0], {**LINES[1], "ended_on": "2010-01-01"}]
    response = client.patch(f"/api/v1/members/{member.pk}", {"health": "Tốt", "work_history": bad},
                            content_type="application/json", headers=board)  # fmt: skip
    assert response.status_code == 422
    messages = response.json()["error"]["fields"]["work_history"]
    assert messages[0].startswith("Dòng 2: tháng bắt đầu 07/2011 sau tháng kết thúc 01/2010")
    assert Member.objects.get(pk=member.pk).health == "" and not member.work_periods.exists()
