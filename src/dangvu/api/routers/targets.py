"""/targets: the targets (chỉ tiêu) of the units of the caller's scope, set through
targets.services.target_set."""

from decimal import Decimal

from ninja import Field, Query, Router, Schema

from dangvu.accounts.models import Capability
from dangvu.core.errors import field_error
from dangvu.organizations.selectors import ancestors
from dangvu.targets.selectors import visible_targets
from dangvu.targets.services import target_set

from ..auth import actor
from ..errors import responses
from .common import In, PageQuery, code_of, org_field, org_in_scope, page_of, paginate, scope_of

router = Router(tags=["targets"])


class TargetOut(Schema):
    id: int
    org: str
    indicator_key: str
    year: int
    value: float
    assigned_by: str = Field(..., description="mã đơn vị giao chỉ tiêu (chính đơn vị: kế hoạch của mình)")
    note: str


TargetPage = page_of(TargetOut, "TargetPage")


class TargetQuery(PageQuery):
    org: str | None = Field(None, max_length=40, description="mã đơn vị (chỉ tiêu của chính đơn vị này)")
    year: int | None = Field(None, ge=1930, le=9999)
    indicator_key: str | None = Field(None, max_length=80)


class TargetIn(In):
    org: str = Field(..., max_length=40)
    indicator_key: str = Field(..., max_length=80, description="khóa chỉ số, ví dụ members.admitted")
    year: int = Field(..., ge=1930, le=9999)
    value: Decimal = Field(..., ge=0, le=Decimal("99999999999999"), max_digits=16, decimal_places=2)
    assigned_by: str | None = Field(None, max_length=40, description="mã đơn vị giao; mặc định chính đơn vị")
    note: str = Field("", max_length=2000)


def target_out(t) -> dict:
    return {
        "id": t.pk, "org": t.org.code, "indicator_key": t.indicator_key, "year": t.year, "value": float(t.value),
        "assigned_by": code_of(t.assigned_by), "note": t.note,
    }  # fmt: skip


@router.get("/targets", response=responses(200, TargetPage, 404), summary="Danh sách chỉ tiêu")
def target_list(request, filters: Query[TargetQuery]):
    scope = scope_of(request)
    qs = visible_targets(scope.root).select_related("org", "assigned_by")
    if filters.org:
        qs = qs.filter(org=org_in_scope(scope, filters.org))
    if filters.year:
        qs = qs.filter(year=filters.year)
    if filters.indicator_key:
        qs = qs.filter(indicator_key=filters.indicator_key)
    return paginate(qs.order_by("year", "org__path", "indicator_key", "id"), filters, target_out)


@router.put("/targets", response=responses(200, TargetOut, 403), summary="Đặt chỉ tiêu")
def target_put(request, payload: TargetIn):
    """Set (create or replace) a unit's target for an indicator and year. The assigning unit is
    the unit itself (its own plan) or one of its superiors, which may be above the caller's
    scope (the city assigns the district's targets)."""
    scope = scope_of(request)
    scope.require(Capability.EDIT_RECORDS)
    org = org_field(scope, "org", payload.org)
    assigned_by = None
    if payload.assigned_by:
        code = payload.assigned_by.strip().upper()
        line = [*ancestors(org), org]
        assigned_by = next((o for o in line if o.code == code), None)
        if assigned_by is None:
            raise field_error(
                "assigned_by",
                f"“{code}” không phải {org.name} hay một cấp trên của đơn vị; chỉ tiêu do chính đơn vị "
                "hoặc một cấp trên giao.",
            )
    target = target_set(
        actor=actor(request), org=org, indicator_key=payload.indicator_key, year=payload.year, value=payload.value,
        assigned_by=assigned_by, note=payload.note,
    )  # fmt: skip
    return target_out(target)
