"""/tasks and /evaluations (Quy định 366-QĐ/TW): the tasks of collectives and members in the
caller's scope with their derived status, their results, and the quarterly and yearly scored
evaluations; writes go through tasks.services with the web's permissions (EDIT_MEMBERS; the
conclusion a level above the one evaluated). Product files are uploaded in the web only."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import Field, Query, Router, Schema

from dangvu.accounts.models import Capability
from dangvu.core.errors import field_error
from dangvu.reviews.facts import grassroots_of
from dangvu.tasks import selectors as tasks_selectors
from dangvu.tasks.models import Evaluation, Task
from dangvu.tasks.rules import TaskLine, status
from dangvu.tasks.services import evaluation_record, task_assign, task_result_record

from ..auth import actor
from ..errors import responses
from .common import In, PageQuery, member_field, org_field, org_in_scope, page_of, paginate, scope_of

router = Router(tags=["tasks"])


class TaskOut(Schema):
    id: int
    org: str
    member: int | None
    year: int
    quarter: int = Field(..., description="1–4; 0 là nhiệm vụ cả năm")
    title: str
    measure: str
    target: float
    deadline: dt.date
    weight: int
    done_on: dt.date | None
    quantity: float | None
    product: str
    status: str = Field(..., description="on_time | beyond | late | not_done | open — tính từ dữ liệu, không nhập")


class TaskQuery(PageQuery):
    year: int | None = Field(None, ge=2025, le=9999)
    quarter: int | None = Field(None, ge=0, le=4)
    org: str | None = Field(None, max_length=40)
    member: int | None = Field(None, ge=1, le=2**53)


class TaskIn(In):
    org: str = Field(..., max_length=40, description="mã tổ chức (tập thể) hoặc nơi sinh hoạt của đảng viên")
    member: int | None = Field(None, ge=1, le=2**53)
    year: int = Field(..., ge=2025, le=9999)
    quarter: int = Field(..., ge=0, le=4)
    title: str = Field(..., max_length=255)
    measure: str = Field(..., max_length=50)
    target: Decimal = Field(..., gt=0, max_digits=12, decimal_places=2)
    deadline: dt.date
    weight: int = Field(1, ge=1, le=10)


class ResultIn(In):
    done_on: dt.date | None = None
    quantity: Decimal | None = Field(None, ge=0, max_digits=12, decimal_places=2)
    product: str = Field("", max_length=5000)


class EvaluationOut(Schema):
    id: int
    year: int
    quarter: int
    org: str
    member: int | None
    points: float | None
    basis: str
    proposed_class: str
    reasons: list[str]
    self_class: str
    opinion_class: str
    decided_class: str
    override_reason: str


class EvaluationQuery(PageQuery):
    year: int | None = Field(None, ge=2025, le=9999)
    quarter: int | None = Field(None, ge=0, le=4)
    org: str | None = Field(None, max_length=40)
    member: int | None = Field(None, ge=1, le=2**53)


class EvaluationIn(In):
    year: int = Field(..., ge=2025, le=9999)
    quarter: int = Field(..., ge=0, le=4, description="1–4; 0 là đánh giá cả năm")
    org: str | None = Field(None, max_length=40, description="tập thể được đánh giá (bỏ trống khi có member)")
    member: int | None = Field(None, ge=1, le=2**53)
    stage: str = Field(..., pattern="^(self|opinion|decision)$")
    scores: dict[str, Decimal] | None = Field(None, description="điểm các tiêu chí chấm theo đánh giá, theo mã")
    cls: str = Field("", max_length=20)
    note: str = Field("", max_length=5000)
    override_reason: str = Field("", max_length=5000)
    leadership_members_disciplined: int | None = Field(None, ge=0, le=10_000)


def _num(value):
    return float(value) if value is not None else None


def task_out(t: Task) -> dict:
    r = getattr(t, "result", None)
    line = TaskLine(t.target, t.deadline, t.weight, r.done_on if r else None, r.quantity if r else None)
    return {
        "id": t.pk, "org": t.org.code, "member": t.member_id, "year": t.year, "quarter": t.quarter,
        "title": t.title, "measure": t.measure, "target": float(t.target), "deadline": t.deadline,
        "weight": t.weight, "done_on": r.done_on if r else None, "quantity": _num(r.quantity if r else None),
        "product": r.product if r else "", "status": status(line, dt.date.today()),
    }  # fmt: skip


def evaluation_out(e: Evaluation) -> dict:
    return {
        "id": e.pk, "year": e.cycle.year, "quarter": e.quarter, "org": e.org.code, "member": e.member_id,
        "points": _num(e.points), "basis": e.basis, "proposed_class": e.proposed_class, "reasons": e.reasons,
        "self_class": e.self_class, "opinion_class": e.opinion_class, "decided_class": e.decided_class,
        "override_reason": e.override_reason,
    }  # fmt: skip


def _filtered(qs, scope, filters, year_field: str):
    if scope.root is None:
        return qs.none()
    qs = qs.filter(org__path__startswith=scope.root.path)
    if filters.org:
        qs = qs.filter(org__path__startswith=org_in_scope(scope, filters.org).path)
    if filters.year:
        qs = qs.filter(**{year_field: filters.year})
    if filters.quarter is not None:
        qs = qs.filter(quarter=filters.quarter)
    if filters.member:
        qs = qs.filter(member_id=filters.member)
    return qs


@router.get("/tasks", response=responses(200, page_of(TaskOut, "TaskPage"), 404))
def task_list(request, filters: Query[TaskQuery]):
    scope = scope_of(request)
    qs = _filtered(Task.objects.select_related("org", "result"), scope, filters, "year")
    return paginate(qs.order_by("year", "quarter", "deadline", "id"), filters, task_out)


@router.post("/tasks", response=responses(200, TaskOut, 403))
def task_post(request, payload: TaskIn):
    scope = scope_of(request)
    scope.require(Capability.EDIT_MEMBERS)
    org = org_field(scope, "org", payload.org)
    member = member_field(scope, "member", payload.member, required=False)
    data = payload.dict(exclude={"org", "member"})
    task = task_assign(actor=actor(request), org=org, member=member, **data)
    return task_out(Task.objects.select_related("org", "result").get(pk=task.pk))


@router.post("/tasks/{task_id}/result", response=responses(200, TaskOut, 403, 404))
def task_result_post(request, task_id: int, payload: ResultIn):
    """Record what was done; on time, late and beyond requirement are derived from it."""
    scope = scope_of(request)
    scope.require(Capability.EDIT_MEMBERS)
    task = Task.objects.filter(pk=task_id, org__path__startswith=scope.root.path if scope.root else "-").first()
    if task is None:
        raise Http404(f"Không có nhiệm vụ id {task_id} trong phạm vi của bạn.")
    task_result_record(actor=actor(request), task=task, **payload.dict())
    return task_out(Task.objects.select_related("org", "result").get(pk=task.pk))


@router.get("/evaluations", response=responses(200, page_of(EvaluationOut, "EvaluationPage"), 404))
def evaluation_list(request, filters: Query[EvaluationQuery]):
    scope = scope_of(request)
    qs = _filtered(Evaluation.objects.select_related("org", "cycle"), scope, filters, "cycle__year")
    return paginate(qs.order_by("-cycle__year", "quarter", "org__path", "id"), filters, evaluation_out)


@router.post("/evaluations", response=responses(200, EvaluationOut, 403))
def evaluation_post(request, payload: EvaluationIn):
    """Record a stage of the evaluation of a collective (`org`) or a member (`member`, evaluated
    in their grassroots organization) for a quarter or the year; the points and the proposal
    with its reasons come back. The conclusion is taken a level above the one evaluated."""
    scope = scope_of(request)
    scope.require(Capability.EDIT_MEMBERS)
    member = member_field(scope, "member", payload.member, required=False)
    if member is not None:
        if member.org is None:
            raise field_error("member", "Đảng viên không còn sinh hoạt ở tổ chức nào.")
        org = grassroots_of(member.org)
    else:
        org = org_field(scope, "org", payload.org)
    if payload.stage == "decision" and not tasks_selectors.may_conclude(scope.root, org, member is not None):
        raise PermissionDenied("Kết luận do cấp có thẩm quyền (cấp trên của đơn vị được đánh giá) thực hiện.")
    cycle = tasks_selectors.cycle_for(org, payload.year)
    if cycle is None:
        raise field_error("year", f"Chưa có đợt đánh giá năm {payload.year} nào bao gồm {org.name}.")
    data = payload.dict(exclude={"year", "org", "member"})
    evaluation = evaluation_record(actor=actor(request), cycle=cycle, org=org, member=member, **data)
    return evaluation_out(Evaluation.objects.select_related("org", "cycle").get(pk=evaluation.pk))
