"""A unit's quarter under Quy định 366-QĐ/TW, which evaluates by quarter: the figures of the
evaluation (collectives and members rated "hoàn thành tốt nhiệm vụ trở lên", each class, tasks
done on time) read from the catalogue for the quarter, and the short quarterly report that writes
them in the current wording with the committee's house style for percents (its report of the
year's FigureStyle). The dashboard's quarter and the report read the same `quarter_figures`."""

import datetime as dt
import io
from dataclasses import dataclass

from django.template.loader import render_to_string

from dangvu.core import catalogue
from dangvu.core import numbers as n
from dangvu.core.catalogue import Period
from dangvu.core.dates import format_place_date
from dangvu.reviews.rulebooks.since2018 import CLASSES

from . import heading as headings
from .selectors import report_of, report_style

SOURCE = "Quy định 366-QĐ/TW ngày 30/8/2025"


@dataclass(frozen=True)
class Rate:
    part: int
    whole: int
    text: str  # the percent in the committee's style ("83%"), "" with nothing to divide by


@dataclass(frozen=True)
class QuarterFigures:
    year: int
    quarter: int
    orgs: Rate  # collectives rated good or better, of those evaluated
    members: Rate
    tasks: Rate  # tasks done on time, of those due in the quarter
    org_classes: list[tuple[str, str, int]]  # (code, label, count)
    member_classes: list[tuple[str, str, int]]

    @property
    def class_rows(self) -> list[tuple[str, str, int, int]]:
        """(code, label, collectives, members) for each class."""
        return [(o[0], o[1], o[2], m[2]) for o, m in zip(self.org_classes, self.member_classes, strict=True)]

    @property
    def evaluated(self) -> bool:
        return bool(self.orgs.whole or self.members.whole or self.tasks.whole)


def quarter_figures(org, year: int, quarter: int, style: n.FigureStyle | None = None) -> QuarterFigures:
    period = Period.quarter(year, quarter)
    style = style or report_style(org, year)

    def value(key):
        return int(catalogue.compute(key, org, period) or 0)

    def rate(part_key, whole_key):
        part, whole = value(part_key), value(whole_key)
        return Rate(part, whole, style.rate(part, whole))

    def classes(who):
        return [(g.code, g.label, value(f"evaluation.{who}.{g.code}")) for g in CLASSES]

    return QuarterFigures(
        year, quarter,
        rate("evaluation.orgs.good_or_better", "evaluation.orgs.evaluated"),
        rate("evaluation.members.good_or_better", "evaluation.members.evaluated"),
        rate("tasks.on_time", "tasks.due"),
        classes("orgs"), classes("members"),
    )  # fmt: skip


def evaluated_quarters(org, year: int) -> list[int]:
    """The quarters of `year` with a decided evaluation in `org`'s subtree (QĐ 366 evaluates by quarter
    from 2025): those whose quarterly report has figures to give."""
    if year < 2025:
        return []
    evaluated = ("evaluation.orgs.evaluated", "evaluation.members.evaluated")
    return [q for q in (1, 2, 3, 4) if any(catalogue.compute(key, org, Period.quarter(year, q)) for key in evaluated)]


def _classes(rows) -> str:
    return ", ".join(f"{label[0].lower()}{label[1:]} {n.format_int(count)}" for _, label, count in rows if count)


def section(f: QuarterFigures) -> list[str]:
    """The quarter's evaluation in the current wording: "Có 5/6 tổ chức đảng hoàn thành tốt nhiệm
    vụ trở lên, đạt tỷ lệ 83%; …; 40/45 nhiệm vụ hoàn thành đúng hạn, đạt 88%." and the classes."""
    if not f.evaluated:
        return [f"Quý {f.quarter} năm {f.year} chưa có kết quả đánh giá, xếp loại và chưa có nhiệm vụ đến hạn."]
    parts = []
    if f.orgs.whole:
        parts.append(
            f"{n.format_share(f.orgs.part, f.orgs.whole)} tổ chức đảng hoàn thành tốt nhiệm vụ trở lên, "
            f"đạt tỷ lệ {f.orgs.text}"
        )
    if f.members.whole:
        parts.append(
            f"{n.format_share(f.members.part, f.members.whole)} đảng viên hoàn thành tốt nhiệm vụ trở lên, "
            f"đạt tỷ lệ {f.members.text}"
        )
    if f.tasks.whole:
        parts.append(
            f"{n.format_share(f.tasks.part, f.tasks.whole)} nhiệm vụ được giao hoàn thành đúng hạn, đạt {f.tasks.text}"
        )
    paras = [
        f"Kết quả đánh giá, xếp loại chất lượng quý {f.quarter} năm {f.year} theo {SOURCE} (chấm điểm theo thang "
        f"100 điểm, gắn với kết quả thực hiện nhiệm vụ và sản phẩm cụ thể): có " + "; ".join(parts) + "."
    ]
    detail = []
    if f.orgs.whole:
        detail.append(f"về tổ chức đảng: {_classes(f.org_classes)}")
    if f.members.whole:
        detail.append(f"về đảng viên: {_classes(f.member_classes)}")
    if detail:
        paras.append("Cụ thể, " + "; ".join(detail) + ".")
    return paras


def quarter_report_context(org, year: int, quarter: int, today: dt.date | None = None) -> dict:
    report = report_of(org, year)
    figures = quarter_figures(org, year, quarter, report.style)
    head = headings.derive(org, Period.quarter(year, quarter).end)
    today = today or dt.date.today()
    return {
        "org": org,
        "heading": head,
        "date_line": format_place_date(report.place or head.place, today),
        "title": f"Kết quả đánh giá, xếp loại chất lượng tổ chức đảng, đảng viên quý {quarter} năm {year}",
        "figures": figures,
        "paragraphs": section(figures),
        "file_name": f"bao-cao-quy-{quarter}-{year}-{org.code}",
    }


def render_html(ctx: dict) -> str:
    return render_to_string("reports/quarterly.html", ctx)


def render_docx(ctx: dict) -> bytes:
    """A short Word document: the heading, the title and the section, in the template's font."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from .make_template import set_font

    doc = Document()
    lines = [
        (ctx["heading"].superior, True, WD_ALIGN_PARAGRAPH.LEFT),
        (ctx["heading"].body, True, WD_ALIGN_PARAGRAPH.LEFT),
        (ctx["date_line"], False, WD_ALIGN_PARAGRAPH.RIGHT),
        ("BÁO CÁO", True, WD_ALIGN_PARAGRAPH.CENTER),
        (ctx["title"], True, WD_ALIGN_PARAGRAPH.CENTER),
        *[(text, False, WD_ALIGN_PARAGRAPH.JUSTIFY) for text in ctx["paragraphs"]],
    ]
    for text, bold, align in lines:
        para = doc.add_paragraph()
        para.alignment = align
        run = para.add_run(text)
        run.bold = bold
        set_font(run, 14)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
