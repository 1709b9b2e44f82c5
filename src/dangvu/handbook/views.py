"""The member's own pages (Sổ tay đảng viên) and the clerk's page that issues the accounts."""

from axes.handlers.proxy import AxesProxyHandler
from django.contrib.auth import login, user_login_failed
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from dangvu.accounts.models import Capability
from dangvu.accounts.scope import Scope
from dangvu.core.downloads import download_log
from dangvu.core.excel.writing import Book, attachment
from dangvu.core.text import natural_key
from dangvu.organizations.models import MEMBER_LEVELS
from dangvu.reports.member_sheet import sheet_pdf
from dangvu.web.forms import add_service_errors

from .forms import ActivationForm
from .notices import notices_mark_read, notices_of
from .selectors import my_record
from .services import account_of, accounts_of_cell, member_account_activate, member_accounts_issue

# django-axes counts wrong codes as failed logins under this name, with the address: five wrong
# codes from one address lock the page as five wrong passwords lock a login.
AXES_NAME = "kich-hoat-so-tay"


def _member(request):
    # the middleware has read the account already (and checked the record allows it)
    account = getattr(request, "member_account", None) or account_of(request.user)
    if account is None:
        raise Http404("Trang này dành cho tài khoản đảng viên.")
    return account.member


@require_http_methods(["GET", "POST"])
def activate(request):
    credentials = {"username": AXES_NAME}
    if request.method == "POST" and AxesProxyHandler.is_locked(request, credentials):
        return render(request, "registration/locked_out.html", status=429)
    form = ActivationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = member_account_activate(code=form.cleaned_data["code"], password=form.cleaned_data["password1"])
        except ValidationError as e:
            if "code" in getattr(e, "error_dict", {}):
                user_login_failed.send(sender=__name__, credentials=credentials, request=request)
            add_service_errors(form, e, {"password": "password1"})
        else:
            login(request, user, backend="dangvu.accounts.backends.AccountBackend")
            return redirect("handbook-home")
    return render(request, "handbook/activate.html", {"form": form})


@login_required
def home(request):
    member = _member(request)
    context = my_record(member, timezone.localdate())
    context["corrections"] = member.correction_requests.all()[:20]
    return render(request, "handbook/home.html", context)


@login_required
def record_sheet(request):
    member = _member(request)
    response = HttpResponse(sheet_pdf(member, show_citizen_id=True), content_type="application/pdf")
    download_log(
        user=request.user, kind="member_sheet", filters={"member": member.pk}, rows=1,
        with_citizen_id=bool(member.citizen_id),
    )  # fmt: skip
    response["Content-Disposition"] = f'inline; filename="phieu-dang-vien-{member.pk}.pdf"'
    return response


@login_required
def cells(request):
    """The cells of the clerk's subtree, each opening its accounts page."""
    scope = Scope.of(request.user)
    scope.require(Capability.EDIT_MEMBERS)
    found = sorted(scope.orgs().filter(level__in=MEMBER_LEVELS, dissolved_on__isnull=True).select_related("parent"),
                   key=lambda o: natural_key(o.name))  # fmt: skip
    return render(request, "handbook/cells.html", {"cells": found})


@login_required
@require_http_methods(["GET", "POST"])
def cell_accounts(request, code):
    """The clerk's page for a cell: who has an account, who may have one; issue the slips."""
    scope = Scope.of(request.user)
    scope.require(Capability.EDIT_MEMBERS)
    org = scope.get_org_by_code(code)
    try:
        rows = accounts_of_cell(scope=scope, org=org)
    except ValidationError as e:
        raise Http404(" ".join(e.messages)) from None
    if request.method == "POST":
        slips = member_accounts_issue(actor=request.user, scope=scope, org=org)
        if request.POST.get("xuat") == "xlsx":
            return slips_workbook(request, org, slips)
        download_log(user=request.user, kind="member_activation_slips", filters={"org": org.code}, rows=len(slips))
        return render(request, "handbook/slips.html", {"org": org, "slips": slips})
    return render(request, "handbook/cell_accounts.html", {"org": org, "rows": rows})


def slips_workbook(request, org, slips):
    data = slips_xlsx(org, slips)
    download_log(user=request.user, kind="member_activation_slips", filters={"org": org.code}, rows=len(slips))
    return attachment(data, f"ma-kich-hoat-{org.code}.xlsx")


def slips_xlsx(org, slips) -> bytes:
    book = Book()
    ws = book.sheet(
        "Mã kích hoạt", ["Họ và tên", "Ngày sinh", "Tên đăng nhập", "Mã kích hoạt", "Hết hạn"], [30, 12, 14, 18, 18],
        above=(f"Mã kích hoạt Sổ tay đảng viên — {org.name}", "Mỗi mã dùng một lần; giữ kín như mật khẩu."),
    )  # fmt: skip
    for r, s in enumerate(slips, start=3):
        book.row(
            ws, r, [s.member.full_name, s.member.birth_date, s.username, s.code, s.expires_at.strftime("%d/%m/%Y")]
        )
    return book.bytes()


@login_required
def notices(request):
    """The member's notices, newest first; opening the page marks them seen."""
    member = _member(request)
    found = notices_of(member)
    notices_mark_read(member=member)
    return render(request, "handbook/notices.html", {"notices": found})
