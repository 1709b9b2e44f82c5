"""Pages of congresses, committees and residence contact. Every record comes through the user's
scope (404 outside it).

Who may change a committee: the organization board of a committee (Capability.RESTRUCTURE) for
every unit of its subtree — it approves the congresses below it — and the secretary or clerk of
a grassroots organization (Capability.EDIT_MEMBERS with a grassroots unit as scope root) for their
own organization and its cells. Residence contact is two-sided (committees.residence): the
member's own organization introduces its member, the residence's committee confirms, comments and
ends; each side acts only on its side, and the residence sees only the members introduced to it.
"""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from dangvu.accounts.models import Capability
from dangvu.accounts.scope import Scope
from dangvu.core.audit import history_of
from dangvu.members.models import IN_PARTY_STATUSES
from dangvu.web.pages import form_saved

from . import forms as f
from . import residence, selectors, services
from .models import Congress, ContactStatus, Seat


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
    form = f.CongressForm(request.POST or None, org=org)

    def save(data):
        congress = services.congress_record(actor=request.user, org=org, **data)
        return f"Đã ghi {congress.name}.", reverse("congress-detail", args=[congress.pk])

    return form_saved(request, form, save) or render(
        request, "committees/form.html", {"form": form, "title": f"Ghi đại hội của {org.name}", "org": org}
    )


@login_required
def congress_detail(request, pk):
    scope = Scope.of(request.user)
    congress = _congress(scope, pk)
    can_edit = can_edit_committees(scope)
    form = f.SeatForm(request.POST or None, members=scope.members(), initial={"on": congress.held_on})
    if request.method == "POST":
        _require_edit(scope)

        def save(data):
            seat = services.seat_add(actor=request.user, congress=congress, **data)
            message = f"Đã ghi {seat.get_role_display()} {seat.member.full_name}."
            return message, reverse("congress-detail", kwargs={"pk": congress.pk})

        if saved := form_saved(request, form, save):
            return saved
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
    form = f.SeatEndForm(request.POST or None)

    def save(data):
        services.seat_end(actor=request.user, seat=seat, **data)
        return f"Đã ghi đồng chí {seat.member.full_name} thôi tham gia cấp ủy.", reverse(
            "congress-detail", args=[seat.congress_id]
        )

    if saved := form_saved(request, form, save):
        return saved
    title = f"Thôi tham gia cấp ủy: {seat.member.full_name} ({seat.get_role_display()})"
    return render(request, "committees/form.html", {"form": form, "title": title, "org": seat.congress.org})


# --- residence contact ---------------------------------------------------------------------------


@login_required
def contact_list(request):
    """Both sides on one page: the members this scope introduced (and the comments they got) and
    the introductions it received as the residence. Introducing is done by the member's own
    organization, for its own members only (the member field looks in the scope)."""
    scope = Scope.of(request.user)
    sent, received = residence.sent_contacts(scope.root), residence.received_contacts(scope.root)
    if request.GET.get("tat-ca") != "1":
        # A returned letter stays in the sender's list: the member still needs introducing.
        sent = sent.filter(Q(until__isnull=True) | Q(status=ContactStatus.DECLINED))
        received = received.filter(until__isnull=True)
    can_edit = scope.can(Capability.EDIT_MEMBERS)
    form = f.IntroduceForm(
        request.POST or None,
        members=scope.members().filter(status__in=IN_PARTY_STATUSES),
        wards=residence.residence_committees(),
    )
    if request.method == "POST":
        scope.require(Capability.EDIT_MEMBERS)

        def save(data):
            contact = residence.contact_introduce(actor=request.user, **data)
            message = f"Đã giới thiệu đồng chí {contact.member.full_name} về {contact.residence_name}."
            return message, reverse("residence-detail", kwargs={"pk": contact.pk})

        if saved := form_saved(request, form, save):
            return saved
    return render(
        request,
        "committees/contacts.html",
        {"sent": sent[:1000], "received": received[:1000], "form": form, "can_edit": can_edit},
    )


def _contact_forms(contact, sides: set[str], can_edit: bool, data, action: str) -> dict:
    """The forms the user's side may submit on this contact, in the order the page shows them."""
    if not can_edit:
        return {}
    writer = "sending" if contact.status == ContactStatus.OUTSIDE else "residence"
    kinds = []
    if "residence" in sides and contact.status == ContactStatus.INTRODUCED:
        cells = residence.residential_cells(contact.ward)
        kinds += [("confirm", f.ConfirmForm, {"cells": cells}), ("decline", f.DeclineForm, {})]
    if writer in sides and contact.status in (ContactStatus.CONFIRMED, ContactStatus.OUTSIDE) and not contact.until:
        kinds += [("comment", f.CommentForm, {}), ("note", f.NoteForm, {})]
    if contact.status != ContactStatus.DECLINED and not contact.until:
        kinds += [("end", f.ContactEndForm, {})]
    return {k: cls(data if action == k else None, prefix=k, **kw) for k, cls, kw in kinds}


_WRITES = {
    "confirm": residence.contact_confirm, "decline": residence.contact_decline, "note": residence.contact_note_add,
    "comment": residence.residence_comment_record, "end": residence.contact_end,
}  # fmt: skip


@login_required
def contact_detail(request, pk):
    scope = Scope.of(request.user)
    contact = residence.visible_contacts(scope.root).filter(pk=pk).first()
    if contact is None:
        raise Http404("Không tìm thấy mối liên hệ trong phạm vi của bạn.")
    sides = residence.sides(scope, contact)
    action = request.POST.get("action", "")
    forms = _contact_forms(contact, sides, scope.can(Capability.EDIT_MEMBERS), request.POST, action)
    if request.method == "POST":
        form = forms.get(action)
        if form is None:
            raise PermissionDenied("Bên của bạn không thực hiện thao tác này với mối liên hệ này.")

        def save(data):
            _WRITES[action](actor=request.user, contact=contact, **data)
            return "Đã lưu.", reverse("residence-detail", kwargs={"pk": contact.pk})

        if saved := form_saved(request, form, save):
            return saved
    return render(
        request,
        "committees/contact.html",
        {"contact": contact, "forms": forms, "sending": "sending" in sides, "notes": contact.notes.all(),
         "comments": contact.comments.all()},
    )  # fmt: skip
