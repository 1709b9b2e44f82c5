from django.urls import path

from . import views

urlpatterns = [
    path("<int:pk>/", views.org_detail, name="org-detail"),
]
