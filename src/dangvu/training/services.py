"""Writes of training classes and attendances. Each service validates first (a ValidationError
naming the field, in Vietnamese), then writes in one transaction attributed to `actor`."""

import datetime as dt

from django.db import transaction

from dangvu.core.audit import acting_as
from dangvu.core.closing import require_open
from dangvu.core.dates import format_date
from dangvu.core.errors import fail, refuse_unknown_fields
from dangvu.core.text import clean, clean_multiline
from dangvu.members.models import Member
from dangvu.organizations.models import Organization

from .models import Attendance, ClassKind, TrainingClass

FIELDS = ("title", "organizer", "kind", "start_date", "end_date", "place", "unnamed_count", "note")


def _date(field_name: str, value, label: str):
    if value is None:
        fail(field_name, f"Hãy nhập {label.lower()} (ngày/tháng/năm), ví dụ 15/3/2016.", code="required")
    if not isinstance(value, dt.date):
        fail(field_name, f"{label} không hợp lệ; nhập theo dạng ngày/tháng/năm, ví dụ 15/3/2016.")


def class_checks(data: dict, instance: TrainingClass | None = None) -> list:
    """The checks of a class's fields, each a callable raising its ValidationError: _validated runs
    them in turn, the form all at once (web.forms.check_all) so every error shows on the first
    submit. A check whose fields are missing or did not parse waits for the one that names them."""
    organizer: Organization | None = data.get("organizer")
    start, end = data.get("start_date"), data.get("end_date") or data.get("start_date")
    dates = isinstance(start, dt.date) and isinstance(end, dt.date)

    def title():
        if not clean(data.get("title")):
            fail("title", "Hãy nhập tên lớp, ví dụ Lớp bồi dưỡng nghiệp vụ công tác đảng năm 2016.")

    def organizer_given():
        if organizer is None:
            fail("organizer", "Hãy chọn tổ chức đảng mở lớp.")

    def kind():
        if data.get("kind") not in ClassKind.values:
            fail("kind", "Hãy chọn loại lớp.")

    def end_after_start():
        if dates and end < start:
            fail(
                "end_date",
                f"Ngày bế giảng {format_date(end)} trước ngày khai giảng {format_date(start)}; hãy kiểm tra lại.",
            )

    def organizer_active():
        if organizer is not None and isinstance(start, dt.date) and not organizer.is_active_on(start):
            fail(
                "organizer",
                f"{organizer.name} không hoạt động vào ngày {format_date(start)} (chưa thành lập hoặc đã giải thể).",
            )

    def unnamed():
        count = data.get("unnamed_count") or 0
        if not isinstance(count, int) or count < 0:
            fail("unnamed_count", "Số lượt không ghi tên phải là số nguyên, không âm (để 0 nếu đã nhập danh sách).")

    def attendances_inside():
        if instance is None or not instance.pk or not dates:
            return
        outside = instance.attendances.exclude(attended_on__gte=start, attended_on__lte=end)
        first = outside.select_related("member").first()
        if first is not None:
            fail(
                "start_date",
                f"Đồng chí {first.member.full_name} tham dự ngày {format_date(first.attended_on)}, ngoài thời gian "
                f"lớp mới nhập ({format_date(start)}–{format_date(end)}); hãy sửa ngày tham dự trước.",
            )

    return [
        title, organizer_given, kind,
        lambda: _date("start_date", start, "Ngày khai giảng"),
        lambda: _date("end_date", end, "Ngày bế giảng"),
        end_after_start, organizer_active, unnamed, attendances_inside,
    ]  # fmt: skip


def _validated(data: dict, instance: TrainingClass | None = None) -> dict:
    for check in class_checks(data, instance):
        check()
    title, organizer, kind = clean(data.get("title")), data.get("organizer"), data.get("kind")
    start, end = data.get("start_date"), data.get("end_date") or data.get("start_date")
    unnamed = data.get("unnamed_count") or 0
    return {
        "title": title, "organizer": organizer, "kind": kind, "start_date": start, "end_date": end,
        "place": clean(data.get("place")), "unnamed_count": unnamed, "note": clean_multiline(data.get("note")),
    }  # fmt: skip


@transaction.atomic
def training_class_create(*, actor, **fields) -> TrainingClass:
    """Record a class. Without an end date it is a one-day class."""
    refuse_unknown_fields(fields, FIELDS)
    values = _validated(fields)
    require_open(org=values["organizer"], day=values["start_date"], field="start_date")
    with acting_as(actor):
        return TrainingClass.objects.create(**values)


@transaction.atomic
def training_class_update(*, actor, training_class: TrainingClass, **fields) -> TrainingClass:
    """Correct a class; its named attendances must still fall within its dates."""
    refuse_unknown_fields(fields, FIELDS)
    current = {name: getattr(training_class, name) for name in FIELDS}
    current.update(fields)
    values = _validated(current, instance=training_class)
    # the record as it stands, too: an edit must not move it out of a closed year
    require_open(org=training_class.organizer, day=training_class.start_date, field="start_date")
    require_open(org=values["organizer"], day=values["start_date"], field="start_date")
    with acting_as(actor):
        for name, value in values.items():
            setattr(training_class, name, value)
        training_class.save()
    return training_class


@transaction.atomic
def training_class_delete(*, actor, training_class: TrainingClass) -> None:
    require_open(org=training_class.organizer, day=training_class.start_date, field="start_date")
    with acting_as(actor):
        training_class.attendances.all().delete()
        training_class.delete()


@transaction.atomic
def attendance_add(
    *, actor, training_class: TrainingClass, member: Member | None, attended_on: dt.date | None = None
) -> Attendance:
    """Record that `member` attended `training_class` (on its first day unless told). A person at a
    class counts once."""
    if member is None:
        fail("member", "Hãy chọn đảng viên tham dự.")
    day = attended_on or training_class.start_date
    _date("attended_on", day, "Ngày tham dự")
    if day < training_class.start_date:
        fail(
            "attended_on",
            f"Ngày tham dự {format_date(day)} trước ngày khai giảng lớp ({format_date(training_class.start_date)}); "
            "hãy nhập ngày trong thời gian lớp học.",
        )
    if day > training_class.end_date:
        fail(
            "attended_on",
            f"Ngày tham dự {format_date(day)} sau ngày bế giảng lớp ({format_date(training_class.end_date)}); "
            "hãy nhập ngày trong thời gian lớp học.",
        )
    if day > dt.date.today():
        fail("attended_on", f"Ngày tham dự {format_date(day)} ở tương lai; chỉ ghi nhận người đã tham dự.")
    if Attendance.objects.filter(training_class=training_class, member=member).exists():
        fail(
            "member",
            f"Đồng chí {member.full_name} đã có tên trong lớp này; mỗi người chỉ tính một lượt ở một lớp.",
            code="unique",
        )
    with acting_as(actor):
        return Attendance.objects.create(training_class=training_class, member=member, attended_on=day)


@transaction.atomic
def attendance_remove(*, actor, attendance: Attendance) -> None:
    with acting_as(actor):
        attendance.delete()
