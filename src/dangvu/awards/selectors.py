"""Reads of awards: scoped lists and the awards behind each figure."""

import datetime as dt

from django.db.models import Q, QuerySet

from dangvu.organizations.models import Organization
from dangvu.organizations.selectors import stood_under

from .models import Award


def awards_decided_in(org: Organization, start: dt.date, end: dt.date, **filters) -> QuerySet[Award]:
    """Awards decided in [start, end] by a committee that stood under `org` then, narrowed by
    `filters` (recipient_kind=, title=, program=). Fixed number of queries whatever the subtree."""
    return Award.objects.filter(
        stood_under(org, start, end, "awarded_by_id", "decision_date"),
        decision_date__gte=start,
        decision_date__lte=end,
        **filters,
    )


def award_list(
    root: Organization | None,
    *,
    year: int | None = None,
    org: Organization | None = None,
    query: str = "",
    **filters,
) -> QuerySet[Award]:
    """Awards a user under `root` may see, newest first; `org` narrows to a unit's subtree (with
    `year`, as the tree stood that year: the records behind the figures)."""
    if root is None:
        return Award.objects.none()
    qs = Award.objects.filter(awarded_by__path__startswith=root.path, **filters)
    if org is not None and year:
        qs = qs.filter(stood_under(org, dt.date(year, 1, 1), dt.date(year, 12, 31), "awarded_by_id", "decision_date"))
    elif org is not None:
        qs = qs.filter(awarded_by__path__startswith=org.path)
    if year:
        qs = qs.filter(decision_date__year=year)
    if query:
        qs = qs.filter(
            Q(recipient_name__icontains=query)
            | Q(recipient_org__name__icontains=query)
            | Q(recipient_member__full_name__icontains=query)
            | Q(decision_no__icontains=query)
        )
    return qs.select_related("awarded_by", "recipient_org", "recipient_member").order_by("-decision_date", "-id")
