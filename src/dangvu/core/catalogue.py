"""The indicator catalogue's declaration API: the one place where a figure is defined.

An indicator is a named figure computed for a unit's subtree and a period, with the records
behind it. Each business app declares its own in `<app>/indicators.py` with `@indicator(...)`;
the catalogue discovers those modules. The dashboard, targets, reports, the API and
`dangvu indicators` all ask `compute()` (through `indicators.selectors`) — none of them counts on
its own. It lives on the ground floor so that every area can declare its figures without
importing the readers above it (see ARCHITECTURE.md).

Every `compute` and `records` function must take a fixed number of SQL queries whatever the
size of the subtree (tests check it with django_assert_max_num_queries).

Figures that come out of one query (the member totals, the flows in and out) share it through
`shared()`: inside one `evaluation()` the query runs once; outside one, every call runs it.
"""

import contextlib
import datetime as dt
from collections.abc import Callable, Hashable
from contextvars import ContextVar
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

# The unit a figure is computed for: an organizations.Organization. Not imported, as core stands
# below organizations; the catalogue only passes it through to the areas' functions.
Organization = Any


@dataclass(frozen=True)
class Period:
    """A closed interval of days, [start, end]."""

    start: dt.date
    end: dt.date

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> "Period":
        """Quarter 1–4 of `year` (QĐ 366 evaluates by quarter)."""
        if quarter not in (1, 2, 3, 4):
            raise ValueError(f"Quý phải là 1, 2, 3 hoặc 4, không phải {quarter}.")
        first = dt.date(year, 3 * quarter - 2, 1)
        following = dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, 3 * quarter + 1, 1)
        return cls(first, following - dt.timedelta(days=1))

    @property
    def quarter_number(self) -> int | None:
        """1–4 when the period is exactly one quarter, else None."""
        q = (self.start.month + 2) // 3
        if self.start.day == 1 and self.start.month % 3 == 1 and self == Period.quarter(self.start.year, q):
            return q
        return None

    @property
    def day_before(self) -> dt.date:
        """The day whose end is the period's opening balance."""
        return self.start - dt.timedelta(days=1)

    def __str__(self):
        if self.start == dt.date(self.start.year, 1, 1) and self.end == dt.date(self.start.year, 12, 31):
            return f"năm {self.start.year}"
        if self.quarter_number:
            return f"quý {self.quarter_number} năm {self.start.year}"
        return f"{self.start:%d/%m/%Y}–{self.end:%d/%m/%Y}"


Number = int | float | Decimal


@dataclass(frozen=True)
class Indicator:
    key: str  # stable: reports and the API use it
    label: str  # Vietnamese, as a report would say it
    unit: str  # "tổ chức", "đảng viên", "lượt", "%", "đồng" …
    compute: Callable[[Organization, Period], Number]
    records: Callable[[Organization, Period], QuerySet] | None = None
    area: str = ""
    # For ratios: the keys of the numerator and denominator indicators.
    parts: tuple[str, ...] = field(default_factory=tuple)
    # Whether a target (chỉ tiêu) makes sense for this figure.
    targetable: bool = True
    order: int = 100
    # Where the records reach an organization's `path`, for the scope check of the records page
    # (e.g. "org__path", "member__org__path"); empty: guessed from the model's fields.
    records_scope: str = ""
    # The value IS the number of its records (`records(org, period).count()`), so a reader that
    # needs both counts once. tests/indicators/test_counted.py holds every such indicator to it.
    counted: bool = False
    # For the others, when the number of records is known more cheaply than by counting them
    # (e.g. from what `compute` already read in the same evaluation): `records_count(org, period)`
    # must equal `records(org, period).count()` (the same test holds it to that).
    records_count: Callable[[Organization, Period], int] | None = None


REGISTRY: dict[str, Indicator] = {}


def indicator(
    key: str,
    label: str,
    unit: str,
    *,
    records=None,
    area: str = "",
    parts=(),
    targetable=True,
    order: int = 100,
    records_scope: str = "",
    counted: bool = False,
    records_count=None,
):
    """Register the decorated `compute(org, period)` function as indicator `key`. `counted`: the
    value is the count of `records(org, period)` (declare it only when that always holds)."""

    def register(compute):
        if key in REGISTRY and REGISTRY[key].compute is not compute:
            raise RuntimeError(f"Indicator {key} is defined twice")
        REGISTRY[key] = Indicator(
            key, label, unit, compute, records, area or key.split(".")[0], tuple(parts), targetable, order,
            records_scope, counted, records_count,
        )  # fmt: skip
        return compute

    return register


def autodiscover():
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("indicators")


def get(key: str) -> Indicator:
    """The indicator `key`; KeyError if no area defines it."""
    if not REGISTRY:
        autodiscover()
    return REGISTRY[key]


def without_base(key: str, values: dict) -> bool:
    """Whether `key` is a rate with nothing to divide by in `values` (key -> value): no election, no
    organization evaluated, no task due. Its value is then 0 by convention, which a page or a
    report writes "—", not "0%" (a turnout of 0% would say something false)."""
    ind = get(key)
    return ind.unit == "%" and len(ind.parts) == 2 and not values.get(ind.parts[1])


def exists(key: str) -> bool:
    if not REGISTRY:
        autodiscover()
    return key in REGISTRY


def all_indicators() -> list[Indicator]:
    if not REGISTRY:
        autodiscover()
    return sorted(REGISTRY.values(), key=lambda i: (i.order, i.key))


def compute(key: str, org: Organization, period: Period) -> Number:
    return get(key).compute(org, period)


def records(key: str, org: Organization, period: Period) -> QuerySet | None:
    """The records behind indicator `key` for `org`'s subtree over `period` (None if it has none)."""
    ind = get(key)
    return ind.records(org, period) if ind.records else None


# --- one evaluation's shared results --------------------------------------------------------

# (every mode's memo in the outermost evaluation, this one's memo)
_SHARED: ContextVar[tuple[dict, dict] | None] = ContextVar("indicator_shared", default=None)


@contextlib.contextmanager
def evaluation(mode: Hashable = None):
    """Within it, `shared()` results are computed once and reused; they are dropped when the
    outermost `evaluation()` ends, so nothing outlives one reading of the figures (no result can
    go stale across requests).

    `mode` names a way of counting that changes what the same key reads (the figures as units
    stood, indicators.selectors.evaluate): an evaluation inside another in a different mode keeps
    its own results, so a report reading both ways in one evaluation gets each way's figures.
    Nested in the same mode, it shares the outer one's."""
    outer = _SHARED.get()
    memos = {} if outer is None else outer[0]
    token = _SHARED.set((memos, memos.setdefault(mode, {})))
    try:
        yield
    finally:
        _SHARED.reset(token)


def shared(key: tuple, compute: Callable):
    """`compute()`, or its result from earlier in the same `evaluation()` under `key` (which must
    name everything the result depends on, e.g. ("members.counts", org.pk, day), except the
    evaluation's mode)."""
    current = _SHARED.get()
    if current is None:
        return compute()
    memo = current[1]
    if key not in memo:
        memo[key] = compute()
    return memo[key]
