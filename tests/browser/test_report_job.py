"""Issue 16, item 6 for reports: the district's leader asks for the year report in Word, the
district counts as large, so the page that follows shows the job's steps, reloads itself until the
worker has drawn it, and offers the file; the leader downloads it and finds it in their jobs."""

import pytest
from playwright.sync_api import expect

from dangvu.reports import jobs
from dangvu.reports.models import ReportJob

pytestmark = pytest.mark.browser


def test_a_large_units_report_is_watched_to_the_end_and_downloaded(login, live_server, tree, make_user, tmp_path,
                                                                   settings):  # fmt: skip
    settings.DATA_DIR = tmp_path
    settings.DANGVU_REPORT_BACKGROUND_UNITS = 1  # the district's tree of seven units is large here
    # Nobody runs the queue but this test, so the page is seen waiting before the job runs.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    make_user("leader", tree.hm, username="lanh-dao")
    page = login("lanh-dao")
    page.goto(f"{live_server.url}/bao-cao/{tree.hm.pk}/2016/")
    page.get_by_role("link", name="Word (.docx)").click()

    bar = page.locator("#job-progress")
    expect(page.locator("#job-status")).to_contain_text("Đang chờ đến lượt")
    expect(bar).to_have_attribute("value", "0")
    expect(bar).to_have_attribute("max", "3")

    jobs.report_job_run.call(ReportJob.objects.get().pk)  # the worker's turn
    expect(page.locator("#job-status")).to_contain_text("Đã tạo xong", timeout=8_000)  # reloaded by itself
    expect(bar).to_have_attribute("value", "3")
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải về bao-cao-tong-ket-HM-2016.docx").click()
    assert download.value.suggested_filename == "bao-cao-tong-ket-HM-2016.docx"

    page.get_by_role("link", name="Việc chạy nền của tôi").first.click()
    row = page.locator("table tbody tr").first
    expect(row).to_contain_text("Báo cáo tổng kết năm 2016 (Word)")
    expect(row).to_contain_text("Đã tải về")
