"""/inspections and /disciplines: inspection, supervision and discipline in the caller's scope,
recorded through inspection.services (EDIT_INSPECTION)."""

import datetime as dt
from typing import Literal

from ninja import Field, Query, Router, Schema
from ninja import Status as Answer

from dangvu.accounts.models import Capability
from dangvu.core.errors import field_error
from dangvu.inspection.models import Form, Mode
from dangvu.inspection.selectors import visible_disciplines, visible_inspections
from dangvu.inspection.services import discipline_record, inspection_record

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
from .records import _one

router = Router(tags=["inspection"])


class InspectionOut(Schema):
    id: int
    kind: str
    kind_label: str
    mode: str
    subject_org: str | None
    subject_member: int | None
    subject_label: str
    conducted_by: str
    start_date: dt.date
    end_date: dt.date | None
    content: str
    conclusion: str
    violations_found: bool
    violation_date: dt.date | None


InspectionKind = Literal["inspection", "supervision"]  # not the enum: its name clashes with organizations.Kind


class InspectionIn(In):
    kind: InspectionKind
    mode: Mode | Literal[""] = ""
    conducted_by: str = Field(..., max_length=40, description="mã tổ chức tiến hành")
    subject_org: str | None = Field(None, max_length=40, description="mã tổ chức được kiểm tra; hoặc subject_member")
    subject_member: int | None = Field(None, ge=1, le=2**53, description="id đảng viên được kiểm tra")
    start_date: Day
    end_date: Day | None = None
    content: str = Field(..., max_length=5000)
    conclusion: str = Field("", max_length=5000)
    violations_found: bool = False
    violation_date: Day | None = None


class DisciplineOut(Schema):
    id: int
    form: str
    form_label: str
    subject_org: str | None
    subject_member: int | None
    subject_label: str
    standing: str
    decided_by: str
    decision_no: str
    decision_date: dt.date
    violation_date: dt.date
    reason: str
    inspection: int | None


class DisciplineIn(In):
    form: Form
    decided_by: str = Field(..., max_length=40, description="mã tổ chức quyết định kỷ luật")
    subject_org: str | None = Field(None, max_length=40)
    subject_member: int | None = Field(None, ge=1, le=2**53)
    decision_no: str = Field(..., max_length=80)
    decision_date: Day
    violation_date: Day
    reason: str = Field("", max_length=5000)
    inspection: int | None = Field(None, ge=1, le=2**53, description="id cuộc kiểm tra dẫn đến kỷ luật")


def _subject_label(x) -> str:
    return x.subject_member.full_name if x.subject_member_id else x.subject_org.name


def inspection_out(i) -> dict:
    return {
        "id": i.pk, "kind": i.kind, "kind_label": i.get_kind_display(), "mode": i.mode,
        "subject_org": code_of(i.subject_org), "subject_member": i.subject_member_id,
        "subject_label": _subject_label(i),
        "conducted_by": i.conducted_by.code, "start_date": i.start_date, "end_date": i.end_date, "content": i.content,
        "conclusion": i.conclusion, "violations_found": i.violations_found, "violation_date": i.violation_date,
    }  # fmt: skip


def discipline_out(d) -> dict:
    return {
        "id": d.pk, "form": d.form, "form_label": d.get_form_display(), "subject_org": code_of(d.subject_org),
        "subject_member": d.subject_member_id, "subject_label": _subject_label(d), "standing": d.standing,
        "decided_by": d.decided_by.code, "decision_no": d.decision_no, "decision_date": d.decision_date,
        "violation_date": d.violation_date, "reason": d.reason, "inspection": d.inspection_id,
    }  # fmt: skip


class InspectionQuery(RangeQuery):
    kind: InspectionKind | None = None


@router.get("/inspections", response=responses(200, page_of(InspectionOut, "InspectionPage"), 404))
def inspection_list(request, filters: Query[InspectionQuery]):
    """Inspections and supervisions conducted in, or of a unit or member of, the caller's subtree;
    `start`/`end` on the start date, `org` on the conducting organization."""
    scope = scope_of(request)
    qs = visible_inspections(scope.root)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    qs = in_range(qs, filters, scope=scope, date_field="start_date", org_field_name="conducted_by")
    return paginate(qs.order_by("-start_date", "-id"), filters, inspection_out)


@router.get("/inspections/{inspection_id}", response=responses(200, InspectionOut, 404))
def inspection_detail(request, inspection_id: RecordId):
    return inspection_out(_one(visible_inspections(scope_of(request).root), inspection_id))


@router.post("/inspections", response=responses(201, InspectionOut, 403))
def inspection_post(request, payload: InspectionIn):
    scope = scope_of(request)
    scope.require(Capability.EDIT_INSPECTION)
    data = payload.dict()
    data.update(
        conducted_by=org_field(scope, "conducted_by", payload.conducted_by),
        subject_org=org_field(scope, "subject_org", payload.subject_org, required=False),
        subject_member=member_field(scope, "subject_member", payload.subject_member, required=False),
    )
    return Answer(201, inspection_out(inspection_record(actor=actor(request), **data)))


@router.get("/disciplines", response=responses(200, page_of(DisciplineOut, "DisciplinePage"), 404))
def discipline_list(request, filters: Query[RangeQuery]):
    """Discipline decisions taken in, or of a unit or member of, the caller's subtree; `start`/`end`
    on the decision date, `org` on the deciding organization."""
    scope = scope_of(request)
    qs = in_range(visible_disciplines(scope.root), filters, scope=scope, date_field="decision_date",
                  org_field_name="decided_by")  # fmt: skip
    return paginate(qs.order_by("-decision_date", "-id"), filters, discipline_out)


@router.get("/disciplines/{discipline_id}", response=responses(200, DisciplineOut, 404))
def discipline_detail(request, discipline_id: RecordId):
    return discipline_out(_one(visible_disciplines(scope_of(request).root), discipline_id))


@router.post("/disciplines", response=responses(201, DisciplineOut, 403))
def discipline_post(request, payload: DisciplineIn):
    """A khai trừ also records the member's expulsion, as in the web form."""
    scope = scope_of(request)
    scope.require(Capability.EDIT_INSPECTION)
    inspection = None
    if payload.inspection is not None:
        inspection = visible_inspections(scope.root).filter(pk=payload.inspection).first()
        if inspection is None:
            raise field_error("inspection", f"Không có cuộc kiểm tra id {payload.inspection} trong phạm vi của bạn.")
    data = payload.dict()
    data.update(
        decided_by=org_field(scope, "decided_by", payload.decided_by),
        subject_org=org_field(scope, "subject_org", payload.subject_org, required=False),
        subject_member=member_field(scope, "subject_member", payload.subject_member, required=False),
        inspection=inspection,
    )
    return Answer(201, discipline_out(discipline_record(actor=actor(request), **data)))
