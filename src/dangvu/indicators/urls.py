from django.urls import path

from . import views

urlpatterns = [
    path("", views.start, name="indicators-start"),
    path("<int:org_pk>/<int:year>/", views.figures, name="indicators"),
    path("<int:org_pk>/<int:year>/<str:key>/", views.records, name="indicator-records"),
]
