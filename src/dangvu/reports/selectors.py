"""Reads of the year-end report: the staff-written parts (with defaults derived from the tree),
the close in force, and a year's figures — from the close's snapshot when the year is closed."""

from django.db.models import QuerySet

from dangvu.indicators.selectors import evaluate
from dangvu.organizations.models import Organization

from . import heading
from .models import YearClose, YearReport


def report_of(org: Organization, year: int) -> YearReport:
    """The unit's report for `year`; an unsaved one with the derived heading when none is written.
    Blank heading fields of a saved report are filled with the derived defaults too."""
    report = YearReport.objects.filter(org=org, year=year).first() or YearReport(org=org, year=year)
    derived = heading.derive(org)
    defaults = {
        "heading_superior": derived.superior,
        "heading_body": derived.body,
        "symbol": derived.symbol,
        "place": derived.place,
        "signer_role": "T/M BAN THƯỜNG VỤ" if org.level in ("district", "province") else "T/M ĐẢNG ỦY",
        "signer_title": "BÍ THƯ",
    }
    for name, value in defaults.items():
        if not getattr(report, name):
            setattr(report, name, value)
    return report


def close_in_force(org: Organization, year: int) -> YearClose | None:
    return YearClose.objects.filter(org=org, year=year, reopened_at__isnull=True).first()


def closes_of(org: Organization, year: int) -> QuerySet[YearClose]:
    """Every close of the unit's year, newest first, with who closed and reopened it."""
    return (
        YearClose.objects.filter(org=org, year=year)
        .select_related("closed_by", "reopened_by")
        .defer("snapshot")
        .order_by("-version")
    )


def year_figures(org: Organization, year: int) -> list[dict]:
    """The year's figures as plain dicts (key, label, unit, value, target, percent,
    subordinate_target_sum, records): from the snapshot when the year is closed, else live."""
    closed = close_in_force(org, year)
    if closed is not None:
        return [{k: v for k, v in fig.items() if k != "record_ids"} for fig in closed.snapshot["indicators"].values()]
    return [f.as_dict() for f in evaluate(org, year)]
