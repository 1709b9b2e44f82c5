"""/cadre-actions, /training-classes (with attendances) and /awards: the records of cadre work,
training and awards in the caller's scope, created through their services (EDIT_RECORDS)."""

import datetime as dt

from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja import Status as Answer

from dangvu.accounts.models import Capability
from dangvu.awards.models import Program, RecipientKind, Title
from dangvu.awards.selectors import award_list
from dangvu.awards.services import award_create
from dangvu.cadres.models import ActionKind
from dangvu.cadres.selectors import action_list
from dangvu.cadres.services import cadre_action_create
from dangvu.training.models import ClassKind
from dangvu.training.selectors import attendances_of, class_list
from dangvu.training.services import attendance_add, training_class_create

from ..auth import actor
from ..errors import responses
from .common import (
    Day,
    In,
    RangeQuery,
    RecordId,
    code_of,
    in_range,
    member_field,
    org_field,
    page_of,
    paginate,
    scope_of,
)

router = Router(tags=["records"])


def _one(qs, pk):
    found = qs.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


# --- cadre actions -------------------------------------------------------------------------------


class CadreActionOut(Schema):
    id: int
    member: int | None
    full_name: str
    kind: str
    kind_label: str
    position: str
    from_org: str | None
    from_unit: str
    to_org: str | None
    to_unit: str
    decided_by: str
    decision_no: str
    decision_date: dt.date
    effective_date: dt.date
    term_end: dt.date | None = Field(None, description="bổ nhiệm: hết thời hạn 5 năm")
    note: str


class CadreActionIn(In):
    member: int | None = Field(None, ge=1, le=2**53, description="id đảng viên; hoặc full_name nếu ngoài danh sách")
    full_name: str = Field("", max_length=120)
    kind: ActionKind
    position: str = Field("", max_length=200)
    from_org: str | None = Field(None, max_length=40)
    from_unit: str = Field("", max_length=255)
    to_org: str | None = Field(None, max_length=40)
    to_unit: str = Field("", max_length=255)
    decided_by: str = Field(..., max_length=40, description="mã cấp ủy ra quyết định")
    decision_no: str = Field(..., max_length=80)
    decision_date: Day
    effective_date: Day | None = None
    note: str = Field("", max_length=2000)


def cadre_out(a) -> dict:
    return {
        "id": a.pk, "member": a.member_id, "full_name": a.full_name, "kind": a.kind, "kind_label": a.get_kind_display(),
        "position": a.position, "from_org": code_of(a.from_org), "from_unit": a.from_unit, "to_org": code_of(a.to_org),
        "to_unit": a.to_unit, "decided_by": a.decided_by.code, "decision_no": a.decision_no,
        "decision_date": a.decision_date, "effective_date": a.effective_date, "term_end": a.term_end, "note": a.note,
    }  # fmt: skip


@router.get(
    "/cadre-actions", response=responses(200, page_of(CadreActionOut, "CadreActionPage"), 404),
    summary="Công tác cán bộ", tags=["cadres"],
)  # fmt: skip
def cadre_action_list(request, filters: Query[RangeQuery]):
    """Cadre actions decided in the caller's subtree; `start`/`end` on the effective date, `org` on
    the deciding committee."""
    scope = scope_of(request)
    qs = in_range(
        action_list(scope.root),
        filters,
        scope=scope,
        date_field="effective_date",
        org_field_name="decided_by",
    )
    return paginate(qs, filters, cadre_out)


@router.get("/cadre-actions/{action_id}", response=responses(200, CadreActionOut, 404), tags=["cadres"])
def cadre_action_detail(request, action_id: RecordId):
    return cadre_out(_one(action_list(scope_of(request).root), action_id))


@router.post("/cadre-actions", response=responses(201, CadreActionOut, 403), tags=["cadres"])
def cadre_action_post(request, payload: CadreActionIn):
    scope = scope_of(request)
    scope.require(Capability.EDIT_RECORDS)
    data = payload.dict()
    data.update(
        member=member_field(scope, "member", payload.member, required=False),
        from_org=org_field(scope, "from_org", payload.from_org, required=False),
        to_org=org_field(scope, "to_org", payload.to_org, required=False),
        decided_by=org_field(scope, "decided_by", payload.decided_by),
    )
    return Answer(201, cadre_out(cadre_action_create(actor=actor(request), **data)))


# --- training ------------------------------------------------------------------------------------


class TrainingClassOut(Schema):
    id: int
    title: str
    organizer: str
    kind: str
    kind_label: str
    start_date: dt.date
    end_date: dt.date
    place: str
    unnamed_count: int = Field(..., description="số lượt không ghi tên")
    named_count: int = Field(..., description="số lượt có tên (bản ghi tham dự)")
    note: str


class TrainingClassIn(In):
    title: str = Field(..., max_length=255)
    organizer: str = Field(..., max_length=40, description="mã tổ chức đảng mở lớp")
    kind: ClassKind
    start_date: Day
    end_date: Day | None = Field(None, description="mặc định: lớp một ngày")
    place: str = Field("", max_length=255)
    unnamed_count: int = Field(0, ge=0, le=10_000_000)
    note: str = Field("", max_length=2000)


class AttendanceOut(Schema):
    id: int
    member: int
    full_name: str
    attended_on: dt.date


class AttendanceIn(In):
    member: int = Field(..., ge=1, le=2**53, description="id đảng viên")
    attended_on: Day | None = Field(None, description="mặc định: ngày khai giảng")


def class_out(c) -> dict:
    return {
        "id": c.pk, "title": c.title, "organizer": c.organizer.code, "kind": c.kind, "kind_label": c.get_kind_display(),
        "start_date": c.start_date, "end_date": c.end_date, "place": c.place, "unnamed_count": c.unnamed_count,
        "named_count": c.named_count,
        "note": c.note,
    }  # fmt: skip


def attendance_out(a) -> dict:
    return {"id": a.pk, "member": a.member_id, "full_name": a.member.full_name, "attended_on": a.attended_on}


@router.get(
    "/training-classes", response=responses(200, page_of(TrainingClassOut, "TrainingClassPage"), 404),
    summary="Lớp bồi dưỡng", tags=["training"],
)  # fmt: skip
def training_class_list(request, filters: Query[RangeQuery]):
    """Classes organized in the caller's subtree; `start`/`end` on the opening day, `org` on the organizer."""
    scope = scope_of(request)
    qs = in_range(class_list(scope.root), filters, scope=scope, date_field="start_date", org_field_name="organizer")
    return paginate(qs, filters, class_out)


@router.get("/training-classes/{class_id}", response=responses(200, TrainingClassOut, 404), tags=["training"])
def training_class_detail(request, class_id: RecordId):
    return class_out(_one(class_list(scope_of(request).root), class_id))


@router.post("/training-classes", response=responses(201, TrainingClassOut, 403), tags=["training"])
def training_class_post(request, payload: TrainingClassIn):
    scope = scope_of(request)
    scope.require(Capability.EDIT_RECORDS)
    data = payload.dict()
    data["organizer"] = org_field(scope, "organizer", payload.organizer)
    created = training_class_create(actor=actor(request), **data)
    return Answer(201, class_out(_one(class_list(scope.root), created.pk)))


@router.get(
    "/training-classes/{class_id}/attendances",
    response=responses(200, list[AttendanceOut], 404),
    tags=["training"],
)
def training_attendance_list(request, class_id: RecordId):
    training_class = _one(class_list(scope_of(request).root), class_id)
    return [attendance_out(a) for a in attendances_of(training_class)]


@router.post(
    "/training-classes/{class_id}/attendances",
    response=responses(201, AttendanceOut, 403, 404),
    tags=["training"],
)
def training_attendance_post(request, class_id: RecordId, payload: AttendanceIn):
    """One person at one class counts once (lượt)."""
    scope = scope_of(request)
    training_class = _one(class_list(scope.root), class_id)
    scope.require(Capability.EDIT_RECORDS)
    member = member_field(scope, "member", payload.member)
    attendance = attendance_add(
        actor=actor(request), training_class=training_class, member=member, attended_on=payload.attended_on
    )
    return Answer(201, attendance_out(attendance))


# --- awards --------------------------------------------------------------------------------------


class AwardOut(Schema):
    id: int
    recipient_kind: str
    recipient_org: str | None
    recipient_member: int | None
    recipient_name: str
    recipient_label: str
    title: str
    title_label: str
    title_detail: str
    program: str
    for_year: int | None
    awarded_by: str
    decision_no: str
    decision_date: dt.date
    note: str


class AwardIn(In):
    recipient_kind: RecipientKind
    recipient_org: str | None = Field(None, max_length=40, description="mã tổ chức đảng được khen")
    recipient_member: int | None = Field(None, ge=1, le=2**53, description="id đảng viên được khen")
    recipient_name: str = Field("", max_length=255, description="tập thể, cá nhân khác")
    title: Title
    title_detail: str = Field("", max_length=255)
    program: Program
    for_year: int | None = Field(None, ge=1930, le=9999)
    awarded_by: str = Field(..., max_length=40)
    decision_no: str = Field(..., max_length=80)
    decision_date: Day
    note: str = Field("", max_length=2000)


def award_out(a) -> dict:
    return {
        "id": a.pk, "recipient_kind": a.recipient_kind, "recipient_org": code_of(a.recipient_org),
        "recipient_member": a.recipient_member_id, "recipient_name": a.recipient_name,
        "recipient_label": a.recipient_label, "title": a.title, "title_label": a.get_title_display(),
        "title_detail": a.title_detail, "program": a.program, "for_year": a.for_year, "awarded_by": a.awarded_by.code,
        "decision_no": a.decision_no, "decision_date": a.decision_date, "note": a.note,
    }  # fmt: skip


class AwardQuery(RangeQuery):
    title: Title | None = None
    program: Program | None = None


@router.get(
    "/awards",
    response=responses(200, page_of(AwardOut, "AwardPage"), 404),
    summary="Khen thưởng",
    tags=["awards"],
)
def award_list_view(request, filters: Query[AwardQuery]):
    """Awards decided in the caller's subtree; `start`/`end` on the decision date, `org` on the awarding committee."""
    scope = scope_of(request)
    extra = {k: v for k, v in (("title", filters.title), ("program", filters.program)) if v}
    qs = in_range(award_list(scope.root, **extra), filters, scope=scope, date_field="decision_date",
                  org_field_name="awarded_by")  # fmt: skip
    return paginate(qs, filters, award_out)


@router.get("/awards/{award_id}", response=responses(200, AwardOut, 404), tags=["awards"])
def award_detail(request, award_id: RecordId):
    return award_out(_one(award_list(scope_of(request).root), award_id))


@router.post("/awards", response=responses(201, AwardOut, 403), tags=["awards"])
def award_post(request, payload: AwardIn):
    scope = scope_of(request)
    scope.require(Capability.EDIT_RECORDS)
    data = payload.dict()
    data.update(
        recipient_org=org_field(scope, "recipient_org", payload.recipient_org, required=False),
        recipient_member=member_field(scope, "recipient_member", payload.recipient_member, required=False),
        awarded_by=org_field(scope, "awarded_by", payload.awarded_by),
    )
    return Answer(201, award_out(award_create(actor=actor(request), **data)))
