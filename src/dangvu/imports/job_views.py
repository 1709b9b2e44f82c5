"""The pages of background imports: one job's progress (a <progress> bar, the page reloading itself
with a Refresh header while the job runs — no script, as the CSP allows none inline), its result,
and the list of the user's jobs (every app's, as core.jobs lists them: the reports' too). A user
sees only their own jobs. A finished check (a preview's dry run) leads to its preview while the
file is still there."""

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render

from dangvu.core.jobs import REFRESH_SECONDS, jobs_listed

from . import jobs, storage
from .importers import IMPORTERS
from .models import ImportJob


def _job(request, job_id) -> ImportJob:
    job = get_object_or_404(ImportJob.objects.select_related("org"), pk=job_id, user=request.user)
    jobs.fail_stale([job])
    return job


@login_required
def job_detail(request, job_id):
    job = _job(request, job_id)
    if job.dry_run and job.status == ImportJob.DONE and storage.exists(job.token, request.user.pk):
        return redirect("import-preview", token=job.token)  # the check is done: what it found
    importer = IMPORTERS.get(job.kind)
    response = render(request, "imports/job.html", {
        "job": job, "progress": jobs.progress_of(job), "label": importer.label if importer else job.kind,
    })  # fmt: skip
    if job.status in (ImportJob.QUEUED, ImportJob.RUNNING):
        response["Refresh"] = str(REFRESH_SECONDS)
    return response


@login_required
def job_progress(request, job_id):
    """The same progress as JSON, for a script or another system watching the job."""
    return JsonResponse(jobs.progress_of(_job(request, job_id)))


@login_required
def job_list(request):
    return render(request, "imports/jobs.html", {"rows": jobs_listed(request.user)})
