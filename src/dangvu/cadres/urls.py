from django.urls import path

from . import views

urlpatterns = [
    path("", views.action_list, name="cadre-list"),
    path("them/", views.action_edit, name="cadre-create"),
    path("<int:pk>/", views.action_detail, name="cadre-detail"),
    path("<int:pk>/sua/", views.action_edit, name="cadre-edit"),
]
