"""Election pages. Areas are seen through the user's scope (a ward sees its own area); writes
need Capability.EDIT_RECORDS."""

from django.contrib.auth.decorators import login_required
from django.db.models import Sum
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from dangvu.accounts.models import Capability
from dangvu.accounts.scope import Scope
from dangvu.core.excel import exports
from dangvu.web.lists import list_filters
from dangvu.web.pages import form_saved

from . import excel, selectors, services
from .forms import AreaForm, ElectionForm


def _totals(areas) -> dict:
    agg = areas.aggregate(registered=Sum("registered"), voted=Sum("voted"))
    registered, voted = agg["registered"] or 0, agg["voted"] or 0
    return {
        "registered": registered,
        "voted": voted,
        "turnout": round(voted * 100 / registered, 2) if registered else None,
    }


@login_required
def area_list(request):
    """Results per area, filtered by ?year= and ?org= as the election indicators count them."""
    scope = Scope.of(request.user)
    org, year = list_filters(request, scope)
    areas = selectors.filter_areas(selectors.visible_areas(scope.root), org, year).order_by("-election__date", "name")
    if exports.wanted(request):
        return exports.respond(request, excel.EXPORT, areas)
    return render(request, "elections/area_list.html", {
        "areas": areas, "totals": _totals(areas), "org": org, "year": year,
        "elections": selectors.visible_elections(scope.root), "can_edit": scope.can(Capability.EDIT_RECORDS),
    })  # fmt: skip


def _election(scope, pk):
    election = selectors.visible_elections(scope.root).filter(pk=pk).first()
    if election is None:
        raise Http404("Không tìm thấy cuộc bầu cử trong phạm vi của bạn.")
    return election


@login_required
def election_detail(request, pk):
    scope = Scope.of(request.user)
    election = _election(scope, pk)
    areas = selectors.visible_areas(scope.root).filter(election=election)
    form = None
    if scope.can(Capability.EDIT_RECORDS):
        form = AreaForm(request.POST or None, scope=scope, election=election)

        def save(data):
            area = services.election_area_record(actor=request.user, election=election, **data)
            return f"Đã ghi kết quả khu vực {area.name}.", reverse("election-detail", args=[election.pk])

        if saved := form_saved(request, form, save):
            return saved
    elif request.method == "POST":
        scope.require(Capability.EDIT_RECORDS)
    return render(request, "elections/election_detail.html", {
        "election": election, "areas": areas, "totals": _totals(areas), "form": form,
    })  # fmt: skip


@login_required
def election_create(request):
    scope = Scope.of(request.user)
    scope.require(Capability.EDIT_RECORDS)
    form = ElectionForm(request.POST or None, scope=scope)

    def save(data):
        election = services.election_create(actor=request.user, **data)
        return "Đã ghi cuộc bầu cử; hãy nhập kết quả từng khu vực.", reverse("election-detail", args=[election.pk])

    return form_saved(request, form, save) or render(
        request, "elections/form.html", {"form": form, "title": "Ghi cuộc bầu cử"}
    )
