from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("quan-tri/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("dangvu.accounts.urls")),
    path("", include("dangvu.web.urls")),
    path("to-chuc/", include("dangvu.organizations.urls")),
    path("dang-vien/", include("dangvu.members.urls")),
    path("chi-tieu/", include("dangvu.targets.urls")),
    path("chi-so/", include("dangvu.indicators.urls")),
    path("can-bo/", include("dangvu.cadres.urls")),
    path("boi-duong/", include("dangvu.training.urls")),
    path("kiem-tra/", include("dangvu.inspection.urls")),
    path("bau-cu/", include("dangvu.elections.urls")),
    path("khen-thuong/", include("dangvu.awards.urls")),
    path("danh-gia/", include("dangvu.reviews.urls")),
]
