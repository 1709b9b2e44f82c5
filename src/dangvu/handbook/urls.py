from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="handbook-home"),
    path("kich-hoat/", views.activate, name="handbook-activate"),
    path("phieu-dang-vien/", views.record_sheet, name="handbook-sheet"),
    path("chi-bo/<str:code>/tai-khoan/", views.cell_accounts, name="handbook-accounts"),
]
