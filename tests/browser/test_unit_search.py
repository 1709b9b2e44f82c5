"""Unit drop-downs searched without diacritics (issue 20): on the meetings' filter the district's
board types "dai kim" in the box the static script (web/static/web/unit-search.js, allowed by the
CSP as a file of the site) puts before the select; only ward Đại Kim and the cell under it stay,
the ward is picked, and the filter applies. Without JavaScript the plain select still filters."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import PASSWORD

pytestmark = pytest.mark.browser


def _visible_options(select) -> list[str]:
    return select.evaluate("s => Array.from(s.options).filter(o => !o.hidden).map(o => o.text.trim())")


def test_typing_dai_kim_finds_the_ward_and_its_cell(login, live_server, tree, make_user):
    make_user("org_board", tree.hm, username="ban-to-chuc")
    page = login("ban-to-chuc")
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{live_server.url}/sinh-hoat/")
    select = page.get_by_label("Chi bộ, đơn vị")
    search = page.get_by_placeholder("Tìm nhanh (gõ không dấu được)")
    search.fill("dai kim")
    assert _visible_options(select) == ["Tất cả", "Đảng bộ phường Đại Kim", "Chi bộ khu dân cư số 1"]
    expect(select).to_have_value(str(tree.b.pk))  # the first unit found is picked
    search.fill("dinh cong so 2")  # a cell by its own words and its ward's
    assert _visible_options(select) == ["Tất cả", "Chi bộ tổ dân phố số 2"]
    search.fill("dai kim")
    page.get_by_role("button", name="Lọc").click()
    expect(page).to_have_url(re.compile(rf"don_vi={tree.b.pk}"))
    assert not errors, errors  # no script refused by the CSP, no error


def test_without_javascript_the_plain_select_still_filters(browser, live_server, tree, make_user):
    make_user("org_board", tree.hm, username="ban-to-chuc")
    context = browser.new_context(locale="vi-VN", java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/dang-nhap/")
        page.get_by_label("Tên đăng nhập").fill("ban-to-chuc")
        page.get_by_label("Mật khẩu").fill(PASSWORD)
        page.get_by_role("button", name="Đăng nhập").click()
        page.goto(f"{live_server.url}/sinh-hoat/")
        assert page.get_by_placeholder("Tìm nhanh (gõ không dấu được)").count() == 0
        page.get_by_label("Chi bộ, đơn vị").select_option(label="Đảng bộ phường Đại Kim")
        page.get_by_role("button", name="Lọc").click()
        expect(page).to_have_url(re.compile(rf"don_vi={tree.b.pk}"))
    finally:
        context.close()
