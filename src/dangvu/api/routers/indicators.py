"""/indicators: every figure of a unit for a year or a period, from the indicator catalogue —
the same document as `dangvu indicators --json`."""

import datetime as dt

from django.core.exceptions import ValidationError
from ninja import Field, Query, Router, Schema

from dangvu.core import catalogue
from dangvu.core.catalogue import Period
from dangvu.indicators.selectors import evaluate
from dangvu.reports.selectors import report_style

from ..errors import responses
from .common import Day, In, org_in_scope, scope_of

router = Router(tags=["indicators"])


class IndicatorQuery(In):
    org: str = Field(..., max_length=40, description="mã đơn vị, ví dụ HM")
    year: int | None = Field(None, ge=1930, le=9999, description="năm; hoặc dùng start và end")
    start: Day | None = Field(None, description="từ ngày (YYYY-MM-DD)")
    end: Day | None = Field(None, description="đến ngày (YYYY-MM-DD), kể cả ngày này")
    keys: str = Field("", max_length=2000, description="chỉ các chỉ số này, cách nhau bằng dấu phẩy")


class OrgRef(Schema):
    code: str
    name: str


class PeriodOut(Schema):
    start: dt.date
    end: dt.date


class FigureOut(Schema):
    label: str
    unit: str
    value: int | float | None
    target: int | float | None
    percent: float | None = Field(None, description="tỷ lệ đạt chỉ tiêu (%), một chữ số thập phân")
    subordinate_target_sum: int | float | None
    records: int | None = Field(None, description="số bản ghi làm nên giá trị")
    plan_text: str | None = Field(
        None,
        description="tỷ lệ đạt chỉ tiêu như báo cáo của đơn vị viết (“đạt 116% kế hoạch”), theo cách viết của cấp ủy",
    )


class IndicatorsOut(Schema):
    org: OrgRef
    period: PeriodOut
    indicators: dict[str, FigureOut]


def _period(q: IndicatorQuery) -> Period:
    if q.year is not None and (q.start or q.end):
        raise ValidationError({"year": ["Chỉ gửi year, hoặc start và end, không gửi cả hai."]})
    if q.year is not None:
        return Period.year(q.year)
    if not (q.start and q.end):
        raise ValidationError({"year": ["Hãy gửi năm (year=2016), hoặc khoảng ngày start và end."]})
    if q.end < q.start:
        raise ValidationError({"end": ["Ngày kết thúc trước ngày bắt đầu; hãy kiểm tra lại khoảng ngày."]})
    if q.start.year < 1930:
        raise ValidationError({"start": ["Ngày bắt đầu không thể trước năm 1930."]})
    return Period(q.start, q.end)


@router.get("/indicators", response=responses(200, IndicatorsOut, 404), summary="Các chỉ số của một đơn vị")
def indicator_values(request, filters: Query[IndicatorQuery]):
    """Every figure of the unit's subtree over the year (or [start, end]), each with its target,
    plan achievement, the subordinates' targets and the number of records behind it — keyed by
    the catalogue's stable keys (members.admitted, orgs.grassroots …)."""
    org = org_in_scope(scope_of(request), filters.org)
    period = _period(filters)
    keys = [k.strip() for k in filters.keys.split(",") if k.strip()] or None
    if keys:
        unknown = [k for k in keys if not catalogue.exists(k)]
        if unknown:
            raise ValidationError({"keys": [f"Không có chỉ số “{k}” trong danh mục." for k in unknown]})
    figures = evaluate(org, period, keys)
    style = report_style(org, period.end.year)  # the house style of the unit's report: display only
    return {
        "org": {"code": org.code, "name": org.name},
        "period": {"start": period.start, "end": period.end},
        "indicators": {
            f.key: {
                "label": f.label, "unit": f.unit, "value": f.value, "target": f.target, "percent": f.percent,
                "subordinate_target_sum": f.subordinate_target_sum, "records": f.records,
                "plan_text": style.plan(f.value or 0, f.target) if f.target else None,
            }
            for f in figures
        },
    }  # fmt: skip
