"""Writes of the tasks, their results and the scored evaluations (Quy định 366-QĐ/TW). Each
service checks everything first and raises a ValidationError naming the field, in Vietnamese,
runs in one transaction and is attributed to `actor` in the audit.

API (also used by the demo):
- task_assign(actor, org, member=None, year, quarter, title, measure, target, deadline, weight=1)
- task_result_record(actor, task, done_on, quantity, product="", product_file=None)
- framework_set(actor, committee, year, subject, criteria=[{group, code, label, max_points}])
- evaluation_record(actor, cycle, org, member=None, quarter, stage, scores=None, cls="", note="",
  override_reason="", leadership_members_disciplined=None): stage "self" | "opinion" | "decision";
  quarter 1–4, or 0 for the year (whose decision is written to the review cycle's results).
  An evaluation hangs on the year's review cycle of a committee above the unit (open it first with
  reviews.services.review_cycle_open; tasks.selectors.cycle_for finds it); a member is evaluated in
  their grassroots organization (reviews.facts.grassroots_of(member.org)), a collective in itself.
"""

import datetime as dt
import os
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from dangvu.core.audit import acting_as
from dangvu.core.closing import require_open
from dangvu.core.errors import fail
from dangvu.core.text import clean, clean_multiline
from dangvu.members.models import Member
from dangvu.organizations.models import GRASSROOTS_LEVELS, Level, Organization
from dangvu.reviews.models import ReviewCycle, Stage

from . import framework as fw
from . import scoring
from .models import YEAR, Criterion, Evaluation, Framework, Subject, Task, TaskResult

ALLOWED_FILES = (".pdf", ".doc", ".docx", ".odt", ".xls", ".xlsx", ".jpg", ".jpeg", ".png")
MAX_FILE_MB = 20
STAGES = ("self", "opinion", "decision")


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _decimal(value, field: str, label: str) -> Decimal:
    try:
        number = Decimal(str(value).replace(",", ".").strip())
    except (InvalidOperation, ValueError):
        fail(field, f"{label} “{value}” không phải là số; hãy nhập số, ví dụ 12 hoặc 12,5.")
    if not number.is_finite() or number < 0:
        fail(field, f"{label} phải là số không âm.")
    return number


def _check_quarter(quarter: int):
    if quarter not in (YEAR, 1, 2, 3, 4):
        fail("quarter", "Quý phải là 1, 2, 3 hoặc 4 (để 0 cho nhiệm vụ, đánh giá cả năm).")


def period_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    if quarter == YEAR:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    start = dt.date(year, 3 * quarter - 2, 1)
    end = dt.date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1) - dt.timedelta(days=1)
    return start, end


# --- tasks --------------------------------------------------------------------------------------


@transaction.atomic
def task_assign(
    *, actor, org: Organization, member: Member | None = None, year: int, quarter: int, title: str, measure: str,
    target, deadline: dt.date, weight: int = 1, criterion: str = "",
) -> Task:  # fmt: skip
    """Assign a task to the collective `org`, or to `member` (who must belong to `org`'s subtree
    in that year). The deadline falls within the year."""
    _check_quarter(quarter)
    title, measure = clean(title), clean(measure)
    if not title:
        fail("title", "Hãy ghi nội dung nhiệm vụ.")
    if not measure:
        fail("measure", "Hãy ghi đơn vị tính của nhiệm vụ (ví dụ: hồ sơ, buổi, hộ gia đình).")
    target = _decimal(target, "target", "Số lượng yêu cầu")
    if target == 0:
        fail("target", "Số lượng yêu cầu phải lớn hơn 0.")
    if not isinstance(weight, int) or not 1 <= weight <= 10:
        fail("weight", "Trọng số là số nguyên từ 1 đến 10.")
    if deadline.year != year:
        fail("deadline", f"Thời hạn {deadline:%d/%m/%Y} không thuộc năm {year}.")
    if member is not None and member.pk not in scoring.member_ids_of(org, year):
        fail("member", f"Đồng chí {member.full_name} không sinh hoạt tại {org.name} trong năm {year}.")
    require_open(org=org, day=deadline, field="deadline")  # tasks.due counts it by its deadline
    with acting_as(actor):
        return Task.objects.create(
            org=org, member=member, year=year, quarter=quarter, title=title, measure=measure, target=target,
            deadline=deadline, weight=weight, criterion=clean(criterion), assigned_by=_user(actor),
        )  # fmt: skip


@transaction.atomic
def task_result_record(
    *, actor, task: Task, done_on: dt.date | None, quantity=None, product: str = "", product_file=None
) -> TaskResult:
    """Record what was done. `done_on` empty: not done yet (the quantity so far may be given)."""
    task = Task.objects.select_for_update().get(pk=task.pk)
    # tasks.on_time counts the result in the year of the task's deadline, whatever day it was done
    require_open(org=task.org, day=task.deadline, field="done_on")
    today = timezone.localdate()
    if done_on is not None and done_on > today:
        fail("done_on", f"Ngày hoàn thành {done_on:%d/%m/%Y} chưa đến; hãy ghi ngày đã hoàn thành.")
    if done_on is not None and done_on.year < task.year:
        fail("done_on", f"Ngày hoàn thành {done_on:%d/%m/%Y} trước năm {task.year} của nhiệm vụ.")
    quantity = None if quantity in (None, "") else _decimal(quantity, "quantity", "Số lượng đạt")
    if done_on is not None and quantity is None:
        fail("quantity", "Hãy ghi số lượng đạt được khi đã có ngày hoàn thành.")
    if product_file is not None:
        if os.path.splitext(product_file.name)[1].lower() not in ALLOWED_FILES:
            fail("product_file", "Tệp sản phẩm chỉ nhận PDF, Word, Excel hoặc ảnh chụp (.jpg, .png).")
        if product_file.size > MAX_FILE_MB * 1024 * 1024:
            fail("product_file", f"Tệp sản phẩm lớn hơn {MAX_FILE_MB} MB.")
    result = TaskResult.objects.filter(task=task).first() or TaskResult(task=task)
    with acting_as(actor):
        result.done_on, result.quantity = done_on, quantity
        result.product = clean_multiline(product)
        if product_file is not None:
            result.product_file = product_file
        result.recorded_by = _user(actor)
        result.save()
    return result


# --- the framework ------------------------------------------------------------------------------


@transaction.atomic
def framework_set(*, actor, committee: Organization, year: int, subject: str, criteria: list[dict]) -> Framework:
    """Set `committee`'s criteria for `year` and `subject`, within the common framework's groups
    (tasks.framework.check); replaces the committee's criteria of that year, if any."""
    if subject not in Subject.values:
        fail("subject", "Đối tượng phải là tập thể hoặc cá nhân, đảng viên.")
    groups = {g.code: g for g in fw.GROUPS[subject]}
    specs = []
    for i, row in enumerate(criteria, start=1):
        group = clean(row.get("group"))
        specs.append(
            fw.CriterionSpec(
                group, clean(row.get("code")) or f"c{i}", clean(row.get("label")),
                _decimal(row.get("max_points"), "criteria", f"Điểm tối đa của tiêu chí {i}"),
                groups[group].from_tasks if group in groups else False,
            )
        )  # fmt: skip
    errors = fw.check(subject, specs)
    if any(not s.label for s in specs):
        errors.append("Hãy ghi tên cho mọi tiêu chí.")
    if errors:
        raise ValidationError({"criteria": errors})
    with acting_as(actor):
        framework, _ = Framework.objects.get_or_create(
            committee=committee, year=year, subject=subject, defaults={"created_by": _user(actor)}
        )
        framework.criteria.all().delete()
        for order, s in enumerate(specs):
            Criterion.objects.create(
                framework=framework, group=s.group, code=s.code, label=s.label, max_points=s.max_points,
                from_tasks=s.from_tasks, order=order,
            )  # fmt: skip
        framework.save()
    return framework


# --- evaluations --------------------------------------------------------------------------------


def _check_subject(cycle: ReviewCycle, org: Organization, member: Member | None):
    if not org.path.startswith(cycle.committee.path):
        fail("org", f"{org.name} không thuộc {cycle.committee.name}.")
    if member is not None and org.level not in GRASSROOTS_LEVELS:
        fail("org", "Đảng viên được đánh giá tại tổ chức cơ sở đảng của mình (đảng bộ cơ sở hoặc chi bộ cơ sở).")
    if member is None and org.level not in (*GRASSROOTS_LEVELS, Level.CELL):
        fail("org", "Tập thể được đánh giá là tổ chức cơ sở đảng hoặc chi bộ trực thuộc.")
    if member is not None and member.pk not in scoring.member_ids_of(org, cycle.year):
        fail("member", f"Đồng chí {member.full_name} không sinh hoạt tại {org.name} trong năm {cycle.year}.")


@transaction.atomic
def evaluation_record(
    *, actor, cycle: ReviewCycle, org: Organization, member: Member | None = None, quarter: int, stage: str,
    scores: dict | None = None, cls: str = "", note: str = "", override_reason: str = "",
    leadership_members_disciplined: int | None = None,
) -> Evaluation:  # fmt: skip
    """Record a stage of the evaluation of `org` (member None) or `member` (in grassroots `org`)
    for `quarter` (0: the year). The points are recomputed (criteria measured by tasks from the
    tasks, the others from `scores`), the class the rules allow is proposed with the reason for
    every better class not reached; the cell's opinion may not go above it, the decision may with
    `override_reason` (kept, and counted as an override of the year's review). The year's
    decision is written to the cycle's results (reviews.services)."""
    from dangvu.reviews import services as reviews

    _check_quarter(quarter)
    if stage not in STAGES:
        fail("stage", "Bước đánh giá phải là tự đánh giá, ý kiến chi bộ/cấp ủy hoặc kết luận.")
    cycle = ReviewCycle.objects.select_for_update().select_related("committee").get(pk=cycle.pk)
    if not cycle.is_open:
        fail(
            "cycle",
            f"Đợt đánh giá năm {cycle.year} đã khóa; cấp ủy hãy mở lại đợt đánh giá (ghi rõ lý do) nếu cần sửa.",
        )
    _check_subject(cycle, org, member)
    # the quarter's (or the year's) figures read it, whatever day it is recorded: locked by its last day
    require_open(org=org, day=period_bounds(cycle.year, quarter)[1], field="quarter")
    book = cycle.get_rulebook()
    grades = book.member_classes if member else book.org_classes
    if cls and cls not in {g.code for g in grades}:
        labels = ", ".join(g.label for g in grades)
        fail("cls", f"Mức xếp loại “{cls}” không có trong {book.title}; chọn một trong: {labels}.")
    override_reason = clean_multiline(override_reason)
    if override_reason and stage != "decision":
        fail("override_reason", reviews.OVERRIDE_ONLY_AT_DECISION)
    evaluation = Evaluation.objects.filter(cycle=cycle, quarter=quarter, org=org, member=member).first()
    evaluation = evaluation or Evaluation(cycle=cycle, quarter=quarter, org=org, member=member)
    if leadership_members_disciplined is not None:
        evaluation.leadership_members_disciplined = leadership_members_disciplined
    criteria = scoring.criteria_for(cycle, org, Subject.MEMBER if member else Subject.ORG)
    if stage == "self":
        evaluation.self_scores = scoring.clean_scores(criteria, scores or {}, "scores")
    elif scores is not None:
        evaluation.opinion_scores = scoring.clean_scores(criteria, scores, "scores")
    assessed = evaluation.opinion_scores or evaluation.self_scores
    outcome = scoring.evaluate(
        cycle, org, member, quarter, criteria, assessed, evaluation.leadership_members_disciplined
    )
    evaluation.points, evaluation.basis = outcome.points, outcome.basis
    evaluation.proposed_class, evaluation.reasons = outcome.proposal.cls, outcome.proposal.reasons

    violations = []
    if stage == "self":
        evaluation.self_class, evaluation.self_note = cls, clean_multiline(note)
    else:
        if not cls:
            fail("cls", "Hãy chọn mức xếp loại.")
        violations = outcome.check(cls)
        if stage == "decision" and member is not None:
            violations += scoring.quota_violations(book, evaluation, cls)
        if violations and not override_reason:
            suffix = "" if stage == "decision" else " " + reviews.OVERRIDE_ONLY_AT_DECISION
            fail("cls", reviews.explain(violations) + suffix)
        if stage == "opinion":
            evaluation.opinion_class, evaluation.opinion_note = cls, clean_multiline(note)
        else:
            evaluation.decided_class = cls
            evaluation.override_reason = override_reason if violations else ""
            evaluation.decided_by, evaluation.decided_at = _user(actor), timezone.now()
    with acting_as(actor):
        evaluation.save()
    if stage == "decision" and quarter == YEAR:
        _decide_year(actor, cycle, org, member, evaluation, cls, override_reason)
    return evaluation


def _decide_year(actor, cycle, org, member, evaluation, cls, override_reason):
    """The year's conclusion becomes the cycle's result, through the reviews services (their
    rules, overrides and audit)."""
    from dangvu.reviews import services as reviews

    try:
        if member is None:
            reviews.org_result_record(
                actor=actor, cycle=cycle, org=org, stage=Stage.DECISION, cls=cls, points=evaluation.points,
                override_reason=override_reason,
            )  # fmt: skip
        else:
            reviews.member_results_record_bulk(
                actor=actor, cycle=cycle, org=org, stage=Stage.DECISION,
                rows=[{"member": member, "cls": cls, "override_reason": override_reason}],
                quota_override_reason=override_reason,
            )  # fmt: skip
    except ValidationError as e:
        fail("cls", " ".join(e.messages))
