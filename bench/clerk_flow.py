"""The ward clerk's day in Chromium, timed (issue 20's figures): the demo's clerk of phường Định
Công logs in, lands on Việc cần làm, opens each due list and the daily pages (meetings, a unit
picked by typing "dai kim" without diacritics, dues, candidates, transfers, the ward's dashboard),
on a desktop and on a 390×844 phone. Per page: the server's answer (responseStart − requestStart)
and the page ready (loadEventEnd), from the browser's Navigation Timing; then the mean of all.

    DANGVU_DATA_DIR=/tmp/x .venv/bin/python -m bench.clerk_flow [--port 8101] [--rounds 3]

The database is DANGVU_DATA_DIR's, with the demo (`dangvu demo`); the server is `dangvu runserver
--insecure` as under `make run`, on loopback, stopped by its pid at the end."""

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
USER = "dinhcong"


def password(data_dir: Path) -> str:
    for line in (data_dir / "demo-logins.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith(USER + "\t"):
            return line.split("\t")[1]
    sys.exit(f"Không thấy tài khoản {USER} trong {data_dir / 'demo-logins.txt'}: hãy chạy `dangvu demo` trước.")


def wait_up(url: str, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.3)
    sys.exit("Máy chủ không trả lời.")


def timing(page) -> tuple[float, float]:
    nav = json.loads(page.evaluate("JSON.stringify(performance.getEntriesByType('navigation')[0])"))
    return nav["responseStart"] - nav["requestStart"], nav["loadEventEnd"] - nav["startTime"]


def flow(page, base: str, secret: str) -> list[tuple[str, float, float]]:
    rows = []

    def visit(label, url=None, action=None):
        if url:
            page.goto(base + url)
        elif action:
            with page.expect_navigation():
                action()
        page.wait_for_load_state("load")
        server, ready = timing(page)
        rows.append((label, server, ready))

    page.goto(base + "/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(USER)
    page.get_by_label("Mật khẩu").fill(secret)
    visit("đăng nhập → Việc cần làm", action=lambda: page.get_by_role("button", name="Đăng nhập").click())
    for link in page.locator("ul.todo a").all()[:12]:
        href = link.get_attribute("href")
        visit("việc cần làm: " + link.inner_text().split("\n")[0][:40], url=href)
    visit("sinh hoạt chi bộ", url="/sinh-hoat/")
    search = page.locator("input.unit-search").first
    if search.count():
        search.fill("dai kim")
    visit("lọc đơn vị gõ 'dai kim'", action=lambda: page.get_by_role("button", name="Lọc").click())
    visit("ghi buổi sinh hoạt: chọn chi bộ", url="/sinh-hoat/ghi/")
    visit("đảng phí", url="/dang-phi/")
    visit("quần chúng ưu tú", url="/quan-chung-uu-tu/")
    visit("chuyển sinh hoạt", url="/dang-vien/chuyen-sinh-hoat/")
    visit("đảng viên", url="/dang-vien/")
    visit("tổng quan", url="/")  # the clerk's home: the todo page again
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8101)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    data_dir = Path(os.environ.get("DANGVU_DATA_DIR", ROOT / "var"))
    secret = password(data_dir)
    base = f"http://127.0.0.1:{args.port}"
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/dangvu"), "runserver", "--insecure", "--noreload", f"127.0.0.1:{args.port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    try:
        wait_up(base + "/dang-nhap/")
        from playwright.sync_api import sync_playwright

        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            for name, (width, height) in (("máy tính 1366×768", (1366, 768)), ("điện thoại 390×844", (390, 844))):
                per: dict[str, list[tuple[float, float]]] = {}
                for _ in range(args.rounds):
                    context = browser.new_context(locale="vi-VN", viewport={"width": width, "height": height})
                    for label, s, r in flow(context.new_page(), base, secret):
                        per.setdefault(label, []).append((s, r))
                    context.close()
                print(f"\n{name}, {args.rounds} lượt; trung vị ms: máy chủ trả lời / trang sẵn sàng")
                for label, values in per.items():
                    s = statistics.median(v[0] for v in values)
                    r = statistics.median(v[1] for v in values)
                    print(f"  {label:<50} {s:7.0f} {r:7.0f}")
                every = [v for values in per.values() for v in values]
                print(
                    f"  {len(every)} lần mở trang: trung bình {statistics.mean(v[1] for v in every) / 1000:.2f} s"
                    f" (máy chủ {statistics.mean(v[0] for v in every) / 1000:.2f} s),"
                    f" chậm nhất {max(v[1] for v in every) / 1000:.2f} s".replace(".", ",")
                )
            browser.close()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
