"""`dangvu screenshots`: PNGs of the main pages at 1366×768 and at phone width, to look at the
pages as a clerk sees them. Starts the development server on a free port against the current
database (or uses one already running, given by --url), logs in through the login form, and
saves ./screenshots/<page>-<screen>.png."""

import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.error import URLError
from urllib.request import urlopen

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from dangvu.accounts.scope import Scope
from dangvu.members.models import IN_PARTY_STATUSES
from dangvu.organizations.models import MEMBER_LEVELS

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]  # fmt: skip
MAX_HEIGHT = 2400
SCREENS = {"desktop": {"width": 1366, "height": 768}, "phone": {"width": 390, "height": 844}}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_up(url: str, seconds: float = 30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urlopen(url + reverse("login"), timeout=2)
            return
        except (URLError, ConnectionError, OSError):
            time.sleep(0.3)
    raise CommandError(f"Máy chủ {url} không trả lời sau {seconds:.0f} giây.")


class Command(BaseCommand):
    help = "Chụp ảnh các trang chính (tổng quan, cây tổ chức, đơn vị, đảng viên, kết nạp) vào ./screenshots/."

    def add_arguments(self, parser):
        parser.add_argument("--username", required=True, help="tài khoản dùng để đăng nhập")
        parser.add_argument("--password", required=True)
        parser.add_argument("--url", help="địa chỉ máy chủ đang chạy, ví dụ http://127.0.0.1:8000")
        parser.add_argument("--out", default="screenshots", help="thư mục lưu ảnh (mặc định ./screenshots)")
        parser.add_argument(
            "--date", default="31/12/2016", help="ngày xem cây tổ chức và cảnh báo của trang tổng quan (dd/mm/yyyy)"
        )

    def handle(self, *args, **opts):
        from playwright.sync_api import sync_playwright

        pages = self._pages(opts["username"], opts["date"])
        out = Path(opts["out"])
        out.mkdir(parents=True, exist_ok=True)
        server = None
        url = (opts["url"] or "").rstrip("/")
        if not url:
            port = _free_port()
            url = f"http://127.0.0.1:{port}"
            server = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "dangvu.cli",
                    "runserver",
                    "--noreload",
                    "--insecure",
                    f"127.0.0.1:{port}",
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        try:
            _wait_until_up(url)
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
                for screen, viewport in SCREENS.items():
                    context = browser.new_context(locale="vi-VN", viewport=viewport)
                    page = context.new_page()
                    self._login(page, url, opts["username"], opts["password"])
                    for name, path in pages:
                        page.goto(url + path)
                        target = out / f"{name}-{screen}.png"
                        # The whole page, but not the 500th row of a long table: at most a few screens.
                        height = min(page.evaluate("document.documentElement.scrollHeight"), MAX_HEIGHT)
                        clip = {"x": 0, "y": 0, "width": viewport["width"], "height": height}
                        page.screenshot(path=str(target), full_page=True, clip=clip)
                        self.stdout.write(f"{target}  ←  {path}")
                    context.close()
                browser.close()
        finally:
            if server is not None:
                server.terminate()
                server.wait(timeout=10)

    def _login(self, page, url, username, password):
        page.goto(url + reverse("login"))
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("main form button[type=submit]")
        page.wait_for_load_state()
        if "/dang-nhap/" in page.url:
            raise CommandError(f"Không đăng nhập được bằng tài khoản {username}.")

    def _pages(self, username: str, day: str) -> list[tuple[str, str]]:
        """The pages to shoot, picked in the user's scope: the busiest cell and one of its members."""
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Không có tài khoản {username}.")
        scope = Scope.of(user)
        if scope.root is None:
            raise CommandError(f"Tài khoản {username} chưa được gắn với đơn vị nào.")
        year = day.rsplit("/", 1)[-1]
        pages = [
            ("tong-quan", reverse("dashboard", args=[scope.root.pk, year]) + f"?ngay={day}"),
            ("canh-bao-huy-hieu", reverse("dashboard-alert", args=[scope.root.pk, year, "huy-hieu"]) + f"?ngay={day}"),
            ("cay-to-chuc", reverse("org-tree") + f"?ngay={day}"),
            ("don-vi", reverse("org-detail", args=[scope.root.pk])),
        ]
        member = scope.members().filter(status__in=IN_PARTY_STATUSES).order_by("-admitted_on", "pk").first()
        cell = member.org if member else scope.orgs().filter(level__in=MEMBER_LEVELS).first()
        if cell is not None:
            pages.append(("chi-bo", reverse("org-detail", args=[cell.pk])))
            grassroots = cell.parent if cell.parent and scope.covers(cell.parent) else cell
            pages.append(("tong-quan-co-so", reverse("dashboard", args=[grassroots.pk, year]) + f"?ngay={day}"))
        pages.append(("danh-sach-dang-vien", reverse("member-list")))
        pages.append(("tim-khong-dau", reverse("member-list") + "?q=nguyen+van"))
        if member is not None:
            pages.append(("ho-so-dang-vien", reverse("member-detail", args=[member.pk])))
            pages.append(("ghi-su-kien", reverse("member-event", args=[member.pk, "transferred"])))
        if cell is not None:
            pages.append(("ket-nap", reverse("member-admit", args=[cell.pk])))
        pages.append(("huy-hieu", reverse("badges-due")))
        return pages
