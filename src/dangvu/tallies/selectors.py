"""Reading the UnitYear rows: a subtree's year-end counts and admissions of a whole year as a sum
over its units, or None when the rows do not answer (no horizon kept, or a year after it) and the
caller counts live. The unit sets are the callers' (which units stood in the subtree), so the sums
mean exactly what the live counts do."""

from django.db.models import QuerySet, Sum
from django.db.models.functions import Coalesce

from dangvu.core.catalogue import shared

from .models import Horizon, UnitYear


def horizon() -> int | None:
    """The last year kept, read once per indicator evaluation."""
    return shared(("tallies.horizon",), lambda: Horizon.objects.values_list("year", flat=True).first())


def kept(year: int) -> bool:
    last = horizon()
    return last is not None and year <= last


def year_end_counts(unit_ids: QuerySet, year: int) -> dict | None:
    """Members, probationary, full, exempted and suspended in the units `unit_ids` at the end of
    31/12 of `year` (member_counts_on's keys), or None when the rows do not answer."""
    if not kept(year):
        return None
    agg = UnitYear.objects.filter(org_id__in=unit_ids, year=year).aggregate(
        total=Coalesce(Sum("total"), 0),
        probationary=Coalesce(Sum("probationary"), 0),
        full=Coalesce(Sum("full_members"), 0),
        exempt=Coalesce(Sum("exempt"), 0),
        suspended=Coalesce(Sum("suspended"), 0),
    )
    return {k: int(v) for k, v in agg.items()}


def admissions(unit_ids: QuerySet, year: int) -> int | None:
    """Admission events dated in `year` in the units `unit_ids`, or None when the rows do not answer."""
    if not kept(year):
        return None
    return int(UnitYear.objects.filter(org_id__in=unit_ids, year=year).aggregate(n=Coalesce(Sum("admitted"), 0))["n"])
