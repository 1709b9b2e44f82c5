"""Writes of inspections, supervisions and discipline. Each service validates everything first,
raising a ValidationError that names the field in Vietnamese, runs in one transaction and is
attributed to `actor` in the audit."""

import datetime as dt

from django.db import transaction

from dangvu.core.audit import acting_as
from dangvu.core.closing import require_open
from dangvu.core.dates import format_date
from dangvu.core.errors import fail
from dangvu.core.text import clean, clean_multiline
from dangvu.members.models import EventKind, Member
from dangvu.members.selectors import periods_on, state_on
from dangvu.members.services import member_record_event
from dangvu.organizations.models import Organization
from dangvu.organizations.selectors import subtree_ids_on

from . import rules
from .models import Discipline, Form, Inspection, Kind, Mode


def _past_date(field: str, day, label: str, required: bool = True):
    if day is None:
        if required:
            fail(field, f"Hãy nhập {label.lower()} (ngày/tháng/năm).")
        return
    if not isinstance(day, dt.date):
        fail(field, f"{label} không hợp lệ; nhập theo dạng ngày/tháng/năm, ví dụ 31/12/2016.")
    if day > dt.date.today():
        fail(field, f"{label} {format_date(day)} ở tương lai; hãy nhập ngày đã diễn ra.")


def _one_subject(subject_org, subject_member):
    if (subject_org is None) == (subject_member is None):
        fail("subject_org", "Hãy chọn đúng một đối tượng: một tổ chức đảng hoặc một đảng viên, không chọn cả hai.")


def _org_under(org: Organization, root: Organization, day: dt.date) -> bool:
    return subtree_ids_on(root, day).filter(org_id=org.pk).exists()


def _member_under(member: Member, root: Organization, day: dt.date) -> bool:
    return periods_on(root, day).filter(member=member).exists()


def _check_actor_org(field: str, org: Organization | None, day: dt.date, label: str):
    if org is None:
        fail(field, f"Hãy chọn {label}.")
    if not org.is_active_on(day):
        fail(field, f"{org.name} không hoạt động vào ngày {format_date(day)}.")


@transaction.atomic
def inspection_record(
    *,
    actor,
    kind: str,
    conducted_by: Organization,
    start_date: dt.date,
    content: str,
    subject_org: Organization | None = None,
    subject_member: Member | None = None,
    end_date: dt.date | None = None,
    mode: str = "",
    conclusion: str = "",
    violations_found: bool = False,
    violation_date: dt.date | None = None,
) -> Inspection:
    """Record an inspection or a supervision of one organization or one member, which stood in
    the subtree of the conducting organization on the start date."""
    if kind not in Kind.values:
        fail("kind", "Hãy chọn kiểm tra hoặc giám sát.")
    if mode and mode not in Mode.values:
        fail("mode", "Hình thức không hợp lệ.")
    _one_subject(subject_org, subject_member)
    _past_date("start_date", start_date, "Ngày bắt đầu")
    _past_date("end_date", end_date, "Ngày kết thúc", required=False)
    if end_date is not None and end_date < start_date:
        fail("end_date", f"Ngày kết thúc {format_date(end_date)} trước ngày bắt đầu {format_date(start_date)}.")
    _check_actor_org("conducted_by", conducted_by, start_date, "tổ chức tiến hành")
    require_open(org=conducted_by, day=start_date, field="start_date")
    if not clean(content):
        fail("content", "Hãy nhập nội dung kiểm tra, giám sát.")
    if subject_org is not None and not _org_under(subject_org, conducted_by, start_date):
        day = format_date(start_date)
        fail(
            "subject_org",
            f"Ngày {day}, {subject_org.name} không thuộc {conducted_by.name}; "
            "chỉ kiểm tra, giám sát được tổ chức trong phạm vi của mình.",
        )
    if subject_member is not None and not _member_under(subject_member, conducted_by, start_date):
        day = format_date(start_date)
        fail(
            "subject_member",
            f"Ngày {day}, đảng viên {subject_member.full_name} không sinh hoạt trong {conducted_by.name}; "
            "chỉ kiểm tra, giám sát được đảng viên trong phạm vi của mình.",
        )
    if violation_date is not None:
        _past_date("violation_date", violation_date, "Ngày xảy ra vi phạm")
        if not violations_found:
            fail("violation_date", "Chỉ nhập ngày xảy ra vi phạm khi có phát hiện vi phạm.")
    with acting_as(actor):
        return Inspection.objects.create(
            kind=kind, mode=mode, subject_org=subject_org, subject_member=subject_member,
            conducted_by=conducted_by, start_date=start_date, end_date=end_date, content=clean_multiline(content),
            conclusion=clean_multiline(conclusion), violations_found=violations_found, violation_date=violation_date,
        )  # fmt: skip


@transaction.atomic
def discipline_record(
    *,
    actor,
    form: str,
    decided_by: Organization,
    decision_no: str,
    decision_date: dt.date,
    violation_date: dt.date,
    subject_org: Organization | None = None,
    subject_member: Member | None = None,
    reason: str = "",
    inspection: Inspection | None = None,
) -> Discipline:
    """Record a discipline decision of a member or an organization.

    Refuses a form not allowed for the subject (an organization, or the member's standing on the
    decision date), a decision after the statute of limitations, and a subject outside the
    deciding organization's subtree on the decision date. A khai trừ also records the member's
    expulsion (EventKind.EXPELLED, same date and decision number) in the same transaction.

    A giải tán of an organization does NOT dissolve it here: dissolving is a restructuring
    (members.restructure.org_dissolve), done once its members and units have been moved."""
    if form not in Form.values:
        fail("form", "Hãy chọn hình thức kỷ luật.")
    _one_subject(subject_org, subject_member)
    if not clean(decision_no):
        fail("decision_no", "Hãy nhập số quyết định kỷ luật, ví dụ 12-QĐ/UBKTQU.")
    _past_date("decision_date", decision_date, "Ngày quyết định")
    _past_date("violation_date", violation_date, "Ngày xảy ra vi phạm")
    if violation_date > decision_date:
        fail(
            "violation_date",
            f"Ngày vi phạm {format_date(violation_date)} sau ngày quyết định {format_date(decision_date)}.",
        )
    _check_actor_org("decided_by", decided_by, decision_date, "tổ chức quyết định kỷ luật")
    require_open(org=decided_by, day=decision_date, field="decision_date")
    standing = ""
    if subject_member is not None:
        state = state_on(subject_member, decision_date)
        if not state.in_system:
            fail(
                "subject_member",
                f"Ngày {format_date(decision_date)}, {subject_member.full_name} không còn là đảng viên "
                "đang sinh hoạt; không thể kỷ luật.",
            )
        standing = state.standing
        if not _member_under(subject_member, decided_by, decision_date):
            fail(
                "subject_member",
                f"Ngày {format_date(decision_date)}, đảng viên {subject_member.full_name} không sinh hoạt "
                f"trong {decided_by.name}.",
            )
        problem = rules.form_problem(form, standing)
        if problem:
            who = "đảng viên chính thức" if standing == "full" else "đảng viên dự bị"
            fail("form", f"{problem} Ngày {format_date(decision_date)}, {subject_member.full_name} là {who}.")
    else:
        if subject_org.pk == decided_by.pk or not _org_under(subject_org, decided_by, decision_date):
            fail(
                "subject_org",
                f"Kỷ luật {subject_org.name} do cấp ủy cấp trên quyết định; ngày {format_date(decision_date)} "
                f"tổ chức này không trực thuộc {decided_by.name}.",
            )
        problem = rules.form_problem(form, None)
        if problem:
            fail("form", problem)
    late = rules.limitation_problem(form, violation_date, decision_date)
    if late:
        fail("decision_date", late)
    with acting_as(actor):
        discipline = Discipline.objects.create(
            subject_org=subject_org, subject_member=subject_member, standing=standing, form=form,
            decision_no=clean(decision_no), decision_date=decision_date, decided_by=decided_by,
            violation_date=violation_date, reason=clean_multiline(reason), inspection=inspection,
        )  # fmt: skip
    if form == Form.EXPULSION:
        member_record_event(
            actor=actor, member=subject_member, kind=EventKind.EXPELLED, date=decision_date,
            decision_no=clean(decision_no), decision_date=decision_date, reason=clean_multiline(reason),
        )  # fmt: skip
    return discipline
