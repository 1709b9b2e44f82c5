"""The year report's Word and PDF of a large subtree, drawn in the background: more units than
DANGVU_REPORT_BACKGROUND_UNITS (Word) or DANGVU_REPORT_PDF_BACKGROUND_UNITS (PDF, about four times
slower to draw) and the download hands the work to the worker (`dangvu worker`, which `make run`
starts). The user watches its steps, may leave and come back (their list of jobs, shared with the
imports through core.jobs), and downloads the file from the job's page. A smaller report is sent
at once, as before.

The file is kept in DATA_DIR/reports/<id>.<fmt> until its owner downloads it, and a day after for
a second download; one never downloaded goes after KEEP_UNTAKEN. A job cut off (a restart, a killed
worker) wrote no file and is shown as failed (core.jobs' heartbeat)."""

import datetime as dt
import os
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from dangvu.core import jobs as shared
from dangvu.organizations.selectors import subtree_now

from .context import report_context
from .models import ReportJob
from .render import file_name, render

SPACE = "report-"
STEPS = ("Tính các chỉ số từ hồ sơ", "Dựng văn bản", "Lưu tệp")
FORMAT_NAMES = {"docx": "Word", "pdf": "PDF"}
CUT_OFF = "Việc tạo báo cáo bị ngắt giữa chừng (máy chủ khởi động lại); chưa có tệp nào. Hãy tạo lại."
KEEP_AFTER_DOWNLOAD = 24 * 3600
KEEP_UNTAKEN = 30 * 24 * 3600


def in_background(org, fmt: str) -> bool:
    """Whether the report of `org` in `fmt` is drawn as a job: Word or PDF of a large subtree."""
    limit = {
        "docx": settings.DANGVU_REPORT_BACKGROUND_UNITS, "pdf": settings.DANGVU_REPORT_PDF_BACKGROUND_UNITS,
    }.get(fmt)  # fmt: skip
    return limit is not None and subtree_now(org).count() > limit


def file_path(job: ReportJob) -> Path:
    path = Path(settings.DATA_DIR) / "reports"
    path.mkdir(parents=True, exist_ok=True)
    return path / f"{job.pk}.{job.fmt}"


def report_job_start(*, user, org, year: int, fmt: str) -> ReportJob:
    """The job drawing `org`'s report of `year` in `fmt` for `user`, queued for the worker; the
    same job again while one for the same report waits or runs (a second click starts nothing).
    The caller has checked the user's scope."""
    waiting = ReportJob.objects.filter(
        user=user, org=org, year=year, fmt=fmt, status__in=(ReportJob.QUEUED, ReportJob.RUNNING)
    ).first()
    if waiting is not None:
        return waiting
    purge()
    job = ReportJob.objects.create(
        user=user, org=org, year=year, fmt=fmt, filename=file_name({"org": {"code": org.code}, "year": year}, fmt)
    )
    _beat(job, 0)
    report_job_run.enqueue(job.pk)
    return job


def _beat(job: ReportJob, done: int):
    shared.beat(SPACE, job.pk, done=done, steps=len(STEPS))


@task()
def report_job_run(job_id: int):
    job = ReportJob.objects.select_related("org").get(pk=job_id)
    if job.status != ReportJob.QUEUED:
        return
    job.status, job.started_at = ReportJob.RUNNING, timezone.now()
    job.save(update_fields=["status", "started_at"])
    try:
        ctx = report_context(job.org, job.year)
        _beat(job, 1)
        result = render(ctx, job.fmt)
        _beat(job, 2)
        path = file_path(job)
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(result.content)
        os.replace(tmp, path)  # a file is there whole or not at all
        job.filename, job.content_type = file_name(ctx, result.extension), result.content_type
        _beat(job, 3)
    except Exception as e:  # the job's page must say it failed, whatever the cause
        job.status, job.messages = ReportJob.FAILED, [f"Không tạo được báo cáo: {e}"]
    else:
        job.status = ReportJob.DONE
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "messages", "filename", "content_type", "finished_at"])


def progress_of(job: ReportJob) -> dict:
    """{done, steps, percent, step (what is being done now), seconds_left, status} of `job`."""
    data = shared.beat_read(SPACE, job.pk) or {}
    steps = len(STEPS)
    done = steps if job.status == ReportJob.DONE else min(data.get("done", 0), steps)
    return {
        "done": done, "steps": steps, "percent": round(100 * done / steps),
        "step": STEPS[done] if job.status == ReportJob.RUNNING and done < steps else "",
        "seconds_left": shared.seconds_left(job.started_at, done, steps), "status": job.status,
    }  # fmt: skip


def file_ready(job: ReportJob) -> bool:
    return job.status == ReportJob.DONE and file_path(job).exists()


def report_job_taken(job: ReportJob):
    """The owner took the file: it stays KEEP_AFTER_DOWNLOAD more, for a second download."""
    if job.downloaded_at is None:
        job.downloaded_at = timezone.now()
        job.save(update_fields=["downloaded_at"])


def purge() -> int:
    """Delete the files taken a day ago and those never taken for KEEP_UNTAKEN; how many went."""
    now = timezone.now()
    gone = 0
    done = ReportJob.objects.filter(status=ReportJob.DONE)
    taken = done.filter(downloaded_at__lt=now - dt.timedelta(seconds=KEEP_AFTER_DOWNLOAD))
    untaken = done.filter(downloaded_at=None, finished_at__lt=now - dt.timedelta(seconds=KEEP_UNTAKEN))
    for job in [*taken, *untaken]:
        path = file_path(job)
        if path.exists():
            path.unlink(missing_ok=True)
            gone += 1
    return gone


def fail_stale(jobs=None) -> int:
    """Mark as failed the running jobs whose heartbeat stopped core.jobs.STALE seconds ago."""
    failed = 0
    for job in jobs if jobs is not None else ReportJob.objects.filter(status=ReportJob.RUNNING):
        if job.status == ReportJob.RUNNING and shared.stopped(SPACE, job.pk, job.started_at):
            _cut_off(job)
            failed += 1
    return failed


def fail_all_running() -> int:
    """At worker start nothing can be running yet: every job left running was cut off."""
    jobs = list(ReportJob.objects.filter(status=ReportJob.RUNNING))
    for job in jobs:
        _cut_off(job)
    return len(jobs)


def _cut_off(job: ReportJob):
    file_path(job).with_suffix(".tmp").unlink(missing_ok=True)
    job.status, job.messages, job.finished_at = ReportJob.FAILED, [CUT_OFF], timezone.now()
    job.save(update_fields=["status", "messages", "finished_at"])


def label(job: ReportJob) -> str:
    """Báo cáo tổng kết năm 2025 (PDF)"""
    return f"Báo cáo tổng kết năm {job.year} ({FORMAT_NAMES.get(job.fmt, job.fmt)})"


def jobs_listed(user, limit: int) -> list[shared.Listed]:
    """The user's recent report jobs for the list of their jobs (core.jobs.lister)."""
    mine = list(ReportJob.objects.filter(user=user).select_related("org")[:limit])
    fail_stale(mine)
    return [
        shared.Listed(
            created_at=job.created_at,
            kind=label(job),
            name=job.filename,
            url=reverse("report-job", args=[job.pk]),
            unit=job.org.code,
            state=job.get_status_display(),
            result=_result(job),
        )  # fmt: skip
        for job in mine
    ]


def _result(job: ReportJob) -> str:
    if job.status != ReportJob.DONE:
        return "—"
    if not file_path(job).exists():
        return "Tệp đã xóa; hãy tạo lại"
    return "Đã tải về" if job.downloaded_at else "Sẵn sàng tải về"
