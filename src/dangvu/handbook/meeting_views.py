"""The member's pages of their cell's meetings."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from dangvu.core.downloads import download_log
from dangvu.core.text import clean
from dangvu.meetings.views import file_response

from .ical import meetings_ics
from .meetings import meeting_of, meeting_reply, meetings_of
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
