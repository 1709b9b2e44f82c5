"""The meetings' Excel: the cell meetings held (sinh hoạt chi bộ), one row each, through
meeting_create as the meeting form records one (discovered by the imports app, see
core.excel.declare); then the attendance of those meetings and the votes taken, each row naming
its meeting by cell, date and (when the cell met twice that day) kind, through
meeting_set_attendance and meeting_add_vote. The minutes stay on the meeting's page."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from dangvu.accounts.models import Capability
from dangvu.core.dates import format_date
from dangvu.core.excel.columns import CHOICE, DATE, INT, MEMBER, UNIT, Column
from dangvu.core.excel.declare import MEMBER_REF_HINT, Importer, register
from dangvu.members.bulk import BulkResult, RowErrors

from . import services
from .models import Meeting, MeetingKind, Presence

D = dt.date


class MeetingImporter(Importer):
    def save(self, ctx, values):
        return services.meeting_create(
            actor=ctx.actor, org=values.get("org") or ctx.org, kind=values.get("kind") or MeetingKind.REGULAR,
            date=values.get("date"), place=values.get("place", ""), chair=values.get("chair"),
            secretary=values.get("secretary"), agenda=values.get("agenda", ""),
        )  # fmt: skip


register(MeetingImporter(
    "meetings", "Buổi sinh hoạt chi bộ", Capability.EDIT_MEMBERS,
    (Column("Chi bộ", "org", UNIT, hint="Mã chi bộ; để trống: đơn vị đã chọn.", aliases=("Mã chi bộ",)),
     Column("Loại", "kind", CHOICE, example="Sinh hoạt chuyên đề", choices=tuple(MeetingKind.choices),
            hint="Để trống: sinh hoạt chi bộ thường kỳ."),
     Column("Ngày họp", "date", DATE, required=True, example=dt.date(2016, 3, 15), past=True, aliases=("Ngày",)),
     Column("Địa điểm", "place", example="Nhà văn hóa tổ dân phố số 1"),
     Column("Người chủ trì (số thẻ hoặc CCCD)", "chair", MEMBER, hint=MEMBER_REF_HINT, aliases=("Chủ trì",)),
     Column("Thư ký (số thẻ hoặc CCCD)", "secretary", MEMBER, hint=MEMBER_REF_HINT, aliases=("Thư ký",)),
     Column("Nội dung", "agenda", example="Học tập chuyên đề năm 2016")),
    list_url="meeting-list", order=90,
))  # fmt: skip


def _meeting(ctx, values) -> Meeting:
    """The meeting a row names: the cell's (the unit chosen when blank) on the date, of the kind
    when the row gives one; refused, saying what to write, when none or several match."""
    org, day, kind = values.get("org") or ctx.org, values["date"], values.get("kind")
    found = Meeting.objects.filter(org=org, date=day)
    if kind:
        found = found.filter(kind=kind)
    found = list(found[:2])
    if len(found) == 1:
        return found[0]
    if not found:
        raise ValidationError({"date": [
            f"{org.name} chưa có buổi sinh hoạt ngày {format_date(day)}"
            f"{f' ({MeetingKind(kind).label.lower()})' if kind else ''}; hãy nhập buổi sinh hoạt trước "
            "(loại “Buổi sinh hoạt chi bộ”) hoặc sửa ngày họp."
        ]})  # fmt: skip
    raise ValidationError({"kind": [
        f"{org.name} có nhiều buổi sinh hoạt ngày {format_date(day)}; hãy ghi cột Loại để chọn đúng buổi."
    ]})  # fmt: skip


class AttendanceImporter(Importer):
    """One row per member and meeting. The rows go in file order, each through
    meeting_set_attendance (the member in the cell on that day, the reason of an excused absence);
    a member listed twice for the same meeting is refused rather than the second row silently
    replacing the first. One transaction: any failing row stores nothing (or, "only the valid
    rows", the others are stored)."""

    def save_many(self, ctx, rows, *, skip_invalid: bool):
        result, seen = BulkResult(), {}
        with transaction.atomic():
            for number, values in rows:
                try:
                    with transaction.atomic():
                        meeting = _meeting(ctx, values)
                        member = values["member"]
                        first = seen.setdefault((meeting.pk, member.pk), number)
                        if first != number:
                            raise ValidationError({"member": [
                                f"Đồng chí {member.full_name} đã có ở dòng {first} cho buổi sinh hoạt này; "
                                "hãy giữ một dòng."
                            ]})  # fmt: skip
                        services.meeting_set_attendance(
                            actor=ctx.actor, meeting=meeting,
                            entries=[(member, values["presence"], values.get("reason", ""))],
                        )  # fmt: skip
                    result.created += 1
                except ValidationError as e:
                    result.errors[number] = e
            if result.errors and not skip_invalid:
                raise RowErrors(result.errors)
        return result


class VoteImporter(Importer):
    def save(self, ctx, values):
        return services.meeting_add_vote(
            actor=ctx.actor, meeting=_meeting(ctx, values), question=values.get("question", ""),
            votes_for=values.get("votes_for"), votes_against=values.get("votes_against"),
            abstain=values.get("abstain", 0),
        )  # fmt: skip


_WHICH_MEETING = (
    Column("Chi bộ", "org", UNIT, hint="Mã chi bộ; để trống: đơn vị đã chọn.", aliases=("Mã chi bộ",)),
    Column("Ngày họp", "date", DATE, required=True, example=D(2016, 3, 15), past=True, aliases=("Ngày",)),
    Column("Loại", "kind", CHOICE, choices=tuple(MeetingKind.choices),
           hint="Chỉ cần khi chi bộ họp hai buổi cùng ngày.", aliases=("Loại buổi sinh hoạt",)),
)  # fmt: skip
PRESENCE_CHOICES = (
    *Presence.choices,
    (Presence.PRESENT, "Có"),
    (Presence.PRESENT, "x"),  # the mark of a paper attendance sheet
    (Presence.EXCUSED, "Vắng có phép"),
    (Presence.UNEXCUSED, "Vắng không phép"),
)

register(AttendanceImporter(
    "meeting_attendances", "Đảng viên dự sinh hoạt chi bộ", Capability.EDIT_MEMBERS,
    (*_WHICH_MEETING,
     Column("Số thẻ hoặc CCCD đảng viên", "member", MEMBER, required=True, example="01012345", hint=MEMBER_REF_HINT,
            aliases=("Số thẻ đảng viên", "Số CCCD", "Đảng viên")),
     Column("Tham dự", "presence", CHOICE, required=True, example="Có mặt", choices=PRESENCE_CHOICES,
            aliases=("Có mặt", "Tình hình tham dự")),
     Column("Lý do vắng", "reason", example="", hint="Bắt buộc khi vắng có lý do.", aliases=("Lý do",))),
    fields={"attendance": "member"}, list_url="meeting-list", order=96,
), VoteImporter(
    "meeting_votes", "Biểu quyết tại buổi sinh hoạt chi bộ", Capability.EDIT_MEMBERS,
    (*_WHICH_MEETING,
     Column("Nội dung biểu quyết", "question", required=True, example="Thông qua nghị quyết tháng 3/2016"),
     Column("Tán thành", "votes_for", INT, required=True, example=25, aliases=("Số tán thành",)),
     Column("Không tán thành", "votes_against", INT, required=True, example=0, aliases=("Số không tán thành",)),
     Column("Không biểu quyết", "abstain", INT, example=0, hint="Để trống: 0.")),
    list_url="meeting-list", order=97,
))  # fmt: skip
