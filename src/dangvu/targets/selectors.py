"""Reads of targets, and the plan achievement a report shows next to a figure."""

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Sum

from dangvu.core.dates import year_bounds
from dangvu.organizations.models import Organization, OrgPeriod
from dangvu.organizations.selectors import covering

from .models import Target


def target_for(org: Organization, key: str, year: int) -> Target | None:
    return Target.objects.filter(org=org, indicator_key=key, year=year).first()


def targets_of(org: Organization, year: int) -> dict[str, Target]:
    """Every target of `org` for `year`, by indicator key. One query."""
    qs = Target.objects.filter(org=org, year=year).select_related("assigned_by", "set_by")
    return {t.indicator_key: t for t in qs}


def _direct_subordinates(org: Organization, year: int):
    # As the tree stood at the end of the year, so that a later restructuring keeps old sums.
    return OrgPeriod.objects.filter(covering(year_bounds(year)[1]), parent=org).values("org_id")


def subordinate_targets_sum(org: Organization, key: str, year: int) -> Decimal | None:
    """Sum of the direct subordinates' targets for `key` in `year`; None if none has one."""
    qs = Target.objects.filter(indicator_key=key, year=year, org_id__in=_direct_subordinates(org, year))
    return qs.aggregate(total=Sum("value"))["total"]


def subordinate_targets_sums(org: Organization, year: int) -> dict[str, Decimal]:
    """`subordinate_targets_sum` for every key at once. One query."""
    qs = Target.objects.filter(year=year, org_id__in=_direct_subordinates(org, year))
    return {row["indicator_key"]: row["total"] for row in qs.values("indicator_key").annotate(total=Sum("value"))}


def achievement(value, target) -> float | None:
    """Percent of the target reached, rounded half up to one decimal (209 of 180 -> 116.1;
    6 of 5 -> 120.0); None when there is no target or it is 0."""
    if value is None or target is None:
        return None
    target = Decimal(str(target))
    if target == 0:
        return None
    percent = Decimal(str(value)) * 100 / target
    return float(percent.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def visible_targets(root: Organization | None):
    if root is None:
        return Target.objects.none()
    return Target.objects.filter(org__path__startswith=root.path)
