"""Figures of the admission pipeline."""

from dangvu.core.catalogue import Period, indicator
from dangvu.organizations.models import Organization

from .selectors import open_on


def _open_files(org: Organization, period: Period):
    return open_on(org, period.end).select_related("org").order_by("org__path", "sort_key")


@indicator(
    "candidates.in_pipeline",
    "Quần chúng ưu tú có hồ sơ đang xem xét kết nạp cuối kỳ",
    "người",
    records=_open_files,
    records_scope="org__path",
    targetable=False,
    order=25,
    counted=True,
)
def in_pipeline(org: Organization, period: Period) -> int:
    return open_on(org, period.end).count()
