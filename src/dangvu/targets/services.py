"""Writes of targets. Each validates everything first, runs in one transaction and is
attributed to `actor` in the audit."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction

from dangvu.core import catalogue
from dangvu.core.audit import acting_as
from dangvu.core.closing import require_open
from dangvu.core.errors import fail
from dangvu.core.text import clean, clean_multiline
from dangvu.organizations.models import Organization

from .models import Target

FIRST_YEAR = 1930  # the Party's founding year: no target can be older


def _check_key(key: str):
    if not catalogue.exists(key):
        fail("indicator_key", f"Không có chỉ số “{key}” trong danh mục; hãy chọn một chỉ số trong danh sách.")
    ind = catalogue.get(key)
    if not ind.targetable:
        fail(
            "indicator_key",
            f"Chỉ số “{ind.label}” là số liệu thống kê, không giao chỉ tiêu; hãy chọn chỉ số khác.",
        )


def _check_value(value) -> Decimal:
    if value is None or value == "":
        fail("value", "Hãy nhập giá trị chỉ tiêu, ví dụ 180.")
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        fail("value", f"Chỉ tiêu “{value}” không phải là một số; hãy nhập số, ví dụ 180.")
    if not number.is_finite():
        fail("value", "Chỉ tiêu phải là một số hữu hạn, ví dụ 180.")
    if number < 0:
        fail("value", f"Chỉ tiêu không thể âm ({value}); hãy nhập số từ 0 trở lên.")
    return number


def _check_year(year):
    if not isinstance(year, int) or not FIRST_YEAR <= year <= dt.date.today().year + 5:
        fail("year", f"Năm {year} không hợp lệ; hãy nhập năm bốn chữ số, ví dụ 2016.")


def _require_open(org: Organization, year: int):
    # A target has no day: it is the whole year's, read by that year's report (đạt X% kế hoạch),
    # so it is locked by the year's close as the review classes are (by its last day).
    require_open(org=org, day=dt.date(year, 12, 31), field="year")


def _check_assigner(org: Organization, assigned_by: Organization):
    # The unit's own plan, or a target from one of its superiors, in today's tree.
    if not org.path.startswith(assigned_by.path):
        fail(
            "assigned_by",
            f"{assigned_by.name} không phải cấp trên của {org.name}; chỉ tiêu do chính đơn vị "
            "hoặc một cấp trên của đơn vị giao.",
        )


@transaction.atomic
def target_set(
    *,
    actor,
    org: Organization,
    indicator_key: str,
    year: int,
    value,
    assigned_by: Organization | None = None,
    note: str = "",
) -> Target:
    """Set (create or replace) the target of `org` for `indicator_key` in `year`.

    Refuses, naming the field: an indicator not in the catalogue or not targetable, a year out of
    range, a missing or negative value, an assigning organization that is neither the unit
    nor one of its superiors, and a year closed over the unit (core.closing). `assigned_by`
    defaults to the unit itself (its own plan)."""
    indicator_key = clean(indicator_key)
    _check_key(indicator_key)
    _check_year(year)
    number = _check_value(value)
    assigned_by = assigned_by or org
    _check_assigner(org, assigned_by)
    _require_open(org, year)
    with acting_as(actor):
        target = Target.objects.filter(org=org, indicator_key=indicator_key, year=year).first() or Target(
            org=org, indicator_key=indicator_key, year=year
        )
        target.value = number
        target.assigned_by = assigned_by
        target.set_by = actor if getattr(actor, "pk", None) else None
        target.note = clean_multiline(note)
        target.save()
    return target


@transaction.atomic
def target_delete(*, actor, target: Target) -> None:
    """Delete a target; the audit keeps what it was and who deleted it. Refused in a closed year."""
    _require_open(target.org, target.year)
    with acting_as(actor):
        target.delete()
