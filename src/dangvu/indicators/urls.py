from django.urls import path

from . import statistics_views, views

urlpatterns = [
    path("", views.start, name="indicators-start"),
    path("thong-ke/<int:org_pk>/", statistics_views.statistics_page, name="statistics"),
    path("thong-ke/<int:org_pk>/xlsx/", statistics_views.statistics_xlsx, name="statistics-xlsx"),
    path("<int:org_pk>/<int:year>/", views.figures, name="indicators"),
    path("<int:org_pk>/<int:year>/<str:key>/", views.records, name="indicator-records"),
]
