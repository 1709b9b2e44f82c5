"""What every router shares: the caller's scope, pagination, unit and date filters, and the
look-ups of units and members by the identifiers the API uses (unit code, member id), which
answer 404 — or a field error for a unit named in a body — outside the caller's scope."""

import datetime as dt
import re
from typing import Annotated

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404
from ninja import Field, Path, Schema
from pydantic import BeforeValidator, create_model, field_validator, model_validator
from pydantic_core import PydanticCustomError

from dangvu.accounts.scope import Scope
from dangvu.core.errors import field_error
from dangvu.organizations.models import Organization

# Page sizes are settings (DANGVU_API_PAGE_SIZE, DANGVU_API_MAX_PAGE_SIZE), read when the API is
# built: they shape the OpenAPI document's bounds.
PAGE_SIZE = settings.DANGVU_API_PAGE_SIZE
MAX_LIMIT = settings.DANGVU_API_MAX_PAGE_SIZE
# Ids are positive and fit every database's integer.
MemberId = Annotated[int, Path(..., ge=1, le=2**53)]
RecordId = MemberId


def _iso_day(value):
    # Only "YYYY-MM-DD": pydantic would also take 0 or 1.5e9 as a date (Unix time), which no
    # client means and which would hide a wrong field.
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value
    raise PydanticCustomError("date_parsing", "date must be YYYY-MM-DD")


Day = Annotated[dt.date, BeforeValidator(_iso_day)]


class In(Schema):
    """A request's data: a JSON object (not a list, which ninja would otherwise read as an empty
    object). Text with a NUL character is refused as a field error: no database stores it, and
    no form can type it."""

    @model_validator(mode="wrap")
    @classmethod
    def _an_object(cls, data, handler):
        if not isinstance(data, dict) and not isinstance(data, cls) and not hasattr(data, "_obj"):
            raise PydanticCustomError("model_attributes_type", "a JSON object is expected")
        return handler(data)

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul(cls, value):
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("Văn bản chứa ký tự không hợp lệ (NUL); hãy bỏ ký tự đó.")
        return value


class PageQuery(In):
    limit: int = Field(PAGE_SIZE, ge=1, le=MAX_LIMIT, description=f"số bản ghi một trang (1–{MAX_LIMIT})")
    offset: int = Field(0, ge=0, le=10_000_000, description="bỏ qua bao nhiêu bản ghi đầu")


class RangeQuery(PageQuery):
    org: str | None = Field(None, max_length=40, description="mã đơn vị: chỉ bản ghi của cây đơn vị này")
    start: Day | None = Field(None, description="từ ngày (YYYY-MM-DD), kể cả ngày này")
    end: Day | None = Field(None, description="đến ngày (YYYY-MM-DD), kể cả ngày này")


def page_of(item_schema, name: str):
    """The paginated list of `item_schema`: {count, limit, offset, items}."""
    return create_model(
        name,
        __base__=Schema,
        count=(int, Field(..., description="tổng số bản ghi khớp bộ lọc")),
        limit=(int, ...),
        offset=(int, ...),
        items=(list[item_schema], ...),
    )


def paginate(qs: QuerySet, page: PageQuery, render) -> dict:
    items = [render(x) for x in qs[page.offset : page.offset + page.limit]]
    return {"count": qs.count(), "limit": page.limit, "offset": page.offset, "items": items}


def scope_of(request) -> Scope:
    return Scope.of(request.auth)


def org_in_scope(scope: Scope, code: str) -> Organization:
    """A unit of the scope by code (404 otherwise)."""
    code = (code or "").strip().upper()
    if "\x00" in code:
        raise Http404
    return scope.get_org_by_code(code)


def org_field(scope: Scope, field: str, code: str | None, required: bool = True) -> Organization | None:
    """A unit named in a request body: a field error when it is not in the scope, worded the same
    whether it does not exist or belongs to another unit."""
    if not code:
        if required:
            raise field_error(field, "Hãy nhập mã đơn vị, ví dụ HM-DC.", code="required")
        return None
    try:
        return org_in_scope(scope, code)
    except Http404:
        raise field_error(field, f"Không có đơn vị mã “{code}” trong phạm vi của bạn; hãy kiểm tra lại mã.") from None


def member_field(scope: Scope, field: str, pk: int | None, required: bool = True):
    if pk is None:
        if required:
            raise field_error(field, "Hãy nhập mã số (id) đảng viên.", code="required")
        return None
    member = scope.members().filter(pk=pk).first()
    if member is None:
        raise field_error(field, f"Không có đảng viên id {pk} trong phạm vi của bạn; hãy kiểm tra lại.")
    return member


def in_range(qs: QuerySet, query: RangeQuery, *, scope: Scope, date_field: str, org_field_name: str) -> QuerySet:
    """Narrow a scoped list to a unit's subtree (today's tree) and a date range."""
    check_range(query.start, query.end)
    if query.org:
        org = org_in_scope(scope, query.org)
        qs = qs.filter(**{f"{org_field_name}__path__startswith": org.path})
    if query.start:
        qs = qs.filter(**{f"{date_field}__gte": query.start})
    if query.end:
        qs = qs.filter(**{f"{date_field}__lte": query.end})
    return qs


def code_of(org: Organization | None) -> str | None:
    return org.code if org is not None else None


def check_range(start, end):
    if start and end and end < start:
        raise ValidationError({"end": ["Ngày kết thúc trước ngày bắt đầu; hãy kiểm tra lại khoảng ngày."]})
