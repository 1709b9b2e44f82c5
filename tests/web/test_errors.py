"""What a newcomer meets under `make run`: the site's own error pages in Vietnamese, never Django's
debug page, unless DEBUG is asked for."""

import os
import subprocess
import sys

from django.test import Client
from django.urls import reverse


def _debug_under(env: dict) -> str:
    code = "from django.conf import settings; import django; django.setup(); print(settings.DEBUG)"
    clean = {k: v for k, v in os.environ.items() if k != "DANGVU_DEBUG"}
    out = subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "DJANGO_SETTINGS_MODULE": "dangvu.settings", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip()


def test_debug_is_off_unless_asked_for():
    assert _debug_under({}) == "False"
    assert _debug_under({"DANGVU_DEBUG": "1"}) == "True"


def test_a_record_outside_ones_scope_answers_the_sites_404(settings, tree, binh, make_user):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    client.force_login(make_user("grassroots", tree.a))
    response = client.get(reverse("member-detail", args=[binh.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Không tìm thấy trang này" in html and "không thuộc phạm vi đơn vị bạn quản lý" in html
    assert "DEBUG = True" not in html and "URLconf" not in html
