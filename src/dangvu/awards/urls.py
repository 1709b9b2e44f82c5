from django.urls import path

from . import views

urlpatterns = [
    path("", views.award_list, name="award-list"),
    path("them/", views.award_edit, name="award-create"),
    path("<int:pk>/", views.award_detail, name="award-detail"),
    path("<int:pk>/sua/", views.award_edit, name="award-edit"),
]
