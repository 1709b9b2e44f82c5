"""The report's context: every figure from the indicator catalogue, written in the seed's words
and formats, the staff's narrative in its section, the annex tables and the charts' data. A plain
JSON-able dict, so the year close can keep it and every format (DOCX, PDF, HTML, XLSX, JSON, the
brief) renders the same thing. When the year is closed, the context is the snapshot's."""

from dataclasses import asdict

from dangvu.core import numbers as n
from dangvu.core.catalogue import Period, evaluation
from dangvu.core.dates import format_date, format_place_date
from dangvu.indicators.selectors import evaluate
from dangvu.organizations.models import Organization

from . import annex, boundaries, brief, heading, prose, selectors
from .models import SECTIONS


def report_context(org: Organization, year: int) -> dict:
    """The context the report is rendered from: the close's snapshot when the year is closed,
    otherwise built now from the live records."""
    closed = selectors.close_in_force(org, year)
    if closed is None:
        return build_context(org, year, live=True)
    ctx = dict(closed.snapshot["context"])
    ctx["closed"] = {
        "version": closed.version,
        "closed_at": closed.closed_at.isoformat(),
        "closed_on": format_date(closed.closed_at.date()),
        "closed_by": str(closed.closed_by or ""),
    }
    ctx["source"] = "snapshot"
    return ctx


def paragraphs(text: str) -> list[str]:
    """Staff text split into paragraphs at blank lines (a single newline stays in the paragraph)."""
    return [" ".join(p.split()) for p in (text or "").replace("\r\n", "\n").split("\n\n") if p.strip()]


def _fig(f, style: n.FigureStyle) -> dict:
    # value, target and percent stay exact; percent_of_plan is the number the report writes.
    pct = style.plan_percent(f.value or 0, f.target) if f.target else None
    return {
        "key": f.key, "label": f.label, "unit": f.unit, "value": f.value, "target": f.target,
        "percent": f.percent, "percent_of_plan": None if pct is None else (int(pct) if pct == int(pct) else float(pct)),
        "records": f.records,
    }  # fmt: skip


def build_context(org: Organization, year: int, *, live: bool = True) -> dict:
    """The context from the live records. One catalogue evaluation for the whole report, so the
    flows table reads the crossings that members.increase and members.decrease were computed from
    instead of reading them again."""
    with evaluation():
        return _build_context(org, year, live)


def _build_context(org: Organization, year: int, live: bool) -> dict:
    period = Period.year(year)
    report = selectors.report_of(org, year)
    style = report.style
    figures = {f.key: _fig(f, style) for f in evaluate(org, period)}
    derived = heading.derive(org, period.end)
    v = {k: (f["value"] or 0) for k, f in figures.items()}
    top_label, exemplary_label = prose.top_labels(year)
    facts = prose.section_facts(org, year, figures, v, top_label, exemplary_label, style=style)
    # A unit formed during the year says in one sentence that its figures are in today's boundaries.
    note = boundaries.sentence(org, period)
    if note:
        facts.setdefault(SECTIONS[0][0], []).insert(0, note)
    sections = []
    for number, (key, title) in enumerate(SECTIONS, start=1):
        narrative = paragraphs((report.sections or {}).get(key, ""))
        found = facts.get(key, [])
        body = narrative + found if key in ("general", "direction") else found + narrative
        sections.append({"key": key, "number": _roman(number), "title": title.format(next_year=year + 1),
                         "paragraphs": body, "facts": found, "narrative": narrative})  # fmt: skip
    tables = annex.annex_tables(org, period, figures, v, top_label, style=style)
    number_symbol = f"Số {report.number}-{report.symbol}" if report.number else f"Số     -{report.symbol}"
    place_date = (
        format_place_date(report.place, report.issued_on)
        if report.issued_on
        else f"{report.place}, ngày     tháng     năm {year + 1}"
    )
    return {
        "org": {"pk": org.pk, "code": org.code, "name": org.name},
        "year": year,
        "next_year": year + 1,
        "heading": {"superior": report.heading_superior, "body": report.heading_body},
        "body_name": derived.body_name,
        "number_symbol": number_symbol,
        "place_date": place_date,
        "issued_on": report.issued_on.isoformat() if report.issued_on else None,
        "title": "BÁO CÁO",
        "subtitle": f"tổng kết công tác xây dựng Đảng năm {year} và phương hướng, nhiệm vụ năm {year + 1}",
        "sections": sections,
        "signer": {"role": report.signer_role, "title": report.signer_title, "name": report.signer_name},
        "recipients": [line.strip() for line in report.recipients.splitlines() if line.strip()],
        "figures": figures,
        "annex": tables,
        "charts": annex.charts(tables, year),
        "brief": brief.brief(org, year, report, derived, figures, v, top_label, exemplary_label, style=style),
        "style": asdict(style),
        "closed": None,
        "source": "live" if live else "snapshot",
    }


def _roman(i: int) -> str:
    return ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"][i]
