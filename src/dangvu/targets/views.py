"""The targets of a unit for a year: what each is, who assigned it, the subordinates' sum; and,
for those allowed, a form to set one."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from dangvu.accounts.models import Capability
from dangvu.accounts.scope import Scope
from dangvu.core import catalogue

from . import selectors, services
from .forms import TargetForm


def _year(year: int) -> int:
    if not services.FIRST_YEAR <= year <= dt.date.today().year + 5:
        raise Http404("Năm không hợp lệ.")
    return year


@login_required
def targets_page(request, org_pk: int, year: int):
    scope = Scope.of(request.user)
    org = scope.get_org(org_pk)
    year = _year(year)
    can_edit = scope.can(Capability.EDIT_RECORDS)
    form = TargetForm(request.POST or None, org=org)
    if request.method == "POST":
        scope.require(Capability.EDIT_RECORDS)
        if form.is_valid():
            data = form.cleaned_data
            try:
                target = services.target_set(
                    actor=request.user, org=org, indicator_key=data["indicator_key"], year=year,
                    value=data["value"], assigned_by=data["assigned_by"], note=data["note"],
                )  # fmt: skip
            except ValidationError as e:
                form.show_service_errors(e)
            else:
                label = catalogue.get(target.indicator_key).label
                messages.success(request, f"Đã lưu chỉ tiêu “{label}” năm {year} của {org.name}.")
                return redirect("targets", org_pk=org.pk, year=year)
    own = selectors.targets_of(org, year)
    below = selectors.subordinate_targets_sums(org, year)
    rows = [
        {"indicator": ind, "target": own.get(ind.key), "below": below.get(ind.key)}
        for ind in catalogue.all_indicators()
        if ind.key in own or ind.key in below
    ]
    return render(
        request,
        "targets/targets.html",
        {"org": org, "year": year, "rows": rows, "form": form, "can_edit": can_edit},
    )


@login_required
@require_POST
def target_remove(request, pk: int):
    scope = Scope.of(request.user)
    scope.require(Capability.EDIT_RECORDS)
    target = selectors.visible_targets(scope.root).filter(pk=pk).first()
    if target is None:
        raise Http404("Không tìm thấy chỉ tiêu trong phạm vi của bạn.")
    org_pk, year = target.org_id, target.year
    try:
        services.target_delete(actor=request.user, target=target)
    except ValidationError as e:  # the year is closed: said on the page, not a server error
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, "Đã xóa chỉ tiêu.")
    return redirect("targets", org_pk=org_pk, year=year)
