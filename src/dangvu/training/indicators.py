"""Figures of training: classes that began in the period and their attendances (lượt), counted in
the subtree of the organizing unit. The records behind both are the classes."""

from dangvu.core.catalogue import Period, indicator
from dangvu.organizations.models import Organization

from .selectors import attendance_total, classes_started_in


def _classes(org: Organization, period: Period):
    return classes_started_in(org, period.start, period.end).select_related("organizer")


@indicator(
    "training.classes",
    "Lớp bồi dưỡng đã mở",
    "lớp",
    records=_classes,
    records_scope="organizer__path",
    order=70,
    counted=True,
)
def classes(org: Organization, period: Period) -> int:
    return classes_started_in(org, period.start, period.end).count()


@indicator(
    "training.attendances",
    "Lượt cán bộ, đảng viên tham dự bồi dưỡng",
    "lượt",
    records=_classes,
    records_scope="organizer__path",
    order=71,
)
def attendances(org: Organization, period: Period) -> int:
    return attendance_total(classes_started_in(org, period.start, period.end))
