from django.urls import path

from . import views

urlpatterns = [
    path("", views.start, name="import-start"),
    path("<str:token>/", views.preview, name="import-preview"),
    path("<str:token>/ghep-cot/", views.mapping, name="import-mapping"),
    path("<str:token>/nhap/", views.commit, name="import-commit"),
    path("<str:token>/dong-loi/", views.failed, name="import-failed"),
]
