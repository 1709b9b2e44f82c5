"""Passwords (issue 14, finding 5): everyone changes their own, under Django's validators, in
Vietnamese; a password someone else set (the first one, a reset) holds the user on the change page
until they choose their own; every change is audited, never the password."""

import pytest
from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.urls import reverse

from dangvu.accounts.models import Credential, PasswordKind, Role
from dangvu.accounts.services import user_add, user_password_reset

pytestmark = pytest.mark.django_db

NEW = "cay-bang-truoc-ngo-2016"


def _login(client, username, password) -> bool:
    # Through the login page, as a person does (django-axes needs the request).
    response = client.post(reverse("login"), {"username": username, "password": password})
    return response.status_code == 302


def _change(client, old, new1, new2=None):
    return client.post(
        reverse("password-change"), {"old_password": old, "new_password1": new1, "new_password2": new2 or new1}
    )


def test_a_user_changes_their_own_password_and_the_audit_says_so(client, tree, make_user):
    clerk = make_user(Role.GRASSROOTS, tree.a, "vanphong-a")
    client.force_login(clerk)
    page = client.get(reverse("home"), follow=True).content.decode()
    assert reverse("password-change") in page  # offered in the user menu on every page
    response = _change(client, "mat-khau-thu-nghiem-1", NEW)
    assert response.status_code == 302
    clerk.refresh_from_db()
    assert clerk.check_password(NEW)
    assert client.get(reverse("member-list")).status_code == 200  # still logged in
    credential = Credential.objects.get(user=clerk)
    assert credential.kind == PasswordKind.CHANGED and not credential.must_change
    entry = LogEntry.objects.get_for_object(credential).latest("timestamp")
    assert entry.actor == clerk and NEW not in str(entry.changes)


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("sai-mat-khau-cu", NEW, "Mật khẩu cũ không chính xác"),
        ("mat-khau-thu-nghiem-1", "ngan-qua", "Mật khẩu quá ngắn"),
        ("mat-khau-thu-nghiem-1", "12345678901234", "hoàn toàn là số"),
        ("mat-khau-thu-nghiem-1", "password1234", "quá phổ biến"),
    ],
)
def test_a_bad_new_password_is_refused_in_vietnamese(client, tree, make_user, old, new, message):
    clerk = make_user(Role.GRASSROOTS, tree.a, "vanphong-a")
    client.force_login(clerk)
    html = _change(client, old, new).content.decode()
    assert message in html
    clerk.refresh_from_db()
    assert clerk.check_password("mat-khau-thu-nghiem-1")


def test_after_a_reset_every_page_leads_to_the_change_page_until_the_user_changes_it(client, tree, make_user, actor):
    clerk = make_user(Role.GRASSROOTS, tree.a, "vanphong-a")
    temporary = user_password_reset(actor=actor, user=clerk)
    assert _login(client, "vanphong-a", temporary)
    for url in (reverse("home"), reverse("member-list"), reverse("org-tree")):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("password-change"))
    page = client.get(reverse("password-change")).content.decode()
    assert "mật khẩu tạm" in page
    api = client.get("/api/v1/organizations")
    assert api.status_code == 403 and api.json()["error"]["code"] == "forbidden"
    assert _change(client, temporary, NEW).status_code == 302
    assert client.get(reverse("member-list")).status_code == 200
    assert client.get("/api/v1/organizations").status_code == 200


def test_a_user_added_on_the_page_must_change_the_first_password(client, tree, make_user):
    admin = make_user(Role.ADMIN, tree.hm, "quantri-hm")
    user, password = user_add(actor=admin, username="vanphong-b", role=Role.GRASSROOTS, org=tree.b)
    assert _login(client, "vanphong-b", password)
    assert client.get(reverse("home"))["Location"].startswith(reverse("password-change"))
    assert client.post(reverse("logout")).status_code == 302  # leaving stays possible


def test_a_token_of_a_user_who_must_change_the_password_still_works(client, tree, make_user, actor):
    from dangvu.api.services import api_token_create

    clerk = make_user(Role.GRASSROOTS, tree.a, "vanphong-a")
    _, token = api_token_create(actor=None, username=clerk.username, name="Sổ tay")
    user_password_reset(actor=actor, user=clerk)
    response = client.get("/api/v1/organizations", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200


def test_a_reset_ends_a_lockout_after_failed_logins(client, tree, make_user, actor):
    make_user(Role.GRASSROOTS, tree.a, "vanphong-a")
    for _ in range(5):
        assert not _login(client, "vanphong-a", "doan-sai-mat-khau")
    assert not _login(client, "vanphong-a", "mat-khau-thu-nghiem-1")  # locked: even the right one is refused
    clerk = get_user_model().objects.get(username="vanphong-a")
    temporary = user_password_reset(actor=actor, user=clerk)
    assert _login(client, "vanphong-a", temporary)
