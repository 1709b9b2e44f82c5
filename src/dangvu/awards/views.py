"""Pages of awards: a scoped list (filters ?year=, ?org=, ?recipient_kind=, ?title=, ?program=,
?q=), a detail page, and create / edit forms that call the services."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from dangvu.accounts.models import Capability
from dangvu.accounts.scope import Scope
from dangvu.core.audit import history_of
from dangvu.core.excel import exports
from dangvu.web.lists import list_filters
from dangvu.web.pages import form_saved

from . import excel, selectors, services
from .forms import AwardForm
from .models import Award, Program, RecipientKind, Title

CHOICE_FILTERS = {"recipient_kind": RecipientKind, "title": Title, "program": Program}


def _get_award(scope, pk) -> Award:
    award = selectors.award_list(scope.root).filter(pk=pk).first()
    if award is None:
        raise Http404("Không tìm thấy quyết định khen thưởng trong phạm vi của bạn.")
    return award


@login_required
def award_list(request):
    scope = Scope.of(request.user)
    org, year = list_filters(request, scope)
    filters = {k: request.GET[k] for k, choices in CHOICE_FILTERS.items() if request.GET.get(k) in choices.values}
    query = request.GET.get("q", "").strip()
    awards = selectors.award_list(scope.root, year=year, org=org, query=query, **filters)
    if exports.wanted(request):
        return exports.respond(request, excel.EXPORT, awards)
    page = Paginator(awards, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "awards/list.html",
        {
            "page": page, "total": page.paginator.count, "year": year, "org": org, "q": query, "filters": filters,
            "choices": {k: c.choices for k, c in CHOICE_FILTERS.items()},
            "can_edit": scope.can(Capability.EDIT_RECORDS),
        },
    )  # fmt: skip


@login_required
def award_detail(request, pk):
    scope = Scope.of(request.user)
    award = _get_award(scope, pk)
    return render(
        request,
        "awards/detail.html",
        {"award": award, "history": history_of(award, 20), "can_edit": scope.can(Capability.EDIT_RECORDS)},
    )


def _initial(award: Award) -> dict:
    data = {name: getattr(award, name) for name in services.FIELDS}
    member = award.recipient_member
    data["recipient_member"] = (member.party_card_no or member.citizen_id) if member else ""
    return data


@login_required
def award_edit(request, pk=None):
    scope = Scope.of(request.user)
    scope.require(Capability.EDIT_RECORDS)
    award = _get_award(scope, pk) if pk else None
    if request.method == "POST":
        form = AwardForm(request.POST, scope=scope)
    else:
        form = AwardForm(initial=_initial(award) if award else {}, scope=scope)

    def save(data):
        if award:
            saved = services.award_update(actor=request.user, award=award, **data)
        else:
            saved = services.award_create(actor=request.user, **data)
        return "Đã lưu quyết định khen thưởng.", reverse("award-detail", args=[saved.pk])

    return form_saved(request, form, save) or render(request, "awards/form.html", {"form": form, "award": award})
