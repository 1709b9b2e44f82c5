"""Figures of the organization tree. Two or three queries each, whatever the subtree size."""

from django.db.models import QuerySet

from dangvu.core.catalogue import Period, indicator

from .models import GRASSROOTS_LEVELS, Kind, Level, Organization
from .selectors import subtree_ids_during, subtree_periods_on


def grassroots_at_end(org: Organization, period: Period) -> QuerySet[Organization]:
    """Grassroots organizations (đảng bộ cơ sở, chi bộ cơ sở) in the subtree at the end of the
    period, as the tree stood that day: units dissolved or moved away before then are not counted."""
    ids = subtree_periods_on(org, period.end).filter(org__level__in=GRASSROOTS_LEVELS).values("org_id")
    return Organization.objects.filter(pk__in=ids)


def cells_directly_under_at_end(org: Organization, period: Period) -> QuerySet[Organization]:
    """Cells (chi bộ trực thuộc) whose superior at the end of the period is `org` itself: from
    1/7/2025 a ward committee's village and residential cells, counted apart from its grassroots
    organizations ("… tổ chức cơ sở đảng, … chi bộ trực thuộc"); a grassroots committee's cells."""
    ids = subtree_periods_on(org, period.end).filter(parent_id=org.pk, org__level=Level.CELL).values("org_id")
    return Organization.objects.filter(pk__in=ids)


def founded_in_non_state_enterprises(org: Organization, period: Period) -> QuerySet[Organization]:
    """Party organizations of non-state enterprises founded in the period, among the units that
    stood in the subtree at some time during it."""
    return Organization.objects.filter(
        kind=Kind.NON_STATE_ENTERPRISE,
        founded_on__range=(period.start, period.end),
        pk__in=subtree_ids_during(org, period.start, period.end),
    )


@indicator(
    "orgs.grassroots",
    "Tổ chức cơ sở đảng",
    "tổ chức",
    records=grassroots_at_end,
    targetable=False,
    order=10,
    counted=True,
)
def grassroots(org: Organization, period: Period) -> int:
    # Counted on the positions themselves (a unit holds one position a day), not as the units
    # whose ids are among them: the same number without a second pass over the organizations.
    return subtree_periods_on(org, period.end).filter(org__level__in=GRASSROOTS_LEVELS).count()


@indicator(
    "orgs.cells_direct",
    "Chi bộ trực thuộc",
    "chi bộ",
    records=cells_directly_under_at_end,
    targetable=False,
    order=12,
    counted=True,
)
def cells_direct(org: Organization, period: Period) -> int:
    return cells_directly_under_at_end(org, period).count()


@indicator(
    "orgs.founded.non_state_enterprise",
    "Tổ chức đảng thành lập mới trong doanh nghiệp ngoài khu vực Nhà nước",
    "tổ chức",
    records=founded_in_non_state_enterprises,
    order=11,
    counted=True,
)
def founded_non_state_enterprise(org: Organization, period: Period) -> int:
    return founded_in_non_state_enterprises(org, period).count()
