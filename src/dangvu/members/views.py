"""Member pages: the list with search, a member's page with timeline and change history, the
admission, identity and lifecycle forms, and the badges due.

Every member comes through the user's scope (404 outside it); every write needs
Capability.EDIT_MEMBERS and goes through members.services."""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.text import capfirst

from dangvu.accounts.models import Capability
from dangvu.accounts.scope import Scope
from dangvu.core.dates import format_date
from dangvu.core.downloads import download_log
from dangvu.core.excel import exports
from dangvu.core.prepared import prepared
from dangvu.organizations.models import MEMBER_LEVELS
from dangvu.organizations.selectors import tree_choices
from dangvu.reports.member_sheet import sheet_html, sheet_pdf
from dangvu.web.csp import self_contained_document
from dangvu.web.pages import form_saved
from dangvu.web.templatetags.web import mask_id

from . import excel, identity, rules, selectors, services
from .forms import (
    HINTS,
    AdmitForm,
    BadgeDateForm,
    EventForm,
    IdentityForm,
    MemberFilterForm,
    WorkHistoryFormSet,
    kinds_for,
)
from .models import IN_PARTY_STATUSES, EventKind, Member, MemberBadge, MemberEvent, MemberWorkPeriod
from .tables import member_page, search_page

# Units the list's filter offers: as deep as fits in a list one scans by eye (a ward lists its
# cells, a district its grassroots units, a province its districts); the unit asked for by
# ?unit= is offered whatever its depth. A province's whole tree was 5.700 <option>s (600 KB), and
# its grassroots 840 (100 ms to render on each search).
UNIT_CHOICES = 300
# The scope's units counted a depth at a time up to this: enough for the unit list (UNIT_CHOICES) and
# for the search's choice of index (selectors.ROOT_INDEX_UNITS; a scope's search names its root).
COUNTED_UNITS = max(UNIT_CHOICES, selectors.ROOT_INDEX_UNITS) + 1


def _unit_asked(scope: Scope, request):
    """The unit of ?unit= when it is in scope (the import sends a clerk to its cell's list), so
    the unit list offers it even below the depth it shows."""
    raw = request.GET.get("unit", "")
    return scope.orgs().filter(pk=int(raw)).first() if raw.isdigit() else None


@login_required
def member_list(request):
    scope = Scope.of(request.user)
    per_depth, units = {}, []
    if scope.root:
        per_depth, units = tree_choices(scope.root, UNIT_CHOICES, COUNTED_UNITS, keep=_unit_asked(scope, request))
    form = MemberFilterForm(request.GET or None, units=units, initial={"status": "dang"})
    members = scope.members().select_related("org")
    by_name = False
    if not form.is_bound:
        members = members.filter(status__in=IN_PARTY_STATUSES)  # what a clerk opens the list for
    elif form.is_valid():
        data = form.cleaned_data
        within = scope.get_org(data["unit"]) if data["unit"] else scope.root
        if data["unit"]:
            members = scope.members_under(within).select_related("org")
        if data["status"] == "dang":
            members = members.filter(status__in=IN_PARTY_STATUSES)
        elif data["status"]:
            members = members.filter(status=data["status"])
        query = data["q"].strip()
        if query.replace(" ", "").isdigit() and not scope.can(Capability.VIEW_CITIZEN_ID):
            # Without the right to see citizen IDs, a number finds only the party card.
            members = members.filter(party_card_no=query.replace(" ", ""))
        elif query:
            by_name = not query.replace(" ", "").isdigit()
            if by_name and within is not None:
                # The scope's units are counted already, for the unit list: not counted again.
                size = sum(per_depth.values()) if within == scope.root else None
                members = selectors.search_within(members, query, within, units=size)
            else:
                members = selectors.search(members, query)
    if exports.wanted(request):
        return exports.respond(request, excel.EXPORT, members, citizen_ids=scope.can(Capability.VIEW_CITIZEN_ID))
    page = search_page(request, members) if by_name else member_page(request, members)
    return render(request, "members/list.html", {"form": form, "page": page})


def _next_badge(member: Member, events: list, received: set[int], today: dt.date) -> dict | None:
    """The first badge milestone the member has not received: when it is reached, and the
    presentation day it falls to."""
    if member.status not in IN_PARTY_STATUSES:
        return None
    for years in rules.BADGE_YEARS:
        if years in received:
            continue
        day = rules.milestone_date(member.admitted_on, events, years)
        if day is None:
            return None
        return {
            "years": years,
            "reached": day,
            "presentation": rules.next_presentation_date(day),
            "late": day < today,
        }
    return None


_ACTIONS = {0: "Tạo mới", 1: "Sửa", 2: "Xóa", 3: "Xem"}
_EMPTY = {None, "None", ""}
_NOT_SHOWN = {"member", "created_at", "name_key", "sort_key"}


def _history(scope: Scope, member: Member, events: list[dict], badges: list, work: list = ()) -> list[dict]:
    """The audit entries of the member and of their events (selectors.timeline_rows), badges and
    work-history lines, newest first, with each change as (field, old, new) in words; citizen IDs
    masked for those who may not see them."""
    records = {
        Member: [member.pk],
        MemberEvent: [e["id"] for e in events],
        MemberBadge: [b.pk for b in badges],
        MemberWorkPeriod: [p.pk for p in work],
    }
    entries = selectors.history_entries(records, unnamed=frozenset(_NOT_SHOWN))
    show_ids = scope.can(Capability.VIEW_CITIZEN_ID)
    out = []
    for entry in entries:
        model = entry.content_type.model_class()
        shown = entry.changes_display_dict  # keyed by verbose name, values in words
        changes = []
        for name in entry.changes_dict:
            try:
                f = model._meta.get_field(name)
            except Exception:
                continue
            # Reverse relations, ids and bookkeeping are not what the clerk changed.
            if not f.concrete or f.primary_key or name in _NOT_SHOWN:
                continue
            old, new = ([*shown.get(f.verbose_name, []), None, None])[:2]
            old, new = ("" if v in _EMPTY else str(v) for v in (old, new))
            if not old and not new:
                continue
            if name == "citizen_id" and not show_ids:
                old, new = mask_id(old), mask_id(new)
            changes.append((capfirst(f.verbose_name), old, new))
        what = "Lý lịch đảng viên" if model is Member else entry.object_repr
        out.append({"entry": entry, "action": _ACTIONS.get(entry.action, ""), "what": what, "changes": changes,
                    "source": _imported_from(entry.additional_data)})  # fmt: skip
    return out


def _imported_from(data) -> str:
    """Where an imported member came from, as the import's audit entry names it (members.bulk):
    the job, the file and the row; the job's events and cell periods carry the same job."""
    if not isinstance(data, dict) or "import_row" not in data:
        return ""
    job = f" (lần nhập số {data['import_job']})" if data.get("import_job") else ""
    name = f" {data['import_file']}" if data.get("import_file") else ""
    return f"nhập từ tệp{name}{job}, dòng {data['import_row']}"


@login_required
@prepared()  # every query of the page reads by the member's id: one plan each, whoever the member (core.prepared)
def member_detail(request, pk):
    scope = Scope.of(request.user)
    member = scope.get_member(pk)
    today = dt.date.today()
    events = selectors.timeline_rows(member)
    badges = selectors.of_member(MemberBadge, member, "years")
    work = selectors.of_member(MemberWorkPeriod, member, "order", "id")  # the model's order, without its join
    rule_events = [rules.Event(e["kind"], e["date"], e["org_id"], e["to_org_id"], e["standing"]) for e in events]
    context = {
        "member": member,
        "show_citizen_id": scope.can(Capability.VIEW_CITIZEN_ID),
        "can_edit": scope.can(Capability.EDIT_MEMBERS),
        "cell_in_scope": scope.covers(member.org),
        "party_age": rules.party_age_years(member.admitted_on, rule_events, today),
        "next_badge": _next_badge(member, rule_events, {b.years for b in badges}, today),
        "events": events,
        "badges": badges,
        "work_periods": work,
        "history": _history(scope, member, events, badges, work),
        "kinds": kinds_for(member),
        "probation_end": rules.probation_end(member.admitted_on),
    }
    return render(request, "members/detail.html", context)


# --- writes --------------------------------------------------------------------------------------


def _writable_member(request, pk) -> tuple[Scope, Member]:
    scope = Scope.of(request.user)
    member = scope.get_member(pk)  # 404 outside the scope, before any permission talk
    scope.require(Capability.EDIT_MEMBERS)
    return scope, member


def _cells(scope: Scope):
    return scope.orgs().filter(level__in=MEMBER_LEVELS, dissolved_on__isnull=True)


@login_required
def member_admit(request, org_pk):
    scope = Scope.of(request.user)
    cell = scope.get_org(org_pk)
    scope.require(Capability.EDIT_MEMBERS)
    if cell.level not in MEMBER_LEVELS or cell.dissolved_on:
        raise Http404("Chỉ kết nạp vào chi bộ đang hoạt động.")
    form = AdmitForm(request.POST or None, can_override_age=scope.can(Capability.OVERRIDE_AGE))

    def save(data):
        member = services.member_admit(actor=request.user, org=cell, **form.admission(), **form.identity())
        return f"Đã kết nạp đồng chí {member.full_name} vào {cell.name}.", reverse("member-detail", args=[member.pk])

    return form_saved(request, form, save) or render(request, "members/admit.html", {"form": form, "cell": cell})


@login_required
def member_edit(request, pk):
    scope, member = _writable_member(request, pk)
    show_id = scope.can(Capability.VIEW_CITIZEN_ID)
    initial = {name: getattr(member, name) for name in identity.MEMBER_FIELDS}
    initial["version"] = services.version_of(member)
    data = request.POST or None
    form = IdentityForm(
        data, initial=initial, show_citizen_id=show_id, with_version=True, with_record=True, member=member
    )
    lines = [{"id": p.pk, **{k: getattr(p, k) for k in services.WORK_FIELDS}} for p in member.work_periods.all()]
    # A post without the work-history lines (an older page, a script) leaves the history as it is.
    with_history = data is None or f"{_WORK_PREFIX}-TOTAL_FORMS" in data
    work = WorkHistoryFormSet(data if with_history else None, initial=lines, prefix=_WORK_PREFIX)
    # The lines' own errors show on the page whatever the form's (rendering the formset validates it).
    history_ok = not with_history or work.is_valid()

    def save(data):
        services.member_update(
            actor=request.user,
            member=member,
            expected_version=data["version"] or None,
            work_history=work.rows() if with_history else None,
            **form.identity(),
        )
        return "Đã lưu lý lịch đảng viên.", reverse("member-detail", args=[member.pk])

    if history_ok and (saved := form_saved(request, form, save)):
        return saved
    return render(request, "members/edit.html", {"form": form, "work": work, "member": member})


_WORK_PREFIX = "qtct"  # quá trình công tác


@login_required
def member_event_kinds(request, pk):
    scope, member = _writable_member(request, pk)
    kinds = [(k, EventKind(k).label, HINTS.get(k, "")) for k in kinds_for(member)]
    return render(request, "members/event_kinds.html", {"member": member, "kinds": kinds})


@login_required
def member_event(request, pk, kind):
    scope, member = _writable_member(request, pk)
    if kind not in kinds_for(member):
        raise Http404("Sự kiện này không áp dụng cho tình trạng hiện tại của đảng viên.")
    form = EventForm(request.POST or None, kind=kind, cells=_cells(scope), member=member)

    def save(data):
        if kind == EventKind.RECOGNIZED:
            event = services.member_recognize(
                actor=request.user, member=member, decision_no=data["decision_no"],
                decision_date=data["decision_date"],
            )  # fmt: skip
        else:
            event = services.member_record_event(actor=request.user, member=member, kind=kind, **data)
        message = f"Đã ghi nhận: {event.get_kind_display().lower()} ngày {format_date(event.date)}."
        return message, reverse("member-detail", kwargs={"pk": member.pk})

    if saved := form_saved(request, form, save, {"kind": None, "target": "to_org"}):
        return saved
    context = {
        "member": member,
        "form": form,
        "kind": kind,
        "label": EventKind(kind).label,
        "hint": HINTS.get(kind, ""),
        "probation_end": rules.probation_end(member.admitted_on),
    }
    return render(request, "members/event.html", context)


# --- badges --------------------------------------------------------------------------------------


@login_required
def badges_due(request):
    scope = Scope.of(request.user)
    default = rules.next_presentation_date(dt.date.today())
    initial = {"dip": f"{default.day}/{default.month}", "nam": default.year}
    form = BadgeDateForm(request.GET or None, initial=initial)
    presentation, overdue = default, False
    if form.is_valid():
        day, month = (int(x) for x in form.cleaned_data["dip"].split("/"))
        presentation = dt.date(form.cleaned_data["nam"], month, day)
        overdue = form.cleaned_data["qua_han"]
    elif request.GET:
        form = BadgeDateForm(initial=initial)
    due = selectors.badges_due(scope.members().select_related("org"), presentation, include_overdue=overdue)
    page = Paginator(due, 100).get_page(request.GET.get("trang"))
    return render(
        request,
        "members/badges.html",
        {"form": form, "presentation": presentation, "page": page, "total": len(due)},
    )


# --- record sheet --------------------------------------------------------------------------------


@self_contained_document  # the ?html=1 preview carries the sheet's own <style>
@login_required
def member_sheet(request, pk):
    """The member record sheet (Mẫu 2-HSĐV) as a PDF; ?html=1 shows the same page in the browser."""
    from django.http import HttpResponse

    scope = Scope.of(request.user)
    member = scope.get_member(pk)
    show_id = scope.can(Capability.VIEW_CITIZEN_ID)
    if request.GET.get("html"):
        return HttpResponse(sheet_html(member, show_citizen_id=show_id))
    response = HttpResponse(sheet_pdf(member, show_citizen_id=show_id), content_type="application/pdf")
    # A download of personal data: logged like the Excel lists.
    download_log(
        user=request.user, kind="member_sheet", filters={"member": member.pk}, rows=1,
        with_citizen_id=show_id and bool(member.citizen_id),
    )  # fmt: skip
    response["Content-Disposition"] = f'inline; filename="phieu-dang-vien-{member.pk}.pdf"'
    return response
