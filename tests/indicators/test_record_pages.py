"""Every figure of the demo opens its records: one row per record, in Vietnamese, and either as many
rows as the figure says or a sentence stating how the figure comes from them (which is checked)."""

import re
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from dangvu.core.catalogue import Period, all_indicators
from dangvu.indicators.records import as_table, in_scope

pytestmark = pytest.mark.django_db

Y2016 = Period.year(2016)
ENGLISH = re.compile(r"\b(at|by|Created|Updated|Decided|Date|Name)\b")


def _number(text: str) -> Decimal:
    return Decimal(re.sub(r"[^\d,]", "", text).replace(",", ".") or "0")


def _column(header, rows, name):
    i = header.index(name)
    return [row[i] for row in rows]


def _holds(relation: str, value, header, rows) -> bool:
    """Whether the figure comes from the rows as the page says."""
    summed = re.search(r"tổng cột “([^”]+)”", relation)
    if summed:
        return sum(_number(c.text) for c in _column(header, rows, summed.group(1))) == value
    if relation.startswith("Tỷ lệ ="):
        voted = sum(_number(c.text) for c in _column(header, rows, "Cử tri đã đi bầu"))
        registered = sum(_number(c.text) for c in _column(header, rows, "Cử tri trong danh sách"))
        return abs(Decimal(100) * voted / registered - Decimal(str(value))) < Decimal("0.01")
    subject = relation.split(":")[0]
    return len({(c.text, c.url) for c in _column(header, rows, subject)}) == value


def test_every_figure_of_the_demo_lists_the_records_that_make_it(demo_data, client):
    hm = demo_data.hm
    client.force_login(get_user_model().objects.get(username="bantochuc"))
    checked = related = 0
    for ind in all_indicators():
        if ind.records is None:
            continue
        response = client.get(reverse("indicator-records", args=[hm.pk, 2016, ind.key]))
        assert response.status_code == 200, (ind.key, response.content.decode()[-1500:])
        html = response.content.decode()
        assert "2.016" not in html and "2.017" not in html, f"{ind.key}: a year written as a number"
        value = ind.compute(hm, Y2016)
        header, rows = as_table(in_scope(ind.records(hm, Y2016), ind, hm))
        assert response.context["page"].paginator.count == len(rows), ind.key
        for name in header:
            assert not ENGLISH.search(name), f"{ind.key}: header {name!r}"
        for row in rows:
            assert len(row) == len(header)
            for c in row:
                assert not re.fullmatch(r"[a-z_]+", c.text), f"{ind.key}: a code, not its label: {c.text!r}"
        relation = response.context["relation"]
        if relation:
            assert relation in html
            assert _holds(relation, value, header, rows), f"{ind.key}: {relation} does not give {value}"
            related += 1
        else:
            assert len(rows) == value, f"{ind.key}: {value} but {len(rows)} records and no word on why"
        checked += 1
    assert checked >= 40 and related >= 5


def test_the_members_disciplined_inspected_and_supervised_are_listed(demo_data, client):
    hm = demo_data.hm
    client.force_login(get_user_model().objects.get(username="kiemtra"))
    for key in ("discipline.members", "inspection.members", "supervision.members"):
        response = client.get(reverse("indicator-records", args=[hm.pk, 2016, key]))
        rows = response.context["rows"]
        assert rows, key
        assert all(row[0].url.startswith("/dang-vien/") for row in rows), key


def test_a_review_result_shows_the_decisions_day_and_the_class_by_its_label(demo_data, client):
    hm = demo_data.hm
    client.force_login(get_user_model().objects.get(username="bantochuc"))
    html = client.get(reverse("indicator-records", args=[hm.pk, 2016, "review.orgs.top"])).content.decode()
    assert "Ngày quyết định" in html and "26/12/2016" in html
    assert "Trong sạch, vững mạnh" in html and ": tsvm" not in html
    html = client.get(reverse("indicator-records", args=[hm.pk, 2016, "review.members.rated"])).content.decode()
    assert "26/12/2016" in html and "hoàn thành tốt nhiệm vụ" in html
