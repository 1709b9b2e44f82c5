from django.urls import path

from . import views

urlpatterns = [
    path("<int:pk>/", views.member_detail, name="member-detail"),
]
