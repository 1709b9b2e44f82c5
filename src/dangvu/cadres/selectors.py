"""Reads of cadre actions: scoped lists, the records behind a figure, terms about to end."""

import datetime as dt

from django.db.models import Exists, OuterRef, Q, QuerySet

from dangvu.core.dates import add_months
from dangvu.organizations.models import Organization
from dangvu.organizations.selectors import stood_under

from .models import COUNTED_KINDS, TERM_KINDS, ActionKind, CadreAction


def actions_decided_in(org: Organization, start: dt.date, end: dt.date, kinds=COUNTED_KINDS) -> QuerySet[CadreAction]:
    """Actions of `kinds` taking effect in [start, end] whose deciding committee stood under `org`
    (as the tree stood then). Fixed number of queries whatever the subtree."""
    return CadreAction.objects.filter(
        stood_under(org, start, end, "decided_by_id", "effective_date"),
        kind__in=kinds,
        effective_date__gte=start,
        effective_date__lte=end,
    )


def action_list(
    root: Organization | None, *, year: int | None = None, org: Organization | None = None, kinds=None, query: str = ""
) -> QuerySet[CadreAction]:
    """The actions a user under `root` may see, newest first. `org` narrows to a unit's subtree
    (with `year`, as the tree stood that year, exactly the records behind the indicator)."""
    if root is None:
        return CadreAction.objects.none()
    qs = CadreAction.objects.filter(decided_by__path__startswith=root.path)
    if org is not None and year:
        qs = qs.filter(stood_under(org, dt.date(year, 1, 1), dt.date(year, 12, 31), "decided_by_id", "effective_date"))
    elif org is not None:
        qs = qs.filter(decided_by__path__startswith=org.path)
    if year:
        qs = qs.filter(effective_date__year=year)
    if kinds:
        qs = qs.filter(kind__in=kinds)
    if query:
        qs = qs.filter(Q(full_name__icontains=query) | Q(position__icontains=query) | Q(decision_no__icontains=query))
    return qs.select_related("decided_by", "from_org", "to_org", "member").order_by("-effective_date", "-id")


def terms_ending(root: Organization, *, within_months: int, today: dt.date | None = None) -> QuerySet[CadreAction]:
    """Appointments and re-appointments decided in `root`'s subtree (today's tree) whose term ends
    between `today` and `within_months` months later, and that no later re-appointment of the same
    person to the same post has replaced: the cadres whose re-appointment is due."""
    today = today or dt.date.today()
    renewed = CadreAction.objects.filter(
        kind=ActionKind.REAPPOINTMENT,
        full_name=OuterRef("full_name"),
        position=OuterRef("position"),
        effective_date__gt=OuterRef("effective_date"),
    ).filter(Q(member_id=OuterRef("member_id")) | Q(member__isnull=True, full_name=OuterRef("full_name")))
    return (
        CadreAction.objects.filter(
            decided_by__path__startswith=root.path,
            kind__in=TERM_KINDS,
            term_end__gte=today,
            term_end__lte=add_months(today, within_months),
        )
        .filter(~Exists(renewed))
        .select_related("decided_by", "member")
        .order_by("term_end", "full_name")
    )
