from django.urls import path

from . import reorganize_views, views

urlpatterns = [
    path("cay/", views.org_tree, name="org-tree"),
    path("<int:pk>/", views.org_detail, name="org-detail"),
    path("<int:pk>/thanh-lap/", views.org_found, name="org-found"),
    path("<int:pk>/chuyen/", views.org_move, name="org-move"),
    path("<int:pk>/sap-nhap/", views.org_merge, name="org-merge"),
    path("<int:pk>/giai-the/", views.org_dissolve, name="org-dissolve"),
    path("<int:pk>/sap-xep/", reorganize_views.org_reorganize_page, name="org-reorganize"),
    path("<int:pk>/sap-xep/mau.xlsx", reorganize_views.org_reorganize_template, name="org-reorganize-template"),
]
