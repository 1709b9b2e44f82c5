from django.urls import path

from . import views

urlpatterns = [
    path("", views.member_list, name="member-list"),
    path("huy-hieu/", views.badges_due, name="badges-due"),
    path("ket-nap/<int:org_pk>/", views.member_admit, name="member-admit"),
    path("<int:pk>/", views.member_detail, name="member-detail"),
    path("<int:pk>/sua/", views.member_edit, name="member-edit"),
    path("<int:pk>/phieu-dang-vien/", views.member_sheet, name="member-sheet"),
    path("<int:pk>/su-kien/", views.member_event_kinds, name="member-event-kinds"),
    path("<int:pk>/su-kien/<str:kind>/", views.member_event, name="member-event"),
]
