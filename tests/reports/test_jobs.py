"""The year report of a large subtree is drawn in the background (issue 16, item 6): its Word or
PDF download hands the work to the worker, the job's page shows its steps, the file waits in
DATA_DIR for the one who asked (scoped as the report page), the job is listed with their imports,
and a job cut off by a dead worker is shown as failed with no file. A small subtree's report is
sent at once, as before. The jobs run on django-tasks' immediate backend, except the cut-off one."""

import os
import time

import pytest

from dangvu.accounts.models import RoleAssignment
from dangvu.core import jobs as shared
from dangvu.core.models import ExportLog
from dangvu.reports import jobs
from dangvu.reports.models import ReportJob

from ..conftest import D

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
NOBODY_RUNS_IT = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def large(settings, tmp_path):
    """Every subtree of more than one unit counts as large."""
    settings.DATA_DIR = tmp_path
    settings.TASKS = IMMEDIATE
    settings.DANGVU_REPORT_BACKGROUND_UNITS = 1
    settings.DANGVU_REPORT_PDF_BACKGROUND_UNITS = 1


@pytest.fixture
def leader(client, tree, make_user, admit):
    admit(tree.a1, on=D(2016, 3, 2))
    client.force_login(make_user("leader", tree.hm))
    return client


def test_a_large_units_word_report_is_drawn_as_a_job_and_downloaded_by_its_owner(large, leader, tree):
    page = leader.get(f"/bao-cao/{tree.hm.pk}/2016/").content.decode()
    assert "tạo chạy nền" in page  # the page says which downloads go to the background
    started = leader.get(f"/bao-cao/{tree.hm.pk}/2016/tai-ve/docx/")
    job = ReportJob.objects.get()
    assert started.status_code == 302 and started["Location"] == f"/bao-cao/viec/{job.pk}/"
    assert (job.status, job.filename, job.year, job.org) == ("done", "bao-cao-tong-ket-HM-2016.docx", 2016, tree.hm)
    assert jobs.file_path(job).exists()  # kept in DATA_DIR until downloaded

    job_page = leader.get(started["Location"])
    assert "Refresh" not in job_page  # finished: the page stops reloading itself
    text = job_page.content.decode()
    assert 'max="3" value="3"' in text and "Đã tạo xong" in text and f"/bao-cao/viec/{job.pk}/tep/" in text

    listed = leader.get("/nhap-du-lieu/viec/").content.decode()
    assert "Báo cáo tổng kết năm 2016 (Word)" in listed and "Sẵn sàng tải về" in listed

    got = leader.get(f"/bao-cao/viec/{job.pk}/tep/")
    assert got.status_code == 200 and "wordprocessingml" in got["Content-Type"]
    assert 'filename="bao-cao-tong-ket-HM-2016.docx"' in got["Content-Disposition"]
    assert b"".join(got.streaming_content)[:2] == b"PK"  # a .docx is a zip
    assert ExportLog.objects.filter(kind="report_docx", filters={"org": tree.hm.pk, "year": 2016}).exists()
    job.refresh_from_db()
    assert job.downloaded_at is not None
    assert "Đã tải về" in leader.get("/nhap-du-lieu/viec/").content.decode()
    assert leader.get(f"/bao-cao/viec/{job.pk}/tep/").status_code == 200  # a second download the same day


def test_a_pdf_goes_to_the_background_from_its_own_threshold(large, leader, tree, settings):
    settings.DANGVU_REPORT_BACKGROUND_UNITS = 100  # Word of this tree: at once
    assert leader.get(f"/bao-cao/{tree.hm.pk}/2016/tai-ve/docx/").status_code == 200
    started = leader.get(f"/bao-cao/{tree.hm.pk}/2016/tai-ve/pdf/")
    job = ReportJob.objects.get()
    assert started["Location"] == f"/bao-cao/viec/{job.pk}/" and job.status == "done"
    got = leader.get(f"/bao-cao/viec/{job.pk}/tep/")
    assert got["Content-Type"] == "application/pdf" and b"".join(got.streaming_content)[:5] == b"%PDF-"


def test_a_small_units_report_and_the_other_formats_are_sent_at_once(large, client, tree, make_user):
    client.force_login(make_user("grassroots", tree.c))  # a grassroots cell: a subtree of one unit
    response = client.get(f"/bao-cao/{tree.c.pk}/2016/tai-ve/docx/")
    assert response.status_code == 200 and "wordprocessingml" in response["Content-Type"]
    client.force_login(make_user("leader", tree.hm))
    assert client.get(f"/bao-cao/{tree.hm.pk}/2016/tai-ve/xlsx/").status_code == 200
    assert not ReportJob.objects.exists()


def test_only_its_owner_sees_the_job_and_its_file(large, leader, client, tree, make_user):
    leader.get(f"/bao-cao/{tree.hm.pk}/2016/tai-ve/docx/")
    job = ReportJob.objects.get()
    leader.logout()
    client.force_login(make_user("leader", tree.hm, username="lanh-dao-khac"))  # same unit, same role
    assert client.get(f"/bao-cao/viec/{job.pk}/").status_code == 404
    assert client.get(f"/bao-cao/viec/{job.pk}/tep/").status_code == 404
    assert "bao-cao-tong-ket-HM-2016" not in client.get("/nhap-du-lieu/viec/").content.decode()
    # The owner moved to a ward: the district's report is out of their scope, as on the report page.
    RoleAssignment.objects.filter(user=job.user).update(org=tree.a)
    client.force_login(job.user)
    assert client.get(f"/bao-cao/{tree.hm.pk}/2016/").status_code == 404
    assert client.get(f"/bao-cao/viec/{job.pk}/tep/").status_code == 404


def test_a_second_click_while_the_job_waits_starts_nothing(large, leader, tree, settings):
    settings.TASKS = NOBODY_RUNS_IT
    first = leader.get(f"/bao-cao/{tree.hm.pk}/2016/tai-ve/docx/")["Location"]
    assert leader.get(f"/bao-cao/{tree.hm.pk}/2016/tai-ve/docx/")["Location"] == first
    job = ReportJob.objects.get()
    page = leader.get(first)
    assert page["Refresh"] == "2" and "Đang chờ đến lượt" in page.content.decode()
    assert leader.get(f"/bao-cao/viec/{job.pk}/tep/").status_code == 404  # nothing to take yet
    jobs.report_job_run.call(job.pk)  # the worker's turn
    assert "Đã tạo xong" in leader.get(first).content.decode()


class WorkerDied(BaseException):
    """What a killed worker looks like from inside: the job's code stops where it stands."""


def test_a_job_cut_off_by_a_dead_worker_is_shown_as_failed_with_no_file(large, leader, tree, settings, monkeypatch):
    settings.TASKS = NOBODY_RUNS_IT
    job_page = leader.get(f"/bao-cao/{tree.hm.pk}/2016/tai-ve/docx/")["Location"]
    job = ReportJob.objects.get()

    def dying_render(ctx, fmt):
        raise WorkerDied  # after the figures, while the document is drawn

    monkeypatch.setattr(jobs, "render", dying_render)
    with pytest.raises(WorkerDied):
        jobs.report_job_run.call(job.pk)
    monkeypatch.undo()
    job.refresh_from_db()
    assert job.status == "running" and not jobs.file_path(job).exists()  # as the dead worker left it
    # While the heartbeat is fresh the job is shown at its step ...
    page = leader.get(job_page)
    assert page["Refresh"] == "2" and "Bước 2/3: dựng văn bản" in page.content.decode()
    # ... once it is stale, the page says the job failed and no file was made.
    old = time.time() - shared.STALE - 5
    os.utime(shared.beat_path(jobs.SPACE, job.pk), (old, old))
    text = leader.get(job_page).content.decode()
    job.refresh_from_db()
    assert job.status == "failed" and "bị ngắt giữa chừng" in text and "chưa có tệp nào" in text
    assert leader.get(f"/bao-cao/viec/{job.pk}/tep/").status_code == 404
    assert "Không thành công" in leader.get("/nhap-du-lieu/viec/").content.decode()


def test_the_worker_fails_the_report_jobs_a_previous_worker_left_running(tree, actor):
    left = ReportJob.objects.create(user=actor, org=tree.hm, year=2016, fmt="pdf", status=ReportJob.RUNNING)
    done = ReportJob.objects.create(user=actor, org=tree.hm, year=2016, fmt="docx", status=ReportJob.DONE)
    assert shared.worker_start() == 1  # the imports' and the reports' jobs alike
    left.refresh_from_db()
    done.refresh_from_db()
    assert (left.status, done.status) == ("failed", "done") and left.messages == [jobs.CUT_OFF]
