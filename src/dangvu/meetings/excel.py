"""The meetings' Excel: the cell meetings held (sinh hoạt chi bộ), one row each, through
meeting_create as the meeting form records one (discovered by the imports app, see
core.excel.declare). Attendance, minutes and votes stay on the meeting's page."""

import datetime as dt

from dangvu.accounts.models import Capability
from dangvu.core.excel.columns import CHOICE, DATE, MEMBER, UNIT, Column
from dangvu.core.excel.declare import MEMBER_REF_HINT, Importer, register

from . import services
from .models import MeetingKind


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
