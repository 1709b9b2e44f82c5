from django.urls import path

from . import views

urlpatterns = [
    path("dang-vien/<int:pk>/<int:year>/<int:quarter>/", views.member_period, name="tasks-member"),
    path("to-chuc/<int:pk>/<int:year>/<int:quarter>/", views.org_period, name="tasks-org"),
    path("tep/<int:pk>/", views.product_file, name="tasks-file"),
    path("khung-tieu-chi/<int:year>/<str:subject>/", views.framework_edit, name="tasks-framework"),
]
