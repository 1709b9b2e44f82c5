"""The reading API of the catalogue: every figure of a unit for a year or period, with its target,
plan achievement, the subordinates' targets and the number of records behind it. Dashboards,
reports, the API and `dangvu indicators` read figures here; none of them counts on its own."""

from dataclasses import asdict, dataclass
from decimal import Decimal

from django.db.models import QuerySet

from dangvu.core import catalogue
from dangvu.core.catalogue import Indicator, Period
from dangvu.organizations.lineage import counted_as_stood
from dangvu.organizations.models import Organization
from dangvu.targets import selectors as targets


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    unit: str
    value: int | float | None
    target: int | float | None
    percent: float | None  # of the target reached, one decimal
    subordinate_target_sum: int | float | None
    records: int | None  # how many records are behind the value; None if the indicator has none

    def as_dict(self) -> dict:
        return asdict(self)


def plain_number(value) -> int | float | None:
    """Decimals and floats that are whole numbers as int (180, not 180.00), others as float."""
    if value is None:
        return None
    if isinstance(value, Decimal | float) and value == int(value):
        return int(value)
    if isinstance(value, Decimal):
        return float(value)
    return value


def as_period(year_or_period: int | Period) -> Period:
    return year_or_period if isinstance(year_or_period, Period) else Period.year(int(year_or_period))


def indicators(keys=None) -> list[Indicator]:
    """The indicators in catalogue order, or those named by `keys` in that order."""
    found = catalogue.all_indicators()
    if keys is None:
        return found
    wanted = set(keys)
    unknown = wanted - {i.key for i in found}
    if unknown:
        raise KeyError(f"Không có chỉ số: {', '.join(sorted(unknown))}")
    return [i for i in found if i.key in wanted]


def records_behind(key: str, org: Organization, year_or_period: int | Period) -> QuerySet | None:
    return catalogue.records(key, org, as_period(year_or_period))


def evaluate(org: Organization, year_or_period: int | Period, keys=None, *, as_stood: bool = False) -> list[Figure]:
    """Every figure (or those in `keys`) of `org`'s subtree over a year or period, live from the
    records (a closed year's snapshot is `year_figures`'s business).

    A unit that received cells or members by a reorganization after the period began counts their
    earlier records as its own (today's boundaries); `as_stood` counts every record where its unit
    stood on its day instead (organizations/lineage.py). Units that received nothing: the same.

    Targets and subordinates' sums are those of the period's starting year. A fixed number of
    queries whatever the subtree size: each indicator's own (figures computed from one query
    share it), one count of its records unless the value is that count (or the indicator knows
    it otherwise), and two for all the targets."""
    period = as_period(year_or_period)
    year = period.start.year
    own = targets.targets_of(org, year)
    below = targets.subordinate_targets_sums(org, year)
    figures = []
    # The readings shared as units stand today are not those as they stood (catalogue.evaluation).
    with catalogue.evaluation("as stood" if as_stood else None), counted_as_stood(as_stood):
        for ind in indicators(keys):
            value = plain_number(ind.compute(org, period))
            target = own.get(ind.key)
            target_value = plain_number(target.value) if target else None
            if ind.records is None:
                records = None
            elif ind.counted:
                records = value
            elif ind.records_count is not None:
                records = ind.records_count(org, period)
            else:
                records = ind.records(org, period).count()
            figures.append(
                Figure(
                    key=ind.key,
                    label=ind.label,
                    unit=ind.unit,
                    value=value,
                    target=target_value,
                    percent=targets.achievement(value, target_value),
                    subordinate_target_sum=plain_number(below.get(ind.key)),
                    records=records,
                )
            )
    return figures
