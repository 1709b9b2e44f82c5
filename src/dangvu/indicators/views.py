"""The figures of a unit for a year, and behind each figure the records it counts."""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render

from dangvu.accounts.models import Capability
from dangvu.accounts.scope import Scope
from dangvu.core import catalogue
from dangvu.organizations.selectors import children_now
from dangvu.reports.selectors import report_style

from .record_tables import RELATIONS
from .records import as_table, in_scope
from .selectors import as_period, evaluate

PAGE_SIZE = 200


def _year(year: int) -> int:
    if not 1930 <= year <= dt.date.today().year + 5:
        raise Http404("Năm không hợp lệ.")
    return year


@login_required
def start(request):
    scope = Scope.of(request.user)
    if scope.root is None:
        raise Http404("Tài khoản chưa được phân quyền cho đơn vị nào.")
    year = request.GET.get("nam", "")
    year = int(year) if year.isdigit() else dt.date.today().year
    org_pk = request.GET.get("don_vi", "")
    org = scope.get_org(org_pk) if org_pk.isdigit() else scope.root
    return redirect("indicators", org_pk=org.pk, year=_year(year))


@login_required
def figures(request, org_pk: int, year: int):
    scope = Scope.of(request.user)
    org = scope.get_org(org_pk)
    year = _year(year)
    # The plan achievement in the words of the unit's report (its house style, as the dashboard
    # and the API's plan_text write it): a board comparing the page with the report reads the same.
    style = report_style(org, year)
    found = evaluate(org, year)
    values = {f.key: f.value for f in found}
    # A rate with nothing to divide by (no election held) is written "—", as the report writes it.
    figures = [
        (f, style.plan(f.value or 0, f.target) if f.target else "", catalogue.without_base(f.key, values))
        for f in found
    ]
    return render(
        request,
        "indicators/figures.html",
        {
            "org": org,
            "year": year,
            "period": as_period(year),
            "figures": figures,
            "children": children_now(org),
            "can_edit_targets": scope.can(Capability.EDIT_RECORDS),
        },
    )


@login_required
def records(request, org_pk: int, year: int, key: str):
    scope = Scope.of(request.user)
    org = scope.get_org(org_pk)
    year = _year(year)
    if not catalogue.exists(key):
        raise Http404("Không có chỉ số này.")
    ind = catalogue.get(key)
    period = as_period(year)
    if ind.records is None:
        raise Http404("Chỉ số này không có danh sách bản ghi.")
    qs = in_scope(ind.records(org, period), ind, scope.root)
    page = Paginator(qs.order_by("pk"), PAGE_SIZE).get_page(request.GET.get("trang"))
    header, rows = as_table(qs, slice(page.start_index() - 1 if page.paginator.count else 0, page.end_index()))
    return render(
        request,
        "indicators/records.html",
        {
            "org": org,
            "year": year,
            "period": period,
            "indicator": ind,
            "value": ind.compute(org, period),
            "page": page,
            "header": header,
            "rows": rows,
            "relation": RELATIONS.get(ind.key, ""),
        },
    )
