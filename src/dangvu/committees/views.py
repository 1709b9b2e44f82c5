"""Pages of congresses, committees and residence contact. Every record comes through the user's
scope (404 outside it).

Who may change a committee: the organization board of a committee (Capability.RESTRUCTURE) for
every unit of its subtree — it approves the congresses below it — and the secretary or clerk of
a grassroots organization (Capability.EDIT_MEMBERS with a grassroots unit as scope root) for their
own organization and its cells. Residence contact is kept by the residential cell's side:
EDIT_MEMBERS with the cell in scope; the member is found by card number or citizen ID wherever
they hold party activity (they bring the introduction letter of their own organization).
"""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from dangvu.accounts.models import Capability
from dangvu.accounts.scope import Scope
from dangvu.core.audit import history_of
from dangvu.members.models import IN_PARTY_STATUSES, Member
from dangvu.organizations.models import MEMBER_LEVELS, Kind
from dangvu.web.forms import add_service_errors

from . import residence, selectors, services
from .forms import CommentForm, CongressForm, ContactEndForm, ContactForm, NoteForm, SeatEndForm, SeatForm
from .models import Congress, Seat


def can_edit_committees(scope: Scope) -> bool:
    if scope.can(Capability.RESTRUCTURE):
        return True
    return scope.can(Capability.EDIT_MEMBERS) and scope.root is not None and scope.root.is_grassroots


def _require_edit(scope: Scope):
    if not can_edit_committees(scope):
        raise PermissionDenied("Vai trò của bạn không được cập nhật cấp ủy.")


def _congress(scope: Scope, pk) -> Congress:
    congress = selectors.visible_congresses(scope.root).filter(pk=pk).first()
    if congress is None:
        raise Http404("Không tìm thấy đại hội trong phạm vi của bạn.")
    return congress


@login_required
def congress_list(request):
    scope = Scope.of(request.user)
    congresses = selectors.visible_congresses(scope.root).order_by("-held_on", "org__path")[:500]
    return render(request, "committees/list.html", {"congresses": congresses, "root": scope.root})


@login_required
def unit_committee(request, org_pk):
    scope = Scope.of(request.user)
    org = scope.get_org(org_pk)
    today = dt.date.today()
    congress = selectors.congress_on(org, today)
    return render(
        request,
        "committees/unit.html",
        {
            "org": org, "congress": congress, "committee": selectors.committee_of(congress, today) if congress else [],
            "congresses": Congress.objects.filter(org=org).order_by("-held_on"), "can_edit": can_edit_committees(scope),
        },
    )  # fmt: skip


@login_required
def congress_create(request, org_pk):
    scope = Scope.of(request.user)
    org = scope.get_org(org_pk)
    _require_edit(scope)
    form = CongressForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            congress = services.congress_record(actor=request.user, org=org, **form.cleaned_data)
        except ValidationError as e:
            add_service_errors(form, e)
        else:
            messages.success(request, f"Đã ghi {congress.name}.")
            return redirect("congress-detail", pk=congress.pk)
    return render(request, "committees/form.html", {"form": form, "title": f"Ghi đại hội của {org.name}", "org": org})


@login_required
def congress_detail(request, pk):
    scope = Scope.of(request.user)
    congress = _congress(scope, pk)
    can_edit = can_edit_committees(scope)
    form = SeatForm(request.POST or None, members=scope.members(), initial={"on": congress.held_on})
    if request.method == "POST":
        _require_edit(scope)
        if form.is_valid():
            try:
                seat = services.seat_add(actor=request.user, congress=congress, **form.cleaned_data)
            except ValidationError as e:
                add_service_errors(form, e)
            else:
                messages.success(request, f"Đã ghi {seat.get_role_display()} {seat.member.full_name}.")
                return redirect("congress-detail", pk=congress.pk)
    today = dt.date.today()
    return render(
        request,
        "committees/congress.html",
        {
            "congress": congress, "committee": selectors.committee_of(congress, min(today, _term_last_day(congress))),
            "history": selectors.seat_history(congress), "form": form, "can_edit": can_edit,
            "audit": history_of(congress, 20),
        },
    )  # fmt: skip


def _term_last_day(congress: Congress) -> dt.date:
    return dt.date(congress.term_end, 12, 31)


@login_required
def seat_end(request, pk):
    scope = Scope.of(request.user)
    seat = Seat.objects.filter(pk=pk, congress__in=selectors.visible_congresses(scope.root)).first()
    if seat is None:
        raise Http404("Không tìm thấy cấp ủy viên trong phạm vi của bạn.")
    _require_edit(scope)
    form = SeatEndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.seat_end(actor=request.user, seat=seat, **form.cleaned_data)
        except ValidationError as e:
            add_service_errors(form, e)
        else:
            messages.success(request, f"Đã ghi đồng chí {seat.member.full_name} thôi tham gia cấp ủy.")
            return redirect("congress-detail", pk=seat.congress_id)
    title = f"Thôi tham gia cấp ủy: {seat.member.full_name} ({seat.get_role_display()})"
    return render(request, "committees/form.html", {"form": form, "title": title, "org": seat.congress.org})


# --- residence contact ---------------------------------------------------------------------------


def _residential_cells(scope: Scope):
    return scope.orgs().filter(level__in=MEMBER_LEVELS, kind=Kind.WARD, dissolved_on__isnull=True).order_by("path")


@login_required
def contact_list(request):
    scope = Scope.of(request.user)
    contacts = residence.visible_contacts(scope.root)
    if request.GET.get("tat-ca") != "1":
        contacts = contacts.filter(until__isnull=True)
    form = ContactForm(
        request.POST or None,
        members=Member.objects.filter(status__in=IN_PARTY_STATUSES),
        cells=_residential_cells(scope),
    )
    if request.method == "POST":
        scope.require(Capability.EDIT_MEMBERS)
        if form.is_valid():
            try:
                contact = residence.contact_start(actor=request.user, **form.cleaned_data)
            except ValidationError as e:
                add_service_errors(form, e)
            else:
                messages.success(
                    request, f"Đã ghi đồng chí {contact.member.full_name} giữ mối liên hệ với {contact.cell.name}."
                )
                return redirect("residence-detail", pk=contact.pk)
    return render(
        request,
        "committees/contacts.html",
        {"contacts": contacts[:1000], "form": form, "can_edit": scope.can(Capability.EDIT_MEMBERS)},
    )


_CONTACT_FORMS = {"note": NoteForm, "comment": CommentForm, "end": ContactEndForm}


@login_required
def contact_detail(request, pk):
    scope = Scope.of(request.user)
    contact = residence.visible_contacts(scope.root).filter(pk=pk).first()
    if contact is None:
        raise Http404("Không tìm thấy mối liên hệ trong phạm vi của bạn.")
    # Notes, comments and the end are written by the residential cell's side.
    can_edit = scope.can(Capability.EDIT_MEMBERS) and scope.covers(contact.cell)
    action = request.POST.get("action", "")
    forms = {k: cls(request.POST if action == k else None, prefix=k) for k, cls in _CONTACT_FORMS.items()}
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied("Chỉ chi bộ nơi cư trú ghi liên hệ và nhận xét.")
        form = forms.get(action)
        if form is None:
            raise Http404("Thao tác không hợp lệ.")
        if form.is_valid():
            write = {"note": residence.contact_note_add, "comment": residence.residence_comment_record,
                     "end": residence.contact_end}[action]  # fmt: skip
            try:
                write(actor=request.user, contact=contact, **form.cleaned_data)
            except ValidationError as e:
                add_service_errors(form, e)
            else:
                messages.success(request, "Đã lưu.")
                return redirect("residence-detail", pk=contact.pk)
    return render(
        request,
        "committees/contact.html",
        {"contact": contact, "forms": forms, "can_edit": can_edit, "notes": contact.notes.all(),
         "comments": contact.comments.all()},
    )  # fmt: skip
