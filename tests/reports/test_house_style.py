"""A committee's house style for figures, set once with its report, used by every output of it."""

import pytest
from django.core.exceptions import ValidationError

from dangvu.core.numbers import SEED_STYLE, FigureStyle
from dangvu.reports.context import report_context
from dangvu.reports.services import year_report_save
from dangvu.targets.services import target_set

from ..conftest import D

HALF_UP_ONE = FigureStyle(places=1, rounding="half_up")


def test_the_styles_committees_write():
    assert SEED_STYLE.plan(209, 180) == "đạt 116% kế hoạch"
    assert SEED_STYLE.percent(83 * 100 / 80) == "103%"  # 103,75 rounded down
    assert HALF_UP_ONE.rate(13, 85) == "15,3%"
    assert HALF_UP_ONE.plan(321, 250) == "đạt 128,4% kế hoạch"
    assert FigureStyle(places=1, rounding="half_up", plan_form="vuot").plan(321, 250) == "vượt 28,4% kế hoạch"
    assert FigureStyle(places=1, plan_form="vuot").plan(90, 100) == "đạt 90,0% kế hoạch"  # under plan: no "vượt"
    assert SEED_STYLE.plan(179, 180) == "đạt 99% kế hoạch"  # never rounded up to a plan not reached


def _admit(admit, tree, n):
    for i in range(n):
        admit(tree.a1, on=D(2016, 3, 1 + i))


def test_one_report_writes_one_style_everywhere_and_keeps_the_raw_values(tree, actor, admit):
    _admit(admit, tree, 7)
    target_set(actor=actor, org=tree.hm, indicator_key="members.admitted", year=2016, value=5)
    year_report_save(actor=actor, org=tree.hm, year=2016, percent_places=1, percent_rounding="half_up")
    ctx = report_context(tree.hm, 2016)
    texts = [p for s in ctx["sections"] for p in s["paragraphs"]] + ctx["brief"]
    assert any("(đạt 140,0% kế hoạch)" in t for t in texts)
    assert not any("đạt 140% kế hoạch" in t for t in texts)
    units = next(t for t in ctx["annex"] if t["key"] == "units")
    assert units["rows"][-1][-1] == "140,0%"
    indicators = next(t for t in ctx["annex"] if t["key"] == "indicators")
    assert next(r for r in indicators["rows"] if r[0] == "Kết nạp đảng viên mới")[4] == "140,0"
    admitted = ctx["figures"]["members.admitted"]
    assert (admitted["value"], admitted["target"]) == (7, 5)  # raw values stay exact

    year_report_save(actor=actor, org=tree.hm, year=2016, plan_form="vuot")
    texts = [p for s in report_context(tree.hm, 2016)["sections"] for p in s["paragraphs"]]
    assert any("(vượt 40,0% kế hoạch)" in t for t in texts)


def test_a_style_not_offered_is_refused_by_name(tree, actor):
    with pytest.raises(ValidationError) as e:
        year_report_save(actor=actor, org=tree.hm, year=2016, percent_places=3)
    assert "percent_places" in e.value.error_dict


def test_the_dashboard_writes_the_plan_in_the_reports_style(tree, actor, admit, client):
    from django.urls import reverse

    _admit(admit, tree, 7)
    target_set(actor=actor, org=tree.hm, indicator_key="members.admitted", year=2016, value=6)
    client.force_login(actor)
    url = reverse("dashboard", args=[tree.hm.pk, 2016]) + "?ngay=31/12/2016"
    assert "đạt 116%" in client.get(url).content.decode()  # the seed's style: 116,67 rounded down
    year_report_save(actor=actor, org=tree.hm, year=2016, percent_places=1, percent_rounding="half_up")
    assert "đạt 116,7%" in client.get(url).content.decode()


def test_the_style_is_set_on_the_report_page_with_its_other_settings(tree, actor, client):
    from django.urls import reverse

    from dangvu.reports.selectors import report_of

    client.force_login(actor)
    url = reverse("report-edit", args=[tree.hm.pk, 2016])
    page = client.get(url).content.decode()
    assert "cách làm tròn tỷ lệ" in page.lower() and "vượt 28% kế hoạch" in page
    response = client.post(url, {
        "symbol": "BC/QU", "place": "Hoàng Mai", "percent_places": "1", "percent_rounding": "half_up",
        "plan_form": "vuot",
    })  # fmt: skip
    assert response.status_code == 302, response.content.decode()[-2000:]
    style = report_of(tree.hm, 2016).style
    assert (style.places, style.rounding, style.plan_form) == (1, "half_up", "vuot")


def test_class_figures_both_ways_with_their_rates_when_the_style_writes_them(tree):
    from dangvu.indicators.selectors import evaluate
    from dangvu.reports import prose

    figures = {f.key: f.as_dict() for f in evaluate(tree.hm, 2016)}
    v = {k: (f["value"] or 0) for k, f in figures.items()}
    v.update({"review.orgs.rated": 73, "review.orgs.top": 38, "review.orgs.good": 30, "review.members.rated": 16124,
              "review.members.good_or_better": 14000, "review.members.good": 12480})  # fmt: skip
    style = FigureStyle(places=1, rounding="half_up", class_rates=True)
    facts = prose.section_facts(tree.hm, 2016, figures, v, "Trong sạch, vững mạnh", "", style=style)
    text = " ".join(facts["organization"])
    assert "38 tổ chức cơ sở đảng được xếp loại “Trong sạch, vững mạnh”, đạt tỷ lệ 52,1%" in text
    assert "30 tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ, đạt tỷ lệ 41,1%" in text
    assert "14.000 đảng viên được xếp loại hoàn thành tốt nhiệm vụ trở lên, đạt tỷ lệ 86,8%" in text
    assert "12.480 đảng viên hoàn thành tốt nhiệm vụ, đạt tỷ lệ 77,4%" in text
    seed = " ".join(prose.section_facts(tree.hm, 2016, figures, v, "Trong sạch, vững mạnh", "")["organization"])
    assert "38/73" in seed and "tỷ lệ" not in seed  # the seed's style writes the share, no rate


def test_the_good_alone_and_good_or_better_figures_count_their_classes(tree, actor):
    from dangvu.core.catalogue import Period
    from dangvu.indicators.selectors import evaluate
    from dangvu.reviews.models import Stage
    from dangvu.reviews.services import org_result_record, review_cycle_open

    cycle = review_cycle_open(actor=actor, committee=tree.hm, year=2016)
    for org, cls in ((tree.a, "tsvm"), (tree.b, "good"), (tree.c, "completed")):
        org_result_record(actor=actor, cycle=cycle, org=org, stage=Stage.DECISION, cls=cls, points=95,
                          override_reason="Thử: quyết định của cấp ủy")  # fmt: skip
    got = {f.key: f.value for f in evaluate(tree.hm, Period.year(2016))}
    assert (got["review.orgs.top"], got["review.orgs.good"], got["review.orgs.good_or_better"]) == (1, 1, 2)
