from django.urls import path

from . import views

urlpatterns = [
    path("", views.area_list, name="election-list"),
    path("them/", views.election_create, name="election-create"),
    path("<int:pk>/", views.election_detail, name="election-detail"),
]
