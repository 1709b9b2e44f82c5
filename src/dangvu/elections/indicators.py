"""Election figures: registered voters, voters who voted and the turnout, over the areas of the
elections held in the period in the subtree. Three queries each."""

from django.db.models import Sum

from dangvu.core.catalogue import indicator

from .selectors import areas_in


def _sums(org, period) -> tuple[int, int]:
    agg = areas_in(org, period).aggregate(registered=Sum("registered"), voted=Sum("voted"))
    return agg["registered"] or 0, agg["voted"] or 0


@indicator("elections.registered", "Cử tri trong danh sách", "cử tri", records=areas_in, targetable=False, order=700)
def registered(org, period) -> int:
    return _sums(org, period)[0]


@indicator("elections.voted", "Cử tri đã đi bầu", "cử tri", records=areas_in, targetable=False, order=701)
def voted(org, period) -> int:
    return _sums(org, period)[1]


@indicator(
    "elections.turnout", "Tỷ lệ cử tri đi bầu", "%", records=areas_in,
    parts=("elections.voted", "elections.registered"), order=702,
)  # fmt: skip
def turnout(org, period) -> float:
    """Voted / registered × 100, rounded to 2 decimals (0.0 when no election was held)."""
    total, came = _sums(org, period)
    return round(came * 100 / total, 2) if total else 0.0
