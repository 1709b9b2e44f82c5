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
    path("quan-chung-uu-tu/", include("dangvu.candidates.urls")),
    path("sinh-hoat/", include("dangvu.meetings.urls")),
    path("dang-phi/", include("dangvu.dues.urls")),
    path("cap-uy/", include("dangvu.committees.urls")),
    path("bao-cao/", include("dangvu.reports.urls")),
    path("nhap-du-lieu/", include("dangvu.imports.urls")),
    path("tong-quan/", include("dangvu.dashboard.urls")),
    path("api/", include("dangvu.api.urls")),
    path("danh-gia/", include("dangvu.reviews.urls")),
    path("nhiem-vu/", include("dangvu.tasks.urls")),
    path("so-tay/", include("dangvu.handbook.urls")),
]
