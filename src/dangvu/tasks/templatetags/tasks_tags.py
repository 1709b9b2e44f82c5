"""The member page's section on the QĐ 366 evaluation (members stand below tasks in the floors,
so their page loads this tag rather than importing the app)."""

from django import template
from django.utils import timezone

from ..models import YEAR

register = template.Library()


@register.inclusion_tag("tasks/_member_evaluations.html")
def member_evaluations(member):
    """The member's quarterly and yearly evaluations (and the years' classes of the review), newest
    first, and links to this year's pages."""
    from ..selectors import member_results  # late, as the selectors read the reviews' models

    rows = member_results(member)[::-1]
    year = timezone.localdate().year
    return {"member": member, "rows": rows, "year": year, "periods": [(q, f"Quý {q}") for q in (1, 2, 3, 4)]
            + [(YEAR, "Cả năm")]}  # fmt: skip


@register.inclusion_tag("tasks/_org_quarters.html")
def org_quarters(org):
    """Links to a collective's quarter pages this year (grassroots organizations and cells only)."""
    from ..selectors import COLLECTIVE_LEVELS

    periods = [(q, f"Quý {q}") for q in (1, 2, 3, 4)] + [(YEAR, "Cả năm")]
    return {"org": org, "year": timezone.localdate().year, "periods": periods, "shown": org.level in COLLECTIVE_LEVELS}
