"""Pages of the standard statistics: /chi-so/thong-ke/<org_pk>/?ngay=dd/mm/yyyy&year=YYYY on
screen, and the same tables as an XLSX file (one sheet per table). Scoped: 404 outside the
user's subtree."""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from dangvu.accounts.scope import Scope
from dangvu.core.downloads import download_log
from dangvu.core.excel.writing import attachment

from . import statistics


def _params(request) -> tuple[dt.date, int, list[str]]:
    """The day of the composition (?ngay=, default: today or the end of ?year=) and the year of
    the flows (?year=, default: the day's year), with the messages for what could not be read."""
    errors = []
    today = dt.date.today()
    raw_year, raw_day = request.GET.get("year", "").strip(), request.GET.get("ngay", "").strip()
    year = int(raw_year) if raw_year.isdigit() and 1930 <= int(raw_year) <= today.year else None
    if raw_year and year is None:
        errors.append(f"Năm “{raw_year}” không hợp lệ; dùng năm hiện tại.")
    day = None
    if raw_day:
        try:
            day = dt.datetime.strptime(raw_day, "%d/%m/%Y").date()
        except ValueError:
            errors.append(f"Ngày “{raw_day}” không đúng dạng ngày/tháng/năm; dùng ngày mặc định.")
    if day is None:
        day = min(today, dt.date(year, 12, 31)) if year else today
    return day, year or day.year, errors


@login_required
def statistics_page(request, org_pk: int):
    scope = Scope.of(request.user)
    org = scope.get_org(org_pk)
    day, year, errors = _params(request)
    tables = statistics.all_tables(org, day, year)
    return render(
        request,
        "indicators/statistics.html",
        {"org": org, "day": day, "year": year, "tables": tables, "errors": errors, "query": request.GET.urlencode()},
    )


@login_required
def statistics_xlsx(request, org_pk: int):
    scope = Scope.of(request.user)
    org = scope.get_org(org_pk)
    day, year, _ = _params(request)
    tables = statistics.all_tables(org, day, year)
    download_log(user=request.user, kind="statistics", rows=sum(len(t.rows) for t in tables),
                 filters={"org": org.pk, "ngay": f"{day:%d/%m/%Y}", "year": year})  # fmt: skip
    return attachment(statistics.as_xlsx(org, day, year, tables), f"thong-ke-{org.code}-{day:%Y%m%d}-{year}.xlsx")
