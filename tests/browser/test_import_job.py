"""Issue 16's check: the district's organization board imports a tree workbook with one bad row
(a superior that exists nowhere), fixes it, commits, and watches the background jobs (the check,
then the commit) and the commit's progress bar complete: the page reloads itself while a job
waits and runs, with no script."""

import pytest
from playwright.sync_api import expect

from dangvu.imports import jobs
from dangvu.imports.models import ImportJob
from dangvu.organizations.models import Organization
from tests.imports.helpers import headers, row, xlsx

pytestmark = pytest.mark.browser

KIND = "organizations"


def unit(code, parent="", level="Chi bộ trực thuộc"):
    return row(KIND, code=code, name=f"Chi bộ {code}", level=level, kind="Xã, phường, thị trấn",
               parent_code=parent, founded_on="01/01/2010")  # fmt: skip


def _upload(page, tmp_path, name, rows):
    path = tmp_path / name
    path.write_bytes(xlsx([headers(KIND), *rows]))
    page.get_by_label("Loại dữ liệu").select_option(label="Cây tổ chức (thành lập tổ chức)")
    page.get_by_label("Đơn vị nhận dữ liệu").fill("HM")
    page.get_by_label("Tệp Excel (.xlsx, .xls, .ods)").set_input_files(str(path))
    page.get_by_role("button", name="Tải lên và kiểm tra").click()


def _checked_by_the_worker(page):
    """A file over the limit is checked in the background too: the page waits for the check, which
    the worker runs, then reloads itself into the preview of what it found."""
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kiểm tra trước khi nhập")
    jobs.import_job_run.call(ImportJob.objects.filter(dry_run=True).latest("pk").pk)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Xem trước", timeout=8_000)


def test_a_tree_workbook_with_a_bad_row_fixed_and_its_job_watched_to_the_end(
    login, live_server, tree, make_user, tmp_path, settings
):
    settings.DATA_DIR = tmp_path
    settings.DANGVU_IMPORT_BACKGROUND_ROWS = 2  # this file of three rows goes to the worker
    # Nobody runs the queue but this test, so the page is seen waiting before the job runs.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    make_user("org_board", tree.hm, username="ban-to-chuc")
    page = login("ban-to-chuc")
    page.goto(f"{live_server.url}/nhap-du-lieu/")
    good = [unit("X", level="Đảng bộ cơ sở"), unit("X1", parent="X")]
    _upload(page, tmp_path, "cay.xlsx", [*good, unit("X2", parent="ZZ")])
    _checked_by_the_worker(page)
    expect(page.locator("#row-errors")).to_contain_text("Dòng 4, cột Mã cấp trên: Không tìm thấy cấp trên mã ZZ")

    page.get_by_role("link", name="Tải lên tệp khác").click()
    _upload(page, tmp_path, "cay-da-sua.xlsx", [*good, unit("X2", parent="X")])
    _checked_by_the_worker(page)
    expect(page.get_by_role("status").first).to_contain_text("3 hợp lệ, 0 có lỗi")
    page.get_by_role("button", name="Nhập 3 dòng").click()

    bar = page.locator("#job-progress")
    expect(page.locator("#job-status")).to_contain_text("Đang chờ đến lượt (3 dòng)")
    expect(bar).to_have_attribute("value", "0")
    assert not Organization.objects.filter(code__in=["X", "X1", "X2"]).exists()

    jobs.import_job_run.call(ImportJob.objects.get(dry_run=False).pk)  # the worker's turn
    expect(page.locator("#job-status")).to_contain_text("Đã nhập 3 dòng", timeout=8_000)  # reloaded by itself
    expect(bar).to_have_attribute("value", "3")
    expect(bar).to_have_attribute("max", "3")
    assert Organization.objects.get(code="X2").parent.code == "X"
    page.get_by_role("link", name="Các lần nhập của tôi").click()
    expect(page.locator("table tbody tr").first).to_contain_text("Đã xong")
