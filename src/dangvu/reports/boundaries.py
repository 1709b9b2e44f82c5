"""The one sentence a year report of a unit formed during the year says about its figures: they
are in today's boundaries (organizations/lineage.py), its predecessors' records of the cells and
members it received included, and which predecessors those are."""

from dangvu.core.catalogue import Period
from dangvu.core.dates import format_date_prose
from dangvu.organizations.lineage import as_stood, predecessors
from dangvu.organizations.models import Lineage, Organization


def sentence(org: Organization, period: Period) -> str | None:
    """None for a unit that received nothing by a reorganization during the period (the figures
    then read the same either way), or when the figures are counted as they stood."""
    if as_stood():
        return None
    before = predecessors(org, period.start, period.end)
    if not before:
        return None
    day = (
        Lineage.objects.filter(on__gt=period.start, on__lte=period.end, successor__path__startswith=org.path)
        .order_by("on")
        .values_list("on", flat=True)
        .first()
    )
    names = ", ".join(o.name for o in before)
    return (
        f"Số liệu năm {period.start.year} tính theo địa giới hiện nay của {org.name}: gồm cả số liệu trước "
        f"{format_date_prose(day)} của các chi bộ, đảng viên chuyển về từ {names}."
    )
