"""Pages of party dues: a cell's monthly collection sheet (HTML and Excel), a member's basis and
payments, a printable receipt (HTML and PDF), the arrears, and the share kept and passed up per
month. Every record comes through the user's scope (404 outside it); writes need
Capability.EDIT_MEMBERS, and the services' refusals are shown next to the field."""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from dangvu.accounts.models import Capability
from dangvu.accounts.scope import Scope
from dangvu.core.dates import add_months
from dangvu.core.downloads import download_log
from dangvu.core.excel.writing import attachment
from dangvu.organizations.models import MEMBER_LEVELS
from dangvu.organizations.selectors import in_tree_order
from dangvu.web.csp import self_contained_document
from dangvu.web.pages import form_saved

from . import receipts, selectors, services, sheets
from .forms import BasisForm, CollectForm, PaymentForm, parse_month
from .rules import format_month, month_start, rulebook_on


def _cells(scope: Scope):
    return scope.orgs().filter(level__in=MEMBER_LEVELS, dissolved_on__isnull=True).order_by("path")


def _month(request) -> dt.date:
    return parse_month(request.GET.get("thang")) or month_start(dt.date.today())


def _year(request) -> int:
    today = dt.date.today()
    try:
        year = int(request.GET.get("nam") or today.year)
    except ValueError:
        year = today.year
    return min(max(year, 1930), today.year + 1)


def _payment(scope: Scope, pk):
    payment = selectors.payment_list(scope.root).filter(pk=pk).first()
    if payment is None:
        raise Http404("Không tìm thấy khoản đảng phí trong phạm vi của bạn.")
    return payment


@login_required
def dues_home(request):
    scope = Scope.of(request.user)
    month = _month(request)
    cells = in_tree_order(_cells(scope)[:500])
    return render(
        request,
        "dues/home.html",
        {
            "cells": cells,
            "month": month,
            "thang": format_month(month),
            "root": scope.root,
            "year": dt.date.today().year,
        },  # fmt: skip
    )


def _paid_on_initial(month: dt.date) -> dict:
    """The paid date offered for `month`: today while collecting the current month, which is
    what happens then; blank for any other month — a clerk entering 2016's receipts in a later
    year would otherwise save them as paid today, or on a month's last day nobody chose."""
    return {"paid_on": dt.date.today()} if month == month_start(dt.date.today()) else {}


@login_required
def dues_sheet(request, org_pk):
    scope = Scope.of(request.user)
    org = scope.get_org(org_pk)
    if org.level not in MEMBER_LEVELS:
        raise Http404("Bảng thu đảng phí là của một chi bộ.")
    month = _month(request)
    form = CollectForm(request.POST or None, initial=_paid_on_initial(month))
    if request.method == "POST":
        scope.require(Capability.EDIT_MEMBERS)

        def save(data):
            paid = services.dues_collect_month(actor=request.user, org=org, month=month, **data)
            message = f"Đã ghi {len(paid)} đảng viên nộp đảng phí tháng {format_month(month)}."
            return message, reverse("dues-sheet", args=[org.pk]) + f"?thang={format_month(month)}"

        if saved := form_saved(request, form, save, {"month": None}):
            return saved
    lines = sheets.month_lines(org, month)
    collection = selectors.collection(org, month)
    if request.GET.get("xuat") == "xlsx":
        # Names and salaries: a download of personal data, logged like the Excel lists.
        download_log(
            user=request.user, kind="dues_sheet", filters={"org": org.pk, "thang": format_month(month)},
            rows=len(lines),
        )  # fmt: skip
        data = sheets.sheet_xlsx(org, month, lines, collection)
        return attachment(data, f"dang-phi-{org.code}-{month:%Y-%m}.xlsx")
    return render(
        request,
        "dues/sheet.html",
        {
            "org": org, "month": month, "thang": format_month(month), "lines": lines, "totals": sheets.totals(lines),
            "collection": collection, "form": form, "can_edit": scope.can(Capability.EDIT_MEMBERS),
            "prev": format_month(add_months(month, -1)), "next": format_month(add_months(month, 1)),
            "rulebook": rulebook_on(month),
        },
    )  # fmt: skip


_MEMBER_FORMS = {"basis": BasisForm, "pay": PaymentForm}


@login_required
def dues_member(request, member_id):
    scope = Scope.of(request.user)
    member = scope.get_member(member_id)
    action = request.POST.get("action", "")
    today = dt.date.today()
    initial = {"basis": {"valid_from": month_start(today)}, "pay": {"month": month_start(today), "paid_on": today}}
    if request.GET.get("thang"):
        initial["pay"]["month"] = _month(request)
        initial["pay"].update(_paid_on_initial(initial["pay"]["month"]) or {"paid_on": None})
    forms = {k: cls(request.POST if action == k else None, prefix=k, initial=initial[k], member=member)
             for k, cls in _MEMBER_FORMS.items()}  # fmt: skip
    if request.method == "POST":
        scope.require(Capability.EDIT_MEMBERS)
        form = forms.get(action)
        if form is None:
            raise Http404("Thao tác không hợp lệ.")

        def save(data):
            if action == "basis":
                services.dues_basis_set(actor=request.user, member=member, **data)
                text = "Đã lưu căn cứ đóng đảng phí."
            else:
                payment = services.dues_pay(actor=request.user, member=member, **data)
                text = f"Đã ghi đảng phí tháng {format_month(payment.month)}."
            return text, reverse("dues-member", kwargs={"member_id": member.pk})

        if saved := form_saved(request, form, save):
            return saved
    return render(
        request,
        "dues/member.html",
        {
            "member": member, "forms": forms, "can_edit": scope.can(Capability.EDIT_MEMBERS),
            "bases": member.dues_bases.order_by("-valid_from"),
            "payments": member.dues_payments.select_related("org").order_by("-month")[:36],
            "basis_now": selectors.basis_on(member, today),
        },
    )  # fmt: skip


@self_contained_document
@require_GET
@login_required
def receipt(request, pk):
    payment = _payment(Scope.of(request.user), pk)
    return HttpResponse(receipts.receipt_html(payment, for_print=True))


@require_GET
@login_required
def receipt_pdf(request, pk):
    payment = _payment(Scope.of(request.user), pk)
    response = HttpResponse(receipts.receipt_pdf(payment), content_type="application/pdf")
    download_log(user=request.user, kind="dues_receipt", filters={"payment": payment.pk}, rows=1)
    response["Content-Disposition"] = f'inline; filename="bien-lai-dang-phi-{payment.pk}.pdf"'
    return response


@login_required
def dues_arrears(request):
    scope = Scope.of(request.user)
    year = _year(request)
    rows = sheets.arrears(scope.root, year, dt.date.today())
    return render(
        request,
        "dues/arrears.html",
        {"rows": rows, "year": year, "total": sum(r.owed for r in rows), "root": scope.root},
    )


@login_required
def dues_shares(request, org_pk):
    scope = Scope.of(request.user)
    org = scope.get_org(org_pk)
    year = _year(request)
    months = sheets.year_shares(org, year)
    total = {k: sum(m[k] for m in months) for k in ("total", "kept", "passed_up")}
    return render(
        request,
        "dues/shares.html",
        {"org": org, "year": year, "months": months, "total": total, "kept_percent": selectors.kept_percent(org)},
    )
