"""Imports checked and committed in the background: a file of more than
DANGVU_IMPORT_BACKGROUND_ROWS rows is handed to a django-tasks task (`dangvu worker` runs it;
`make run` starts the worker) and the clerk watches a progress bar, may leave and come back (the
jobs list), and finds the result there. The preview's dry run of such a file is a job too
(`dry_run`): it stores nothing, keeps the rows' verdicts beside the upload, and its page leads to
the preview once done.

The heartbeat, the cut-off rule and the worker's start are core.jobs', shared with the reports'
jobs. An import cut off (a restart, a killed worker) never committed its transaction, so nothing
of it was written: its page says so."""

from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from dangvu.accounts.scope import Scope
from dangvu.core import jobs as shared
from dangvu.core.excel.reading import read_rows

from . import engine, storage
from .checked import Checked
from .importers import IMPORTERS, ImportContext
from .models import ImportJob

STALE = shared.STALE
CUT_OFF = "Việc nhập bị ngắt giữa chừng (máy chủ khởi động lại); không dòng nào được lưu. Hãy nhập lại tệp."
SPACE = ""  # the heartbeat files keep the names they had before reports had jobs: jobs/<id>.json


def _path(job_id: int):
    return shared.beat_path(SPACE, job_id)


def beat(job_id: int, checked: int, written: int, total: int):
    shared.beat(SPACE, job_id, checked=checked, written=written, total=total)


def progress_of(job: ImportJob) -> dict:
    """{checked, written, total, percent, seconds_left} of `job` (time left from the pace so far)."""
    data = shared.beat_read(SPACE, job.pk) or {"checked": 0, "written": 0, "total": job.total}
    total = data["total"] or job.total or 0
    if job.status == ImportJob.DONE:
        data.update(checked=total, written=job.stored)
    percent = round(100 * data["checked"] / total) if total else 0
    left = shared.seconds_left(job.started_at, data["checked"], total)
    return {**data, "total": total, "percent": min(100, percent), "seconds_left": left, "status": job.status}


def fail_stale(jobs=None) -> int:
    """Mark as failed the running jobs whose heartbeat stopped STALE seconds ago; how many."""
    failed = 0
    for job in jobs if jobs is not None else ImportJob.objects.filter(status=ImportJob.RUNNING):
        if job.status == ImportJob.RUNNING and shared.stopped(SPACE, job.pk, job.started_at):
            _cut_off(job)
            failed += 1
    return failed


def fail_all_running() -> int:
    """At worker start nothing can be running yet: every job left running was cut off."""
    jobs = list(ImportJob.objects.filter(status=ImportJob.RUNNING))
    for job in jobs:
        _cut_off(job)
    return len(jobs)


def jobs_listed(user, limit: int) -> list[shared.Listed]:
    """The user's recent imports and checks for the list of their jobs (core.jobs.lister)."""
    mine = list(ImportJob.objects.filter(user=user).select_related("org")[:limit])
    fail_stale(mine)
    return [
        shared.Listed(
            created_at=job.created_at,
            kind=IMPORTERS[job.kind].label if job.kind in IMPORTERS else job.kind,
            name=job.filename,
            url=reverse("import-job", args=[job.pk]),
            unit=job.org.code,
            state=_state(job),
            result="—" if job.dry_run else f"Đã nhập {job.stored}/{job.total} dòng",
        )  # fmt: skip
        for job in mine
    ]


def _state(job: ImportJob) -> str:
    if not job.dry_run:
        return job.get_status_display()
    return f"Kiểm tra: {'đang kiểm tra' if job.status == ImportJob.RUNNING else job.get_status_display().lower()}"


def _cut_off(job: ImportJob):
    job.status, job.messages, job.finished_at = ImportJob.FAILED, [CUT_OFF], timezone.now()
    job.save(update_fields=["status", "messages", "finished_at"])


def job_start(
    *, upload, user, org, importer, only_valid: bool = False, expected=None, total: int, dry_run: bool = False
) -> ImportJob:
    if dry_run:  # a second look at the preview while its check waits or runs: the same job
        waiting = ImportJob.objects.filter(
            user=user, token=upload.token, dry_run=True, status__in=(ImportJob.QUEUED, ImportJob.RUNNING)
        ).first()
        if waiting is not None:
            return waiting
    job = ImportJob.objects.create(
        user=user, org=org, kind=importer.key, filename=upload.filename, token=upload.token,
        only_valid=only_valid, expected=expected, total=total, dry_run=dry_run,
    )  # fmt: skip
    beat(job.pk, 0, 0, total)
    import_job_run.enqueue(job.pk)
    return job


@task()
def import_job_run(job_id: int):
    job = ImportJob.objects.select_related("user", "org").get(pk=job_id)
    if job.status != ImportJob.QUEUED:
        return
    job.status, job.started_at = ImportJob.RUNNING, timezone.now()
    job.save(update_fields=["status", "started_at"])
    try:
        upload = storage.load(job.token, job.user_id)
        importer = IMPORTERS[job.kind]
        rows = read_rows(upload.data(), upload.filename)
        scope = Scope.of(job.user)
        ctx = ImportContext(
            actor=job.user, scope=scope, org=scope.get_org(job.org_id), job_id=job.pk, filename=upload.filename
        )
        result = engine.run(
            importer, rows, upload.mapping, ctx, header_index=upload.header_index, store=not job.dry_run,
            only_valid=job.only_valid, expected=job.expected,
            progress=lambda checked, written, total: beat(job.pk, checked, written, total),
        )  # fmt: skip
        if job.dry_run:
            _keep_check(job, upload, result)
    except Exception as e:  # the job's page must say it failed, whatever the cause
        job.status, job.messages = ImportJob.FAILED, [f"Không {'kiểm tra' if job.dry_run else 'nhập'} được: {e}"]
    else:
        if job.dry_run:
            return
        job.stored = result.stored
        job.status = ImportJob.DONE if result.stored else ImportJob.FAILED
        job.messages = result.messages()[:200]
        if result.stored:
            storage.delete(upload)
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "stored", "messages", "finished_at"])


def _keep_check(job: ImportJob, upload, result: engine.Result):
    """A dry run's outcome: the verdicts beside the upload for its preview, the valid rows for the
    commit ("only the valid rows" must find exactly these), and the job done — a file with errors
    was still checked."""
    storage.save_checked(upload, Checked.of(result))
    upload.valid_rows = result.valid_numbers
    upload.save()
    job.status, job.stored, job.messages = ImportJob.DONE, 0, result.file_errors[:200]
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "stored", "messages", "finished_at"])
