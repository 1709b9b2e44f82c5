"""The member's pages of their cell's meetings."""

import datetime as dt

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from dangvu.accounts.models import Capability
from dangvu.accounts.scope import Scope
from dangvu.core.downloads import download_log
from dangvu.core.text import clean
from dangvu.meetings.models import MeetingKind
from dangvu.meetings.views import file_response
from dangvu.organizations.models import MEMBER_LEVELS
from dangvu.web.forms import VnDateField
from dangvu.web.pages import form_saved

from .ical import meetings_ics
from .meetings import called_ahead, meeting_call_notify, meeting_of, meeting_reply, meetings_of
from .views import _member


def _month(request, today: dt.date) -> dt.date:
    try:
        return dt.datetime.strptime(request.GET.get("thang", ""), "%Y-%m").date()
    except ValueError:
        return today.replace(day=1)


@login_required
def meetings(request):
    member = _member(request)
    today = timezone.localdate()
    month = _month(request, today)
    previous = (month - dt.timedelta(days=1)).replace(day=1)
    following = (month + dt.timedelta(days=32)).replace(day=1)
    context = {
        "member": member, "rows": meetings_of(member, month), "month": month, "today": today,
        "previous": previous, "following": following,
    }  # fmt: skip
    return render(request, "handbook/meetings.html", context)


@login_required
@require_POST
def reply(request, pk):
    member = _member(request)
    meeting = meeting_of(member, pk)
    coming = request.POST.get("tham-du") == "co"
    try:
        meeting_reply(actor=request.user, member=member, meeting=meeting, coming=coming,
                      reason=clean(request.POST.get("ly-do", "")), today=timezone.localdate())  # fmt: skip
    except ValidationError as e:
        messages.error(request, f"Buổi ngày {meeting.date:%d/%m/%Y}: {' '.join(e.messages)}")
    else:
        messages.success(
            request,
            f"Đã ghi: đồng chí {'sẽ dự' if coming else 'xin vắng'} buổi sinh hoạt ngày {meeting.date:%d/%m/%Y}.",
        )
    return redirect(f"/so-tay/sinh-hoat/?thang={meeting.date:%Y-%m}")


@login_required
def meeting_file(request, pk, which):
    """The resolution or minutes of a meeting of the member's own cell."""
    member = _member(request)
    meeting = meeting_of(member, pk)
    if which not in ("minutes", "resolution"):
        raise Http404()
    return file_response(request.user, meeting, which)


@login_required
def calendar_feed(request):
    """The cell's meetings as an .ics file, for the phone's calendar."""
    member = _member(request)
    text = meetings_ics(member, request.get_host().split(":")[0], timezone.localdate())
    meetings = text.count("BEGIN:VEVENT")
    download_log(user=request.user, kind="meetings_ics", rows=meetings, filters={"cell": member.org_id})
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="sinh-hoat-chi-bo.ics"'
    return response


class CallForm(forms.Form):
    kind = forms.ChoiceField(label="Loại buổi sinh hoạt", choices=MeetingKind.choices)
    date = VnDateField(label="Ngày họp")
    place = forms.CharField(label="Địa điểm", max_length=255, required=False)
    agenda = forms.CharField(label="Nội dung", required=False, widget=forms.Textarea(attrs={"rows": 3}))


@login_required
@require_http_methods(["GET", "POST"])
def call(request, code):
    """The secretary's page: call the cell's next meeting ahead, and see the members' answers."""
    scope = Scope.of(request.user)
    scope.require(Capability.EDIT_MEMBERS)
    org = scope.get_org_by_code(code)
    if org.level not in MEMBER_LEVELS:
        raise Http404(f"{org.name} không phải chi bộ; hãy chọn một chi bộ để triệu tập họp.")
    form = CallForm(request.POST or None)

    def save(data):
        meeting = meeting_call_notify(actor=request.user, org=org, **data)
        message = (f"Đã triệu tập buổi sinh hoạt ngày {meeting.date:%d/%m/%Y}; đảng viên có tài khoản đã nhận "
                   "thông báo.")  # fmt: skip
        return message, reverse("handbook-meeting-call", kwargs={"code": org.code})

    if saved := form_saved(request, form, save):
        return saved
    rows = called_ahead(org, timezone.localdate())
    return render(request, "handbook/meeting_call.html", {"org": org, "form": form, "rows": rows})
