"""Pages of the year-end report: the report page (status, downloads in every format, close and
reopen), the form staff write the narrative in, and the downloads. Every page is scoped: a unit
outside the user's subtree is a 404. Any role that may view may download; writing the report and
closing or reopening its year need EDIT_REPORTS (org board, office, a grassroots clerk for their
own unit, admin) — the same people who write the report answer for its figures."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from dangvu.accounts.models import Capability
from dangvu.accounts.scope import Scope
from dangvu.core.downloads import download_log
from dangvu.web.csp import self_contained_document
from dangvu.web.pages import form_saved

from . import jobs, quarterly, selectors, services
from .context import report_context
from .forms import ReopenForm, YearReportForm
from .render import FORMATS, file_name
from .render import render as render_format

FORMAT_LABELS = {
    "docx": "Word (.docx)", "pdf": "PDF", "html": "Trang web (.html)", "xlsx": "Biểu thống kê Excel (.xlsx)",
    "json": "Chỉ số (.json)", "brief": "Bản tin (.txt)",
}  # fmt: skip


def _unit(request, org_pk: int, year: int):
    scope = Scope.of(request.user)
    scope.require(Capability.VIEW)
    org = scope.get_org(org_pk)
    if not 1930 <= year <= dt.date.today().year:
        raise Http404("Không có báo cáo cho năm này.")
    return scope, org


@login_required
def report_start(request):
    scope = Scope.of(request.user)
    if scope.root is None:
        raise Http404("Bạn chưa được phân quyền đơn vị nào.")
    org = scope.get_org(request.GET["org"]) if request.GET.get("org", "").isdigit() else scope.root
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() else dt.date.today().year - 1
    return redirect("report-page", org_pk=org.pk, year=year)


@login_required
def report_page(request, org_pk, year):
    scope, org = _unit(request, org_pk, year)
    report = selectors.report_of(org, year)
    return render(
        request,
        "reports/page.html",
        {
            "org": org, "year": year, "report": report, "closed": selectors.close_in_force(org, year),
            "closes": selectors.closes_of(org, year),
            "formats": [(f, FORMAT_LABELS[f], jobs.in_background(org, f)) for f in FORMATS],
            "changes": selectors.changes_since_close(org, year),
            "quarters": quarterly.evaluated_quarters(org, year),
            "can_edit": scope.can(Capability.EDIT_REPORTS), "reopen_form": ReopenForm(),
            "years": range(dt.date.today().year, max(org.founded_on.year, dt.date.today().year - 10) - 1, -1),
        },
    )  # fmt: skip


@login_required
def report_edit(request, org_pk, year):
    scope, org = _unit(request, org_pk, year)
    scope.require(Capability.EDIT_REPORTS)
    report = selectors.report_of(org, year)
    if request.method == "POST":
        form = YearReportForm(request.POST, instance=report, year=year)

        def save(data):
            services.year_report_save(actor=request.user, org=org, year=year, **form.service_arguments())
            return "Đã lưu báo cáo.", reverse("report-page", kwargs={"org_pk": org.pk, "year": year})

        if saved := form_saved(request, form, save):
            return saved
    else:
        form = YearReportForm(instance=report, year=year)
    return render(request, "reports/edit.html", {"org": org, "year": year, "form": form,
                                                 "closed": selectors.close_in_force(org, year)})  # fmt: skip


@self_contained_document
@login_required
def report_download(request, org_pk, year, fmt):
    _, org = _unit(request, org_pk, year)
    if fmt not in FORMATS:
        raise Http404("Không có định dạng này.")
    if jobs.in_background(org, fmt):  # a large subtree: the worker draws it, the user watches
        job = jobs.report_job_start(user=request.user, org=org, year=year, fmt=fmt)
        return redirect("report-job", job_id=job.pk)
    ctx = report_context(org, year)
    result = render_format(ctx, fmt)
    response = HttpResponse(result.content, content_type=result.content_type)
    inline = fmt == "html" and request.GET.get("tai") is None
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{file_name(ctx, result.extension)}"'
    download_log(user=request.user, kind=f"report_{fmt}", rows=1, filters={"org": org.pk, "year": year})
    return response


@login_required
@require_POST
def report_close(request, org_pk, year):
    scope, org = _unit(request, org_pk, year)
    scope.require(Capability.EDIT_REPORTS)
    try:
        closed = services.year_close(
            actor=request.user, org=org, year=year, confirm_typed=request.POST.get("giu_so_da_go") == "1"
        )
    except ValidationError as e:
        for msgs in e.message_dict.values():
            for msg in msgs:
                messages.error(request, msg)
    else:
        messages.success(request, f"Đã chốt số liệu năm {year} (lần {closed.version}).")
    return redirect("report-page", org_pk=org.pk, year=year)


@login_required
@require_POST
def report_reopen(request, org_pk, year):
    scope, org = _unit(request, org_pk, year)
    scope.require(Capability.EDIT_REPORTS)
    form = ReopenForm(request.POST)

    def save(data):
        services.year_reopen(actor=request.user, org=org, year=year, reason=data["reason"])
        message = f"Đã mở lại số liệu năm {year}; hãy chốt lại khi đã sửa xong."
        return message, reverse("report-page", kwargs={"org_pk": org.pk, "year": year})

    return form_saved(request, form, save) or render(
        request, "reports/reopen.html", {"org": org, "year": year, "form": form}, status=400
    )
