"""The Content-Security-Policy holds in a real browser: the pages a clerk uses every day, the
self-contained HTML report and the API's interactive documentation render without the browser
refusing a single script, style or image."""

import pytest
from playwright.sync_api import expect

from ..conftest import D

pytestmark = pytest.mark.browser


def watch_violations(page) -> list[str]:
    refused = []
    page.on("console", lambda msg: refused.append(msg.text) if "Content Security Policy" in msg.text else None)
    return refused


def test_daily_pages_render_under_the_policy(login, live_server, tree, make_user, admit):
    member = admit(tree.a1, on=D(2016, 3, 2))
    make_user("org_board", tree.hm, username="ban-to-chuc")
    page = login("ban-to-chuc")
    refused = watch_violations(page)
    pages = [
        f"/tong-quan/{tree.hm.pk}/2016/",
        "/to-chuc/cay/",
        f"/to-chuc/{tree.a.pk}/",
        f"/dang-vien/{member.pk}/",
        f"/dang-vien/{member.pk}/sua/",
        f"/dang-vien/{member.pk}/phieu-dang-vien/?html=1",
        f"/bao-cao/{tree.hm.pk}/2016/",
        f"/bao-cao/{tree.hm.pk}/2016/tai-ve/html/",
    ]
    for path in pages:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("load")
    assert refused == []


def test_the_html_report_keeps_its_own_styles(login, live_server, tree, make_user):
    make_user("org_board", tree.hm, username="ban-to-chuc")
    page = login("ban-to-chuc")
    refused = watch_violations(page)
    page.goto(f"{live_server.url}/bao-cao/{tree.hm.pk}/2016/tai-ve/html/")
    # The document's own stylesheet sets Times New Roman; refused, the page would fall back.
    family = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "Times New Roman" in family
    assert refused == []


def test_the_api_documentation_runs_its_scripts(login, live_server, tree, make_user):
    make_user("org_board", tree.hm, username="ban-to-chuc")
    page = login("ban-to-chuc")
    refused = watch_violations(page)
    page.goto(f"{live_server.url}/api/v1/docs")
    expect(page.locator(".swagger-ui .info")).to_be_visible()
    assert refused == []
