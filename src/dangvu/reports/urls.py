from django.urls import path

from . import job_views, quarter_views, views

urlpatterns = [
    path("", views.report_start, name="report-start"),
    path("viec/<int:job_id>/", job_views.report_job, name="report-job"),
    path("viec/<int:job_id>/tep/", job_views.report_job_file, name="report-job-file"),
    path("<int:org_pk>/<int:year>/", views.report_page, name="report-page"),
    path("<int:org_pk>/<int:year>/soan/", views.report_edit, name="report-edit"),
    path("<int:org_pk>/<int:year>/tai-ve/<str:fmt>/", views.report_download, name="report-download"),
    path("<int:org_pk>/<int:year>/chot/", views.report_close, name="report-close"),
    path("<int:org_pk>/<int:year>/mo-lai/", views.report_reopen, name="report-reopen"),
    path("<int:org_pk>/<int:year>/quy-<int:quarter>/<str:fmt>/", quarter_views.quarter_report, name="quarter-report"),
]
