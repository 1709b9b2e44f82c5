"""The dashboard writes figures in the committee's house style (core.numbers.FigureStyle, set with
its report): the plan as "đạt …% kế hoạch" or "vượt …%", each unit's percent of plan, and the
review classes with their rates ("… đạt tỷ lệ 33,3%"), one class alone and "… trở lên"."""

import re

from django.urls import reverse

from dangvu.reports.services import year_report_save
from dangvu.reviews.models import Stage
from dangvu.reviews.services import org_result_record, review_cycle_open
from dangvu.targets.services import target_set

from ..conftest import D
from .test_views import figure


def _classes_table(html: str) -> list[tuple[str, str, str]]:
    table = re.search(r'<table class="compact classes">.*?</table>', html, re.S).group(0)
    rows = re.findall(r'<th scope="row">(.*?)</th><td class="num">(\d+)</td><td class="num">(.*?)</td>', table)
    return rows


def test_plan_and_class_rates_follow_the_reports_style(tree, actor, admit, client):
    for i in range(7):
        admit(tree.a1, on=D(2016, 3, 1 + i))
    target_set(actor=actor, org=tree.hm, indicator_key="members.admitted", year=2016, value=5)
    target_set(actor=actor, org=tree.a, indicator_key="members.admitted", year=2016, value=4)
    cycle = review_cycle_open(actor=actor, committee=tree.hm, year=2016)
    for org, cls in ((tree.a, "tsvm"), (tree.b, "good"), (tree.c, "completed")):
        org_result_record(actor=actor, cycle=cycle, org=org, stage=Stage.DECISION, cls=cls, points=80,
                          decided_on=D(2016, 12, 26), override_reason="Thử kiểu viết số liệu của báo cáo")  # fmt: skip
    client.force_login(actor)
    url = reverse("dashboard", args=[tree.hm.pk, 2016]) + "?ngay=31/12/2016"

    html = client.get(url).content.decode()  # the seed's style: whole percents rounded down
    assert "đạt 140% kế hoạch" in figure(html, "members.admitted")
    assert "1/3" in figure(html, "review.orgs.top") and "đạt tỷ lệ 33%" in figure(html, "review.orgs.top")
    assert ">175%<" in html  # ward A: 7 of its 4

    year_report_save(
        actor=actor, org=tree.hm, year=2016, percent_places=1, percent_rounding="half_up", plan_form="vuot"
    )
    html = client.get(url).content.decode()
    admitted = figure(html, "members.admitted")
    assert "vượt 40,0% kế hoạch" in admitted and "đạt 140" not in admitted
    assert "đạt tỷ lệ 33,3%" in figure(html, "review.orgs.top")
    assert ">175,0%<" in html
    rows = _classes_table(html)
    assert rows[0] == ("Trong sạch, vững mạnh", "1", "33,3%")
    assert ("Hoàn thành tốt nhiệm vụ", "1", "33,3%") in rows  # the class alone
    assert ("Hoàn thành tốt nhiệm vụ trở lên", "2", "66,7%") in rows  # and with the top class
    assert ("Hoàn thành nhiệm vụ", "1", "33,3%") in rows
