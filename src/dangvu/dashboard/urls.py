from django.urls import path

from . import views

urlpatterns = [
    path("", views.start, name="dashboard-start"),
    path("<int:org_pk>/<int:year>/", views.dashboard, name="dashboard"),
    path("<int:org_pk>/<int:year>/canh-bao/<str:kind>/", views.alert, name="dashboard-alert"),
]
