"""/elections: elections led in, or with an area in, the caller's scope, and their per-area
results, recorded through elections.services (EDIT_RECORDS)."""

import datetime as dt

from ninja import Field, Query, Router, Schema
from ninja import Status as Answer

from dangvu.accounts.models import Capability
from dangvu.elections.selectors import visible_areas, visible_elections
from dangvu.elections.services import election_area_record, election_create

from ..auth import actor
from ..errors import responses
from .common import Day, In, RangeQuery, RecordId, in_range, org_field, page_of, paginate, scope_of
from .records import _one

router = Router(tags=["elections"])


class AreaOut(Schema):
    id: int
    name: str
    org: str
    registered: int
    voted: int
    turnout: float | None = Field(None, description="tỷ lệ cử tri đi bầu (%)")


class ElectionOut(Schema):
    id: int
    name: str
    date: dt.date
    organizer: str
    areas: list[AreaOut] = Field(..., description="kết quả các khu vực trong phạm vi của bạn")


class ElectionIn(In):
    name: str = Field(..., max_length=255)
    date: Day
    organizer: str = Field(..., max_length=40, description="mã tổ chức đảng lãnh đạo")


class AreaIn(In):
    name: str = Field(..., max_length=160)
    org: str = Field(..., max_length=40, description="mã tổ chức đảng của địa bàn")
    registered: int = Field(..., ge=0, le=2**31 - 1)
    voted: int = Field(..., ge=0, le=2**31 - 1)


def area_out(a) -> dict:
    return {"id": a.pk, "name": a.name, "org": a.org.code, "registered": a.registered, "voted": a.voted,
            "turnout": a.turnout}  # fmt: skip


def election_out(e, root) -> dict:
    areas = visible_areas(root).filter(election=e).order_by("name", "id")
    return {"id": e.pk, "name": e.name, "date": e.date, "organizer": e.organizer.code,
            "areas": [area_out(a) for a in areas]}  # fmt: skip


@router.get("/elections", response=responses(200, page_of(ElectionOut, "ElectionPage"), 404))
def election_list(request, filters: Query[RangeQuery]):
    """`start`/`end` on the election day, `org` on the leading organization."""
    scope = scope_of(request)
    qs = in_range(visible_elections(scope.root), filters, scope=scope, date_field="date", org_field_name="organizer")
    return paginate(qs.order_by("-date", "id"), filters, lambda e: election_out(e, scope.root))


@router.get("/elections/{election_id}", response=responses(200, ElectionOut, 404))
def election_detail(request, election_id: RecordId):
    scope = scope_of(request)
    return election_out(_one(visible_elections(scope.root), election_id), scope.root)


@router.post("/elections", response=responses(201, ElectionOut, 403))
def election_post(request, payload: ElectionIn):
    scope = scope_of(request)
    scope.require(Capability.EDIT_RECORDS)
    organizer = org_field(scope, "organizer", payload.organizer)
    election = election_create(actor=actor(request), name=payload.name, date=payload.date, organizer=organizer)
    return Answer(201, election_out(election, scope.root))


@router.post("/elections/{election_id}/areas", response=responses(201, AreaOut, 403, 404))
def election_area_post(request, election_id: RecordId, payload: AreaIn):
    """The result of one area; voters who voted at most those registered."""
    scope = scope_of(request)
    election = _one(visible_elections(scope.root), election_id)
    scope.require(Capability.EDIT_RECORDS)
    area = election_area_record(
        actor=actor(request), election=election, name=payload.name, org=org_field(scope, "org", payload.org),
        registered=payload.registered, voted=payload.voted,
    )  # fmt: skip
    return Answer(201, area_out(area))
