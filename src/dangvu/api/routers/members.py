"""/members: the member registry of the caller's scope, admissions, identity corrections and
lifecycle events — through members.services, so that the checks and messages are the web's."""

import datetime as dt
from typing import Literal

from ninja import Field, Query, Router, Schema
from ninja import Status as Answer

from dangvu.accounts.models import Capability
from dangvu.core.downloads import download_log
from dangvu.members import selectors, services
from dangvu.members.models import IN_PARTY_STATUSES, EventKind, Member, MemberEvent, Status

from ..auth import actor
from ..errors import responses
from .common import (
    Day,
    In,
    MemberId,
    PageQuery,
    code_of,
    org_field,
    org_in_scope,
    page_of,
    paginate,
    scope_of,
)

router = Router(tags=["members"])


class WorkPeriodOut(Schema):
    id: int
    started_on: dt.date = Field(..., description="tháng bắt đầu (ngày 1 của tháng)")
    ended_on: dt.date | None = Field(None, description="tháng kết thúc; null: đến nay")
    work: str = Field(..., description="công việc, chức vụ")
    place: str = Field(..., description="nơi công tác")


class WorkPeriodIn(In):
    id: int | None = Field(None, description="id của dòng đang có để sửa nó; bỏ trống: thêm dòng mới")
    started_on: Day = Field(..., description="tháng bắt đầu (ngày nào trong tháng cũng được)")
    ended_on: Day | None = Field(None, description="tháng kết thúc; null: đến nay")
    work: str = Field(..., max_length=255, description="công việc, chức vụ")
    place: str = Field("", max_length=255, description="nơi công tác")


class MemberOut(Schema):
    id: int
    full_name: str
    usual_name: str
    birth_date: dt.date
    sex: str
    citizen_id: str | None = Field(None, description="chỉ có khi vai trò được xem số CCCD")
    ethnicity: str
    religion: str
    education: str
    qualification: str
    political_theory: str
    occupation: str
    birthplace: str
    hometown: str
    address: str
    phone: str
    alias: str
    temporary_address: str
    academic_title: str
    academic_degree: str
    foreign_languages: str
    it_skills: str
    minority_languages: str
    youth_union_joined_on: dt.date | None
    mass_org_positions: str
    health: str
    work_history: list[WorkPeriodOut] = Field(..., description="quá trình công tác, theo thứ tự")
    party_card_no: str | None
    admitted_on: dt.date
    admission_decision: str
    recognized_on: dt.date | None
    status: str
    status_label: str
    activity: str
    org: str | None = Field(None, description="mã chi bộ hiện nay (hoặc chi bộ cuối cùng)")
    org_name: str | None


MemberPage = page_of(MemberOut, "MemberPage")


class MemberQuery(PageQuery):
    org: str | None = Field(None, max_length=40, description="mã đơn vị: đảng viên trong cây đơn vị này")
    status: Status | Literal["in_party"] | None = Field(None, description="tình trạng; in_party = dự bị và chính thức")
    q: str = Field("", max_length=120, description="tên (không cần dấu), số thẻ đảng hoặc số CCCD")


class Identity(In):
    full_name: str | None = Field(None, max_length=120)
    usual_name: str | None = Field(None, max_length=120)
    birth_date: Day | None = None
    sex: Literal["M", "F"] | None = Field(None, description="M = Nam, F = Nữ")
    citizen_id: str | None = Field(None, max_length=20)
    ethnicity: str | None = Field(None, max_length=40)
    religion: str | None = Field(None, max_length=40)
    education: str | None = Field(None, max_length=20)
    qualification: str | None = Field(None, max_length=120)
    political_theory: str | None = Field(None, max_length=40)
    occupation: str | None = Field(None, max_length=120)
    birthplace: str | None = Field(None, max_length=200)
    hometown: str | None = Field(None, max_length=200)
    address: str | None = Field(None, max_length=255)
    phone: str | None = Field(None, max_length=20)
    party_card_no: str | None = Field(None, max_length=20)
    alias: str | None = Field(None, max_length=120)
    temporary_address: str | None = Field(None, max_length=255)
    academic_title: str | None = Field(None, max_length=40)
    academic_degree: str | None = Field(None, max_length=40)
    foreign_languages: str | None = Field(None, max_length=120)
    it_skills: str | None = Field(None, max_length=80)
    minority_languages: str | None = Field(None, max_length=80)
    youth_union_joined_on: Day | None = None
    mass_org_positions: str | None = Field(None, max_length=255)
    health: str | None = Field(None, max_length=120)


class MemberPatch(Identity):
    work_history: list[WorkPeriodIn] | None = Field(
        None, max_length=200, description="quá trình công tác mới, thay cho cả danh sách cũ; bỏ qua: giữ nguyên"
    )


class AdmissionIn(Identity):
    org: str = Field(..., max_length=40, description="mã chi bộ kết nạp")
    admitted_on: Day = Field(..., description="ngày kết nạp (ngày quyết định)")
    decision_no: str = Field(..., max_length=80, description="số quyết định kết nạp, ví dụ 125-QĐ/QU")
    decision_date: Day | None = None
    age_override_reason: str = Field("", max_length=2000)


class EventOut(Schema):
    id: int
    kind: str
    kind_label: str
    date: dt.date
    decision_no: str
    decision_date: dt.date | None
    org: str | None
    to_org: str | None
    place: str
    until: dt.date | None
    standing: str
    reason: str


class EventIn(In):
    kind: Literal[tuple(k for k in EventKind.values if k not in ("admitted", "registered"))]  # type: ignore[valid-type]
    date: Day | None = Field(None, description="ngày hiệu lực (không cần với recognized: là ngày hết dự bị)")
    decision_no: str = Field("", max_length=80)
    decision_date: Day | None = None
    to_org: str | None = Field(None, max_length=40, description="mã chi bộ nơi chuyển đến")
    org: str | None = Field(None, max_length=40, description="mã chi bộ sinh hoạt (chuyển đến, kết nạp lại)")
    place: str = Field("", max_length=255)
    until: Day | None = None
    reason: str = Field("", max_length=2000)


def identity_values(payload: Schema, exclude=frozenset()) -> dict:
    """The identity fields sent. A null clears the card number or citizen ID; for the other fields
    (required by the registry) a null means "not sent"."""
    data = payload.dict(exclude_unset=True, exclude=set(exclude))
    # A null date clears it, like the numbers: the Youth Union date is not required.
    nullable = ("citizen_id", "party_card_no", "youth_union_joined_on")
    return {k: v for k, v in data.items() if v is not None or k in nullable}


def member_out(m: Member, show_id: bool) -> dict:
    data = {name: getattr(m, name) for name in MemberOut.model_fields if hasattr(m, name)}
    data.update(
        citizen_id=m.citizen_id if show_id else None,
        status_label=m.get_status_display(),
        org=code_of(m.org),
        org_name=m.org.name if m.org_id else None,
        work_history=[
            {"id": p.pk, "started_on": p.started_on, "ended_on": p.ended_on, "work": p.work, "place": p.place}
            for p in m.work_periods.all()
        ],
    )
    return data


def event_out(e: MemberEvent) -> dict:
    return {
        "id": e.pk, "kind": e.kind, "kind_label": e.get_kind_display(), "date": e.date, "decision_no": e.decision_no,
        "decision_date": e.decision_date, "org": code_of(e.org), "to_org": code_of(e.to_org), "place": e.place,
        "until": e.until, "standing": e.standing, "reason": e.reason,
    }  # fmt: skip


@router.get("/members", response=responses(200, MemberPage, 404), summary="Danh sách đảng viên")
def member_list(request, filters: Query[MemberQuery]):
    """Members of the caller's subtree (by their cell today), in Vietnamese name order."""
    scope = scope_of(request)
    within = org_in_scope(scope, filters.org) if filters.org else scope.root
    qs = scope.members_under(within).select_related("org").prefetch_related("work_periods")
    if filters.status == "in_party":
        qs = qs.filter(status__in=IN_PARTY_STATUSES)
    elif filters.status:
        qs = qs.filter(status=filters.status)
    query = filters.q.strip()
    show_id = scope.can(Capability.VIEW_CITIZEN_ID)
    if query.replace(" ", "").isdigit() and not show_id:
        qs = qs.filter(party_card_no=query.replace(" ", ""))  # no CCCD search without the right to see it
    elif within is not None and not query.replace(" ", "").isdigit():
        qs = selectors.search_within(qs, query, within)  # by name: the index that suits the scope's size
    else:
        qs = selectors.search(qs, query)
    if not qs.query.order_by:  # search gives its own order (by sort key, without walking its index)
        qs = qs.order_by("sort_key", "id")

    def render(member):
        return member_out(member, show_id)

    page = _search_page(qs, filters, render) or paginate(qs, filters, render)
    # Personal data leaving the system: logged like the Excel lists (who, when, filters, rows).
    download_log(
        user=request.auth,
        kind="api_members",
        filters={k: v for k, v in filters.model_dump(mode="json").items() if v not in (None, "")},
        rows=len(page["items"]),
        with_citizen_id=show_id,
    )
    return page


# Up to this many members before the page, a one-word search's page is read by given name; past it
# (a system paging through every "Hùng" of a province) every match is sorted, once a page.
FIRST_IDS_MAX = 5_000


def _search_page(qs, filters: MemberQuery, render) -> dict | None:
    """`paginate`'s page of a one-word search over a tree, its ids read in name order from where
    the order keeps them (members.selectors.first_ids) rather than by sorting every match; None
    where the search offers no such read."""
    end = filters.offset + filters.limit
    ids = selectors.first_ids(qs, end) if end <= FIRST_IDS_MAX else None
    if ids is None:
        return None
    ids = ids[filters.offset :]
    by_id = qs.in_bulk(ids)
    items = [render(by_id[pk]) for pk in ids if pk in by_id]
    return {"count": qs.count(), "limit": filters.limit, "offset": filters.offset, "items": items}


@router.get("/members/{member_id}", response=responses(200, MemberOut, 404), summary="Một đảng viên")
def member_detail(request, member_id: MemberId):
    scope = scope_of(request)
    return member_out(scope.get_member(member_id), scope.can(Capability.VIEW_CITIZEN_ID))


@router.post("/members", response=responses(201, MemberOut, 403), summary="Kết nạp đảng viên")
def member_admit(request, payload: AdmissionIn):
    """Admission of a new probationary member (members.services.member_admit): the same checks
    as the admission form — age 18–60 in months unless a reason is given by a role allowed to
    override, identity unique, an active cell of the caller's scope."""
    scope = scope_of(request)
    scope.require(Capability.EDIT_MEMBERS)
    cell = org_field(scope, "org", payload.org)
    admission_fields = {"admitted_on", "decision_no", "decision_date", "age_override_reason"}
    data = identity_values(payload, exclude={"org", *admission_fields})
    admission = payload.dict(include=admission_fields)
    member = services.member_admit(actor=actor(request), org=cell, **admission, **data)
    return Answer(201, member_out(member, scope.can(Capability.VIEW_CITIZEN_ID)))


@router.patch("/members/{member_id}", response=responses(200, MemberOut, 403, 404), summary="Sửa lý lịch")
def member_update(request, member_id: MemberId, payload: MemberPatch):
    """Correct identity and record-sheet fields (only those sent); `work_history`, when sent,
    replaces the whole work history. The audit keeps the old values."""
    scope = scope_of(request)
    member = scope.get_member(member_id)
    scope.require(Capability.EDIT_MEMBERS)
    data = identity_values(payload, exclude={"work_history"})
    if "citizen_id" in data and not scope.can(Capability.VIEW_CITIZEN_ID):
        data.pop("citizen_id")
    history = None
    if payload.work_history is not None:
        history = [line.dict() for line in payload.work_history]
    member = services.member_update(actor=actor(request), member=member, work_history=history, **data)
    return member_out(member, scope.can(Capability.VIEW_CITIZEN_ID))


@router.get("/members/{member_id}/events", response=responses(200, list[EventOut], 404), summary="Quá trình đảng viên")
def member_events(request, member_id: MemberId):
    member = scope_of(request).get_member(member_id)
    return [event_out(e) for e in selectors.timeline(member)]


@router.post("/members/{member_id}/events", response=responses(201, EventOut, 403, 404), summary="Ghi nhận một sự kiện")
def member_event_create(request, member_id: MemberId, payload: EventIn):
    """Record a lifecycle event (members.services.member_record_event); `recognized` goes
    through member_recognize, which dates it the day probation ends."""
    scope = scope_of(request)
    member = scope.get_member(member_id)
    scope.require(Capability.EDIT_MEMBERS)
    to_org = org_field(scope, "to_org", payload.to_org, required=False)
    org = org_field(scope, "org", payload.org, required=False)
    if payload.kind == EventKind.RECOGNIZED:
        event = services.member_recognize(
            actor=actor(request),
            member=member,
            decision_no=payload.decision_no,
            decision_date=payload.decision_date,
        )
    else:
        event = services.member_record_event(
            actor=actor(request), member=member, kind=payload.kind, date=payload.date, decision_no=payload.decision_no,
            decision_date=payload.decision_date, to_org=to_org, org=org, place=payload.place, until=payload.until,
            reason=payload.reason,
        )  # fmt: skip
    return Answer(201, event_out(event))
