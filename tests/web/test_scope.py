"""A ward clerk sees and changes only their own ward: another ward's member or unit is a 404,
whether read or written, and a refused write changes nothing."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from dangvu.members.models import Member, MemberEvent
from dangvu.organizations.models import Organization


def snapshot():
    return (
        Member.objects.count(),
        MemberEvent.objects.count(),
        Organization.objects.count(),
        LogEntry.objects.count(),
    )


def test_another_wards_member_and_unit_are_not_found(ward_clerk, tree, an, binh):
    assert ward_clerk.get(reverse("member-detail", args=[an.pk])).status_code == 200
    assert ward_clerk.get(reverse("org-detail", args=[tree.a1.pk])).status_code == 200
    for url in (
        reverse("member-detail", args=[binh.pk]),
        reverse("member-edit", args=[binh.pk]),
        reverse("member-event-kinds", args=[binh.pk]),
        reverse("org-detail", args=[tree.b.pk]),
        reverse("org-detail", args=[tree.b1.pk]),
        reverse("org-detail", args=[tree.hm.pk]),
        reverse("member-admit", args=[tree.b1.pk]),
    ):
        response = ward_clerk.get(url)
        assert response.status_code == 404, url
        assert "Không tìm thấy" in response.content.decode()


def test_the_tree_and_lists_hold_only_the_ward(ward_clerk, tree, an, binh):
    tree_html = ward_clerk.get(reverse("org-tree")).content.decode()
    assert "Đảng bộ phường Định Công" in tree_html and "Đảng bộ phường Đại Kim" not in tree_html
    list_html = ward_clerk.get(reverse("member-list")).content.decode()
    assert "Nguyễn Văn An" in list_html and "Trần Thị Bình" not in list_html
    assert "Trần Thị Bình" not in ward_clerk.get(reverse("member-list"), {"q": "tran thi binh"}).content.decode()
    # Another ward's unit is not among the choices: the filter is refused, the list stays the ward's.
    assert "Trần Thị Bình" not in ward_clerk.get(reverse("member-list"), {"unit": tree.b.pk}).content.decode()


@pytest.mark.parametrize(
    "name, data",
    [
        ("member-edit", {"full_name": "Trần Thị Bị Sửa", "birth_date": "01/01/1970", "sex": "F"}),
        ("member-event", {"date": "01/06/2016", "decision_no": "1-QĐ", "place": "Quận Ba Đình"}),
    ],
)
def test_writes_to_another_wards_member_are_refused_and_change_nothing(ward_clerk, binh, name, data):
    before = snapshot()
    args = [binh.pk, "transferred_out"] if name == "member-event" else [binh.pk]
    response = ward_clerk.post(reverse(name, args=args), data)
    assert response.status_code == 404
    assert snapshot() == before
    binh.refresh_from_db()
    assert binh.full_name == "Trần Thị Bình" and binh.status == "full"


def test_admitting_into_another_wards_cell_is_refused(ward_clerk, tree):
    before = snapshot()
    data = {"full_name": "Lê Văn Lạ", "birth_date": "01/01/1990", "sex": "M", "admitted_on": "19/05/2016",
            "decision_no": "5-QĐ/ĐU"}  # fmt: skip
    assert ward_clerk.post(reverse("member-admit", args=[tree.b1.pk]), data).status_code == 404
    assert snapshot() == before


def test_a_transfer_cannot_target_a_cell_outside_the_scope(ward_clerk, tree, an):
    before = snapshot()
    response = ward_clerk.post(
        reverse("member-event", args=[an.pk, "transferred"]), {"date": "01/06/2016", "to_org": "B1"}
    )
    assert response.status_code == 200
    assert "Không tìm thấy tổ chức có mã B1 trong phạm vi của bạn" in response.content.decode()
    assert snapshot() == before


def test_a_ward_clerk_may_not_restructure(ward_clerk, tree):
    before = snapshot()
    response = ward_clerk.post(reverse("org-dissolve", args=[tree.a2.pk]), {"on": "01/06/2016", "decision": "1"})
    assert response.status_code == 403
    assert snapshot() == before


def test_a_leader_may_read_but_not_write(client, make_user, tree, an):
    client.force_login(make_user("leader", tree.hm))
    assert client.get(reverse("member-detail", args=[an.pk])).status_code == 200
    before = snapshot()
    response = client.post(reverse("member-event", args=[an.pk, "died"]), {"date": "01/06/2016"})
    assert response.status_code == 403 and snapshot() == before
