"""The restructures that move members: merge, split and dissolve a unit on a date. Each one
moves the unit's members with a dated event (members.services.members_move_with_unit) and checks
that none is left behind, so it stands on the members floor, above the tree it reshapes
(ARCHITECTURE.md); founding and moving a unit with its whole subtree stay in organizations.services.

Every service validates first, runs in one transaction, and is attributed to `actor` in the audit.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q

from dangvu.core.audit import acting_as
from dangvu.core.closing import require_open
from dangvu.core.dates import format_date
from dangvu.core.errors import fail
from dangvu.core.text import clean
from dangvu.organizations.models import Lineage, Organization, Reorganization
from dangvu.organizations.services import check_date, org_found, org_move

from .models import MemberPeriod
from .selectors import member_count_on
from .services import members_move_with_unit


@transaction.atomic
def org_dissolve(
    *, actor, org: Organization, on: dt.date, decision: str = "", merged_into: Organization | None = None
) -> Organization:
    """End an organization on `on`. Its sub-units and members must have been moved or ended first."""
    org = Organization.objects.select_for_update().get(pk=org.pk)
    check_date("on", on, "Ngày giải thể")
    if not org.is_active_on(on):
        fail("on", f"{org.name} không hoạt động vào ngày {format_date(on)}.")
    require_open(org=org, day=on, field="on")  # an ended unit leaves the year's unit counts
    period = org.periods.get(valid_to__isnull=True)  # the unit's open place in the tree
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
    if source.pk == target.pk:
        fail("target", "Không thể sáp nhập một tổ chức vào chính nó.")
    if target.path.startswith(source.path):
        fail("target", "Không thể sáp nhập vào tổ chức cấp dưới của chính nó.")
    if not target.is_active_on(on):
        fail("target", f"{target.name} không hoạt động vào ngày {format_date(on)}.")
    # refused whole, before any sub-unit or member is moved, when either side's year is closed
    require_open(org=source, day=on, field="on")
    require_open(org=target, day=on, field="on")
    children = list(source.children.filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=on)))
    for child in children:
        org_move(actor=actor, org=child, new_parent=target, on=on, decision=decision)
    member_ids = _members_of(source, on)
    members_move_with_unit(actor=actor, source=source, target=target, on=on, decision=decision, member_ids=member_ids)
    _lineage(actor, source, [(target, [c.pk for c in children], member_ids)], on, decision)
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
    if not parts:
        fail("parts", "Hãy khai báo ít nhất một tổ chức mới.")
    require_open(org=source, day=on, field="on")  # refused whole, before the first part is founded
    created, passed = [], []
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
        children = list(source.children.filter(pk__in=part.child_ids))
        for child in children:
            org_move(actor=actor, org=child, new_parent=new, on=on, decision=decision)
        member_ids = _members_of(source, on, part.member_ids)
        members_move_with_unit(actor=actor, source=source, target=new, on=on, decision=decision, member_ids=member_ids)
        created.append(new)
        passed.append((new, [c.pk for c in children], member_ids))
    _lineage(actor, source, passed, on, decision)
    if dissolve_source:
        org_dissolve(actor=actor, org=source, on=on, decision=decision)
    return created


def _members_of(source: Organization, on: dt.date, among=None) -> list[int]:
    """Ids of the members in `source` on `on` (of `among`, when given): those a restructure moves."""
    periods = MemberPeriod.objects.filter(org=source, valid_from__lte=on, valid_to__isnull=True)
    if among is not None:
        periods = periods.filter(member_id__in=among)
    return sorted(periods.values_list("member_id", flat=True))


def _lineage(actor, source: Organization, passed: list, on: dt.date, decision: str) -> None:
    """What `source` passed to each successor, as a reorganization records it (Lineage), so a unit
    a merge enlarges or a split founds counts the records it received in today's boundaries
    (organizations/lineage.py). The decision, when numbered, is recorded once for the report's
    sentence naming the predecessors."""
    with acting_as(actor):
        reorg = Reorganization.objects.create(decision=clean(decision), on=on) if clean(decision) else None
        for target, unit_ids, member_ids in passed:  # one create each: bulk_create skips the audit
            Lineage.objects.create(
                reorganization=reorg, predecessor=source, successor=target, on=on,
                unit_ids=sorted(unit_ids), member_ids=sorted(member_ids),
            )  # fmt: skip
