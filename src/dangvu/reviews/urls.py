from django.urls import path

from . import views

urlpatterns = [
    path("", views.cycle_list, name="review-cycles"),
    path("<int:pk>/", views.cycle_detail, name="review-cycle"),
    path("<int:pk>/khoa/", views.cycle_close, name="review-cycle-close"),
    path("<int:pk>/mo-lai/", views.cycle_reopen, name="review-cycle-reopen"),
    path("<int:pk>/to-chuc/<int:org_pk>/", views.org_entry, name="review-org"),
    path("<int:pk>/to-chuc/<int:org_pk>/quyet-dinh/", views.org_decide, name="review-org-decide"),
    path("<int:pk>/to-chuc/<int:org_pk>/mau-excel/", views.members_template, name="review-members-template"),
    path("<int:pk>/to-chuc/<int:org_pk>/tai-len/", views.members_upload, name="review-members-upload"),
    path("lich-su/<int:org_pk>/", views.org_history, name="review-org-history"),
]
