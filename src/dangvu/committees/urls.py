from django.urls import path

from . import views

urlpatterns = [
    path("", views.congress_list, name="congress-list"),
    path("don-vi/<int:org_pk>/", views.unit_committee, name="unit-committee"),
    path("don-vi/<int:org_pk>/dai-hoi/them/", views.congress_create, name="congress-create"),
    path("dai-hoi/<int:pk>/", views.congress_detail, name="congress-detail"),
    path("cap-uy-vien/<int:pk>/thoi/", views.seat_end, name="seat-end"),
    path("lien-he-noi-cu-tru/", views.contact_list, name="residence-list"),
    path("lien-he-noi-cu-tru/<int:pk>/", views.contact_detail, name="residence-detail"),
]
