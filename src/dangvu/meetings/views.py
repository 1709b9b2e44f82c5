"""Pages of cell meetings: the list by cell and month, a meeting with its attendance and votes, the
form that records a meeting with the attendance of every member of the cell on one page, the
minutes and resolution served through the scope (never a public media URL), and the members
flagged for consideration of removal. Every record comes through the user's scope (404 outside
it); writes need Capability.EDIT_MEMBERS."""

import datetime as dt
import os

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from dangvu.accounts.models import Capability
from dangvu.accounts.scope import Scope
from dangvu.core.dates import format_date
from dangvu.core.downloads import download_log
from dangvu.handbook.meetings import attendance_from_replies
from dangvu.members.models import Member
from dangvu.members.transfers import unit_with_superior
from dangvu.organizations.models import MEMBER_LEVELS
from dangvu.organizations.selectors import in_tree_order
from dangvu.web.forms import VnDateField
from dangvu.web.pages import form_saved

from . import selectors, services
from .forms import FilesForm, FilterForm, MeetingEditForm, MeetingForm, VoteForm
from .models import Meeting, Presence


def _meeting(scope: Scope, pk) -> Meeting:
    meeting = selectors.meeting_list(scope.root).filter(pk=pk).first()
    if meeting is None:
        raise Http404("Không tìm thấy buổi sinh hoạt trong phạm vi của bạn.")
    return meeting


@login_required
def meeting_list(request):
    scope = Scope.of(request.user)
    form = FilterForm(request.GET or None, orgs=scope.orgs().filter(dissolved_on__isnull=True).order_by("path"))
    f = form.cleaned_data if form.is_valid() else {}
    org, year, month = f.get("don_vi"), f.get("nam"), f.get("thang")
    meetings = selectors.meeting_list(scope.root, org=org, year=year, kind=f.get("loai") or "")
    if year and month:
        meetings = meetings.filter(date__month=month)
    page = Paginator(meetings.order_by("-date", "org__path"), 100).get_page(request.GET.get("trang"))
    can_record = scope.can(Capability.EDIT_MEMBERS) and org is not None and org.level in MEMBER_LEVELS
    return render(
        request,
        "meetings/list.html",
        {"form": form, "page": page, "org": org, "can_record": can_record, "year": dt.date.today().year,
         "can_edit": scope.can(Capability.EDIT_MEMBERS)},
    )  # fmt: skip


@login_required
def meeting_start(request):
    """Ghi buổi sinh hoạt straight from the list, without filtering to one cell first: pick the
    cell (named with its superior, as many cells share a name), then its form."""
    scope = Scope.of(request.user)
    scope.require(Capability.EDIT_MEMBERS)
    picked = request.GET.get("chi_bo", "")
    if picked.isdigit():
        return redirect("meeting-create", org_pk=scope.get_org(picked).pk)
    cells = scope.orgs().filter(level__in=MEMBER_LEVELS, dissolved_on__isnull=True).select_related("parent")
    choices = [(c.pk, unit_with_superior(c)) for c in in_tree_order(cells)]
    return render(request, "meetings/start.html", {"cells": choices})


def _roster(org, day: dt.date):
    return Member.objects.filter(pk__in=services.roster_ids(org, day)).order_by("sort_key")


def _roster_day(request, default: dt.date | None = None) -> dt.date:
    """The day whose roster the form lists: the meeting's date once typed, else ?ngay=, else
    `default` (the recorded date when correcting a meeting), else today."""
    field = VnDateField()
    for raw in (request.POST.get("date"), request.GET.get("ngay")):
        if not (raw or "").strip():
            continue
        try:
            return field.to_python(raw.strip())
        except ValidationError:
            continue
    return default or dt.date.today()


def _attendance_rows(request, roster):
    """[(member, presence, reason)] for the form: everyone present on a new form; from the POST
    otherwise, where a member left unmarked stays unmarked (the service then asks for it) rather
    than being counted present unseen."""
    if request.method != "POST":
        return [(m, Presence.PRESENT, "") for m in roster]
    return [(m, request.POST.get(f"p-{m.pk}", ""), request.POST.get(f"r-{m.pk}", "")) for m in roster]


_ROSTER_CHANGED = "Danh sách đảng viên đã cập nhật theo ngày họp; hãy kiểm tra lại rồi lưu."


@login_required
def meeting_create(request, org_pk):
    scope = Scope.of(request.user)
    org = scope.get_org(org_pk)
    scope.require(Capability.EDIT_MEMBERS)
    if org.level not in MEMBER_LEVELS:
        raise Http404("Chỉ chi bộ ghi buổi sinh hoạt.")
    day = _roster_day(request)
    roster = _roster(org, day)
    rows = _attendance_rows(request, roster)
    form = MeetingForm(
        request.POST or None, request.FILES or None, roster=roster, org=org, day=day, rows=rows, initial={"date": day}
    )

    def save(data):
        if data["date"] != day:  # the list shown was of another day: show this day's and ask again
            raise ValidationError({"date": _ROSTER_CHANGED})
        meeting = services.meeting_create(actor=request.user, org=org, attendance=rows, **data)
        message = f"Đã ghi buổi sinh hoạt ngày {format_date(meeting.date)} của {org.name}."
        return message, reverse("meeting-detail", args=[meeting.pk])

    return form_saved(request, form, save, {"attendance": None}) or render(
        request,
        "meetings/form.html",
        {"form": form, "org": org, "rows": rows, "day": day, "presences": Presence.choices},
    )


def _vote_rows(request, meeting: Meeting) -> tuple[list[dict], list[str]]:
    """The votes of the edit form: the recorded ones and one empty line; a line whose question is
    left empty is dropped. Returns (rows as typed, problems with the numbers)."""
    if request.method != "POST":
        rows = [{"question": v.question, "votes_for": v.votes_for, "votes_against": v.votes_against,
                 "abstain": v.abstain} for v in meeting.votes.all()]  # fmt: skip
        return rows + [{"question": "", "votes_for": "", "votes_against": "", "abstain": ""}], []
    rows, problems, i = [], [], 0
    while f"vq-{i}" in request.POST:
        row = {"question": request.POST.get(f"vq-{i}", "").strip()}
        for key, name in (("vf", "votes_for"), ("va", "votes_against"), ("vx", "abstain")):
            raw = request.POST.get(f"{key}-{i}", "").strip() or "0"
            try:
                row[name] = int(raw)
            except ValueError:
                row[name] = raw
                problems.append(f'Số phiếu "{raw}" ở biểu quyết thứ {i + 1} không phải số nguyên.')
        rows.append(row)
        i += 1
    return rows, problems


@login_required
def meeting_edit(request, pk):
    """Correct a recorded meeting: every field, the attendance of the cell on the (corrected) date
    and the votes, in one save through services.meeting_update."""
    scope = Scope.of(request.user)
    meeting = _meeting(scope, pk)
    scope.require(Capability.EDIT_MEMBERS)
    org = meeting.org
    day = _roster_day(request, default=meeting.date)
    roster = _roster(org, day)
    recorded = {a.member_id: a for a in meeting.attendances.all()}
    initial = {f: getattr(meeting, f) for f in services.EDITABLE} | {"version": services.version_of(meeting)}
    if request.method == "POST":
        rows = _attendance_rows(request, roster)
    else:
        # Before anything is recorded, the sheet starts from the members' own answers (Sổ tay đảng viên).
        replies = {} if recorded else attendance_from_replies(meeting)
        rows = [(m, recorded[m.pk].presence, recorded[m.pk].reason) if m.pk in recorded
                else (m, *replies.get(m.pk, ("", ""))) for m in roster]  # fmt: skip
    votes, vote_problems = _vote_rows(request, meeting)
    form = MeetingEditForm(
        request.POST or None, request.FILES or None, roster=roster, org=org, day=day, rows=rows, initial=initial,
        votes=[v for v in votes if v["question"]], vote_problems=vote_problems,
    )  # fmt: skip

    def save(data):
        data = dict(data)
        version = data.pop("version") or None
        if data["date"] != day:
            raise ValidationError({"date": _ROSTER_CHANGED})
        services.meeting_update(
            actor=request.user, meeting=meeting, expected_version=version, attendance=rows,
            votes=[v for v in votes if v["question"]], **data,
        )  # fmt: skip
        message = f"Đã sửa buổi sinh hoạt ngày {format_date(data['date'])} của {org.name}."
        return message, reverse("meeting-detail", args=[meeting.pk])

    if saved := form_saved(request, form, save):
        return saved
    return render(
        request,
        "meetings/form.html",
        {"form": form, "org": org, "rows": rows, "day": day, "presences": Presence.choices, "meeting": meeting,
         "votes": votes},
    )  # fmt: skip


_DETAIL_FORMS = {"vote": VoteForm, "files": FilesForm}


@login_required
def meeting_detail(request, pk):
    scope = Scope.of(request.user)
    meeting = _meeting(scope, pk)
    can_edit = scope.can(Capability.EDIT_MEMBERS)
    action = request.POST.get("action", "")
    forms = {
        k: cls(request.POST if action == k else None, request.FILES if action == k else None, prefix=k)
        for k, cls in _DETAIL_FORMS.items()
    }
    if request.method == "POST":
        scope.require(Capability.EDIT_MEMBERS)
        form = forms.get(action)
        if form is None:
            raise Http404("Thao tác không hợp lệ.")

        def save(data):
            if action == "vote":
                services.meeting_add_vote(actor=request.user, meeting=meeting, **data)
            else:
                files = {k: v for k, v in data.items() if v}
                services.meeting_update(actor=request.user, meeting=meeting, **files)
            return "Đã lưu.", reverse("meeting-detail", kwargs={"pk": meeting.pk})

        if saved := form_saved(request, form, save):
            return saved
    attendance = list(selectors.attendance_of(meeting))
    return render(
        request,
        "meetings/detail.html",
        {
            "m": meeting, "attendance": attendance, "votes": meeting.votes.all(), "forms": forms,
            "can_edit": can_edit,
            "present": sum(1 for a in attendance if a.presence == Presence.PRESENT),
        },
    )  # fmt: skip


@require_GET
@login_required
def meeting_file(request, pk, which):
    """The minutes or the resolution, to users whose scope holds the meeting."""
    return file_response(request.user, _meeting(Scope.of(request.user), pk), which)


def file_response(user, meeting, which: str) -> FileResponse:
    """The meeting's minutes or resolution as a named download, logged; 404 when it has none.
    Shared by the clerks' page and the member's handbook, each having checked its own scope."""
    f = getattr(meeting, which)
    if not f or not f.storage.exists(f.name):
        raise Http404("Buổi sinh hoạt chưa có tệp này.")
    label = "bien-ban" if which == "minutes" else "nghi-quyet"
    name = f"{label}-{meeting.org.code}-{meeting.date:%Y%m%d}{os.path.splitext(f.name)[1].lower()}"
    download_log(user=user, kind=f"meeting_{which}", rows=1, filters={"meeting": meeting.pk})
    return FileResponse(f.open("rb"), as_attachment=True, filename=name)


@login_required
def removal_flags(request):
    scope = Scope.of(request.user)
    try:
        year = int(request.GET.get("nam") or dt.date.today().year)
    except ValueError:
        year = dt.date.today().year
    year = min(max(year, 1930), dt.date.today().year)
    flags = selectors.removal_flags(scope.root, year)
    return render(
        request,
        "meetings/removal.html",
        {"flags": flags, "year": year, "months": selectors.REMOVAL_MONTHS, "root": scope.root},
    )
