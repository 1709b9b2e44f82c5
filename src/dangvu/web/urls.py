from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("viec-can-lam/", views.todo, name="todo"),
]
