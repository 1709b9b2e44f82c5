"""Playwright driving Debian's Chromium (never a downloaded browser) against pytest-django's
live server. One browser per session, a fresh page (own cookies) per test."""

import os
from pathlib import Path

import pytest

# Playwright's sync API keeps an asyncio loop in this thread; Django would then refuse ORM calls
# made by the fixtures that build the test data, though nothing here is actually async.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PASSWORD = "mat-khau-thu-nghiem-1"  # the one tests/conftest.py's make_user sets


@pytest.fixture(scope="session")
def browser(playwright):
    if not CHROMIUM.exists():
        pytest.fail("Thiếu Chromium: chạy scripts/ensure-chromium (browser tests need Debian's chromium)")
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
    yield browser
    browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="vi-VN", viewport={"width": 1366, "height": 768})
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def login(page, live_server):
    """login(username) signs in through the login form and returns the page."""

    def _login(username: str):
        page.goto(f"{live_server.url}/dang-nhap/")
        page.get_by_label("Tên đăng nhập").fill(username)
        page.get_by_label("Mật khẩu").fill(PASSWORD)
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_load_state()
        return page

    return _login


@pytest.fixture
def sign_in(browser, live_server):
    """sign_in(username, width=1366, height=768) -> a page of its own browser context (own
    cookies) at that viewport, signed in through the login form."""
    contexts = []

    def _sign_in(username, width=1366, height=768):
        context = browser.new_context(locale="vi-VN", viewport={"width": width, "height": height})
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{live_server.url}/dang-nhap/")
        page.get_by_label("Tên đăng nhập").fill(username)
        page.get_by_label("Mật khẩu").fill(PASSWORD)
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_load_state()
        return page

    yield _sign_in
    for context in contexts:
        context.close()
