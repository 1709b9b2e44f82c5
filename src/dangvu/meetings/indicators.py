"""Figures of cell meetings."""

from dangvu.core.catalogue import Period, indicator
from dangvu.organizations.models import Organization

from .selectors import held_in


def _meetings(org: Organization, period: Period):
    return held_in(org, period.start, period.end).select_related("org").order_by("date", "id")


@indicator(
    "meetings.held",
    "Buổi sinh hoạt chi bộ đã tổ chức",
    "buổi",
    records=_meetings,
    records_scope="org__path",
    order=91,
    counted=True,
)
def held(org: Organization, period: Period) -> int:
    return held_in(org, period.start, period.end).count()
