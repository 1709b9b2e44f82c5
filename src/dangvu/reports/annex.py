"""The report's annex tables (members and grassroots organizations, flows by cause, review classes,
units against plan, every indicator) and the two charts drawn from them. Each table reads the
catalogue's figures or the records behind them, never a count of its own."""

from django.db.models import Count

from dangvu.core import catalogue
from dangvu.core import numbers as n
from dangvu.core.catalogue import Period
from dangvu.core.text import natural_key
from dangvu.indicators.selectors import evaluate, records_behind
from dangvu.members.indicators import crossings
from dangvu.members.models import EventKind
from dangvu.organizations.lineage import received
from dangvu.organizations.models import Organization
from dangvu.reviews.rulebooks import NoRulebook, rulebook_for

from . import selectors


def annex_tables(org, period, figures, v, top_label, *, style: n.FigureStyle = n.SEED_STYLE) -> list[dict]:
    year = period.start.year
    tables = []
    tables.append({
        "key": "members_status", "title": f"Đảng viên, tổ chức cơ sở đảng đến ngày 31/12/{year}",
        "headers": ["Nội dung", "Số lượng"],
        "rows": [
            ["Tổ chức cơ sở đảng", n.format_int(v["orgs.grassroots"])],
            *([["Chi bộ trực thuộc", n.format_int(v["orgs.cells_direct"])]] if v.get("orgs.cells_direct") else []),
            ["Tổng số đảng viên", n.format_int(v["members.total"])],
            ["Trong đó: đảng viên chính thức", n.format_int(v["members.full"])],
            ["Trong đó: đảng viên dự bị", n.format_int(v["members.probationary"])],
        ],
    })  # fmt: skip
    tables.append(_flows_table(org, period, v))
    tables.append(_review_table(org, period, v, top_label))
    tables.append(_units_table(org, period, figures, style))
    tables.append({
        "key": "indicators", "title": f"Các chỉ số năm {year}",
        "headers": ["Chỉ số", "Đơn vị tính", "Giá trị", "Chỉ tiêu", "Tỷ lệ đạt (%)", "Số hồ sơ"],
        "rows": [
            [f["label"], f["unit"], _value(f, v), _num(f["target"], f["unit"]),
             style.number(f["percent"]) if f["percent"] is not None else "",
             n.format_int(f["records"]) if f["records"] is not None else ""]
            for f in figures.values()
        ],
    })  # fmt: skip
    compared = _comparison_table(org, period, v)
    if compared:
        tables.append(compared)
    return tables


STOCK_ROWS = (
    ("orgs.grassroots", "Tổ chức cơ sở đảng"),
    ("orgs.cells_direct", "Chi bộ trực thuộc"),
    ("members.total", "Tổng số đảng viên"),
    ("members.full", "Trong đó: đảng viên chính thức"),
    ("members.probationary", "Trong đó: đảng viên dự bị"),
)
FLOW_ROWS = (
    ("members.admitted", "Kết nạp đảng viên mới"),
    ("members.increase", "Đảng viên tăng trong năm"),
    ("members.decrease", "Đảng viên giảm trong năm"),
)


def _comparison_table(org, period, v) -> dict | None:
    """The year against the year before, in the same boundaries: the previous year evaluated for
    the same unit as it stands now (a ward formed during the year counts its predecessors' parts
    in both years, as the report's own figures do). None when the unit and what it received held no
    member at the end of the year before. The previous year's admissions and flows are compared
    only when the system holds that year's lifecycle (an admission recorded in it, or the year
    closed here): a committee that brought in its registry this year has last year's members but
    not who joined or left then."""
    year = period.start.year
    before = Period.year(year - 1)
    keys = [k for k, _ in STOCK_ROWS + FLOW_ROWS]
    prev = {f.key: f.value or 0 for f in evaluate(org, before, keys=keys)}
    if not prev["members.total"] and not prev["orgs.grassroots"]:
        return None
    held = bool(prev["members.admitted"]) or selectors.close_in_force(org, year - 1) is not None
    rows = []
    for key, label in STOCK_ROWS + (FLOW_ROWS if held else ()):
        then, now = prev[key], v.get(key) or 0
        if key == "orgs.cells_direct" and not then and not now:
            continue
        rows.append([label, n.format_int(then), n.format_int(now), _difference(now - then)])
    title = f"So sánh năm {year} với năm {year - 1}"
    if received(org, before.start):
        title += " (theo địa giới hiện nay)"
    note = "" if held else f" — năm {year - 1} chưa có hồ sơ kết nạp, tăng, giảm trong hệ thống"
    return {"key": "comparison", "title": title + note,
            "headers": ["Nội dung", f"Năm {year - 1}", f"Năm {year}", "Tăng (+), giảm (−)"],
            "rows": rows}  # fmt: skip


def _difference(d: int) -> str:
    if d > 0:
        return f"+{n.format_int(d)}"
    if d < 0:
        return f"−{n.format_int(-d)}"
    return "0"


def _value(f: dict, v: dict) -> str:
    """A figure's value; "—" for a rate with nothing to divide by (no election: not a turnout of 0%)."""
    if catalogue.without_base(f["key"], v):
        return "—"
    return _num(f["value"], f["unit"])


def _num(value, unit) -> str:
    if value is None:
        return ""
    if unit == "%":
        return n.format_percent(value)
    if isinstance(value, float):
        return n.format_decimal(value)
    return n.format_int(value)


def _flows_table(org, period, v) -> dict:
    """Increase and decrease by cause: the crossings that define members.increase and
    members.decrease (the catalogue's own computation), grouped by the event that caused each."""
    entries, exits = crossings(org, period)
    opening = evaluate(org, Period(period.day_before, period.day_before), keys=["members.total"])[0].value or 0
    labels = dict(EventKind.choices)
    rows = [["Đảng viên đầu năm", "", n.format_int(opening)]]
    for title, found, total_key in (("Tăng", entries, "members.increase"), ("Giảm", exits, "members.decrease")):
        counts: dict[str, int] = {}
        for c in found:
            counts[c.kind] = counts.get(c.kind, 0) + 1
        rows.append([f"{title} trong năm", "", n.format_int(v[total_key])])
        for kind, count in sorted(counts.items(), key=lambda kv: -kv[1]):
            rows.append(["", labels.get(kind, kind), n.format_int(count)])
    rows.append(["Đảng viên cuối năm", "", n.format_int(v["members.total"])])
    return {"key": "members_flows", "title": f"Đảng viên tăng, giảm trong năm {period.start.year} theo nguyên nhân",
            "headers": ["Nội dung", "Nguyên nhân", "Số lượng"], "rows": rows}  # fmt: skip


def _review_table(org, period, v, top_label) -> dict:
    """The classes of the rated grassroots organizations: the records behind review.orgs.rated,
    grouped by the decided class."""
    year = period.start.year
    rows = []
    try:
        classes = rulebook_for(year).org_classes
    except NoRulebook:
        classes = ()
    rated = v.get("review.orgs.rated", 0)
    counts = dict(
        records_behind("review.orgs.rated", org, period)
        .values_list("decided_class")
        .annotate(c=Count("org_id", distinct=True))
    )
    for grade in classes:
        count = counts.get(grade.code, 0)
        share = n.format_decimal(count * 100 / rated, 1) if rated else ""
        rows.append([grade.label, n.format_int(count), share])
        if grade.top and v.get("review.orgs.top_exemplary"):
            ex = v["review.orgs.top_exemplary"]
            rows.append([f"Trong đó: {grade.label} tiêu biểu", n.format_int(ex), n.format_decimal(ex * 100 / rated, 1)])
    rows.append(["Tổng số được đánh giá, xếp loại", n.format_int(rated), "100" if rated else ""])
    return {"key": "review_orgs", "title": f"Kết quả đánh giá, xếp loại tổ chức cơ sở đảng năm {year}",
            "headers": ["Xếp loại", "Số tổ chức", "Tỷ lệ (%)"], "rows": rows,
            "chart": [[grade.label, counts.get(grade.code, 0)] for grade in classes]}  # fmt: skip


def _by_name(unit) -> tuple:
    return natural_key(unit.name), unit.pk


def _units_table(org, period, figures, style: n.FigureStyle) -> dict:
    """Members at year end and admissions against plan, per grassroots organization of the subtree
    at year end and per cell the unit holds directly (a ward's from 1/7/2025, after them); the total
    row is the unit's own figures, not a sum done here."""
    grassroots = records_behind("orgs.grassroots", org, period)
    cells = list(records_behind("orgs.cells_direct", org, period))
    units = sorted(grassroots, key=_by_name) + sorted(cells, key=_by_name)
    found = selectors.grassroots_figures(org, period, Organization.objects.filter(pk__in=[u.pk for u in units]))
    rows, chart = [], []
    for i, unit in enumerate(units, start=1):
        f = found[unit.pk]
        admitted, target = f["members.admitted"], f["target"]
        rows.append([str(i), unit.name, n.format_int(f["members.total"]), n.format_int(admitted),
                     _num(target, ""), style.rate(admitted, target)])  # fmt: skip
        chart.append([unit.short_name or unit.name, admitted])
    adm = figures["members.admitted"]
    rows.append(["", "Tổng cộng", n.format_int(figures["members.total"]["value"] or 0),
                 n.format_int(adm["value"] or 0), _num(adm["target"], ""),
                 style.rate(adm["value"] or 0, adm["target"])])  # fmt: skip
    chart.sort(key=lambda c: -c[1])
    whom = "tổ chức cơ sở đảng và chi bộ trực thuộc" if cells else "tổ chức cơ sở đảng"
    title = f"Đảng viên và kết nạp đảng viên mới năm {period.start.year} theo {whom}"
    return {"key": "units", "title": title,
            "headers": ["STT", whom[0].upper() + whom[1:], "Đảng viên cuối năm", "Kết nạp trong năm",
                        "Kế hoạch kết nạp", "Tỷ lệ đạt kế hoạch"],
            "rows": rows, "chart": chart[:12]}  # fmt: skip


def charts(annex, year) -> list[dict]:
    by_key = {t["key"]: t for t in annex}
    return [
        {"key": "review_orgs", "title": f"Hình 1. Kết quả xếp loại tổ chức cơ sở đảng năm {year}",
         "bars": by_key["review_orgs"]["chart"]},
        {"key": "admissions",
         "title": f"Hình 2. Kết nạp đảng viên mới năm {year} — các tổ chức cơ sở đảng kết nạp nhiều nhất",
         "bars": by_key["units"]["chart"]},
    ]  # fmt: skip
