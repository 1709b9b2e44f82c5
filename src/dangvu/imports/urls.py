from django.urls import path

from . import job_views, views

urlpatterns = [
    path("", views.start, name="import-start"),
    path("viec/", job_views.job_list, name="import-jobs"),
    path("viec/<int:job_id>/", job_views.job_detail, name="import-job"),
    path("viec/<int:job_id>/tien-do/", job_views.job_progress, name="import-job-progress"),
    path("<str:token>/", views.preview, name="import-preview"),
    path("<str:token>/ghep-cot/", views.mapping, name="import-mapping"),
    path("<str:token>/nhap/", views.commit, name="import-commit"),
    path("<str:token>/dong-loi/", views.failed, name="import-failed"),
]
