"""Reading the UnitYear rows: a subtree's year-end counts and admissions of a whole year as a sum
over its units, or None when the rows do not answer (no horizon kept, or a year after it) and the
caller counts live. The callers say which units stood in the subtree, by a filter on their place
(`path`, as organizations.selectors gives it), so the sums mean exactly what the live counts do."""

from django.db.models import Q, Sum
from django.db.models.functions import Coalesce

from dangvu.core.catalogue import shared

from .models import Horizon, UnitYear


def horizon() -> int | None:
    """The last year kept, read once per indicator evaluation."""
    return shared(("tallies.horizon",), lambda: Horizon.objects.values_list("year", flat=True).first())


def kept(year: int) -> bool:
    last = horizon()
    return last is not None and year <= last


def year_end_counts(under: Q, year: int) -> dict | None:
    """Members, probationary, full, exempted and suspended at the end of 31/12 of `year` in the
    units whose place then is `under` (member_counts_on's keys), or None when the rows do not
    answer. A unit ended before 31/12 may match by its last place: it has no members at the end."""
    if not kept(year):
        return None
    agg = UnitYear.objects.filter(under, year=year).aggregate(
        total=Coalesce(Sum("total"), 0),
        probationary=Coalesce(Sum("probationary"), 0),
        full=Coalesce(Sum("full_members"), 0),
        exempt=Coalesce(Sum("exempt"), 0),
        suspended=Coalesce(Sum("suspended"), 0),
    )
    return {k: int(v) for k, v in agg.items()}


def admissions(under: Q, year: int) -> int | None:
    """Admission events dated in `year` in the units whose place at the end of the year (or on
    their last day in it) is `under`, or None when the rows do not answer. Right when no unit
    crossed the subtree's edge during the year (organizations.selectors.paths_stood_under)."""
    if not kept(year):
        return None
    return int(UnitYear.objects.filter(under, year=year).aggregate(n=Coalesce(Sum("admitted"), 0))["n"])


def flows(under: Q, year: int) -> dict | None:
    """The entries into and exits from a subtree in `year` (members.increase / decrease) when it
    stood still all year — neither its root nor any unit under it changed place, was founded or
    ended (members.indicators._subtree's `static`) — from the rows of the units whose place is
    `under`: the periods begun (ended) there, less the pairs met there. None when the rows do not
    answer."""
    if not kept(year):
        return None
    agg = UnitYear.objects.filter(under, year=year).aggregate(
        started=Coalesce(Sum("started"), 0), ended=Coalesce(Sum("ended"), 0), pairs=Coalesce(Sum("pairs"), 0)
    )
    return {"entries": int(agg["started"] - agg["pairs"]), "exits": int(agg["ended"] - agg["pairs"])}
