"""Pages of training: a scoped list of classes (filters ?year=, ?org=, ?q=), a class page with its
named attendances, and forms that call the services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from dangvu.accounts.models import Capability
from dangvu.accounts.scope import Scope
from dangvu.core.audit import history_of
from dangvu.core.excel import exports
from dangvu.web.lists import list_filters
from dangvu.web.pages import form_saved

from . import excel, selectors, services
from .forms import AttendanceForm, TrainingClassForm
from .models import TrainingClass


def _get_class(scope, pk) -> TrainingClass:
    found = selectors.class_list(scope.root).filter(pk=pk).first()
    if found is None:
        raise Http404("Không tìm thấy lớp trong phạm vi của bạn.")
    return found


@login_required
def class_list(request):
    scope = Scope.of(request.user)
    org, year = list_filters(request, scope)
    query = request.GET.get("q", "").strip()
    classes = selectors.class_list(scope.root, year=year, org=org, query=query)
    if exports.wanted(request):
        return exports.respond(request, excel.EXPORT, classes)
    page = Paginator(classes, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "training/list.html",
        {
            "page": page, "total": page.paginator.count, "attendances": selectors.attendance_total(classes),
            "year": year, "org": org, "q": query, "can_edit": scope.can(Capability.EDIT_RECORDS),
        },
    )  # fmt: skip


def _detail(request, scope, training_class, form=None):
    return render(
        request,
        "training/detail.html",
        {
            "c": training_class, "attendances": selectors.attendances_of(training_class),
            "form": form or AttendanceForm(scope=scope), "history": history_of(training_class, 20),
            "can_edit": scope.can(Capability.EDIT_RECORDS),
        },
    )  # fmt: skip


@login_required
def class_detail(request, pk):
    scope = Scope.of(request.user)
    return _detail(request, scope, _get_class(scope, pk))


@login_required
def class_edit(request, pk=None):
    scope = Scope.of(request.user)
    scope.require(Capability.EDIT_RECORDS)
    training_class = _get_class(scope, pk) if pk else None
    if request.method == "POST":
        form = TrainingClassForm(request.POST, scope=scope, training_class=training_class)
    else:
        initial = {name: getattr(training_class, name) for name in services.FIELDS} if training_class else {}
        form = TrainingClassForm(initial=initial, scope=scope)

    def save(data):
        if training_class:
            saved = services.training_class_update(actor=request.user, training_class=training_class, **data)
        else:
            saved = services.training_class_create(actor=request.user, **data)
        return "Đã lưu lớp bồi dưỡng.", reverse("training-detail", args=[saved.pk])

    return form_saved(request, form, save) or render(request, "training/form.html", {"form": form, "c": training_class})


@login_required
@require_POST
def attendance_add(request, pk):
    scope = Scope.of(request.user)
    scope.require(Capability.EDIT_RECORDS)
    training_class = _get_class(scope, pk)
    form = AttendanceForm(request.POST, scope=scope)

    def save(data):
        attendance = services.attendance_add(actor=request.user, training_class=training_class, **data)
        message = f"Đã ghi nhận đồng chí {attendance.member.full_name} tham dự lớp."
        return message, reverse("training-detail", args=[training_class.pk])

    return form_saved(request, form, save) or _detail(request, scope, training_class, form)


@login_required
@require_POST
def attendance_remove(request, pk, attendance_pk):
    scope = Scope.of(request.user)
    scope.require(Capability.EDIT_RECORDS)
    training_class = _get_class(scope, pk)
    attendance = training_class.attendances.filter(pk=attendance_pk).first()
    if attendance is None:
        raise Http404("Không tìm thấy lượt tham dự.")
    services.attendance_remove(actor=request.user, attendance=attendance)
    messages.success(request, "Đã xóa lượt tham dự.")
    return redirect("training-detail", pk=training_class.pk)
