"""Large imports run as background jobs (issue 16, item 6): the commit hands the file to the worker,
the job's page shows its progress and result, the user's jobs stay listed, and a job cut off by a
dead worker is shown as failed with nothing written. The tests run the jobs with django-tasks'
immediate backend, except the dead worker's, which is stopped inside the import's transaction."""

import os
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dangvu.imports import jobs
from dangvu.imports.models import ImportJob
from dangvu.members.models import Member

from ..conftest import Role
from .helpers import headers, member, xlsx

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def clerk(client, tree, make_user, settings):
    settings.TASKS = IMMEDIATE
    settings.DANGVU_IMPORT_BACKGROUND_ROWS = 1  # any file of two rows or more goes to the worker
    client.force_login(make_user(Role.GRASSROOTS, tree.a))
    return client


def rows(n, bad=None):
    out = [headers()]
    for i in range(n):
        out.append(member(full_name=f"Nguyễn Văn {i}", citizen_id=f"0010850{i:05d}", party_card_no=f"0100{i:04d}"))
    if bad is not None:
        out[bad + 1][1] = "31/02/1990"
    return xlsx(out)


def upload(client, tree, data):
    response = client.post("/nhap-du-lieu/", {
        "kind": "members", "unit": tree.a1.code, "action": "upload", "file": SimpleUploadedFile("ds.xlsx", data),
    })  # fmt: skip
    return response["Location"]


def test_a_large_import_runs_as_a_job_whose_page_shows_its_progress_and_result(clerk, client, tree, make_user):
    location = upload(clerk, tree, rows(3))
    done = clerk.post(location + "nhap/")
    job = ImportJob.objects.get()
    assert done["Location"] == f"/nhap-du-lieu/viec/{job.pk}/"
    assert (job.status, job.stored, job.total) == ("done", 3, 3)
    assert Member.objects.filter(org=tree.a1).count() == 3
    page = clerk.get(done["Location"])
    assert "Refresh" not in page  # finished: the page stops reloading itself
    text = page.content.decode()
    assert 'value="3"' in text and "Đã nhập 3 dòng" in text
    progress = clerk.get(f"/nhap-du-lieu/viec/{job.pk}/tien-do/").json()
    assert {k: progress[k] for k in ("checked", "written", "total", "percent", "status")} == {
        "checked": 3,
        "written": 3,
        "total": 3,
        "percent": 100,
        "status": "done",
    }
    assert 'href="/nhap-du-lieu/viec/"' in clerk.get("/nhap-du-lieu/").content.decode()  # found from the start
    listed = clerk.get("/nhap-du-lieu/viec/").content.decode()
    assert "ds.xlsx" in listed and "Đã xong" in listed and "3/3" in listed
    client.force_login(make_user(Role.GRASSROOTS, tree.a, username="ban-khac"))
    assert client.get(f"/nhap-du-lieu/viec/{job.pk}/").status_code == 404


def test_the_progress_of_a_queued_job_reloads_the_page(client, tree, make_user, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}  # nobody runs it
    settings.DANGVU_IMPORT_BACKGROUND_ROWS = 1
    client.force_login(make_user(Role.GRASSROOTS, tree.a))
    job_page = client.post(upload(client, tree, rows(2)) + "nhap/")["Location"]
    page = client.get(job_page)
    assert page["Refresh"] == "2" and "Đang chờ đến lượt (2 dòng)" in page.content.decode()
    assert not Member.objects.exists()


def test_a_job_with_a_bad_row_fails_naming_it_and_writes_nothing(clerk, tree):
    location = upload(clerk, tree, rows(3, bad=1))
    job_page = clerk.post(location + "nhap/")["Location"]
    job = ImportJob.objects.get()
    assert job.status == "failed" and job.stored == 0
    assert any("Dòng 3, cột Ngày sinh: 31/02/1990 không phải ngày có thật" in m for m in job.messages)
    assert "Không nhập được" in clerk.get(job_page).content.decode()
    assert not Member.objects.exists()


class WorkerDied(BaseException):
    """What a killed worker looks like from inside: the job's code stops where it stands."""


def test_a_job_cut_off_by_a_dead_worker_is_shown_as_failed_and_nothing_was_written(clerk, tree, monkeypatch, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    location = upload(clerk, tree, rows(450))
    job_page = clerk.post(location + "nhap/")["Location"]
    job = ImportJob.objects.get()
    beats = []

    def dying_beat(job_id, checked, written, total):
        beats.append(checked)
        if checked >= 400:  # part-way through the file, inside the import's transaction
            raise WorkerDied

    monkeypatch.setattr(jobs, "beat", dying_beat)
    with pytest.raises(WorkerDied):
        jobs.import_job_run.call(job.pk)
    job.refresh_from_db()
    assert job.status == "running" and beats == [200, 400]  # as the dead worker left it
    assert not Member.objects.exists()  # its transaction never committed
    monkeypatch.undo()
    # While the heartbeat is fresh the job is still shown running ...
    jobs.beat(job.pk, 400, 0, 450)
    assert "Đang nhập" in clerk.get(job_page).content.decode()
    # ... once it is stale, the page says the job failed and nothing was stored.
    old = time.time() - jobs.STALE - 5
    os.utime(jobs._path(job.pk), (old, old))
    page = clerk.get(job_page).content.decode()
    job.refresh_from_db()
    assert job.status == "failed" and "bị ngắt giữa chừng" in page and "không dòng nào được lưu" in page
    assert not Member.objects.exists()


def test_the_worker_marks_the_jobs_a_previous_worker_left_running_as_failed(tree, actor):
    left = ImportJob.objects.create(user=actor, org=tree.a1, kind="members", filename="x.xlsx", token="t",
                                    status=ImportJob.RUNNING)  # fmt: skip
    done = ImportJob.objects.create(user=actor, org=tree.a1, kind="members", filename="y.xlsx", token="u",
                                    status=ImportJob.DONE)  # fmt: skip
    assert jobs.fail_all_running() == 1
    left.refresh_from_db()
    done.refresh_from_db()
    assert (left.status, done.status) == ("failed", "done") and left.messages == [jobs.CUT_OFF]
