"""Figures of party dues."""

from django.db.models import Sum

from dangvu.core.catalogue import Period, indicator
from dangvu.organizations.models import Organization

from .selectors import collected_in


def _payments(org: Organization, period: Period):
    return collected_in(org, period.start, period.end).select_related("member", "org").order_by("paid_on", "id")


@indicator(
    "dues.collected",
    "Đảng phí đã thu",
    "đồng",
    records=_payments,
    records_scope="org__path",
    order=92,
)
def collected(org: Organization, period: Period) -> int:
    return collected_in(org, period.start, period.end).aggregate(n=Sum("amount"))["n"] or 0
