"""Deployment settings, security headers, session expiry, CSRF on every form, login throttling,
citizen IDs only for the roles that need them, and downloads of personal data logged."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse

from dangvu.accounts.models import Role
from dangvu.api.services import api_token_create
from dangvu.core.models import ExportLog

from .test_scope_sweep import patterns, sweep_plan

DANGVU = str(Path(sys.executable).parent / "dangvu")


def test_production_settings_pass_check_deploy_without_warnings(tmp_path):
    # Not the test process's own switches (DATABASE_URL, the browser tests' DJANGO_ALLOW_ASYNC_UNSAFE).
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    env.update(DANGVU_PRODUCTION="1", DANGVU_SECRET_KEY=secrets.token_urlsafe(60),
               DANGVU_ALLOWED_HOSTS="dangvu.example.vn", DANGVU_DATA_DIR=str(tmp_path))  # fmt: skip
    done = subprocess.run([DANGVU, "check", "--deploy", "--fail-level", "WARNING"], env=env, capture_output=True,
                          text=True, timeout=600)  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_every_answer_carries_the_security_headers(client, db):
    response = client.get(reverse("login"))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    policy = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    assert policy["script-src"] == "'self'"  # no inline script, no eval, nothing from elsewhere
    assert policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'" and policy["frame-ancestors"] == "'none'"


def test_a_session_lasts_a_working_day_and_ends_with_the_browser(tree, make_user):
    assert django_settings.SESSION_COOKIE_AGE == 8 * 3600 and django_settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    make_user(Role.GRASSROOTS, tree.a, "thu-ky")
    client = Client()
    response = client.post(reverse("login"), {"username": "thu-ky", "password": "mat-khau-thu-nghiem-1"})
    assert response.status_code == 302
    cookie = response.cookies[django_settings.SESSION_COOKIE_NAME]
    assert not cookie["expires"] and not cookie["max-age"]  # a browser-session cookie
    assert cookie["httponly"]
    assert client.session.get_expiry_age() <= 8 * 3600


def test_no_page_is_exempt_from_csrf_except_the_token_api():
    exempt = [route for route, _ in patterns() if not route.startswith(("api/", "quan-tri/"))
              and getattr(_callback(route), "csrf_exempt", False)]  # fmt: skip
    assert exempt == []


def _callback(route):
    from django.urls import resolve

    try:
        return resolve("/" + route).func if "<" not in route else None
    except Exception:  # noqa: BLE001
        return None


def test_every_post_without_the_csrf_token_is_refused(ward_b, tree, make_user):
    """A logged-in user's POST to any page of the web (not the token API) without the CSRF token: 403."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user(Role.ORG_BOARD, tree.hm, "ban-to-chuc"))
    plan, _ = sweep_plan(ward_b, tree)
    own = [("/" + route.replace("<int:pk>", str(tree.a1.pk)), route) for route, _ in patterns()
           if route.count("<") == 0 and not route.startswith(("api/", "quan-tri/"))]  # fmt: skip
    urls = {url for url, _, api in plan if not api} | {url for url, _ in own}
    allowed = []
    for url in sorted(urls):
        response = client.post(url, {"full_name": "x"})
        if response.status_code != 403:
            allowed.append(f"{url} -> {response.status_code}")
    assert allowed == []
    assert len(urls) > 40


def test_the_api_with_a_token_needs_no_csrf_but_a_session_write_does(tree, make_user, settings):
    user = make_user(Role.GRASSROOTS, tree.a, "thu-ky")
    _, token = api_token_create(actor=None, username=user.username, name="Hệ thống")
    client = Client(enforce_csrf_checks=True)
    assert client.get("/api/v1/members", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    client.force_login(user)
    response = client.post("/api/v1/members", "{}", content_type="application/json")
    assert response.status_code == 403


def test_logins_are_throttled_after_five_failures(tree, make_user, settings):
    settings.AXES_ENABLED = True
    make_user(Role.GRASSROOTS, tree.a, "thu-ky")
    client = Client(REMOTE_ADDR="10.0.0.9")
    for _ in range(5):
        client.post(reverse("login"), {"username": "thu-ky", "password": "sai-mat-khau-1"})
    locked = client.post(reverse("login"), {"username": "thu-ky", "password": "mat-khau-thu-nghiem-1"})
    assert locked.status_code in (403, 429)
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("role, sees", [(Role.LEADER, False), (Role.OFFICE, False), (Role.GRASSROOTS, True),
                                        (Role.ORG_BOARD, True), (Role.INSPECTION, True)])  # fmt: skip
def test_citizen_ids_only_for_roles_that_may_see_them(tree, register, make_user, role, sees, settings):
    settings.DANGVU_API_RATE = "10000/min"
    member = register(tree.a1, full_name="Nguyễn Văn An", citizen_id="001080012345")
    user = make_user(role, tree.a, f"{role}-cccd")
    _, token = api_token_create(actor=None, username=user.username, name="Hệ thống")
    client = Client()
    client.force_login(user)
    api = {"Authorization": f"Bearer {token}"}
    answers = {
        "member page": client.get(reverse("member-detail", args=[member.pk])),
        "member list": client.get(reverse("member-list")),
        "record sheet": client.get(reverse("member-sheet", args=[member.pk]), {"html": "1"}),
        "api list": client.get("/api/v1/members", headers=api),
        "api detail": client.get(f"/api/v1/members/{member.pk}", headers=api),
    }
    if role != Role.LEADER and role != Role.OFFICE:
        answers["edit form"] = client.get(reverse("member-edit", args=[member.pk]))
    export = client.get(reverse("member-list"), {"xuat": "xlsx"})
    import io

    import openpyxl

    cells = " ".join(str(c) for row in openpyxl.load_workbook(io.BytesIO(export.content)).active.values for c in row)
    shown = {name: "001080012345" in r.content.decode() for name, r in answers.items()}
    shown["excel export"] = "001080012345" in cells
    # A search by citizen ID finds the member only for those who may see the number (no oracle).
    found = "Nguyễn Văn An" in client.get(reverse("member-list"), {"q": "001080012345"}).content.decode()
    assert found == sees
    if sees:
        assert shown["member page"] and shown["excel export"] and shown["api detail"]
    else:
        assert not any(shown.values()), shown


def test_downloads_of_personal_data_are_logged(tree, register, make_user):
    member = register(tree.a1)
    client = Client()
    client.force_login(make_user(Role.ORG_BOARD, tree.hm, "ban-to-chuc"))
    client.get(reverse("member-list"), {"xuat": "xlsx"})
    response = client.get(reverse("member-sheet", args=[member.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert sorted(ExportLog.objects.values_list("kind", flat=True)) == ["member_sheet", "members"]
