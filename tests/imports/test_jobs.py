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


def test_the_preview_of_a_large_file_is_checked_by_a_job_and_read_back(clerk, tree):
    location = upload(clerk, tree, rows(3, bad=1))
    to_job = clerk.get(location)
    check = ImportJob.objects.get()
    assert to_job["Location"] == f"/nhap-du-lieu/viec/{check.pk}/" and check.dry_run
    assert (check.status, check.stored) == ("done", 0) and not Member.objects.exists()
    assert clerk.get(to_job["Location"])["Location"] == location  # the check done, its page leads to the preview
    text = clerk.get(location).content.decode()
    assert "3 dòng dữ liệu: <strong>2 hợp lệ</strong>, <strong>1 có lỗi</strong>" in text
    assert "Dòng 3, cột Ngày sinh: 31/02/1990 không phải ngày có thật" in text
    assert ImportJob.objects.count() == 1  # read back, not checked again
    failed = clerk.get(location + "dong-loi/")
    assert failed.status_code == 200 and failed["Content-Type"].startswith("application/vnd.openxmlformats")
    # "only the valid rows" finds exactly the rows the background check found valid
    clerk.post(location + "nhap/", {"only_valid": "1"})
    commit = ImportJob.objects.get(dry_run=False)
    assert (commit.status, commit.stored) == ("done", 2) and Member.objects.count() == 2
    listed = clerk.get("/nhap-du-lieu/viec/").content.decode()
    assert "Kiểm tra: đã xong" in listed and "2/3" in listed


def test_a_check_waiting_for_the_worker_is_not_started_twice(client, tree, make_user, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.DANGVU_IMPORT_BACKGROUND_ROWS = 1
    client.force_login(make_user(Role.GRASSROOTS, tree.a))
    location = upload(client, tree, rows(2))
    job_page = client.get(location)["Location"]
    assert client.get(location)["Location"] == job_page and ImportJob.objects.count() == 1
    page = client.get(job_page)
    assert page["Refresh"] == "2" and "Kiểm tra trước khi nhập" in page.content.decode()
    jobs.import_job_run.call(ImportJob.objects.get().pk)  # the worker's turn
    assert "2 dòng dữ liệu: <strong>2 hợp lệ</strong>" in client.get(location).content.decode()
    assert not Member.objects.exists()


def test_an_imported_member_has_one_audit_entry_naming_the_job_file_and_row(clerk, tree):
    """Issue 21's decided trail: the member's creation entry says which import, file and row it came
    from and holds the member as stored; the events and periods the lifecycle rules derive carry the
    job's id instead of entries of their own. The member's page shows where it came from."""
    from auditlog.models import LogEntry

    from dangvu.members.models import MemberEvent, MemberPeriod

    location = upload(clerk, tree, rows(2))
    before = LogEntry.objects.count()  # the tree and the user
    clerk.post(location + "nhap/")
    job = ImportJob.objects.get(dry_run=False)
    assert job.stored == 2
    entries = LogEntry.objects.order_by("pk")[before:]
    members = list(Member.objects.order_by("pk"))
    assert [(e.content_type.model, e.object_id) for e in entries] == [("member", m.pk) for m in members]
    assert [e.additional_data for e in entries] == [
        {"import_job": job.pk, "import_file": "ds.xlsx", "import_row": n} for n in (2, 3)
    ]
    assert entries[0].changes["full_name"] == ["None", "Nguyễn Văn 0"]
    assert set(MemberEvent.objects.values_list("import_job", flat=True)) == {job.pk}
    assert set(MemberPeriod.objects.values_list("import_job", flat=True)) == {job.pk}
    page = clerk.get(f"/dang-vien/{members[0].pk}/").content.decode()
    assert f"nhập từ tệp ds.xlsx (lần nhập số {job.pk}), dòng 2" in page
