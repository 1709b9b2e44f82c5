from django.urls import path

from . import views

urlpatterns = [
    path("", views.meeting_list, name="meeting-list"),
    path("xem-xet-xoa-ten/", views.removal_flags, name="meeting-removal"),
    path("ghi/", views.meeting_start, name="meeting-start"),
    path("chi-bo/<int:org_pk>/them/", views.meeting_create, name="meeting-create"),
    path("<int:pk>/", views.meeting_detail, name="meeting-detail"),
    path("<int:pk>/sua/", views.meeting_edit, name="meeting-edit"),
    path("<int:pk>/bien-ban/", views.meeting_file, {"which": "minutes"}, name="meeting-minutes"),
    path("<int:pk>/nghi-quyet/", views.meeting_file, {"which": "resolution"}, name="meeting-resolution"),
]
