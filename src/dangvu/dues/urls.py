from django.urls import path

from . import views

urlpatterns = [
    path("", views.dues_home, name="dues-home"),
    path("no-dong/", views.dues_arrears, name="dues-arrears"),
    path("chi-bo/<int:org_pk>/", views.dues_sheet, name="dues-sheet"),
    path("don-vi/<int:org_pk>/trich-nop/", views.dues_shares, name="dues-shares"),
    path("dang-vien/<int:member_id>/", views.dues_member, name="dues-member"),
    path("bien-lai/<int:pk>/", views.receipt, name="receipt-detail"),
    path("bien-lai/<int:pk>/pdf/", views.receipt_pdf, name="receipt-pdf"),
]
