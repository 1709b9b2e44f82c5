from django.urls import path

from . import views

urlpatterns = [
    path("<int:org_pk>/<int:year>/", views.targets_page, name="targets"),
    path("xoa/<int:pk>/", views.target_remove, name="target-delete"),
]
