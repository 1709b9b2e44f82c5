"""Residence contact (Quy định 213-QĐ/TW, 02/01/2020): writes and reads.

A working member (đảng viên đang công tác) keeps contact with the party cell of the place where
they live: the member introduces themselves to the residential cell, the cell notes the contacts
and, once a year, comments on the member's example as a citizen there; the member's own
organization takes that comment into the annual review (`comments_for_review`).

Services validate first (ValidationError naming the field, in Vietnamese) and write in one
transaction attributed to `actor`; selectors take a fixed number of queries.
"""

import datetime as dt

from django.db import transaction
from django.db.models import Q, QuerySet

from dangvu.core.audit import acting_as
from dangvu.core.dates import format_date
from dangvu.core.errors import fail
from dangvu.core.text import clean
from dangvu.members.models import Member, MemberPeriod
from dangvu.organizations.models import MEMBER_LEVELS, Kind, Organization
from dangvu.organizations.selectors import covering

from .models import Assessment, ContactNote, ResidenceComment, ResidenceContact


def _check_day(field: str, day, what: str):
    if not isinstance(day, dt.date):
        fail(field, f"Hãy nhập {what} theo dạng ngày/tháng/năm, ví dụ 15/03/2016.", code="required")
    if day > dt.date.today():
        fail(field, f"{what.capitalize()} {format_date(day)} ở tương lai; hãy nhập ngày đã diễn ra.")


@transaction.atomic
def contact_start(*, actor, member: Member, cell: Organization, since: dt.date, address: str = "") -> ResidenceContact:
    """The member starts keeping contact with `cell`, the party cell where they live."""
    _check_day("since", since, "ngày bắt đầu giữ mối liên hệ")
    if cell.level not in MEMBER_LEVELS or cell.kind != Kind.WARD:
        fail(
            "cell",
            f"{cell.name} không phải chi bộ nơi cư trú; hãy chọn chi bộ tổ dân phố, thôn, khu dân cư "
            "(thuộc đảng bộ xã, phường, thị trấn) nơi đảng viên ở.",
        )
    if not cell.is_active_on(since):
        fail("cell", f"{cell.name} không hoạt động vào ngày {format_date(since)}.")
    period = MemberPeriod.objects.filter(covering(since), member=member).select_related("org").first()
    if period is None:
        fail("member", f"Đồng chí {member.full_name} không sinh hoạt đảng vào ngày {format_date(since)}.")
    if period.org_id == cell.pk:
        fail(
            "cell",
            f"Đồng chí {member.full_name} sinh hoạt chính thức tại {cell.name}; giữ mối liên hệ nơi cư trú là "
            "với chi bộ nơi ở khác chi bộ nơi sinh hoạt. Hãy chọn chi bộ nơi cư trú khác.",
        )
    open_contact = ResidenceContact.objects.filter(member=member, until__isnull=True).select_related("cell").first()
    if open_contact:
        fail(
            "member",
            f"Đồng chí {member.full_name} đang giữ mối liên hệ với {open_contact.cell.name} từ ngày "
            f"{format_date(open_contact.since)}; hãy ghi kết thúc mối liên hệ đó trước (khi chuyển nơi ở).",
        )
    with acting_as(actor):
        return ResidenceContact.objects.create(member=member, cell=cell, since=since, address=clean(address))


@transaction.atomic
def contact_end(*, actor, contact: ResidenceContact, on: dt.date, reason: str) -> ResidenceContact:
    _check_day("on", on, "ngày kết thúc")
    if contact.until is not None:
        fail("on", f"Mối liên hệ này đã kết thúc ngày {format_date(contact.until)}.")
    if on < contact.since:
        fail("on", f"Ngày kết thúc phải từ ngày bắt đầu ({format_date(contact.since)}) trở đi.")
    if not clean(reason):
        fail("reason", "Hãy ghi lý do kết thúc, ví dụ: chuyển nơi ở, nghỉ hưu về sinh hoạt tại nơi cư trú.")
    with acting_as(actor):
        contact.until, contact.end_reason = on, clean(reason)
        contact.save()
    return contact


@transaction.atomic
def contact_note_add(*, actor, contact: ResidenceContact, date: dt.date, content: str) -> ContactNote:
    _check_day("date", date, "ngày liên hệ")
    if date < contact.since or (contact.until and date > contact.until):
        fail("date", f"Ngày {format_date(date)} nằm ngoài thời gian giữ mối liên hệ.")
    if not content or not content.strip():
        fail("content", "Hãy ghi nội dung liên hệ (đảng viên báo cáo, tham gia sinh hoạt, hoạt động ở khu dân cư …).")
    with acting_as(actor):
        return ContactNote.objects.create(contact=contact, date=date, content=content.strip())


@transaction.atomic
def residence_comment_record(
    *, actor, contact: ResidenceContact, year: int, assessment: str, commented_on: dt.date, text: str = ""
) -> ResidenceComment:
    """The residential cell's comment for `year` (one a year; recording it again replaces it, the
    audit log keeps the earlier wording)."""
    _check_day("commented_on", commented_on, "ngày nhận xét")
    if assessment not in Assessment.values:
        fail("assessment", "Hãy chọn nhận xét chung của chi ủy nơi cư trú.")
    if not isinstance(year, int) or year < contact.since.year or (contact.until and year > contact.until.year):
        fail("year", f"Năm {year} nằm ngoài thời gian giữ mối liên hệ (từ {format_date(contact.since)}).")
    if commented_on.year < year:
        fail("commented_on", f"Nhận xét năm {year} phải viết từ cuối năm {year} trở đi.")
    with acting_as(actor):
        comment, _ = ResidenceComment.objects.update_or_create(
            contact=contact, year=year,
            defaults={"assessment": assessment, "commented_on": commented_on, "text": (text or "").strip()},
        )  # fmt: skip
    return comment


# --- reads ---------------------------------------------------------------------------------------


def visible_contacts(root: Organization | None) -> QuerySet[ResidenceContact]:
    """Contacts a user under `root` may see: the residential cell or the member's own cell is in
    the subtree (a ward sees who lives there, an agency sees where its members live)."""
    if root is None:
        return ResidenceContact.objects.none()
    return (
        ResidenceContact.objects.filter(
            Q(cell__path__startswith=root.path) | Q(member__org__path__startswith=root.path)
        )
        .select_related("member", "member__org", "cell")
        .order_by("cell__name_key", "member__sort_key")
    )


def contacts_on(contacts: QuerySet[ResidenceContact], day: dt.date) -> QuerySet[ResidenceContact]:
    return contacts.filter(since__lte=day).filter(Q(until__isnull=True) | Q(until__gte=day))


def comments_for_review(member_ids, year: int) -> dict[int, ResidenceComment]:
    """{member id: the residential cell's comment for `year`} for the members given (one query):
    what the annual review of the member's own organization reads (Quy định 213, Điều 5)."""
    rows = ResidenceComment.objects.filter(year=year, contact__member_id__in=member_ids).select_related("contact__cell")
    return {c.contact.member_id: c for c in rows}
