"""The dashboard of a unit and a year: key figures against targets, charts and alerts, each
leading to the records behind it. Everything is read through the user's scope (404 outside it)."""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from dangvu.accounts.scope import Scope
from dangvu.core.numbers import SEED_STYLE, FigureStyle, format_decimal, format_percent, format_thousands_over
from dangvu.indicators.display import vn_number
from dangvu.organizations.selectors import ancestors as ancestors_of

from . import board as year_board
from . import charts, selectors

ALERTS = ("du-bi", "huy-hieu", "bo-nhiem", "thoi-hieu", "danh-gia")


def _year(year: int) -> int:
    if not 1930 <= year <= dt.date.today().year + 5:
        raise Http404("Năm không hợp lệ.")
    return year


def as_of(request) -> tuple[dt.date, str]:
    """The day the alerts look from: ?ngay=dd/mm/yyyy (to look at a past year as it was), else
    today. Returns the day and the query string to carry it on."""
    text = request.GET.get("ngay", "").strip()
    if text:
        try:
            return dt.datetime.strptime(text, "%d/%m/%Y").date(), "?" + urlencode({"ngay": text})
        except ValueError:
            pass
    return dt.date.today(), ""


@login_required
def start(request):
    """/tong-quan/ → the dashboard of the user's own unit for the current year."""
    scope = Scope.of(request.user)
    if scope.root is None:
        raise Http404("Tài khoản chưa được phân quyền cho đơn vị nào.")
    year = request.GET.get("nam", "")
    year = int(year) if year.isdigit() else dt.date.today().year
    org_pk = request.GET.get("don_vi", "")
    org = scope.get_org(org_pk) if org_pk.isdigit() else scope.root
    url = reverse("dashboard", args=[org.pk, _year(year)])
    day = request.GET.get("ngay", "")
    return redirect(url + ("?" + urlencode({"ngay": day}) if day else ""))


def _card(figures, key, year, org, title, style: FigureStyle = SEED_STYLE, **extra):
    f = figures[key]
    card = {
        "key": key,
        "title": title,
        "value": vn_number(f.value),
        "records_url": reverse("indicator-records", args=[org.pk, year, key]) if f.records is not None else "",
        "target": vn_number(f.target) if f.target is not None else "",
        # Written in the committee's style, as its report writes it ("116", or "116,1").
        "plan": format_decimal(style.plan_percent(f.value or 0, f.target), style.places) if f.target else None,
        # and its words: "đạt 116% kế hoạch", or "vượt 16% kế hoạch" where the committee writes the excess
        "plan_text": style.plan(f.value or 0, f.target) if f.target else "",
        "reached": f.target is not None and f.value is not None and f.value >= f.target,
    }
    card.update(extra)
    return card


def _style(org, year) -> FigureStyle:
    """The house style the unit's report of the year writes figures in (the seed's if none)."""
    from dangvu.reports.selectors import report_style  # the report sits beside the dashboard: read late

    return report_style(org, year)


def _cards(org, year, figures, style: FigureStyle = SEED_STYLE) -> list[dict]:
    attendances = figures["training.attendances"].value or 0
    rated = figures["review.orgs.rated"].value or 0
    turnout = figures["elections.turnout"]
    return [
        _card(figures, "members.total", year, org, _("Đảng viên cuối năm")),
        _card(figures, "members.admitted", year, org, _("Kết nạp đảng viên mới"), style),
        _card(figures, "orgs.grassroots", year, org, _("Tổ chức cơ sở đảng")),
        _card(
            figures,
            "orgs.founded.non_state_enterprise",
            year,
            org,
            _("Tổ chức đảng mới trong DN ngoài Nhà nước"),
            style,
        ),  # fmt: skip
        _card(
            figures,
            "review.orgs.top",
            year,
            org,
            _("Tổ chức cơ sở đảng xếp loại cao nhất"),
            value=f"{vn_number(figures['review.orgs.top'].value)}/{vn_number(rated)}" if rated else "—",
            rate=_("đạt tỷ lệ %(r)s") % {"r": style.rate(figures["review.orgs.top"].value or 0, rated)}
            if rated
            else "",
            note=_("%(n)s tiêu biểu") % {"n": vn_number(figures["review.orgs.top_exemplary"].value)} if rated else "",
        ),  # fmt: skip
        _card(figures, "cadres.actions", year, org, _("Cán bộ điều động, luân chuyển, bổ nhiệm")),
        _card(
            figures,
            "training.classes",
            year,
            org,
            _("Lớp bồi dưỡng"),
            note=_("%(n)s lượt tham dự") % {"n": format_thousands_over(attendances)} if attendances else "",
            note_url=reverse("indicator-records", args=[org.pk, year, "training.attendances"]),
        ),  # fmt: skip
        _card(figures, "discipline.members", year, org, _("Đảng viên bị kỷ luật")),
        _card(
            figures,
            "elections.turnout",
            year,
            org,
            _("Cử tri đi bầu"),
            value=format_percent(turnout.value) if turnout.value else "—",
        ),  # fmt: skip
    ]


def _alerts(counts, org, year, day, query) -> list[dict]:
    def url(kind):
        return reverse("dashboard-alert", args=[org.pk, year, kind]) + query

    presentation = selectors.next_presentation(day)
    return [
        {
            "kind": "du-bi",
            "count": counts["du-bi"],
            "text": _("đảng viên dự bị hết 12 tháng dự bị trong 30 ngày tới"),
            "url": url("du-bi"),
        },
        {
            "kind": "du-bi-qua-han",
            "count": counts["du-bi-qua-han"],
            "text": _("đảng viên dự bị đã hết 12 tháng dự bị mà chưa được xét công nhận chính thức"),
            "url": url("du-bi") + "#qua-han",
        },
        {
            "kind": "huy-hieu",
            "count": counts["huy-hieu"],
            "text": _("đảng viên đến hạn nhận Huy hiệu Đảng dịp %(d)s") % {"d": presentation.strftime("%d/%m/%Y")},
            "url": url("huy-hieu"),
        },
        {
            "kind": "bo-nhiem",
            "count": counts["bo-nhiem"],
            "text": _("cán bộ hết thời hạn bổ nhiệm trong 6 tháng tới"),
            "url": url("bo-nhiem"),
        },
        {
            "kind": "thoi-hieu",
            "count": counts["thoi-hieu"],
            "text": _("vi phạm đã hết thời hiệu mà chưa xử lý kỷ luật"),
            "url": url("thoi-hieu"),
        },
        {
            "kind": "danh-gia",
            "count": counts["danh-gia"],
            "text": _("tổ chức cơ sở đảng chưa nhập kết quả đánh giá năm %(y)s") % {"y": year},
            "url": url("danh-gia"),
        },
    ]


PLAN_CHART_ROWS = 20


def _chart_order(plans):
    """Units with a target first, the furthest behind on top; then the others, most admissions first."""
    return sorted(plans, key=lambda p: (p.target is None, p.percent or 0, -p.admitted, p.org.name_key))


def _unit_label(org) -> str:
    """A unit's name for a chart line: its short name, or its name without the common "Chi bộ" /
    "Đảng bộ" in front (every line has one)."""
    if org.short_name:
        return org.short_name
    for prefix in ("Đảng bộ ", "Chi bộ "):
        if org.name.startswith(prefix):
            return org.name[len(prefix) :]
    return org.name


def _class_table(classes, rated: int, style: FigureStyle) -> list[tuple[str, int, str, bool]]:
    """(label, count, rate, cumulative) of each class, best first, then the second class "trở lên"
    (with the top one), as reports write both: "… hoàn thành tốt nhiệm vụ, đạt tỷ lệ 77,4%" and
    "… hoàn thành tốt nhiệm vụ trở lên". Rates in the committee's style, over the organizations rated."""
    rows = [(c.label, c.count, style.rate(c.count, rated), False) for c in classes]
    if len(classes) > 2 and rated:
        both = classes[0].count + classes[1].count
        label = _("%(c)s trở lên") % {"c": classes[1].label}
        rows.insert(2, (label, both, style.rate(both, rated), True))
    return rows


def _plan_percent(plan, style: FigureStyle) -> str:
    """A unit's admissions against its target, as a percent in the committee's style ("—" without one)."""
    pct = style.plan_percent(plan.admitted, plan.target)
    return "—" if pct is None else f"{format_decimal(pct, style.places)}%"


def _class_colour(c) -> str:
    return charts.GOOD if c.top else (charts.SHORT if c.lowest else charts.BAR)


def _picked(request) -> str:
    """The quarter asked with ?quy=1..4, or ""."""
    picked = request.GET.get("quy", "")
    return picked if picked in ("1", "2", "3", "4") else ""


def _quarter(request, org, year, style: FigureStyle) -> dict:
    """The quarter picked with ?quy=1..4 (Quy định 366-QĐ/TW evaluates by quarter): its evaluation
    rates in the committee's style, the links to each quarter and to its report."""
    from dangvu.reports import quarterly  # the report sits beside the dashboard: read late

    picked = int(_picked(request) or 0) or None
    day = request.GET.get("ngay", "").strip() if as_of(request)[1] else ""  # a day that reads, as typed
    base = reverse("dashboard", args=[org.pk, year])
    links = [
        (q, base + "?" + urlencode({"quy": q, **({"ngay": day} if day else {})}) + "#h-quarter") for q in (1, 2, 3, 4)
    ]
    out = {"picked": picked, "links": links, "year_url": base + ("?" + urlencode({"ngay": day}) if day else "")}
    if picked:
        out["figures"] = quarterly.quarter_figures(org, year, picked, style)
        out["report_html"] = reverse("quarter-report", args=[org.pk, year, picked, "html"])
        out["report_docx"] = reverse("quarter-report", args=[org.pk, year, picked, "docx"])
    return out


BODY_SECONDS = year_board.BOARD_SECONDS


@login_required
def dashboard(request, org_pk: int, year: int):
    """The page's body (everything below the crumbs) is kept in Django's cache under the board's
    version (the unit, year, day, today and the data's version: any audited save anywhere gives
    a new one) and what else it shows: the language, the quarter picked and the day as typed.
    Nothing in it depends on who asks: the scope is checked above (get_org), the crumbs (the
    superiors the user may open) are drawn for each request."""
    from django.core.cache import cache
    from django.template.loader import render_to_string
    from django.utils.safestring import mark_safe
    from django.utils.translation import get_language

    scope = Scope.of(request.user)
    org = scope.get_org(org_pk)
    year = _year(year)
    day, query = as_of(request)
    version = year_board.board_version(org, year, day)
    key = ":".join(("dashboard.body", version, get_language() or "", _picked(request), query))
    body = cache.get(key)
    if body is None:
        body = render_to_string("dashboard/_body.html", _body(request, scope, org, year, day, query, version))
        cache.set(key, body, BODY_SECONDS)
    ancestors = [a for a in ancestors_of(org) if scope.covers(a)]
    context = {"org": org, "year": year, "query": query, "ancestors": ancestors, "body": mark_safe(body)}
    return render(request, "dashboard/dashboard.html", context)


def _body(request, scope, org, year: int, day, query: str, version: str) -> dict:
    board = year_board.board(org, year, day, scope.members(), version)
    figures = board.figures.by_key()
    months, classes, exemplary, plans = board.months, board.classes, board.exemplary, board.plans
    rated = sum(c.count for c in classes)
    class_rows = [(c.label, c.count, _class_colour(c)) for c in classes]
    style = _style(org, year)
    class_table = _class_table(classes, rated, style)
    return {
        "org": org,
        "year": year,
        "day": day,
        "query": query,
        "cards": _cards(org, year, figures, style),
        "quarter": _quarter(request, org, year, style),
        "closed": board.figures.closed,
        "alerts": _alerts(board.alerts, org, year, day, query),
        "months": months,
        "months_chart": charts.month_bars(months, _("Kết nạp đảng viên theo tháng, năm %(y)s") % {"y": year}),
        "classes": classes,
        "class_table": class_table,
        "exemplary": exemplary,
        "rated": rated,
        "classes_chart": charts.horizontal_bars(
            class_rows, _("Xếp loại tổ chức cơ sở đảng năm %(y)s") % {"y": year}, total=rated
        )
        if rated
        else "",
        "plans": plans,
        "plans_with_percent": [(p, _plan_percent(p, style)) for p in plans],
        "plans_charted": min(len(plans), PLAN_CHART_ROWS),
        "plans_chart": charts.plan_bars(
            [(_unit_label(p.org), p.admitted, p.target) for p in _chart_order(plans)[:PLAN_CHART_ROWS]],
            _("Kết nạp đảng viên so với kế hoạch, theo đơn vị trực thuộc"),
        )
        if plans
        else "",
    }


@login_required
def alert(request, org_pk: int, year: int, kind: str):
    """The records behind one alert of the dashboard."""
    scope = Scope.of(request.user)
    org = scope.get_org(org_pk)
    year = _year(year)
    if kind not in ALERTS:
        raise Http404("Không có cảnh báo này.")
    day, query = as_of(request)
    context = {"org": org, "year": year, "day": day, "query": query, "kind": kind}
    if kind == "du-bi":
        context["rows"] = selectors.probation_ending(org, day)
        context["overdue"] = selectors.probation_overdue(org, day)
    elif kind == "huy-hieu":
        presentation = selectors.next_presentation(day)
        context["rows"] = selectors.badges_due_next(org, scope.members(), day)
        context["presentation"] = presentation
        context["badges_url"] = (
            reverse("badges-due")
            + "?"
            + urlencode({"dip": f"{presentation.day}/{presentation.month}", "nam": presentation.year})
        )
    elif kind == "bo-nhiem":
        context["rows"] = selectors.terms_ending_soon(org, day)
    elif kind == "thoi-hieu":
        context["rows"] = selectors.limitations_passed(org, day)
    else:
        context["rows"] = selectors.reviews_missing(org, year)
    return render(request, "dashboard/alert.html", context)
