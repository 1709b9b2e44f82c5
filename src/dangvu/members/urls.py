from django.urls import path

from . import transfer_views, views

urlpatterns = [
    path("", views.member_list, name="member-list"),
    path("huy-hieu/", views.badges_due, name="badges-due"),
    path("ket-nap/<int:org_pk>/", views.member_admit, name="member-admit"),
    path("<int:pk>/", views.member_detail, name="member-detail"),
    path("<int:pk>/sua/", views.member_edit, name="member-edit"),
    path("<int:pk>/phieu-dang-vien/", views.member_sheet, name="member-sheet"),
    path("<int:pk>/su-kien/", views.member_event_kinds, name="member-event-kinds"),
    path("<int:pk>/su-kien/<str:kind>/", views.member_event, name="member-event"),
    path("<int:pk>/chuyen-sinh-hoat/", transfer_views.transfer_issue, name="transfer-issue"),
    path("chuyen-sinh-hoat/", transfer_views.transfer_list, name="transfer-list"),
    path("chuyen-sinh-hoat/<int:pk>/tiep-nhan/", transfer_views.transfer_receive, name="transfer-receive"),
    path("chuyen-sinh-hoat/<int:pk>/huy/", transfer_views.transfer_cancel, name="transfer-cancel"),
]
