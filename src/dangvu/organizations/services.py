"""Writes to the organization tree. Each restructuring happens on a date and keeps history:
the positions before the date stay as `OrgPeriod` rows, so reports of earlier years are unchanged.

Every service validates first, runs in one transaction, and is attributed to `actor` in the audit.
"""

import datetime as dt

from django.db import transaction

from dangvu.core.audit import acting_as
from dangvu.core.closing import require_open
from dangvu.core.dates import format_date
from dangvu.core.errors import fail
from dangvu.core.text import clean, search_key

from . import eras, signals
from .models import Organization, OrgPeriod, root_id_of


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
    # a new unit counts among its superior's units from that day: not in a year the superior has closed
    require_open(org=parent, day=founded_on, field="founded_on")
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
    # the unit's figures leave one subtree and join another on that day: both years must be open
    require_open(org=org, day=on, field="on")
    require_open(org=new_parent, day=on, field="on")

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
    signals.positions_changed.send(
        sender=Organization, units=[p.org_id for p in open_periods], on=on, old_prefix=old_prefix, new_prefix=new_prefix
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
    if root_id_of(old_prefix) != root_id_of(new_prefix):
        signals.moved_to_another_root.send(
            sender=Organization, units=[unit.pk for unit in subtree], root_id=root_id_of(new_prefix)
        )
    org.refresh_from_db()
    return org
