"""The users page (/nguoi-dung/, issue 16 item 2): an administrator manages the users of their own
subtree only — never above or beside it, by the page or by a forged POST — and every change is
audited; a password someone else set is temporary and shown once."""

import pytest
from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.urls import reverse

from dangvu.accounts.models import Credential, PasswordKind, Role

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def ward_admin(client, tree, make_user):
    """The test client logged in as the administrator of ward A."""
    user = make_user(Role.ADMIN, tree.a, "quantri-a")
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def district_admin(client, tree, make_user):
    user = make_user(Role.ADMIN, tree.hm, "quantri-hm")
    client.force_login(user)
    client.user = user
    return client


def _add(client, **overrides):
    data = {"username": "vanphong-a1", "full_name": "Lê Thị Thu", "email": "", "role": Role.GRASSROOTS, "org": "A1"}
    data.update(overrides)
    return client.post(reverse("user-add"), data)


def test_an_administrator_adds_a_clerk_of_their_ward_with_a_temporary_password_shown_once(ward_admin, tree, client):
    response = _add(ward_admin)
    html = response.content.decode()
    user = User.objects.get(username="vanphong-a1")
    password = html.split('id="temporary-password">', 1)[1].split("<", 1)[0]
    assert user.check_password(password) and len(password) == 19
    assert (user.assignment.role, user.assignment.org) == (Role.GRASSROOTS, tree.a1)
    assert user.first_name == "Lê Thị Thu" and not user.is_staff and not user.is_superuser
    assert Credential.objects.get(user=user).must_change
    # Listed, with the last login (none yet); the password is nowhere on the list.
    listed = ward_admin.get(reverse("user-list")).content.decode()
    assert "vanphong-a1" in listed and "chưa đăng nhập" in listed and password not in listed
    # Audited: who created whom; the password never.
    entries = LogEntry.objects.filter(actor=ward_admin.user)
    assert entries.filter(object_repr="vanphong-a1", action=LogEntry.Action.CREATE).exists()
    assert all(password not in str(e.changes) for e in LogEntry.objects.all())
    assert all("pbkdf2" not in str(e.changes) and "md5$" not in str(e.changes) for e in LogEntry.objects.all())


def test_a_ward_administrator_cannot_add_a_user_above_or_beside_the_ward(ward_admin, tree):
    for code in ("HM", "HN", "B", "B1", "C"):
        response = _add(ward_admin, username=f"x-{code.lower()}", org=code)
        assert response.status_code == 200
        assert f"Không tìm thấy tổ chức có mã {code} trong phạm vi của bạn" in response.content.decode()
    assert not User.objects.filter(username__startswith="x-").exists()


def test_a_ward_administrator_neither_sees_nor_changes_district_or_other_ward_users(ward_admin, tree, make_user):
    district = make_user(Role.ORG_BOARD, tree.hm, "bantochuc-hm")
    other_ward = make_user(Role.GRASSROOTS, tree.b, "vanphong-b")
    listed = ward_admin.get(reverse("user-list")).content.decode()
    assert "bantochuc-hm" not in listed and "vanphong-b" not in listed and "quantri-a" in listed
    for victim in (district, other_ward):
        before = (victim.password, victim.is_active, victim.first_name)
        forged = {"full_name": "Đã bị sửa", "email": "", "role": Role.ADMIN, "org": "A"}
        assert ward_admin.get(reverse("user-edit", args=[victim.pk])).status_code == 404
        assert ward_admin.post(reverse("user-edit", args=[victim.pk]), forged).status_code == 404
        assert ward_admin.post(reverse("user-active", args=[victim.pk]), {"active": "0"}).status_code == 404
        assert ward_admin.get(reverse("user-reset", args=[victim.pk])).status_code == 404
        assert ward_admin.post(reverse("user-reset", args=[victim.pk])).status_code == 404
        victim.refresh_from_db()
        assert (victim.password, victim.is_active, victim.first_name) == before
        assert victim.assignment.org != tree.a
    assert not LogEntry.objects.filter(actor=ward_admin.user).exists()


def test_a_ward_administrator_cannot_move_their_user_out_of_the_ward_by_a_forged_post(ward_admin, tree, make_user):
    clerk = make_user(Role.GRASSROOTS, tree.a1, "vanphong-a1")
    response = ward_admin.post(
        reverse("user-edit", args=[clerk.pk]), {"full_name": "", "email": "", "role": Role.ADMIN, "org": "HM"}
    )
    assert "Không tìm thấy tổ chức có mã HM trong phạm vi của bạn" in response.content.decode()
    clerk.refresh_from_db()
    assert (clerk.assignment.role, clerk.assignment.org) == (Role.GRASSROOTS, tree.a1)


def test_only_administrators_reach_the_users_page(client, tree, make_user):
    for role in (Role.ORG_BOARD, Role.INSPECTION, Role.OFFICE, Role.GRASSROOTS, Role.LEADER):
        client.force_login(make_user(role, tree.hm, f"{role}-x"))
        assert client.get(reverse("user-list")).status_code == 403
        assert _add(client, username=f"new-{role}").status_code == 403
    assert not User.objects.filter(username__startswith="new-").exists()


def test_editing_changes_role_and_unit_within_the_subtree_and_is_audited(district_admin, tree, make_user):
    clerk = make_user(Role.GRASSROOTS, tree.a, "vanphong-a")
    response = district_admin.post(
        reverse("user-edit", args=[clerk.pk]),
        {"full_name": "Nguyễn Văn Bảy", "email": "bay@example.vn", "role": Role.OFFICE, "org": "B"},
    )
    assert response.status_code == 302
    clerk.refresh_from_db()
    assert (clerk.first_name, clerk.assignment.role, clerk.assignment.org) == ("Nguyễn Văn Bảy", Role.OFFICE, tree.b)
    changed = LogEntry.objects.filter(actor=district_admin.user, action=LogEntry.Action.UPDATE)
    assert {e.content_type.model for e in changed} >= {"user", "roleassignment"}


def test_deactivating_ends_login_and_api_tokens_and_reactivating_restores_them(district_admin, tree, make_user):
    from dangvu.api.services import api_token_create

    clerk = make_user(Role.GRASSROOTS, tree.a, "vanphong-a")
    _, token = api_token_create(actor=None, username=clerk.username, name="Sổ tay")
    district_admin.post(reverse("user-active", args=[clerk.pk]), {"active": "0"})
    clerk.refresh_from_db()
    assert not clerk.is_active
    assert district_admin.get("/api/v1/organizations", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    entry = LogEntry.objects.get_for_object(clerk).filter(actor=district_admin.user).latest("timestamp")
    assert entry.changes_dict["is_active"] == ["True", "False"]
    district_admin.post(reverse("user-active", args=[clerk.pk]), {"active": "1"})
    clerk.refresh_from_db()
    assert clerk.is_active


def test_an_administrator_cannot_lock_themselves_out(district_admin):
    me = district_admin.user
    response = district_admin.post(reverse("user-active", args=[me.pk]), {"active": "0"}, follow=True)
    assert "không thể tự khóa" in response.content.decode()
    me.refresh_from_db()
    assert me.is_active
    response = district_admin.post(
        reverse("user-edit", args=[me.pk]), {"full_name": "", "email": "", "role": Role.LEADER, "org": "HM"}
    )
    assert "không thể tự đổi vai trò" in response.content.decode()
    me.refresh_from_db()
    assert me.assignment.role == Role.ADMIN


def test_a_reset_gives_a_new_temporary_password_and_the_audit_says_who_reset_whom(district_admin, tree, make_user):
    clerk = make_user(Role.GRASSROOTS, tree.a, "vanphong-a")
    old_hash = clerk.password
    html = district_admin.post(reverse("user-reset", args=[clerk.pk])).content.decode()
    password = html.split('id="temporary-password">', 1)[1].split("<", 1)[0]
    clerk.refresh_from_db()
    assert clerk.password != old_hash and clerk.check_password(password)
    credential = Credential.objects.get(user=clerk)
    assert credential.must_change and credential.kind == PasswordKind.RESET and credential.set_by == district_admin.user
    entry = LogEntry.objects.get_for_object(credential).latest("timestamp")
    assert entry.actor == district_admin.user and entry.changes_dict["kind"][1] == "reset"
    assert password not in str(entry.changes) and clerk.password not in str(entry.changes)
