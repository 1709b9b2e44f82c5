"""Writes of the year-end report: the staff-written parts, and the year close (chốt số liệu) with
its reopening. Each validates before writing and runs under the acting user for the audit."""

import datetime as dt

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from dangvu.core import catalogue
from dangvu.core import numbers as n
from dangvu.core.audit import acting_as
from dangvu.core.errors import fail
from dangvu.indicators.selectors import evaluate
from dangvu.organizations.models import Organization

from . import selectors
from .models import SECTION_KEYS, YearClose, YearReport
from .typed import typed_differences

REPORT_FIELDS = (
    "number", "symbol", "place", "issued_on", "heading_superior", "heading_body",
    "signer_role", "signer_title", "signer_name", "recipients",
    "percent_places", "percent_rounding", "plan_form", "class_rates",
)  # fmt: skip


def _check_year(org: Organization, year: int):
    if not isinstance(year, int) or not 1930 <= year <= dt.date.today().year:
        fail("year", f"Năm {year} không hợp lệ: chỉ lập báo cáo cho năm đã qua hoặc năm nay, ví dụ 2016.")
    if org.founded_on.year > year:
        fail("year", f"{org.name} thành lập năm {org.founded_on.year}, nên không có báo cáo năm {year}.")


def _check_open(org: Organization, year: int, field: str = "year"):
    if selectors.close_in_force(org, year) is not None:
        fail(
            field,
            f"Số liệu năm {year} của {org.name} đã chốt; báo cáo đã chốt không sửa được. "
            "Nếu cần sửa, hãy mở lại năm (ghi rõ lý do) rồi chốt lại.",
            code="closed",
        )


@transaction.atomic
def year_report_save(*, actor, org: Organization, year: int, sections: dict | None = None, **fields) -> YearReport:
    """Save the staff-written parts of the unit's report for `year` (only the fields given).
    Refused while the year is closed, so an issued report cannot drift from its snapshot."""
    _check_year(org, year)
    _check_open(org, year)
    unknown = set(fields) - set(REPORT_FIELDS)
    if unknown:
        fail(sorted(unknown)[0], "Trường này không có trong báo cáo.")
    if sections is not None:
        wrong = set(sections) - set(SECTION_KEYS)
        if wrong:
            fail(
                "sections", f"Phần “{sorted(wrong)[0]}” không có trong báo cáo; các phần là: {', '.join(SECTION_KEYS)}."
            )
    issued_on = fields.get("issued_on")
    if issued_on and issued_on.year not in (year, year + 1):
        fail("issued_on", f"Báo cáo năm {year} ban hành trong năm {year} hoặc {year + 1}; hãy kiểm tra lại ngày.")
    if fields.get("percent_places") not in (None, 0, 1, 2):
        fail("percent_places", "Số chữ số thập phân của tỷ lệ là 0, 1 hoặc 2 (ví dụ 116%, 116,1%, 116,11%).")
    if fields.get("percent_rounding") not in (None, n.DOWN, n.HALF_UP):
        fail("percent_rounding", "Chọn làm tròn xuống hoặc làm tròn đến số gần nhất.")
    if fields.get("plan_form") not in (None, n.REACHED, n.EXCEEDED):
        fail("plan_form", "Chọn cách viết “đạt X% kế hoạch” hoặc “vượt X%”.")
    number = (fields.get("number") or "").strip()
    if number and not number.isdigit():
        fail("number", "Số văn bản chỉ gồm chữ số, ví dụ 45; ký hiệu (BC/QU) nhập ở ô bên cạnh.")
    symbol = (fields.get("symbol") or "").strip()
    if symbol and not symbol.startswith("BC/"):
        fail("symbol", "Ký hiệu của báo cáo bắt đầu bằng “BC/”, ví dụ BC/QU hoặc BC/ĐU.")
    report = YearReport.objects.filter(org=org, year=year).first() or YearReport(org=org, year=year)
    for name, value in fields.items():
        setattr(report, name, value.strip() if isinstance(value, str) else value)
    if sections is not None:
        merged = dict(report.sections or {})
        for key, text in sections.items():
            text = (text or "").strip()
            if text:
                merged[key] = text
            else:
                merged.pop(key, None)
        report.sections = merged
    with acting_as(actor):
        report.save()
    return report


def _snapshot_indicators(org: Organization, year: int) -> dict:
    """Every figure with the ids of the records behind it (one query per indicator for the ids)."""
    out = {}
    for fig in evaluate(org, year):
        row = fig.as_dict()
        ind = catalogue.get(fig.key)
        if ind.records is not None:
            qs = ind.records(org, catalogue.Period.year(year))
            row["records_model"] = qs.model._meta.label_lower
            row["record_ids"] = sorted(qs.values_list("pk", flat=True).distinct())
        else:
            row["records_model"], row["record_ids"] = None, None
        out[fig.key] = row
    return out


@transaction.atomic
def year_close(*, actor, org: Organization, year: int, confirm_typed: bool = False) -> YearClose:
    """Freeze the unit's year: store every figure with its records' ids and the report's context,
    as the next version. From then on the report and the year's figures come from this snapshot.
    Numbers typed in the narrative that differ from the computed figure for the same phrase
    (reports.typed) are refused with the list, unless the author confirms them (`confirm_typed`)."""
    from dangvu.dashboard.board import series_snapshot  # the dashboard reads closes: imported late

    from .context import build_context  # the builder reads selectors; imported late to keep layers clear

    _check_year(org, year)
    _check_open(org, year)
    # Lock the unit's row so two closes at once cannot both take the same version.
    Organization.objects.select_for_update().filter(pk=org.pk).first()
    version = (YearClose.objects.filter(org=org, year=year).aggregate(v=Max("version"))["v"] or 0) + 1
    with catalogue.evaluation():  # the figures and the report's context share their readings
        indicators = _snapshot_indicators(org, year)
        snapshot = {
            "org": {"pk": org.pk, "code": org.code, "name": org.name},
            "year": year,
            "version": version,
            "taken_at": timezone.now().isoformat(),
            "indicators": indicators,
            "context": build_context(org, year, live=True),
            # What the dashboard charts for the year, so a closed year's page reads it from here.
            "dashboard": series_snapshot(org, year, indicators),
        }
    differences = typed_differences(snapshot["context"])
    if differences and not confirm_typed:
        listed = " ".join(d.message for d in differences)
        fail(
            "sections",
            f"{listed} Hãy sửa phần đã gõ cho khớp, hoặc đánh dấu “Giữ nguyên các số đã gõ” rồi chốt lại.",
            code="typed_figures",
        )
    with acting_as(actor):
        return YearClose.objects.create(org=org, year=year, version=version, closed_by=actor, snapshot=snapshot)


@transaction.atomic
def year_reopen(*, actor, org: Organization, year: int, reason: str) -> YearClose:
    """Reopen a closed year, recording who, when and why. The close stays (its snapshot too);
    closing again makes a new version."""
    reason = (reason or "").strip()
    closed = selectors.close_in_force(org, year)
    if closed is None:
        fail("year", f"Số liệu năm {year} của {org.name} chưa chốt nên không cần mở lại.")
    if len(reason) < 10:
        fail("reason", "Hãy ghi rõ lý do mở lại (ít nhất 10 ký tự), ví dụ “Bổ sung quyết định kết nạp nhận muộn”.")
    closed.reopened_at = timezone.now()
    closed.reopened_by = actor
    closed.reopen_reason = reason
    with acting_as(actor):
        closed.save(update_fields=["reopened_at", "reopened_by", "reopen_reason"])
    return closed
