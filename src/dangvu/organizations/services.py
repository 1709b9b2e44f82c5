"""Writes to the organization tree. Each restructuring happens on a date and keeps history:
the positions before the date stay as `OrgPeriod` rows, so reports of earlier years are unchanged.

Every service validates first, runs in one transaction, and is attributed to `actor` in the audit.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q

from dangvu.core.audit import acting_as
from dangvu.core.dates import format_date
from dangvu.core.errors import fail
from dangvu.core.text import clean, search_key

from . import eras
from .models import Organization, OrgPeriod


def check_date(field_name: str, day, label: str = "Ngày"):
    if not isinstance(day, dt.date):
        fail(field_name, f"{label} không hợp lệ; nhập theo dạng ngày/tháng/năm, ví dụ 31/12/2016.")
    if day > dt.date.today():
        fail(field_name, f"{label} {format_date(day)} ở tương lai; hãy nhập ngày đã diễn ra.")


def check_parent(level, parent: Organization | None, day: dt.date, field_name: str = "parent"):
    # The rule of the day the unit takes its place: a cell may sit under a ward committee from
    # 1/7/2025, never under a district before (eras.py).
    why = eras.refusal(level, parent.level if parent else None, day)
    if why:
        fail(field_name, why + (f" ({parent.name})" if parent else ""))
    if parent and not parent.is_active_on(day):
        fail(field_name, f"{parent.name} không còn hoạt động vào ngày {format_date(day)}.")


def _open_period(org: Organization, parent, path: str, day: dt.date, decision: str = "") -> OrgPeriod:
    return OrgPeriod.objects.create(org=org, parent=parent, path=path, valid_from=day, decision=decision)


@transaction.atomic
def org_found(
    *,
    actor,
    code: str,
    name: str,
    kind: str,
    level: str,
    parent: Organization | None,
    founded_on: dt.date,
    decision: str = "",
    short_name: str = "",
) -> Organization:
    """Found an organization under `parent` on `founded_on`. The code must be new."""
    code = clean(code).upper()
    name = clean(name)
    if not code:
        fail("code", "Hãy nhập mã tổ chức.")
    if not name:
        fail("name", "Hãy nhập tên tổ chức.")
    if Organization.objects.filter(code=code).exists():
        fail("code", f"Mã {code} đã được dùng cho tổ chức khác; hãy chọn mã khác.")
    check_date("founded_on", founded_on, "Ngày thành lập")
    check_parent(level, parent, founded_on)
    with acting_as(actor):
        org = Organization(
            code=code,
            name=name,
            short_name=clean(short_name),
            kind=kind,
            level=level,
            parent=parent,
            founded_on=founded_on,
            founding_decision=clean(decision),
            name_key=search_key(name),
            path="",
            depth=(parent.depth + 1) if parent else 0,
        )
        org.save()
        org.path = f"{parent.path if parent else '/'}{org.pk}/"
        org.save(update_fields=["path"])
    _open_period(org, parent, org.path, founded_on, clean(decision))
    return org


@transaction.atomic
def org_update(*, actor, org: Organization, name: str, short_name: str = "", kind: str | None = None) -> Organization:
    """Rename or re-classify an organization (not a restructuring: no date, the audit keeps the old values)."""
    name = clean(name)
    if not name:
        fail("name", "Hãy nhập tên tổ chức.")
    with acting_as(actor):
        org.name = name
        org.short_name = clean(short_name)
        org.name_key = search_key(name)
        if kind:
            org.kind = kind
        org.save()
    return org


def _current_period(org: Organization) -> OrgPeriod:
    return org.periods.get(valid_to__isnull=True)


@transaction.atomic
def org_move(*, actor, org: Organization, new_parent: Organization, on: dt.date, decision: str = "") -> Organization:
    """Move `org` (with its whole subtree and their members) under `new_parent` from `on`."""
    org = Organization.objects.select_for_update().get(pk=org.pk)
    check_date("on", on, "Ngày điều chỉnh")
    if not org.is_active_on(on):
        fail("org", f"{org.name} không còn hoạt động vào ngày {format_date(on)}.")
    if new_parent.path.startswith(org.path):
        fail("new_parent", "Không thể chuyển một tổ chức vào dưới chính nó hoặc tổ chức cấp dưới của nó.")
    if new_parent.pk == org.parent_id:
        fail("new_parent", f"{org.name} đã trực thuộc {new_parent.name}.")
    check_parent(org.level, new_parent, on, "new_parent")

    old_prefix, new_prefix = org.path, f"{new_parent.path}{org.pk}/"
    # Every unit of the subtree, locked in one order: a move of a unit below (or of this one) in
    # another transaction waits, and is then seen as it was committed — two moves at once could
    # otherwise each close the same open period and open one of their own.
    list(Organization.objects.select_for_update().filter(path__startswith=old_prefix).order_by("pk").values("pk"))
    open_periods = list(OrgPeriod.objects.filter(path__startswith=old_prefix, valid_to__isnull=True))
    latest = max(p.valid_from for p in open_periods)
    if on <= latest:
        fail("on", f"Ngày điều chỉnh phải sau lần thay đổi gần nhất ({format_date(latest)}).")
    for period in open_periods:
        period.valid_to = on
    OrgPeriod.objects.bulk_update(open_periods, ["valid_to"])
    OrgPeriod.objects.bulk_create(
        OrgPeriod(
            org_id=p.org_id,
            parent=new_parent if p.org_id == org.pk else p.parent,
            path=new_prefix + p.path[len(old_prefix) :],
            valid_from=on,
            decision=clean(decision) if p.org_id == org.pk else "",
        )
        for p in open_periods
    )
    depth_shift = new_parent.depth + 1 - org.depth
    with acting_as(actor):
        org.parent = new_parent
        org.save(update_fields=["parent"])
    subtree = list(Organization.objects.filter(path__startswith=old_prefix))
    for unit in subtree:
        unit.path = new_prefix + unit.path[len(old_prefix) :]
        unit.depth += depth_shift
    Organization.objects.bulk_update(subtree, ["path", "depth"])
    org.refresh_from_db()
    return org


@transaction.atomic
def org_dissolve(
    *, actor, org: Organization, on: dt.date, decision: str = "", merged_into: Organization | None = None
) -> Organization:
    """End an organization on `on`. Its sub-units and members must have been moved or ended first."""
    from dangvu.members.selectors import member_count_on

    org = Organization.objects.select_for_update().get(pk=org.pk)
    check_date("on", on, "Ngày giải thể")
    if not org.is_active_on(on):
        fail("on", f"{org.name} không hoạt động vào ngày {format_date(on)}.")
    period = _current_period(org)
    if on <= period.valid_from:
        fail("on", f"Ngày giải thể phải sau lần thay đổi gần nhất ({format_date(period.valid_from)}).")
    active_children = org.children.filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=on))
    if active_children.exists():
        names = ", ".join(c.name for c in active_children[:3])
        fail("org", f"{org.name} còn tổ chức trực thuộc ({names}…); hãy chuyển hoặc giải thể trước.")
    remaining = member_count_on(org, on, include_subtree=False)
    if remaining:
        fail("org", f"{org.name} còn {remaining} đảng viên; hãy chuyển sinh hoạt đảng cho họ trước.")
    period.valid_to = on
    period.save(update_fields=["valid_to"])
    with acting_as(actor):
        org.dissolved_on = on
        org.merged_into = merged_into
        org.dissolution_decision = clean(decision)
        org.save(update_fields=["dissolved_on", "merged_into", "dissolution_decision"])
    return org


@transaction.atomic
def org_merge(*, actor, source: Organization, target: Organization, on: dt.date, decision: str = "") -> Organization:
    """Merge `source` into `target` on `on`: its sub-units go under `target`, its members move to
    `target` (each with a dated event), and `source` ends, pointing at `target`."""
    from dangvu.members.services import members_move_with_unit

    if source.pk == target.pk:
        fail("target", "Không thể sáp nhập một tổ chức vào chính nó.")
    if target.path.startswith(source.path):
        fail("target", "Không thể sáp nhập vào tổ chức cấp dưới của chính nó.")
    if not target.is_active_on(on):
        fail("target", f"{target.name} không hoạt động vào ngày {format_date(on)}.")
    for child in source.children.filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=on)):
        org_move(actor=actor, org=child, new_parent=target, on=on, decision=decision)
    members_move_with_unit(actor=actor, source=source, target=target, on=on, decision=decision)
    return org_dissolve(actor=actor, org=source, on=on, decision=decision, merged_into=target)


@dataclass
class SplitPart:
    """One organization that a split creates, with the members and sub-units it takes."""

    code: str
    name: str
    kind: str
    level: str
    member_ids: list[int] = field(default_factory=list)
    child_ids: list[int] = field(default_factory=list)


@transaction.atomic
def org_split(
    *, actor, source: Organization, parts: list[SplitPart], on: dt.date, decision: str = "", dissolve_source=True
) -> list[Organization]:
    """Split `source` on `on` into new organizations under the same superior. Each part takes the
    members and sub-units listed for it; with `dissolve_source` everything must be handed out."""
    from dangvu.members.services import members_move_with_unit

    if not parts:
        fail("parts", "Hãy khai báo ít nhất một tổ chức mới.")
    created = []
    for part in parts:
        new = org_found(
            actor=actor,
            code=part.code,
            name=part.name,
            kind=part.kind,
            level=part.level,
            parent=source.parent,
            founded_on=on,
            decision=decision,
        )
        for child in source.children.filter(pk__in=part.child_ids):
            org_move(actor=actor, org=child, new_parent=new, on=on, decision=decision)
        members_move_with_unit(
            actor=actor, source=source, target=new, on=on, decision=decision, member_ids=part.member_ids
        )
        created.append(new)
    if dissolve_source:
        org_dissolve(actor=actor, org=source, on=on, decision=decision)
    return created
