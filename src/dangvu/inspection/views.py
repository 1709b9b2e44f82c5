"""Pages for inspections, supervisions and discipline. Every record comes through the user's
scope; writes need Capability.EDIT_INSPECTION."""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from dangvu.accounts.models import Capability
from dangvu.accounts.scope import Scope
from dangvu.core.excel import exports
from dangvu.web.lists import list_filters
from dangvu.web.pages import form_saved

from . import excel, selectors, services
from .forms import DisciplineForm, InspectionForm
from .models import Kind


@login_required
def inspection_list(request):
    scope = Scope.of(request.user)
    org, year = list_filters(request, scope)
    kind = request.GET.get("kind") if request.GET.get("kind") in Kind.values else None
    qs = selectors.filter_by(selectors.visible_inspections(scope.root), "start_date", "conducted_by", org, year)
    if kind:
        qs = qs.filter(kind=kind)
    if exports.wanted(request):
        return exports.respond(request, excel.INSPECTIONS, qs)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "inspection/inspection_list.html", {
        "page": page, "org": org, "year": year, "kind": kind, "kinds": Kind.choices,
        "can_edit": scope.can(Capability.EDIT_INSPECTION),
    })  # fmt: skip


@login_required
def inspection_detail(request, pk):
    scope = Scope.of(request.user)
    item = selectors.visible_inspections(scope.root).filter(pk=pk).first()
    if item is None:
        raise Http404("Không tìm thấy cuộc kiểm tra, giám sát trong phạm vi của bạn.")
    return render(request, "inspection/inspection_detail.html", {"item": item})


@login_required
def inspection_create(request):
    scope = Scope.of(request.user)
    scope.require(Capability.EDIT_INSPECTION)
    form = InspectionForm(request.POST or None, scope=scope, initial=request.GET.dict())

    def save(data):
        item = services.inspection_record(actor=request.user, **data)
        return f"Đã ghi {item.get_kind_display().lower()} {item.subject}.", reverse("inspection-detail", args=[item.pk])

    return form_saved(request, form, save) or render(
        request, "inspection/form.html", {"form": form, "title": "Ghi cuộc kiểm tra, giám sát"}
    )


@login_required
def discipline_list(request):
    scope = Scope.of(request.user)
    org, year = list_filters(request, scope)
    qs = selectors.filter_by(selectors.visible_disciplines(scope.root), "decision_date", "decided_by", org, year)
    if exports.wanted(request):
        return exports.respond(request, excel.DISCIPLINES, qs)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "inspection/discipline_list.html", {
        "page": page, "org": org, "year": year, "can_edit": scope.can(Capability.EDIT_INSPECTION),
    })  # fmt: skip


@login_required
def discipline_detail(request, pk):
    scope = Scope.of(request.user)
    item = selectors.visible_disciplines(scope.root).filter(pk=pk).first()
    if item is None:
        raise Http404("Không tìm thấy quyết định kỷ luật trong phạm vi của bạn.")
    limitation = selectors.discipline_limitations(type(item).objects.filter(pk=item.pk), dt.date.today())[0]
    return render(request, "inspection/discipline_detail.html", {"item": item, "limitation": limitation})


@login_required
def discipline_create(request):
    scope = Scope.of(request.user)
    scope.require(Capability.EDIT_INSPECTION)
    form = DisciplineForm(request.POST or None, scope=scope, initial=request.GET.dict())

    def save(data):
        item = services.discipline_record(actor=request.user, **data)
        return f"Đã ghi quyết định kỷ luật {item.decision_no}.", reverse("discipline-detail", args=[item.pk])

    return form_saved(request, form, save) or render(
        request, "inspection/form.html", {"form": form, "title": "Ghi quyết định kỷ luật"}
    )


@login_required
def limitation_alerts(request):
    """Violations found by inspections and not yet decided, by statute-of-limitations state."""
    scope = Scope.of(request.user)
    pending = selectors.violations_awaiting_discipline(selectors.visible_inspections(scope.root), dt.date.today())
    return render(request, "inspection/limitations.html", {"pending": pending})
