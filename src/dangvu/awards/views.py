"""Pages of awards: a scoped list (filters ?year=, ?org=, ?recipient_kind=, ?title=, ?program=,
?q=), a detail page, and create / edit forms that call the services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render

from dangvu.accounts.models import Capability
from dangvu.accounts.scope import Scope
from dangvu.core.audit import history_of
from dangvu.core.excel import exports
from dangvu.web.forms import add_service_errors
from dangvu.web.lists import list_filters

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
        if form.is_valid():
            try:
                if award:
                    award = services.award_update(actor=request.user, award=award, **form.cleaned_data)
                else:
                    award = services.award_create(actor=request.user, **form.cleaned_data)
            except ValidationError as e:
                add_service_errors(form, e)
            else:
                messages.success(request, "Đã lưu quyết định khen thưởng.")
                return redirect("award-detail", pk=award.pk)
    else:
        form = AwardForm(initial=_initial(award) if award else {}, scope=scope)
    return render(request, "awards/form.html", {"form": form, "award": award})
