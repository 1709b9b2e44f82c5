"""The pages of a report drawn in the background: the job's steps (a <progress> bar, the page
reloading itself while the job waits or runs, as the imports' job page does) and, once done, its
file. Only the user who asked for it sees either, and only while the unit is still in their scope,
as on the report page: anyone else gets a 404."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from dangvu.core.downloads import download_log
from dangvu.core.jobs import REFRESH_SECONDS

from . import jobs
from .models import ReportJob
from .views import _unit


def _job(request, job_id) -> ReportJob:
    job = get_object_or_404(ReportJob.objects.select_related("org"), pk=job_id, user=request.user)
    _unit(request, job.org_id, job.year)
    jobs.fail_stale([job])
    return job


@login_required
def report_job(request, job_id):
    job = _job(request, job_id)
    response = render(request, "reports/job.html", {
        "job": job, "progress": jobs.progress_of(job), "label": jobs.label(job), "ready": jobs.file_ready(job),
    })  # fmt: skip
    if job.status in (ReportJob.QUEUED, ReportJob.RUNNING):
        response["Refresh"] = str(REFRESH_SECONDS)
    return response


@login_required
def report_job_file(request, job_id):
    job = _job(request, job_id)
    if not jobs.file_ready(job):
        raise Http404("Báo cáo chưa tạo xong hoặc tệp đã được xóa; hãy tạo lại từ trang báo cáo.")
    response = FileResponse(jobs.file_path(job).open("rb"), as_attachment=True, filename=job.filename,
                            content_type=job.content_type or None)  # fmt: skip
    download_log(user=request.user, kind=f"report_{job.fmt}", rows=1, filters={"org": job.org_id, "year": job.year})
    jobs.report_job_taken(job)
    return response
