"""Reads of training classes: scoped lists and the classes and attendances behind the figures."""

import datetime as dt

from django.db.models import Count, QuerySet, Sum

from dangvu.organizations.models import Organization
from dangvu.organizations.selectors import stood_under

from .models import Attendance, TrainingClass


def classes_started_in(org: Organization, start: dt.date, end: dt.date) -> QuerySet[TrainingClass]:
    """Classes that began in [start, end], organized by a unit that stood under `org` then.
    Fixed number of queries whatever the subtree."""
    return TrainingClass.objects.filter(
        stood_under(org, start, end, "organizer_id", "start_date"), start_date__gte=start, start_date__lte=end
    )


def attendance_total(classes: QuerySet[TrainingClass]) -> int:
    """Named attendances plus unnamed headcounts of `classes` (two queries)."""
    named = Attendance.objects.filter(training_class__in=classes.values("pk")).count()
    unnamed = classes.aggregate(n=Sum("unnamed_count"))["n"] or 0
    return named + unnamed


def class_list(
    root: Organization | None, *, year: int | None = None, org: Organization | None = None, query: str = ""
) -> QuerySet[TrainingClass]:
    """The classes a user under `root` may see, newest first, each with `named_count`. `org` narrows
    to a unit's subtree (with `year`, as the tree stood that year: the records behind the figures)."""
    if root is None:
        return TrainingClass.objects.none()
    qs = TrainingClass.objects.filter(organizer__path__startswith=root.path)
    if org is not None and year:
        qs = qs.filter(stood_under(org, dt.date(year, 1, 1), dt.date(year, 12, 31), "organizer_id", "start_date"))
    elif org is not None:
        qs = qs.filter(organizer__path__startswith=org.path)
    if year:
        qs = qs.filter(start_date__year=year)
    if query:
        qs = qs.filter(title__icontains=query)
    return qs.select_related("organizer").annotate(named_count=Count("attendances")).order_by("-start_date", "-id")


def attendances_of(training_class: TrainingClass) -> QuerySet[Attendance]:
    return training_class.attendances.select_related("member", "member__org").order_by("member__sort_key")
