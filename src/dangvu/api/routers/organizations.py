"""/organizations: the units of the caller's scope, today or as the tree stood on a date."""

import datetime as dt

from ninja import Field, Query, Router, Schema

from dangvu.organizations.models import Kind, Level, Organization
from dangvu.organizations.selectors import subtree_periods_on, tree_on

from ..errors import responses
from .common import Day, PageQuery, org_in_scope, page_of, paginate, scope_of

router = Router(tags=["organizations"])


class OrgOut(Schema):
    id: int
    code: str
    name: str
    short_name: str
    kind: str
    kind_label: str
    level: str
    level_label: str
    parent: str | None = Field(None, description="mã đơn vị cấp trên (trong cây của ngày được hỏi)")
    founded_on: dt.date
    dissolved_on: dt.date | None


class TreeNodeOut(OrgOut):
    depth: int = Field(..., description="độ sâu dưới đơn vị gốc (gốc = 0)")


OrgPage = page_of(OrgOut, "OrgPage")


class OrgQuery(PageQuery):
    parent: str | None = Field(None, max_length=40, description="mã đơn vị cấp trên trực tiếp")
    level: Level | None = None
    kind: Kind | None = None
    on: Day | None = Field(None, description="cây tổ chức như tại ngày này (YYYY-MM-DD); mặc định hôm nay")


def org_out(org: Organization, parent_code: str | None) -> dict:
    return {
        "id": org.pk, "code": org.code, "name": org.name, "short_name": org.short_name, "kind": org.kind,
        "kind_label": org.get_kind_display(), "level": org.level, "level_label": org.get_level_display(),
        "parent": parent_code, "founded_on": org.founded_on, "dissolved_on": org.dissolved_on,
    }  # fmt: skip


@router.get("/organizations", response=responses(200, OrgPage), summary="Danh sách tổ chức đảng")
def organization_list(request, filters: Query[OrgQuery]):
    """Units of the caller's subtree. With `on`, the units as the tree stood that day (their
    superior then); otherwise today's tree, dissolved units included."""
    scope = scope_of(request)
    if scope.root is None:
        return paginate(Organization.objects.none(), filters, lambda o: o)
    if filters.on:
        qs = subtree_periods_on(scope.root, filters.on).select_related("org", "parent").order_by("path", "id")
        if filters.parent:
            qs = qs.filter(parent__code=filters.parent.strip().upper())
        if filters.level:
            qs = qs.filter(org__level=filters.level)
        if filters.kind:
            qs = qs.filter(org__kind=filters.kind)
        return paginate(qs, filters, lambda p: org_out(p.org, p.parent.code if p.parent else None))
    qs = scope.orgs().select_related("parent").order_by("path", "id")
    if filters.parent:
        qs = qs.filter(parent__code=filters.parent.strip().upper())
    if filters.level:
        qs = qs.filter(level=filters.level)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    return paginate(qs, filters, lambda o: org_out(o, o.parent.code if o.parent else None))


@router.get("/organizations/{code}", response=responses(200, OrgOut, 404), summary="Một tổ chức đảng")
def organization_detail(request, code: str):
    org = org_in_scope(scope_of(request), code)
    return org_out(org, org.parent.code if org.parent_id else None)


@router.get(
    "/organizations/{code}/tree",
    response=responses(200, list[TreeNodeOut], 404),
    summary="Cây tổ chức tại một ngày",
)
def organization_tree(request, code: str, on: Day | None = None):
    """The unit and every unit under it as the tree stood on `on` (today by default), in display
    order, each with its depth and its superior then. Empty if the unit did not exist that day."""
    org = org_in_scope(scope_of(request), code)
    day = on or dt.date.today()
    rows = tree_on(org, day)
    parents = dict(subtree_periods_on(org, day).values_list("org_id", "parent__code"))
    return [{**org_out(unit, parents.get(unit.pk)), "depth": depth} for unit, depth in rows]
