"""The member page's section on the QĐ 366 evaluation (members stand below tasks in the floors,
so their page loads this tag rather than importing the app)."""

from django import template
from django.utils import timezone

from dangvu.reviews.rulebooks.since2018 import CLASSES

from ..models import YEAR, Evaluation

register = template.Library()
_LABELS = {g.code: g.label for g in CLASSES}


@register.inclusion_tag("tasks/_member_evaluations.html")
def member_evaluations(member):
    """The member's quarterly and yearly evaluations, newest first, and links to this year's pages."""
    rows = [
        {
            "year": e.cycle.year, "quarter": e.quarter, "points": e.points,
            "proposed": _LABELS.get(e.proposed_class, ""), "decided": _LABELS.get(e.decided_class, ""),
        }
        for e in Evaluation.objects.filter(member=member).select_related("cycle").order_by("-cycle__year", "-quarter")
    ]  # fmt: skip
    year = timezone.localdate().year
    return {"member": member, "rows": rows, "year": year, "periods": [(q, f"Quý {q}") for q in (1, 2, 3, 4)]
            + [(YEAR, "Cả năm")]}  # fmt: skip


@register.inclusion_tag("tasks/_org_quarters.html")
def org_quarters(org):
    """Links to a collective's quarter pages this year (grassroots organizations and cells only)."""
    from ..selectors import COLLECTIVE_LEVELS

    periods = [(q, f"Quý {q}") for q in (1, 2, 3, 4)] + [(YEAR, "Cả năm")]
    return {"org": org, "year": timezone.localdate().year, "periods": periods, "shown": org.level in COLLECTIVE_LEVELS}
