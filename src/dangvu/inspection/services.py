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


def _day(value) -> dt.date | None:
    """A day the later checks may use: a date not in the future (_past_date names the others)."""
    return value if isinstance(value, dt.date) and value <= dt.date.today() else None


def inspection_checks(
    *, kind, conducted_by, start_date, content, subject_org=None, subject_member=None, end_date=None, mode="",
    violations_found=False, violation_date=None,
) -> list:  # fmt: skip
    """inspection_record's checks, each a callable raising its ValidationError: the service runs
    them in turn, the form all at once (web.forms.check_all) so every error shows on the first
    submit. A check whose fields are missing or did not parse waits for the one that names them."""
    start = _day(start_date)

    def kind_and_mode():
        if kind not in Kind.values:
            fail("kind", "Hãy chọn kiểm tra hoặc giám sát.")
        if mode and mode not in Mode.values:
            fail("mode", "Hình thức không hợp lệ.")

    def ends_after_start():
        _past_date("end_date", end_date, "Ngày kết thúc", required=False)
        if end_date is not None and start is not None and end_date < start:
            fail("end_date", f"Ngày kết thúc {format_date(end_date)} trước ngày bắt đầu {format_date(start)}.")

    def conductor():
        if conducted_by is None or start is not None:
            _check_actor_org("conducted_by", conducted_by, start, "tổ chức tiến hành")
        if conducted_by is not None and start is not None:
            require_open(org=conducted_by, day=start, field="start_date")

    def content_given():
        if not clean(content or ""):
            fail("content", "Hãy nhập nội dung kiểm tra, giám sát.")

    def subject_within():
        if conducted_by is None or start is None or not conducted_by.is_active_on(start):
            return
        if subject_org is not None and not _org_under(subject_org, conducted_by, start):
            fail(
                "subject_org",
                f"Ngày {format_date(start)}, {subject_org.name} không thuộc {conducted_by.name}; "
                "chỉ kiểm tra, giám sát được tổ chức trong phạm vi của mình.",
            )
        if subject_member is not None and not _member_under(subject_member, conducted_by, start):
            fail(
                "subject_member",
                f"Ngày {format_date(start)}, đảng viên {subject_member.full_name} không sinh hoạt trong "
                f"{conducted_by.name}; chỉ kiểm tra, giám sát được đảng viên trong phạm vi của mình.",
            )

    def violation():
        if violation_date is not None:
            _past_date("violation_date", violation_date, "Ngày xảy ra vi phạm")
            if not violations_found:
                fail("violation_date", "Chỉ nhập ngày xảy ra vi phạm khi có phát hiện vi phạm.")

    return [
        kind_and_mode,
        lambda: _one_subject(subject_org, subject_member),
        lambda: _past_date("start_date", start_date, "Ngày bắt đầu"),
        ends_after_start, conductor, content_given, subject_within, violation,
    ]  # fmt: skip


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
    for check in inspection_checks(
        kind=kind, conducted_by=conducted_by, start_date=start_date, content=content, subject_org=subject_org,
        subject_member=subject_member, end_date=end_date, mode=mode, violations_found=violations_found,
        violation_date=violation_date,
    ):  # fmt: skip
        check()
    with acting_as(actor):
        return Inspection.objects.create(
            kind=kind, mode=mode, subject_org=subject_org, subject_member=subject_member,
            conducted_by=conducted_by, start_date=start_date, end_date=end_date, content=clean_multiline(content),
            conclusion=clean_multiline(conclusion), violations_found=violations_found, violation_date=violation_date,
        )  # fmt: skip


def discipline_checks(
    *, form, decided_by, decision_no, decision_date, violation_date, subject_org=None, subject_member=None,
    read: dict | None = None,
) -> list:  # fmt: skip
    """discipline_record's checks, as inspection_checks: the form, one subject, the number, the two
    days in order, the deciding organization alive and its year open, the subject within it and
    the form allowed for it, the statute of limitations. The member's standing on the decision's
    day is kept in `read` ("standing")."""
    decided = _day(decision_date)
    read = {} if read is None else read
    deciding = decided_by is not None and decided is not None and decided_by.is_active_on(decided)

    def form_chosen():
        if form not in Form.values:
            fail("form", "Hãy chọn hình thức kỷ luật.")

    def numbered():
        if not clean(decision_no or ""):
            fail("decision_no", "Hãy nhập số quyết định kỷ luật, ví dụ 12-QĐ/UBKTQU.")

    def violated_before():
        _past_date("violation_date", violation_date, "Ngày xảy ra vi phạm")
        if decided is not None and violation_date > decided:
            fail(
                "violation_date",
                f"Ngày vi phạm {format_date(violation_date)} sau ngày quyết định {format_date(decided)}.",
            )

    def decider():
        if decided_by is None or decided is not None:
            _check_actor_org("decided_by", decided_by, decided, "tổ chức quyết định kỷ luật")
        if decided_by is not None and decided is not None:
            require_open(org=decided_by, day=decided, field="decision_date")

    def subject_and_form():
        if not deciding or (subject_org is None) == (subject_member is None):
            return
        if subject_member is not None:
            state = state_on(subject_member, decided)
            if not state.in_system:
                fail(
                    "subject_member",
                    f"Ngày {format_date(decided)}, {subject_member.full_name} không còn là đảng viên "
                    "đang sinh hoạt; không thể kỷ luật.",
                )
            read["standing"] = standing = state.standing
            if not _member_under(subject_member, decided_by, decided):
                fail(
                    "subject_member",
                    f"Ngày {format_date(decided)}, đảng viên {subject_member.full_name} không sinh hoạt "
                    f"trong {decided_by.name}.",
                )
            problem = form in Form.values and rules.form_problem(form, standing)
            if problem:
                who = "đảng viên chính thức" if standing == "full" else "đảng viên dự bị"
                fail("form", f"{problem} Ngày {format_date(decided)}, {subject_member.full_name} là {who}.")
        else:
            if subject_org.pk == decided_by.pk or not _org_under(subject_org, decided_by, decided):
                fail(
                    "subject_org",
                    f"Kỷ luật {subject_org.name} do cấp ủy cấp trên quyết định; ngày {format_date(decided)} "
                    f"tổ chức này không trực thuộc {decided_by.name}.",
                )
            problem = form in Form.values and rules.form_problem(form, None)
            if problem:
                fail("form", problem)

    def in_time():
        violated = _day(violation_date)
        late = form in Form.values and decided and violated and rules.limitation_problem(form, violated, decided)
        if late:
            fail("decision_date", late)

    return [
        form_chosen,
        lambda: _one_subject(subject_org, subject_member),
        numbered,
        lambda: _past_date("decision_date", decision_date, "Ngày quyết định"),
        violated_before, decider, subject_and_form, in_time,
    ]  # fmt: skip


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
    read: dict = {}
    for check in discipline_checks(
        form=form, decided_by=decided_by, decision_no=decision_no, decision_date=decision_date,
        violation_date=violation_date, subject_org=subject_org, subject_member=subject_member, read=read,
    ):  # fmt: skip
        check()
    standing = read.get("standing", "")
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
