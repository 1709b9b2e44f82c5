"""The report's context: every figure from the indicator catalogue, written in the seed's words
and formats, the staff's narrative in its section, the annex tables and the charts' data. A plain
JSON-able dict, so the year close can keep it and every format (DOCX, PDF, HTML, XLSX, JSON, the
brief) renders the same thing. When the year is closed, the context is the snapshot's."""

from django.db.models import Count

from dangvu.core import numbers as n
from dangvu.core.dates import format_date, format_date_prose, format_place_date
from dangvu.indicators.registry import Period, evaluation
from dangvu.indicators.selectors import evaluate, records_behind
from dangvu.members.indicators import crossings
from dangvu.members.models import EventKind
from dangvu.organizations.models import Organization
from dangvu.reviews.rulebooks import NoRulebook, rulebook_for
from dangvu.targets.selectors import target_for

from . import heading, selectors
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


def _fig(f) -> dict:
    return {
        "key": f.key, "label": f.label, "unit": f.unit, "value": f.value, "target": f.target,
        "percent": f.percent, "percent_of_plan": n.percent_of_plan(f.value, f.target) if f.target else None,
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
    figures = {f.key: _fig(f) for f in evaluate(org, period)}
    report = selectors.report_of(org, year)
    derived = heading.derive(org)
    v = {k: (f["value"] or 0) for k, f in figures.items()}
    top_label, exemplary_label = _top_labels(year)
    facts = _facts(org, year, figures, v, top_label, exemplary_label)
    sections = []
    for number, (key, title) in enumerate(SECTIONS, start=1):
        narrative = paragraphs((report.sections or {}).get(key, ""))
        found = facts.get(key, [])
        body = narrative + found if key in ("general", "direction") else found + narrative
        sections.append({"key": key, "number": _roman(number), "title": title.format(next_year=year + 1),
                         "paragraphs": body, "facts": found, "narrative": narrative})  # fmt: skip
    annex = _annex(org, period, figures, v, top_label)
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
        "annex": annex,
        "charts": _charts(annex, year),
        "brief": _brief(org, year, report, derived, figures, v, top_label, exemplary_label),
        "closed": None,
        "source": "live" if live else "snapshot",
    }


def _roman(i: int) -> str:
    return ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"][i]


def _top_labels(year: int) -> tuple[str, str | None]:
    """The top class as the year's rulebook names it, and its exemplary label (HD 27 only)."""
    try:
        book = rulebook_for(year)
    except NoRulebook:
        return "Trong sạch, vững mạnh", None
    top = next(g for g in book.org_classes if g.top)
    return top.label, (f"{top.label} tiêu biểu" if top.code == "tsvm" else None)


def _target_word(org: Organization, key: str, year: int) -> str:
    target = target_for(org, key, year)
    if target is None or target.assigned_by_id == org.pk:
        return "kế hoạch"
    return f"chỉ tiêu {heading.assigner_word(target.assigned_by)} giao"


def _facts(org, year, figures, v, top_label, exemplary_label) -> dict[str, list[str]]:
    f = figures
    out: dict[str, list[str]] = {}
    end = f"31/12/{year}"
    general = []
    if v.get("elections.registered"):
        names = list(
            records_behind("elections.turnout", org, year).values_list("election__name", flat=True).distinct()[:2]
        )
        what = f"cuộc bầu cử {names[0][0].lower() + names[0][1:]}" if len(names) == 1 else "các cuộc bầu cử"
        general.append(
            f"Lãnh đạo, chỉ đạo tổ chức thành công {what} bảo đảm dân chủ, đúng luật, an toàn, tiết kiệm; "
            f"tỷ lệ cử tri đi bầu cao, đạt {n.format_percent(f['elections.turnout']['value'])}."
        )
    general.append(
        f"Đến ngày {end}, Đảng bộ có {n.format_int(v['orgs.grassroots'])} tổ chức cơ sở đảng với "
        f"{n.format_int(v['members.total'])} đảng viên ({n.format_int(v['members.full'])} đảng viên chính thức, "
        f"{n.format_int(v['members.probationary'])} đảng viên dự bị)."
    )
    out["general"] = general

    org_work = []
    parts = []
    founded = f["orgs.founded.non_state_enterprise"]
    if founded["value"]:
        text = (
            f"thành lập mới {n.format_int(founded['value'])} tổ chức Đảng trong các doanh nghiệp ngoài khu vực Nhà nước"
        )
        if founded["target"]:
            word = _target_word(org, founded["key"], year)
            text += f", đạt {n.percent_of_plan(founded['value'], founded['target'])}% {word}"
        parts.append(text)
    admitted = f["members.admitted"]
    text = f"kết nạp {n.format_int(admitted['value'] or 0)} đảng viên mới"
    if admitted["target"]:
        text += f" ({n.format_plan(admitted['value'] or 0, admitted['target'])})"
    parts.append(text)
    org_work.append(_sentence("Trong năm, Đảng bộ đã " + "; ".join(parts)))
    if v.get("review.orgs.rated"):
        text = (
            f"Qua đánh giá, phân loại năm {year}, có "
            f"{n.format_share(v['review.orgs.top'], v['review.orgs.rated'])} tổ chức cơ sở đảng được xếp loại "
            f"“{top_label}”"
        )
        if exemplary_label and v.get("review.orgs.top_exemplary"):
            text += (
                f", trong đó có {n.format_int(v['review.orgs.top_exemplary'])} tổ chức cơ sở đảng đạt "
                f"“{exemplary_label}”"
            )
        org_work.append(text + ".")
    if v.get("review.members.rated"):
        org_work.append(
            f"Có {_share(v['review.members.good_or_better'], v['review.members.rated'])} đảng viên được "
            "xếp loại hoàn thành tốt nhiệm vụ trở lên."
        )
    cadre = []
    if v.get("cadres.actions"):
        cadre.append(f"điều động, luân chuyển, bổ nhiệm, bổ nhiệm lại {n.format_int(v['cadres.actions'])} đồng chí")
    if v.get("training.classes"):
        cadre.append(
            f"mở {n.format_int(v['training.classes'])} lớp bồi dưỡng nghiệp vụ công tác với "
            f"{n.format_thousands_over(v.get('training.attendances', 0))} lượt cán bộ tham dự"
        )
    if cadre:
        org_work.append(_sentence("Công tác cán bộ được coi trọng: đã " + "; ".join(cadre)))
    out["organization"] = org_work

    checks = []
    for key, what in (("inspection", "kiểm tra"), ("supervision", "giám sát")):
        o, m = v.get(f"{key}.orgs", 0), v.get(f"{key}.members", 0)
        if o or m:
            checks.append(f"{what} {n.format_int(o)} tổ chức đảng và {n.format_int(m)} đảng viên")
    dm, do = v.get("discipline.members", 0), v.get("discipline.orgs", 0)
    if dm or do:
        whom = [f"{n.format_int(dm)} đảng viên vi phạm"] if dm else []
        whom += [f"{n.format_int(do)} tổ chức đảng vi phạm"] if do else []
        checks.append("thi hành kỷ luật " + " và ".join(whom))
    out["inspection"] = (
        [_sentence("Tích cực triển khai công tác kiểm tra, giám sát: " + "; ".join(checks))] if checks else []
    )

    awards = _awards_phrase(v)
    out["awards"] = [_sentence(f"Đảng bộ đã khen thưởng {awards}")] if awards else []
    return out


def _awards_phrase(v) -> str:
    groups = []
    tsvm = []
    if v.get("awards.orgs.tsvm_exemplary"):
        tsvm.append(
            f"{n.format_int(v['awards.orgs.tsvm_exemplary'])} tổ chức cơ sở đảng đạt danh hiệu "
            "“Trong sạch vững mạnh tiêu biểu”"
        )
    if v.get("awards.orgs.tsvm"):
        tsvm.append(f"{n.format_int(v['awards.orgs.tsvm'])} tổ chức cơ sở đảng đạt danh hiệu “Trong sạch vững mạnh”")
    if tsvm:
        groups.append(", ".join(tsvm))
    c, p = v.get("awards.collectives.ct03", 0), v.get("awards.persons.ct03", 0)
    if c or p:
        who = " và ".join(x for x in (c and f"{n.format_int(c)} tập thể", p and f"{n.format_int(p)} cá nhân") if x)
        groups.append(
            f"{who} có thành tích xuất sắc trong thực hiện Chỉ thị 03 của Bộ Chính trị về học tập và làm theo "
            "tấm gương đạo đức Hồ Chí Minh"
        )
    return "; ".join(groups)


def _share(part, whole) -> str:
    """ "13.235/14.938": a share whose parts have thousands."""
    return n.format_share(part, whole)


def _sentence(text: str) -> str:
    return text[0].upper() + text[1:] + ("" if text.endswith(".") else ".")


# --- annex ----------------------------------------------------------------------------------


def _annex(org, period, figures, v, top_label) -> list[dict]:
    year = period.start.year
    tables = []
    tables.append({
        "key": "members_status", "title": f"Đảng viên, tổ chức cơ sở đảng đến ngày 31/12/{year}",
        "headers": ["Nội dung", "Số lượng"],
        "rows": [
            ["Tổ chức cơ sở đảng", n.format_int(v["orgs.grassroots"])],
            ["Tổng số đảng viên", n.format_int(v["members.total"])],
            ["Trong đó: đảng viên chính thức", n.format_int(v["members.full"])],
            ["Trong đó: đảng viên dự bị", n.format_int(v["members.probationary"])],
        ],
    })  # fmt: skip
    tables.append(_flows_table(org, period, v))
    tables.append(_review_table(org, period, v, top_label))
    tables.append(_units_table(org, period, figures))
    tables.append({
        "key": "indicators", "title": f"Các chỉ số năm {year}",
        "headers": ["Chỉ số", "Đơn vị tính", "Giá trị", "Chỉ tiêu", "Tỷ lệ đạt (%)", "Số hồ sơ"],
        "rows": [
            [f["label"], f["unit"], _num(f["value"], f["unit"]), _num(f["target"], f["unit"]),
             n.format_decimal(f["percent"], 1) if f["percent"] is not None else "",
             n.format_int(f["records"]) if f["records"] is not None else ""]
            for f in figures.values()
        ],
    })  # fmt: skip
    return tables


def _num(value, unit) -> str:
    if value is None:
        return ""
    if unit == "%":
        return n.format_percent(value)
    if isinstance(value, float):
        return n.format_decimal(value)
    return n.format_int(value)


_IN_KINDS = {
    EventKind.ADMITTED: "Kết nạp",
    EventKind.READMITTED: "Kết nạp lại",
    EventKind.RESTORED: "Khôi phục đảng tịch",
}


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


def _units_table(org, period, figures) -> dict:
    """Members at year end and admissions against plan, per grassroots organization of the subtree
    at year end; the total row is the unit's own figures, not a sum done here."""
    grassroots = records_behind("orgs.grassroots", org, period)
    units = sorted(grassroots, key=lambda o: (o.name_key, o.pk))
    found = selectors.grassroots_figures(org, period, grassroots)
    rows, chart = [], []
    for i, unit in enumerate(units, start=1):
        f = found[unit.pk]
        admitted, target = f["members.admitted"], f["target"]
        pct = n.percent_of_plan(admitted, target) if target else None
        rows.append([str(i), unit.name, n.format_int(f["members.total"]), n.format_int(admitted),
                     _num(target, ""), f"{pct}%" if pct is not None else ""])  # fmt: skip
        chart.append([unit.short_name or unit.name, admitted])
    adm = figures["members.admitted"]
    total_pct = n.percent_of_plan(adm["value"] or 0, adm["target"]) if adm["target"] else None
    rows.append(["", "Tổng cộng", n.format_int(figures["members.total"]["value"] or 0),
                 n.format_int(adm["value"] or 0), _num(adm["target"], ""),
                 f"{total_pct}%" if total_pct is not None else ""])  # fmt: skip
    chart.sort(key=lambda c: -c[1])
    title = f"Đảng viên và kết nạp đảng viên mới năm {period.start.year} theo tổ chức cơ sở đảng"
    return {"key": "units", "title": title,
            "headers": ["STT", "Tổ chức cơ sở đảng", "Đảng viên cuối năm", "Kết nạp trong năm", "Kế hoạch kết nạp",
                        "Tỷ lệ đạt kế hoạch"],
            "rows": rows, "chart": chart[:12]}  # fmt: skip


def _charts(annex, year) -> list[dict]:
    by_key = {t["key"]: t for t in annex}
    return [
        {"key": "review_orgs", "title": f"Hình 1. Kết quả xếp loại tổ chức cơ sở đảng năm {year}",
         "bars": by_key["review_orgs"]["chart"]},
        {"key": "admissions",
         "title": f"Hình 2. Kết nạp đảng viên mới năm {year} — các tổ chức cơ sở đảng kết nạp nhiều nhất",
         "bars": by_key["units"]["chart"]},
    ]  # fmt: skip


# --- the news brief -------------------------------------------------------------------------


def _brief(org, year, report, derived, figures, v, top_label, exemplary_label) -> list[str]:
    """A short news brief in the seed's style; every figure from the catalogue."""
    body = derived.body_name
    when = f"{format_date_prose(report.issued_on)}, " if report.issued_on else ""
    lead = (
        f"{when[0].upper() + when[1:] if when else ''}{body} tổ chức hội nghị tổng kết công tác xây dựng Đảng năm "
        f"{year} và triển khai công tác năm {year + 1}."
    )
    paras = [lead]
    highlights = []
    if v.get("elections.registered"):
        highlights.append(f"tỷ lệ cử tri đi bầu đạt {n.format_percent(figures['elections.turnout']['value'])}")
    founded = figures["orgs.founded.non_state_enterprise"]
    if founded["value"]:
        text = f"thành lập mới {n.format_int(founded['value'])} tổ chức Đảng trong các DN ngoài khu vực Nhà nước"
        if founded["target"]:
            # The seed's brief abbreviates: "chỉ tiêu TP giao".
            word = _target_word(org, founded["key"], year).replace("chỉ tiêu Thành phố", "chỉ tiêu TP")
            text += f", đạt {n.percent_of_plan(founded['value'], founded['target'])}% {word}"
        highlights.append(text)
    adm = figures["members.admitted"]
    text = f"kết nạp {n.format_int(adm['value'] or 0)} đảng viên mới"
    if adm["target"]:
        text += f" ({n.format_plan(adm['value'] or 0, adm['target'])})"
    highlights.append(text)
    second = f"Năm {year}, {body} hoàn thành, vượt nhiều chỉ tiêu, nhiệm vụ: " + "; ".join(highlights) + "."
    if v.get("review.orgs.rated"):
        second += (
            f" Qua đánh giá, phân loại năm {year}, có {n.format_share(v['review.orgs.top'], v['review.orgs.rated'])} "
            f"tổ chức cơ sở đảng được xếp loại “{top_label}”"
        )
        if exemplary_label and v.get("review.orgs.top_exemplary"):
            second += (
                f", trong đó có {n.format_int(v['review.orgs.top_exemplary'])} tổ chức cơ sở đảng đạt "
                f"“{exemplary_label}”"
            )
        second += "."
    paras.append(second)
    work = []
    if v.get("cadres.actions"):
        work.append(f"điều động, luân chuyển, bổ nhiệm, bổ nhiệm lại {n.format_int(v['cadres.actions'])} đồng chí")
    if v.get("training.classes"):
        work.append(
            f"mở {n.format_int(v['training.classes'])} lớp bồi dưỡng nghiệp vụ công tác với "
            f"{n.format_thousands_over(v.get('training.attendances', 0))} lượt cán bộ tham dự"
        )
    if v.get("discipline.members"):
        work.append(f"thi hành kỷ luật {n.format_int(v['discipline.members'])} đảng viên vi phạm")
    if work:
        paras.append(f"Trong công tác cán bộ và kiểm tra, giám sát, năm {year} đã " + "; ".join(work) + ".")
    awards = _awards_phrase(v)
    if awards:
        paras.append(f"Nhân dịp này, {body} đã khen thưởng {awards}.")
    return paras


def brief_text(ctx: dict) -> str:
    return "\n\n".join(ctx["brief"]) + "\n"
