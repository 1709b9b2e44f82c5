from django.urls import path

from . import views

urlpatterns = [
    path("", views.class_list, name="training-list"),
    path("them/", views.class_edit, name="training-create"),
    path("<int:pk>/", views.class_detail, name="training-detail"),
    path("<int:pk>/sua/", views.class_edit, name="training-edit"),
    path("<int:pk>/tham-du/", views.attendance_add, name="training-attendance-add"),
    path("<int:pk>/tham-du/<int:attendance_pk>/xoa/", views.attendance_remove, name="training-attendance-remove"),
]
