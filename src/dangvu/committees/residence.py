"""Residence contact (Quy định 213-QĐ/TW, 02/01/2020; Hướng dẫn 33-HD/BTCTW, 2020): writes and reads.

A working member (đảng viên đang công tác) keeps contact with the party organization of the place
where they live. It is two-sided, like a transfer of party activity:

1. the member's OWN organization introduces them (giấy giới thiệu) to the ward or commune
   committee of the residence — a unit of the tree chosen by name, or one outside it typed as text;
2. that committee receives the introduction, confirms it and places the member with one of its
   residential cells (or returns it, saying why);
3. the residential side notes the contacts and, once a year, comments on the member's example as a
   citizen there; the member's organization reads the comments and takes them into the annual
   review (`comments_for_review`). When the residence is outside the tree, the member's
   organization records the comment it received on paper.

Nobody pulls a member of another unit by typing a number: the residence side sees only the members
introduced to it, with what the contact needs (name, cell, address, letter), not their record.

Services validate first (ValidationError naming the field, in Vietnamese), check that the actor's
scope covers the side that acts (PermissionDenied otherwise), and write in one transaction
attributed to `actor`; selectors take a fixed number of queries.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet

from dangvu.accounts.models import Capability
from dangvu.accounts.scope import Scope
from dangvu.core.audit import acting_as
from dangvu.core.closing import require_open
from dangvu.core.dates import format_date
from dangvu.core.errors import fail
from dangvu.core.text import clean
from dangvu.members.models import Member, MemberPeriod
from dangvu.organizations.models import GRASSROOTS_LEVELS, MEMBER_LEVELS, Kind, Level, Organization
from dangvu.organizations.selectors import covering

from .models import Assessment, ContactNote, ContactStatus, ResidenceComment, ResidenceContact

S = ContactStatus
# A residence's party committee: a ward's or commune's (đảng bộ xã, phường; before 1/7/2025 the
# ward's own grassroots organization).
RESIDENCE_COMMITTEES = Q(level=Level.COMMUNE) | Q(kind=Kind.WARD, level__in=GRASSROOTS_LEVELS)


def residence_committees() -> QuerySet[Organization]:
    """Every active ward or commune committee of the tree: the destinations an introduction may
    name (like a transfer's, chosen among the units the system has, not limited to one's scope)."""
    return Organization.objects.filter(RESIDENCE_COMMITTEES, dissolved_on__isnull=True).order_by("name_key", "code")


def residential_cells(ward: Organization) -> QuerySet[Organization]:
    """The residential cells (tổ dân phố, thôn, khu dân cư) of `ward`; a ward without cells is its own."""
    return Organization.objects.filter(
        path__startswith=ward.path, level__in=MEMBER_LEVELS, kind=Kind.WARD, dissolved_on__isnull=True
    ).order_by("path")


def _check_day(field: str, day, what: str):
    if not isinstance(day, dt.date):
        fail(field, f"Hãy nhập {what} theo dạng ngày/tháng/năm, ví dụ 15/03/2016.", code="required")
    if day > dt.date.today():
        fail(field, f"{what.capitalize()} {format_date(day)} ở tương lai; hãy nhập ngày đã diễn ra.")


def _require(actor, org: Organization | None, why: str):
    scope = Scope.of(actor)
    if not (scope.can(Capability.EDIT_MEMBERS) and scope.covers(org)):
        raise PermissionDenied(why)


def sides(scope: Scope, contact: ResidenceContact) -> set[str]:
    """Which sides of `contact` the scope stands on: "sending" (the member's organization, then or
    now) and/or "residence" (the ward or commune committee, or the cell, it was introduced to)."""
    found = set()
    if scope.covers(contact.introduced_by) or scope.covers(contact.member.org):
        found.add("sending")
    if scope.covers(contact.ward) or scope.covers(contact.cell):
        found.add("residence")
    return found


def _require_open(contact: ResidenceContact, day: dt.date, field: str, cell: Organization | None = None):
    """A contact is a record of both sides (core.closing): refused on a day of a year closed over the
    member's organization or over the residence's cell (or committee)."""
    require_open(org=contact.introduced_by, day=day, field=field)
    require_open(org=cell or contact.cell or contact.ward, day=day, field=field)


def _writer_side(contact: ResidenceContact) -> Organization | None:
    """The unit that writes notes and comments: the residence's, or the member's organization when
    the residence is outside the tree (it copies the comment it received on paper)."""
    if contact.status == S.OUTSIDE:
        return contact.introduced_by
    return contact.cell or contact.ward


@transaction.atomic
def contact_introduce(
    *, actor, member: Member, introduced_on: dt.date, ward: Organization | None = None, ward_name: str = "",
    letter_no: str = "", address: str = "",
) -> ResidenceContact:  # fmt: skip
    """The member's own organization introduces `member` to the party committee of the ward or
    commune where they live: `ward` in the tree, or `ward_name` outside it (then the contact is
    kept on paper and this organization records the comments)."""
    _require(actor, member.org, "Chỉ tổ chức đảng nơi đảng viên sinh hoạt mới giới thiệu đảng viên về nơi cư trú.")
    _check_day("introduced_on", introduced_on, "ngày giới thiệu")
    period = MemberPeriod.objects.filter(covering(introduced_on), member=member).select_related("org").first()
    if period is None:
        fail("member", f"Đồng chí {member.full_name} không sinh hoạt đảng vào ngày {format_date(introduced_on)}.")
    ward_name = clean(ward_name)
    if ward is None and not ward_name:
        fail("ward", "Hãy chọn đảng ủy xã, phường nơi đảng viên cư trú, hoặc ghi tên nếu không có trong danh sách.")
    if ward is not None:
        if not residence_committees().filter(pk=ward.pk).exists():
            fail("ward", f"{ward.name} không phải đảng ủy xã, phường, thị trấn; hãy chọn nơi đảng viên cư trú.")
        if not ward.is_active_on(introduced_on):
            fail("ward", f"{ward.name} không hoạt động vào ngày {format_date(introduced_on)}.")
        if period.org.path.startswith(ward.path):
            fail(
                "ward",
                f"Đồng chí {member.full_name} sinh hoạt đảng ngay tại {ward.name}; giữ mối liên hệ nơi cư trú là "
                "với đảng bộ nơi ở khác nơi sinh hoạt.",
            )
    open_contact = ResidenceContact.objects.filter(
        member=member, until__isnull=True, status__in=(S.INTRODUCED, S.CONFIRMED, S.OUTSIDE)
    ).first()
    if open_contact:
        fail(
            "member",
            f"Đồng chí {member.full_name} đang giữ mối liên hệ với {open_contact.residence_name}; hãy ghi kết thúc "
            "mối liên hệ đó trước (khi chuyển nơi ở).",
        )
    require_open(org=period.org, day=introduced_on, field="introduced_on")
    require_open(org=ward, day=introduced_on, field="introduced_on")
    outside = ward is None
    with acting_as(actor):
        return ResidenceContact.objects.create(
            member=member, introduced_by=period.org, introduced_on=introduced_on, letter_no=clean(letter_no),
            ward=ward, ward_name=ward.name if ward else ward_name, address=clean(address),
            status=S.OUTSIDE if outside else S.INTRODUCED, since=introduced_on if outside else None,
        )  # fmt: skip


@transaction.atomic
def contact_confirm(*, actor, contact: ResidenceContact, cell: Organization, since: dt.date) -> ResidenceContact:
    """The residence's committee receives the member it was introduced and places them with one
    of its residential cells from `since` (the day the member reported)."""
    _require(actor, contact.ward, "Chỉ đảng ủy nơi cư trú được giới thiệu đến mới tiếp nhận đảng viên.")
    if contact.status != S.INTRODUCED:
        fail("cell", f"Giấy giới thiệu này đã được xử lý ({contact.get_status_display().lower()}).")
    _check_day("since", since, "ngày đảng viên đến báo cáo")
    if since < contact.introduced_on:
        fail("since", f"Ngày đến báo cáo phải từ ngày giới thiệu ({format_date(contact.introduced_on)}) trở đi.")
    if not residential_cells(contact.ward).filter(pk=cell.pk).exists():
        fail(
            "cell",
            f"{cell.name} không phải chi bộ nơi cư trú của {contact.ward.name}; hãy chọn chi bộ tổ dân phố, thôn, "
            "khu dân cư nơi đảng viên ở.",
        )
    if not cell.is_active_on(since):
        fail("cell", f"{cell.name} không hoạt động vào ngày {format_date(since)}.")
    _require_open(contact, since, "since", cell=cell)
    with acting_as(actor):
        contact.status, contact.cell, contact.since = S.CONFIRMED, cell, since
        contact.save()
    return contact


@transaction.atomic
def contact_decline(*, actor, contact: ResidenceContact, reason: str) -> ResidenceContact:
    """The residence's committee returns an introduction (the member does not live there …)."""
    _require(actor, contact.ward, "Chỉ đảng ủy nơi cư trú được giới thiệu đến mới trả lại giấy giới thiệu.")
    if contact.status != S.INTRODUCED:
        fail("reason", f"Giấy giới thiệu này đã được xử lý ({contact.get_status_display().lower()}).")
    if not clean(reason):
        fail("reason", "Hãy ghi lý do trả lại, ví dụ: đảng viên không cư trú trên địa bàn phường.")
    with acting_as(actor):
        contact.status, contact.end_reason, contact.until = S.DECLINED, clean(reason), dt.date.today()
        contact.save()
    return contact


@transaction.atomic
def contact_end(*, actor, contact: ResidenceContact, on: dt.date, reason: str) -> ResidenceContact:
    """Either side ends a contact (the member moved, retired to live there …)."""
    scope = Scope.of(actor)
    if not scope.can(Capability.EDIT_MEMBERS) or not sides(scope, contact):
        raise PermissionDenied("Chỉ tổ chức đảng nơi đảng viên sinh hoạt hoặc nơi cư trú mới kết thúc mối liên hệ.")
    _check_day("on", on, "ngày kết thúc")
    if contact.until is not None:
        fail("on", f"Mối liên hệ này đã kết thúc ngày {format_date(contact.until)}.")
    start = contact.since or contact.introduced_on
    if start and on < start:
        fail("on", f"Ngày kết thúc phải từ ngày {format_date(start)} trở đi.")
    if not clean(reason):
        fail("reason", "Hãy ghi lý do kết thúc, ví dụ: chuyển nơi ở, nghỉ hưu về sinh hoạt tại nơi cư trú.")
    _require_open(contact, on, "on")
    with acting_as(actor):
        contact.until, contact.end_reason = on, clean(reason)
        contact.save()
    return contact


def _check_kept(contact: ResidenceContact, field: str):
    if contact.status not in (S.CONFIRMED, S.OUTSIDE):
        fail(field, "Nơi cư trú chưa tiếp nhận đảng viên này; hãy tiếp nhận trước khi ghi liên hệ, nhận xét.")


@transaction.atomic
def contact_note_add(*, actor, contact: ResidenceContact, date: dt.date, content: str) -> ContactNote:
    _require(actor, _writer_side(contact), "Chỉ chi bộ nơi cư trú ghi liên hệ và nhận xét.")
    _check_kept(contact, "date")
    _check_day("date", date, "ngày liên hệ")
    if date < contact.since or (contact.until and date > contact.until):
        fail("date", f"Ngày {format_date(date)} nằm ngoài thời gian giữ mối liên hệ.")
    if not content or not content.strip():
        fail("content", "Hãy ghi nội dung liên hệ (đảng viên báo cáo, tham gia sinh hoạt, hoạt động ở khu dân cư …).")
    _require_open(contact, date, "date")
    with acting_as(actor):
        return ContactNote.objects.create(contact=contact, date=date, content=content.strip())


@transaction.atomic
def residence_comment_record(
    *, actor, contact: ResidenceContact, year: int, assessment: str, commented_on: dt.date, text: str = ""
) -> ResidenceComment:
    """The residential cell's comment for `year` (one a year; recording it again replaces it, the
    audit log keeps the earlier wording)."""
    _require(actor, _writer_side(contact), "Chỉ chi bộ nơi cư trú ghi liên hệ và nhận xét.")
    _check_kept(contact, "year")
    _check_day("commented_on", commented_on, "ngày nhận xét")
    if assessment not in Assessment.values:
        fail("assessment", "Hãy chọn nhận xét chung của chi ủy nơi cư trú.")
    if not isinstance(year, int) or year < contact.since.year or (contact.until and year > contact.until.year):
        fail("year", f"Năm {year} nằm ngoài thời gian giữ mối liên hệ (từ {format_date(contact.since)}).")
    if commented_on.year < year:
        fail("commented_on", f"Nhận xét năm {year} phải viết từ cuối năm {year} trở đi.")
    # the comment replaced, too: rewriting it must not change a closed year's record
    earlier = ResidenceComment.objects.filter(contact=contact, year=year).values_list("commented_on", flat=True)
    for day in (*earlier, commented_on):
        _require_open(contact, day, "commented_on")
    with acting_as(actor):
        comment, _ = ResidenceComment.objects.update_or_create(
            contact=contact, year=year,
            defaults={"assessment": assessment, "commented_on": commented_on, "text": (text or "").strip()},
        )  # fmt: skip
    return comment


# --- reads ---------------------------------------------------------------------------------------


def _related(qs: QuerySet[ResidenceContact]) -> QuerySet[ResidenceContact]:
    return qs.select_related("member", "member__org", "cell", "ward", "introduced_by")


def sent_contacts(root: Organization | None) -> QuerySet[ResidenceContact]:
    """Contacts of the members of `root`'s subtree (introduced from it, or of a member now in it)."""
    if root is None:
        return ResidenceContact.objects.none()
    mine = Q(introduced_by__path__startswith=root.path) | Q(member__org__path__startswith=root.path)
    return _related(ResidenceContact.objects.filter(mine)).order_by("-introduced_on", "member__sort_key")


def received_contacts(root: Organization | None) -> QuerySet[ResidenceContact]:
    """Introductions `root`'s subtree received as the residence: only what was introduced to it."""
    if root is None:
        return ResidenceContact.objects.none()
    theirs = Q(ward__path__startswith=root.path) | Q(cell__path__startswith=root.path)
    return _related(ResidenceContact.objects.filter(theirs)).order_by("status", "member__sort_key")


def visible_contacts(root: Organization | None) -> QuerySet[ResidenceContact]:
    """Contacts a user under `root` may open: either side is in the subtree."""
    if root is None:
        return ResidenceContact.objects.none()
    either = (
        Q(introduced_by__path__startswith=root.path) | Q(member__org__path__startswith=root.path)
        | Q(ward__path__startswith=root.path) | Q(cell__path__startswith=root.path)
    )  # fmt: skip
    return _related(ResidenceContact.objects.filter(either)).order_by("-introduced_on", "member__sort_key")


def contacts_on(contacts: QuerySet[ResidenceContact], day: dt.date) -> QuerySet[ResidenceContact]:
    kept = contacts.filter(status__in=(S.CONFIRMED, S.OUTSIDE), since__lte=day)
    return kept.filter(Q(until__isnull=True) | Q(until__gte=day))


def comments_for_review(member_ids, year: int) -> dict[int, ResidenceComment]:
    """{member id: the residential cell's comment for `year`} for the members given (one query):
    what the annual review of the member's own organization reads (Quy định 213, Điều 5)."""
    rows = ResidenceComment.objects.filter(year=year, contact__member_id__in=member_ids).select_related("contact__cell")
    return {c.contact.member_id: c for c in rows}
