"""Pages of the two-sided transfer (members.transfers): the sending unit picks the destination
cell by name, the receiving unit lists what waits for it and records the arrival."""

import datetime as dt

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from dangvu.accounts.models import Capability
from dangvu.accounts.scope import Scope
from dangvu.core.dates import format_date
from dangvu.organizations.models import Organization
from dangvu.web.forms import VnDateField
from dangvu.web.pages import form_saved

from . import transfers
from .models import Transfer, TransferState


class IssueForm(forms.Form):
    to_org = forms.IntegerField(label="Chi bộ nơi chuyển đến", widget=forms.HiddenInput, required=False)
    issued_on = VnDateField(label="Ngày giới thiệu chuyển đi")
    decision_no = forms.CharField(label="Số giấy giới thiệu", max_length=80, required=False)
    reason = forms.CharField(label="Lý do, ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReceiveForm(forms.Form):
    received_on = VnDateField(label="Ngày tiếp nhận")


@login_required
def transfer_issue(request, pk):
    scope = Scope.of(request.user)
    member = scope.get_member(pk)
    scope.require(Capability.EDIT_MEMBERS)
    query = request.GET.get("q", "")
    form = IssueForm(request.POST or None)

    def save(data):
        to_org = Organization.objects.filter(pk=data["to_org"]).first() if data["to_org"] else None
        t = transfers.transfer_issue(
            actor=request.user, scope=scope, member=member, to_org=to_org, issued_on=data["issued_on"],
            decision_no=data["decision_no"], reason=data["reason"],
        )  # fmt: skip
        where = transfers.unit_with_superior(t.to_org)
        return f"Đã giới thiệu {member.full_name} chuyển đến {where}; chờ nơi đến tiếp nhận.", reverse(
            "member-detail", args=[member.pk]
        )

    if saved := form_saved(request, form, save):
        return saved
    chosen = request.POST.get("to_org") or request.GET.get("den") or ""
    chosen = chosen if chosen.isdigit() else None  # a hand-edited address names no unit
    units = transfers.destinations(query, exclude=member.org) if query else []
    chosen_unit = Organization.objects.select_related("parent").filter(pk=chosen).first() if chosen else None
    if chosen_unit is not None and chosen_unit not in units:
        units = [chosen_unit, *units]
    context = {"member": member, "form": form, "query": query, "chosen": chosen_unit, "units": units,
               "labels": [(u, transfers.unit_with_superior(u)) for u in units]}  # fmt: skip
    return render(request, "members/transfer_issue.html", context)


@login_required
def transfer_list(request):
    scope = Scope.of(request.user)
    waiting = list(transfers.transfers_waiting(scope))
    sent = list(transfers.transfers_sent(scope))
    for t in waiting + sent:
        t.from_label = transfers.unit_with_superior(t.from_org)
        t.to_label = transfers.unit_with_superior(t.to_org)
    context = {"waiting": waiting, "sent": sent, "today": format_date(dt.date.today()),
               "can_edit": scope.can(Capability.EDIT_MEMBERS), "form": ReceiveForm()}  # fmt: skip
    return render(request, "members/transfers.html", context)


def _transfer(scope, pk, side) -> Transfer:
    """The transfer if it was sent to (side "to") or from (side "from") the scope; 404 otherwise."""
    if scope.root is None:
        raise Http404("Không tìm thấy việc chuyển sinh hoạt trong phạm vi của bạn.")
    return get_object_or_404(Transfer, pk=pk, **{f"{side}_org__path__startswith": scope.root.path})


@login_required
def transfer_receive(request, pk):
    scope = Scope.of(request.user)
    transfer = _transfer(scope, pk, "to")
    scope.require(Capability.EDIT_MEMBERS)
    form = ReceiveForm(request.POST or None)

    def save(data):
        t = transfers.transfer_receive(
            actor=request.user, scope=scope, transfer=transfer, received_on=data["received_on"]
        )
        return f"Đã tiếp nhận {t.member.full_name} vào {t.to_org.name} từ ngày {format_date(t.received_on)}.", reverse(
            "member-detail", args=[t.member_id]
        )

    if saved := form_saved(request, form, save):
        return saved
    transfer.from_label = transfers.unit_with_superior(transfer.from_org)
    transfer.to_label = transfers.unit_with_superior(transfer.to_org)
    return render(request, "members/transfer_receive.html", {"t": transfer, "form": form})


@login_required
@require_POST
def transfer_cancel(request, pk):
    scope = Scope.of(request.user)
    transfer = _transfer(scope, pk, "from")
    scope.require(Capability.EDIT_MEMBERS)
    if transfer.state == TransferState.WAITING:
        transfers.transfer_cancel(actor=request.user, scope=scope, transfer=transfer)
    return redirect(reverse("transfer-list"))
