from django.contrib.auth import views as auth_views
from django.urls import path

from . import first_run, user_views, views

urlpatterns = [
    path("dang-nhap/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("doi-mat-khau/", user_views.password_change, name="password-change"),
    path("thiet-lap/", first_run.first_run, name="first-run"),
    path("tai-khoan/<int:user_pk>/lich-su/", views.user_history, name="user-history"),
    path("nguoi-dung/", user_views.user_list, name="user-list"),
    path("nguoi-dung/them/", user_views.user_add, name="user-add"),
    path("nguoi-dung/<int:pk>/sua/", user_views.user_edit, name="user-edit"),
    path("nguoi-dung/<int:pk>/trang-thai/", user_views.user_active, name="user-active"),
    path("nguoi-dung/<int:pk>/dat-lai-mat-khau/", user_views.user_reset, name="user-reset"),
]
