from django.urls import path

from . import views

urlpatterns = [
    path("", views.inspection_list, name="inspection-list"),
    path("them/", views.inspection_create, name="inspection-create"),
    path("<int:pk>/", views.inspection_detail, name="inspection-detail"),
    path("ky-luat/", views.discipline_list, name="discipline-list"),
    path("ky-luat/them/", views.discipline_create, name="discipline-create"),
    path("ky-luat/<int:pk>/", views.discipline_detail, name="discipline-detail"),
    path("thoi-hieu/", views.limitation_alerts, name="discipline-limitations"),
]
