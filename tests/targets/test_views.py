"""The targets page: who may set a target, and a refused value shown next to its field."""

from django.urls import reverse

from dangvu.targets.models import Target
from dangvu.targets.services import target_set

from ..conftest import Role


def test_the_org_board_sets_a_target_for_a_ward(client, tree, make_user):
    client.force_login(make_user(Role.ORG_BOARD, tree.hm))
    url = reverse("targets", args=[tree.a.pk, 2016])
    data = {
        "indicator_key": "members.admitted",
        "value": "20",
        "assigned_by": str(tree.hm.pk),
        "note": "giao",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    target = Target.objects.get()
    assert (target.org, target.year, target.value, target.assigned_by) == (tree.a, 2016, 20, tree.hm)
    page = client.get(url).content.decode()
    assert "Kết nạp đảng viên mới" in page and "Đảng bộ quận Hoàng Mai giao" in page


def test_a_negative_value_is_shown_next_to_the_field(client, tree, make_user):
    client.force_login(make_user(Role.ORG_BOARD, tree.hm))
    data = {"indicator_key": "members.admitted", "value": "-3", "assigned_by": str(tree.hm.pk)}
    page = client.post(reverse("targets", args=[tree.hm.pk, 2016]), data).content.decode()
    assert "Chỉ tiêu không thể âm" in page and Target.objects.count() == 0


def test_a_leader_sees_targets_but_cannot_set_them(client, tree, actor, make_user):
    target_set(actor=actor, org=tree.hm, indicator_key="members.admitted", year=2016, value=180)
    client.force_login(make_user(Role.LEADER, tree.hm))
    url = reverse("targets", args=[tree.hm.pk, 2016])
    page = client.get(url).content.decode()
    assert "180" in page and "Lưu chỉ tiêu" not in page
    data = {"indicator_key": "members.admitted", "value": "1", "assigned_by": str(tree.hm.pk)}
    assert client.post(url, data).status_code == 403
    assert Target.objects.get().value == 180


def test_a_ward_cannot_open_another_wards_targets(client, tree, actor, make_user):
    target = target_set(actor=actor, org=tree.a, indicator_key="members.admitted", year=2016, value=5)
    client.force_login(make_user(Role.ORG_BOARD, tree.b))
    assert client.get(reverse("targets", args=[tree.a.pk, 2016])).status_code == 404
    assert client.post(reverse("target-delete", args=[target.pk])).status_code == 404
    assert Target.objects.count() == 1
