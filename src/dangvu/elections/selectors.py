"""Reads of elections: the areas behind the indicators and the lists a scope may see."""

from django.db.models import Q, QuerySet

from dangvu.core.catalogue import Period
from dangvu.organizations.models import Organization
from dangvu.organizations.selectors import stood_under

from .models import Election, ElectionArea


def areas_in(org: Organization, period: Period) -> QuerySet[ElectionArea]:
    """Areas of elections held in `period` whose unit stood in `org`'s subtree on the election day."""
    return ElectionArea.objects.filter(
        stood_under(org, period.start, period.end, "org_id", "election__date"),
        election__date__range=(period.start, period.end),
    )


def visible_areas(root: Organization | None) -> QuerySet[ElectionArea]:
    if root is None:
        return ElectionArea.objects.none()
    return ElectionArea.objects.filter(org__path__startswith=root.path).select_related("election", "org")


def visible_elections(root: Organization | None) -> QuerySet[Election]:
    """Elections led by a unit of the scope, or with an area in it."""
    if root is None:
        return Election.objects.none()
    return Election.objects.filter(
        Q(organizer__path__startswith=root.path) | Q(pk__in=visible_areas(root).values("election_id"))
    ).select_related("organizer")


def filter_areas(qs: QuerySet[ElectionArea], org: Organization | None, year: int | None):
    """Narrowed as the indicators count: elections of `year`, units in `org`'s subtree then."""
    if year:
        period = Period.year(year)
        qs = qs.filter(election__date__range=(period.start, period.end))
        if org is not None:
            qs = qs.filter(stood_under(org, period.start, period.end, "org_id", "election__date"))
    elif org is not None:
        qs = qs.filter(org__path__startswith=org.path)
    return qs
