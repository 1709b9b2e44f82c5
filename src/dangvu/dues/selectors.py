"""Reads of party dues: the month's sheet of a cell, the collection and its split, arrears,
unpaid months (for the removal flag) and the payments behind `dues.collected`."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet, Sum

from dangvu.members.models import Member, MemberPeriod
from dangvu.organizations.models import Organization
from dangvu.organizations.selectors import covering, stood_under

from . import rules
from .models import DuesBasis, DuesShare, Payment
from .rules import due_of, month_end, month_start


@dataclass
class SheetRow:
    member: Member
    basis: DuesBasis | None
    due: int | None
    paid: Payment | None


def basis_on(member: Member, month: dt.date) -> DuesBasis | None:
    """The member's basis in force in `month` (the latest that began by then), or None."""
    return member.dues_bases.filter(valid_from__lte=month_start(month)).order_by("-valid_from").first()


def _bases_by_member(member_ids, month: dt.date) -> dict[int, DuesBasis]:
    """The basis in force in `month` for each member (one query)."""
    found: dict[int, DuesBasis] = {}
    for basis in DuesBasis.objects.filter(member_id__in=member_ids, valid_from__lte=month).order_by("valid_from"):
        found[basis.member_id] = basis  # later rows win
    return found


def month_sheet(org: Organization, month: dt.date) -> list[SheetRow]:
    """Every member of the cell at the end of the month, with the amount due and the payment
    (three queries)."""
    month = month_start(month)
    ids = MemberPeriod.objects.filter(covering(month_end(month)), org=org).values("member_id")
    members = list(Member.objects.filter(pk__in=ids).order_by("sort_key"))
    bases = _bases_by_member([m.pk for m in members], month)
    paid = {p.member_id: p for p in Payment.objects.filter(month=month, member__in=[m.pk for m in members])}
    return [SheetRow(m, bases.get(m.pk), due_of(bases.get(m.pk), month), paid.get(m.pk)) for m in members]


def kept_percent(org: Organization) -> int:
    share = DuesShare.objects.filter(org=org).values_list("kept_percent", flat=True).first()
    return share if share is not None else rules.default_kept_percent(org.level, org.kind)


def collection(org: Organization, month: dt.date) -> dict:
    """What the cell collected for `month`, what it keeps and what it passes up."""
    total = Payment.objects.filter(org=org, month=month_start(month)).aggregate(n=Sum("amount"))["n"] or 0
    percent = kept_percent(org)
    kept, up = rules.split(total, percent)
    return {"total": total, "kept_percent": percent, "kept": kept, "passed_up": up}


def collected_in(org: Organization, start: dt.date, end: dt.date) -> QuerySet[Payment]:
    """Payments made in [start, end] to cells that stood under `org` on the day paid; in today's
    boundaries also those made before they passed by the members and in the cells it received
    (organizations/lineage.py). Fixed query count."""
    return Payment.objects.filter(
        stood_under(org, start, end, "org_id", "paid_on", member_field="member_id"),
        paid_on__gte=start,
        paid_on__lte=end,
    )


def payment_list(root: Organization | None, *, org: Organization | None = None, year: int | None = None):
    if root is None:
        return Payment.objects.none()
    qs = Payment.objects.filter(org__path__startswith=root.path)
    if org is not None:
        qs = qs.filter(org__path__startswith=org.path)
    if year:
        qs = qs.filter(month__year=year)
    return qs.select_related("member", "org").order_by("-month", "member__sort_key")


def unpaid_months(root: Organization, year: int, as_of: dt.date) -> dict[int, set[int]]:
    """{member id: months of `year` unpaid} for members of cells under `root` (today's tree)
    who had a dues basis in force, belonged to a cell at the end of the month, and the month
    ended before `as_of`. Three queries. Months with no basis are not counted: the unit does not
    record dues for that member then."""
    months = [m for m in range(1, 13) if month_end(dt.date(year, m, 1)) < as_of]
    if not months:
        return {}
    year_start, year_end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    bases: dict[int, list] = {}
    for b in DuesBasis.objects.filter(member__org__path__startswith=root.path, valid_from__lte=year_end).order_by(
        "valid_from"
    ):
        bases.setdefault(b.member_id, []).append(b.valid_from)
    if not bases:
        return {}
    periods: dict[int, list] = {}
    for p in MemberPeriod.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=year_start), member_id__in=bases.keys(), valid_from__lte=year_end
    ).values_list("member_id", "valid_from", "valid_to"):
        periods.setdefault(p[0], []).append((p[1], p[2]))
    paid = set(
        Payment.objects.filter(member_id__in=bases.keys(), month__year=year).values_list("member_id", "month__month")
    )
    unpaid: dict[int, set[int]] = {}
    for member_id, starts in bases.items():
        for m in months:
            first, last = dt.date(year, m, 1), month_end(dt.date(year, m, 1))
            if starts[0] > first or (member_id, m) in paid:
                continue
            if any(a <= last and (b is None or b > last) for a, b in periods.get(member_id, ())):
                unpaid.setdefault(member_id, set()).add(m)
    return unpaid
