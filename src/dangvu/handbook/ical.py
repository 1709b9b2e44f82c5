"""The member's cell's meetings as an iCalendar file (RFC 5545), to add to a phone's calendar.

Written by hand: a handful of all-day events needs no library, only the text escaping and the
75-octet line folding the RFC asks for."""

import datetime as dt

from dangvu.meetings.models import Meeting
from dangvu.members.models import Member


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")
    )


def _folded(line: str) -> list[str]:
    """Lines of at most 75 octets, the next ones starting with a space (never splitting a character)."""
    out, current = [], ""
    for ch in line:
        limit = 75 if not out else 74  # a continuation's leading space counts
        if len((current + ch).encode()) > limit:
            out.append(current)
            current = ch
        else:
            current += ch
    out.append(current)
    return [out[0]] + [" " + part for part in out[1:]]


def meetings_ics(member: Member, host: str, today: dt.date) -> str:
    """The meetings of the member's cell from a year back, as one VCALENDAR."""
    meetings = Meeting.objects.filter(org_id=member.org_id, date__gte=today - dt.timedelta(days=365)).order_by("date")
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Dangvu//So tay dang vien//VI", "CALSCALE:GREGORIAN",
             f"X-WR-CALNAME:{_escape('Sinh hoạt ' + member.org.name)}"]  # fmt: skip
    for m in meetings:
        lines += [
            "BEGIN:VEVENT",
            f"UID:meeting-{m.pk}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{m.date:%Y%m%d}",
            f"DTEND;VALUE=DATE:{m.date + dt.timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_escape(m.get_kind_display() + ' — ' + member.org.name)}",
        ]
        if m.place:
            lines.append(f"LOCATION:{_escape(m.place)}")
        if m.agenda:
            lines.append(f"DESCRIPTION:{_escape(m.agenda)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "\r\n".join(part for line in lines for part in _folded(line)) + "\r\n"
