from django.urls import path

from . import views
from .models import StepKind

urlpatterns = [
    path("", views.candidate_list, name="candidate-list"),
    path("them/", views.candidate_create, name="candidate-create"),
    path("<int:pk>/", views.candidate_detail, name="candidate-detail"),
    path("<int:pk>/lop-boi-duong/", views.candidate_step, {"kind": StepKind.COURSE}, name="candidate-course"),
    path("<int:pk>/don/", views.candidate_step, {"kind": StepKind.APPLICATION}, name="candidate-application"),
    path("<int:pk>/tham-tra/", views.candidate_step, {"kind": StepKind.BACKGROUND}, name="candidate-background"),
    path("<int:pk>/gioi-thieu/", views.candidate_introducer, name="candidate-introducer"),
    path("<int:pk>/doan-the-gioi-thieu/", views.candidate_union, name="candidate-union"),
    path("<int:pk>/bieu-quyet/", views.candidate_vote, name="candidate-vote"),
    path("<int:pk>/ket-nap/", views.candidate_admit, name="candidate-admit"),
    path("<int:pk>/dung/", views.candidate_close, name="candidate-close"),
]
