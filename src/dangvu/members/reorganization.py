"""The reorganization service: a plan (organizations.reorganization.Plan) checked whole and carried
out in one transaction, or with a dry run checked and rolled back.

The service checks the whole plan before writing anything (every sub-unit and member of an ending
unit assigned exactly once, every target active that day and allowed under the rules of that day),
then founds the new units, moves everything, ends the old units and records one decision with its
lineage — in one transaction, audited. It moves members with a dated event each, so it stands on
the members floor, above the tree it reshapes (ARCHITECTURE.md).
"""

import datetime as dt
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from dangvu.core.audit import acting_as
from dangvu.core.closing import require_open
from dangvu.core.dates import format_date
from dangvu.core.text import clean
from dangvu.organizations.models import Lineage, Organization, Reorganization
from dangvu.organizations.reorganization import (
    MEMBER,
    SHEET_ASSIGN,
    UNIT,
    Assignment,
    Item,
    Outcome,
    Plan,
    PlanRefused,
    Problem,
    check_target,
    ending_units,
    parents_first,
    targets_of,
    units_in,
)
from dangvu.organizations.services import org_found, org_move

from .models import Member, MemberPeriod
from .restructure import org_dissolve
from .services import members_move_with_unit


class _DryRun(Exception):
    pass


def org_reorganize(*, actor, plan: Plan, scope_root: Organization | None = None, dry_run: bool = False) -> Outcome:
    """Carry out `plan` in one transaction, or with `dry_run` do everything and roll it back.
    Raises PlanRefused (nothing written) when the plan breaks a rule; a dry run returns the
    problems instead. With `scope_root`, every unit named must stand in that subtree."""
    problems = _check(plan, scope_root)
    if problems:
        if dry_run:
            return Outcome(problems=problems, dry_run=True)
        raise PlanRefused(problems)
    try:
        with transaction.atomic():
            outcome = _apply(actor, plan)
            if dry_run:
                outcome.dry_run = True
                raise _DryRun
    except _DryRun:
        outcome.reorganization = None
    except ValidationError as e:  # a service below refused what the checks let through
        problems = [Problem(m) for m in e.messages]
        if dry_run:
            return Outcome(problems=problems, dry_run=True)
        raise PlanRefused(problems) from e
    return outcome


def items_of(codes: list[str], on: dt.date, scope_root: Organization | None = None) -> list[Item]:
    """The sub-units and members of the units `codes` (in the scope) that a plan ending them on
    `on` must assign, units first, by holder and name: what the page and the template list."""
    ending = {o.code: o for o in units_in(scope_root).filter(code__in=[clean(c).upper() for c in codes])}
    found = _items(ending, on)
    codes_by_pk = dict(
        Organization.objects.filter(pk__in=[k[1] for k in found if k[0] == UNIT]).values_list("pk", "code")
    )
    out = [
        Item(kind, codes_by_pk[pk] if kind == UNIT else f"#{pk}", name, holder)
        for (kind, pk), (holder, name) in found.items()
    ]
    return sorted(out, key=lambda i: (i.item != UNIT, i.holder.name_key, i.name))


def _check(plan: Plan, scope_root: Organization | None) -> list[Problem]:
    out: list[Problem] = []
    on = plan.on
    if not isinstance(on, dt.date):
        return [Problem("Ngày có hiệu lực không hợp lệ; nhập theo dạng ngày/tháng/năm.", column="Ngày")]
    if on > dt.date.today():
        out.append(Problem(f"Ngày {format_date(on)} ở tương lai; hãy nhập ngày đã có hiệu lực.", column="Ngày"))
    if not clean(plan.decision):
        out.append(Problem("Hãy nhập số quyết định sắp xếp.", column="Số quyết định"))
    units = units_in(scope_root)
    ending = ending_units(plan, units, on, out)
    _closed_years(ending.values(), on, out)
    targets = targets_of(plan, units, ending, on, out)
    items = _items(ending, on)
    _assignments(plan, units, ending, items, targets, on, out)
    return out


def _closed_years(ending, on: dt.date, out: list[Problem]) -> None:
    """A plan dated in a year closed over one of its ending units is refused before anything is
    written (core.closing), with the first such unit's refusal: the date is the whole plan's."""
    for org in ending:
        try:
            require_open(org=org, day=on)
        except ValidationError as e:
            out.append(Problem(" ".join(e.messages), column="Ngày"))
            return


def _items(ending: dict, on: dt.date) -> dict:
    """What must be assigned: the active sub-units and members of each ending unit that do not
    themselves end (an ending sub-unit's own contents are listed instead)."""
    ending_ids = {o.pk for o in ending.values()}
    items = {}
    children = Organization.objects.filter(parent_id__in=ending_ids).filter(
        Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=on), founded_on__lt=on
    )
    by_id = {o.pk: o for o in ending.values()}
    for child in children:
        if child.pk not in ending_ids:
            items[(UNIT, child.pk)] = (by_id[child.parent_id], child.name)
    periods = MemberPeriod.objects.filter(org_id__in=ending_ids, valid_from__lt=on, valid_to__isnull=True)
    for member_id, org_id, name in periods.values_list("member_id", "org_id", "member__full_name"):
        items[(MEMBER, member_id)] = (by_id[org_id], name)
    return items


def _assignments(plan, units, ending, items, targets, on, out):
    seen: dict = {}
    for a, key in zip(plan.assignments, resolve_items(plan.assignments, units), strict=True):
        if key is None:
            what = "tổ chức" if a.item == UNIT else "đảng viên"
            out.append(Problem(f"Không tìm thấy {what} “{a.ref}”.", a.row, "Mã", SHEET_ASSIGN))
            continue
        if key not in items:
            out.append(
                Problem(
                    f"“{a.ref}” không thuộc tổ chức nào kết thúc trong quyết định này; chỉ phân công"
                    " tổ chức trực thuộc và đảng viên của các tổ chức kết thúc.",
                    a.row,
                    "Mã",
                    SHEET_ASSIGN,
                )
            )
            continue
        if key in seen:
            first = seen[key].row
            msg = f"“{a.ref}” đã được phân công ở dòng {first}; mỗi mục chỉ ghi một lần."
            out.append(Problem(msg, a.row, "Mã", SHEET_ASSIGN))
            continue
        seen[key] = a
        check_target(a, key, units, ending, targets, on, out)
    for key, (holder, label) in items.items():
        if key not in seen:
            what = "tổ chức trực thuộc" if key[0] == UNIT else "đảng viên"
            out.append(Problem(f"Chưa phân công {what} {label} của {holder.name}; hãy ghi nơi chuyển đến."))


def resolve_items(assignments: list[Assignment], units) -> list:
    """Each assignment's item key ((UNIT, pk) or (MEMBER, pk)), or None when not found: three
    queries for the whole plan, whatever its length (a district's plan lists thousands of members)."""
    refs = [clean(str(a.ref)) for a in assignments]
    codes = {r.upper() for a, r in zip(assignments, refs, strict=True) if a.item == UNIT}
    unit_ids = dict(units.filter(code__in=codes).values_list("code", "pk"))
    member_refs = {r.replace(" ", "") for a, r in zip(assignments, refs, strict=True) if a.item == MEMBER}
    by_ref = {}
    for pk, card, cid in Member.objects.filter(
        Q(party_card_no__in=member_refs) | Q(citizen_id__in=member_refs)
    ).values_list("pk", "party_card_no", "citizen_id"):
        by_ref[card] = by_ref[cid] = pk
    small = {int(r.lstrip("#")) for r in member_refs if r.lstrip("#").isdigit() and len(r) < 9}
    by_pk = set(Member.objects.filter(pk__in=small).values_list("pk", flat=True))
    keys = []
    for a, ref in zip(assignments, refs, strict=True):
        if a.item == UNIT:
            pk = unit_ids.get(ref.upper())
            keys.append((UNIT, pk) if pk else None)
        elif a.item == MEMBER:
            ref = ref.replace(" ", "")
            # "#123" (or a bare short number no card or CCCD matches) is the member's id in Dangvu.
            bare = ref.lstrip("#")
            pk = (None if ref.startswith("#") else by_ref.get(ref)) or (
                int(bare) if bare.isdigit() and len(bare) < 9 and int(bare) in by_pk else None
            )
            keys.append((MEMBER, pk) if pk else None)
        else:
            keys.append(None)
    return keys


def _apply(actor, plan: Plan) -> Outcome:
    on, decision = plan.on, clean(plan.decision)
    codes = [clean(c).upper() for c in plan.dissolve]
    ending = list(Organization.objects.filter(code__in=codes))
    with acting_as(actor):
        reorg = Reorganization.objects.create(decision=decision, on=on, note=clean(plan.note))
    outcome = Outcome(problems=[], reorganization=reorg)
    new_by_code = {}
    for new in parents_first(plan.found):
        parent = new_by_code.get(clean(new.parent).upper()) or Organization.objects.get(code=clean(new.parent).upper())
        org = org_found(
            actor=actor, code=new.code, name=new.name, short_name=new.short_name, kind=new.kind, level=new.level,
            parent=parent, founded_on=on, decision=decision,
        )  # fmt: skip
        new_by_code[org.code] = org
        outcome.founded.append(org)

    def target_of(code):
        code = clean(code).upper()
        if code not in new_by_code:
            new_by_code[code] = Organization.objects.get(code=code)
        return new_by_code[code]

    items = _items({o.code: o for o in ending}, on)
    parts: dict = defaultdict(lambda: {"units": [], "members": []})
    members_by_move: dict = defaultdict(list)
    for a, key in zip(plan.assignments, resolve_items(plan.assignments, Organization.objects.all()), strict=True):
        holder = items[key][0]
        target = target_of(a.target)
        if key[0] == UNIT:
            org_move(actor=actor, org=Organization.objects.get(pk=key[1]), new_parent=target, on=on, decision=decision)
            parts[(holder.pk, target.pk)]["units"].append(key[1])
            outcome.units_moved += 1
        else:
            members_by_move[(holder.pk, target.pk)].append(key[1])
            parts[(holder.pk, target.pk)]["members"].append(key[1])
    holders = {o.pk: o for o in ending}
    for (holder_id, target_id), member_ids in members_by_move.items():
        outcome.members_moved += members_move_with_unit(
            actor=actor, source=holders[holder_id], target=Organization.objects.get(pk=target_id), on=on,
            decision=decision, member_ids=member_ids,
        )  # fmt: skip
    # Deepest first: a ward ends after its cells, the district after its wards.
    for org in sorted(ending, key=lambda o: -o.depth):
        org_dissolve(actor=actor, org=org, on=on, decision=decision)
        outcome.dissolved += 1
    with acting_as(actor):
        for (holder_id, target_id), part in parts.items():
            Lineage.objects.create(
                reorganization=reorg, predecessor_id=holder_id, successor_id=target_id, on=on,
                unit_ids=sorted(part["units"]), member_ids=sorted(part["members"]),
            )  # fmt: skip
    return outcome
