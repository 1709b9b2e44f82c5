"""`dangvu indicators --org HM --year 2016 [--json] [--as-stood]`: every figure of a unit for a year,
with its target and plan achievement, as a plain table or as JSON keyed by indicator. The table
writes the plan achievement in the house style of the unit's report ("đạt 116% kế hoạch", as the
report, the dashboard and the API's plan_text do); the JSON keeps the exact percent. A unit formed
during the year counts in today's boundaries (its predecessors' records of the cells and members it
received included); `--as-stood` counts each record where its unit stood on its day."""

import json

from django.core.management.base import BaseCommand, CommandError

from dangvu.core.catalogue import Period, without_base
from dangvu.core.numbers import SEED_STYLE, FigureStyle
from dangvu.indicators.display import vn_number
from dangvu.indicators.selectors import as_period, evaluate
from dangvu.organizations.models import Organization
from dangvu.reports.selectors import report_style, year_figures


class Command(BaseCommand):
    help = "Các chỉ số của một đơn vị trong một năm, kèm chỉ tiêu và tỷ lệ đạt kế hoạch."

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="mã đơn vị, ví dụ HM")
        parser.add_argument("--year", required=True, type=int, help="năm, ví dụ 2016")
        parser.add_argument("--quarter", type=int, help="quý 1–4 của năm (đánh giá theo quý, Quy định 366-QĐ/TW)")
        parser.add_argument("--json", dest="as_json", action="store_true", help="in ra JSON thay cho bảng")
        parser.add_argument(
            "--as-stood",
            action="store_true",
            help="tính theo địa giới tại thời điểm phát sinh (không cộng số liệu của tổ chức tiền thân)",
        )

    def handle(self, *args, org, year, as_json: bool, as_stood: bool = False, quarter=None, **options):
        unit = Organization.objects.filter(code=org.strip().upper()).first()
        if unit is None:
            raise CommandError(f"Không tìm thấy đơn vị có mã “{org}”; hãy kiểm tra lại mã (ví dụ HM).", returncode=1)
        if not 1930 <= year <= 9999:
            raise CommandError(f"Năm {year} không hợp lệ; hãy nhập năm bốn chữ số, ví dụ 2016.", returncode=1)
        if quarter is not None:
            # A quarter (QĐ 366 evaluates by quarter) is always live: only years are closed.
            if quarter not in (1, 2, 3, 4):
                raise CommandError(f"Quý {quarter} không hợp lệ; hãy nhập 1, 2, 3 hoặc 4.", returncode=1)
            period = Period.quarter(year, quarter)
            figures, closed = evaluate(unit, period, as_stood=as_stood), None
        else:
            period = as_period(year)
            # A closed year (chốt số liệu) answers from its snapshot, as the issued report does.
            found = year_figures(unit, year, as_stood=as_stood)
            figures, closed = found.figures, found.closed
        if as_json:
            self.stdout.write(_as_json(unit, period, figures, closed, as_stood))
        else:
            self.stdout.write(_as_table(unit, period, figures, closed, report_style(unit, year)))


def _as_json(unit, period, figures, closed=None, as_stood=False) -> str:
    doc = {
        "org": {"code": unit.code, "name": unit.name},
        "period": {
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
            **({"quarter": period.quarter_number} if period.quarter_number else {}),
        },  # fmt: skip
        "boundaries": "as_stood" if as_stood else "today",
        "closed": {"version": closed.version, "closed_at": closed.closed_at.isoformat()} if closed else None,
        "indicators": {
            f.key: {
                "label": f.label,
                "unit": f.unit,
                "value": f.value,
                "target": f.target,
                "percent": f.percent,
                "subordinate_target_sum": f.subordinate_target_sum,
                "records": f.records,
            }
            for f in figures
        },
    }
    return json.dumps(doc, ensure_ascii=False, indent=2)


def _as_table(unit, period, figures, closed=None, style: FigureStyle = SEED_STYLE) -> str:
    header = ("Chỉ số", "Giá trị", "Chỉ tiêu", "Đạt kế hoạch")
    suffix = {"%": "%"}
    values = {f.key: f.value for f in figures}
    rows = [
        (
            f.label,
            "—" if without_base(f.key, values) else vn_number(f.value) + suffix.get(f.unit, ""),
            vn_number(f.target) + (suffix.get(f.unit, "") if f.target is not None else ""),
            style.plan(f.value or 0, f.target) if f.target else "",
        )
        for f in figures
    ]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(4)]

    def line(cells):
        first = cells[0].ljust(widths[0])
        return "  ".join([first, *(c.rjust(w) for c, w in zip(cells[1:], widths[1:], strict=True))]).rstrip()

    title = f"{unit.name} ({unit.code}) — {period}"
    if closed:
        title += f" — số liệu đã chốt (lần {closed.version}, {closed.closed_at:%d/%m/%Y})"
    return "\n".join([title, "", line(header), "  ".join("-" * w for w in widths), *map(line, rows)])
