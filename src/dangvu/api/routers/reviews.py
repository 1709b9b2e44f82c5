"""/review-results: the annual review's results of organizations and members in the caller's
scope; an organization's class recorded through reviews.services.org_result_record (self-
assessment and proposal need EDIT_MEMBERS, a decision needs the deciding committee's
RESTRUCTURE, as in the web). Members' classes are entered a whole organization at a time in
the web or its Excel upload, not one by one here."""

import datetime as dt
from decimal import Decimal

from ninja import Field, Query, Router, Schema

from dangvu.accounts.models import Capability
from dangvu.core.errors import field_error
from dangvu.reviews.models import MemberResult, OrgResult, Stage
from dangvu.reviews.selectors import visible_cycles
from dangvu.reviews.services import org_result_record

from ..auth import actor
from ..errors import responses
from .common import In, PageQuery, org_field, org_in_scope, page_of, paginate, scope_of

router = Router(tags=["reviews"])


class OrgResultOut(Schema):
    id: int
    year: int
    rulebook: str = Field(..., description="bộ quy tắc của năm (hd27_2014, qd132_2018 …)")
    committee: str
    org: str
    org_name: str
    self_class: str
    proposed_class: str
    decided_class: str
    points: float | None
    exemplary: bool
    override_reason: str
    decided_at: dt.datetime | None


class MemberResultOut(Schema):
    id: int
    year: int
    rulebook: str
    member: int
    full_name: str
    org: str
    self_class: str
    proposed_class: str
    decided_class: str
    not_rated_reason: str


class ResultQuery(PageQuery):
    year: int | None = Field(None, ge=1930, le=9999)
    org: str | None = Field(None, max_length=40, description="mã đơn vị: kết quả trong cây đơn vị này")


class MemberResultQuery(ResultQuery):
    member: int | None = Field(None, ge=1, le=2**53)


class OrgResultIn(In):
    year: int = Field(..., ge=1930, le=9999)
    org: str = Field(..., max_length=40, description="mã tổ chức cơ sở đảng (hoặc chi bộ trực thuộc)")
    stage: Stage
    cls: str = Field(..., max_length=20, description="mã mức xếp loại của bộ quy tắc năm đó")
    points: Decimal | None = Field(None, ge=0, le=100, max_digits=5, decimal_places=2)
    exemplary: bool = False
    disunity: bool | None = None
    members_disciplined_corruption: int | None = Field(None, ge=0, le=1_000_000)
    targets_met_percent: Decimal | None = Field(None, ge=0, le=100, max_digits=5, decimal_places=2)
    leadership_disciplined: bool | None = None
    override_reason: str = Field("", max_length=5000)


def org_result_out(r: OrgResult) -> dict:
    return {
        "id": r.pk, "year": r.cycle.year, "rulebook": r.cycle.rulebook, "committee": r.cycle.committee.code,
        "org": r.org.code, "org_name": r.org.name, "self_class": r.self_class, "proposed_class": r.proposed_class,
        "decided_class": r.decided_class, "points": float(r.points) if r.points is not None else None,
        "exemplary": r.exemplary, "override_reason": r.override_reason, "decided_at": r.decided_at,
    }  # fmt: skip


def member_result_out(r: MemberResult) -> dict:
    return {
        "id": r.pk, "year": r.cycle.year, "rulebook": r.cycle.rulebook, "member": r.member_id,
        "full_name": r.member.full_name, "org": r.org.code, "self_class": r.self_class,
        "proposed_class": r.proposed_class, "decided_class": r.decided_class, "not_rated_reason": r.not_rated_reason,
    }  # fmt: skip


def _scoped(qs, scope, filters):
    if scope.root is None:
        return qs.none()
    qs = qs.filter(org__path__startswith=scope.root.path)
    if filters.org:
        qs = qs.filter(org__path__startswith=org_in_scope(scope, filters.org).path)
    if filters.year:
        qs = qs.filter(cycle__year=filters.year)
    return qs


@router.get("/review-results/orgs", response=responses(200, page_of(OrgResultOut, "OrgResultPage"), 404))
def org_result_list(request, filters: Query[ResultQuery]):
    scope = scope_of(request)
    qs = _scoped(OrgResult.objects.select_related("cycle", "cycle__committee", "org"), scope, filters)
    return paginate(qs.order_by("-cycle__year", "org__path", "id"), filters, org_result_out)


@router.get("/review-results/members", response=responses(200, page_of(MemberResultOut, "MemberResultPage"), 404))
def member_result_list(request, filters: Query[MemberResultQuery]):
    scope = scope_of(request)
    qs = _scoped(MemberResult.objects.select_related("cycle", "member", "org"), scope, filters)
    if filters.member:
        qs = qs.filter(member_id=filters.member)
    return paginate(qs.order_by("-cycle__year", "org__path", "member__sort_key", "id"), filters, member_result_out)


@router.post("/review-results/orgs", response=responses(200, OrgResultOut, 403))
def org_result_post(request, payload: OrgResultIn):
    """Record an organization's class at a stage, in the open review cycle of `year` that covers
    it. A proposal or decision breaking a rule of the year's rulebook is refused with the rule's
    message and source, unless it is a decision with `override_reason`."""
    scope = scope_of(request)
    scope.require(Capability.RESTRUCTURE if payload.stage == Stage.DECISION else Capability.EDIT_MEMBERS)
    org = org_field(scope, "org", payload.org)
    cycles = [c for c in visible_cycles(scope.root).filter(year=payload.year) if org.path.startswith(c.committee.path)]
    if not cycles:
        raise field_error("year", f"Chưa có đợt đánh giá, xếp loại năm {payload.year} nào bao gồm {org.name}.")
    cycle = max(cycles, key=lambda c: len(c.committee.path))  # the nearest committee's
    data = payload.dict(exclude={"year", "org"})
    result = org_result_record(actor=actor(request), cycle=cycle, org=org, **data)
    result = OrgResult.objects.select_related("cycle", "cycle__committee", "org").get(pk=result.pk)
    return org_result_out(result)
