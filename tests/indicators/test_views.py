"""The figures page and the records behind a figure, inside the user's scope only."""

import re

from django.urls import reverse

from dangvu.reports.services import year_report_save
from dangvu.targets.services import target_set

from ..conftest import D, Role


def test_the_figures_page_links_each_value_to_its_records(client, tree, admit, actor, make_user):
    for day in (1, 2, 3):
        admit(tree.a1, on=D(2016, 3, day))
    target_set(actor=actor, org=tree.hm, indicator_key="members.admitted", year=2016, value=2)
    client.force_login(make_user(Role.ORG_BOARD, tree.hm))
    page = client.get(reverse("indicators", args=[tree.hm.pk, 2016])).content.decode()
    url = reverse("indicator-records", args=[tree.hm.pk, 2016, "members.admitted"])
    assert re.search(rf'<a href="{re.escape(url)}">3</a>', page)
    assert "đạt 150% kế hoạch" in page
    # no election held: the turnout is a dash, not a link to no records reading 0%
    turnout = re.search(r"Tỷ lệ cử tri đi bầu</th>\s*<td class=\"num\">(.*?)</td>", page).group(1)
    assert turnout.endswith(">—</span>")


def test_the_figures_page_writes_the_plan_as_the_units_report_does(client, tree, admit, actor, make_user):
    """Issue 19, item 2: 3 admitted of a plan of 7 is 42,857…%; the report (seed style) says "đạt 42%
    kế hoạch", so the page says so too, not "42,9%"; the exact percent stays in the cell's data."""
    for day in (1, 2, 3):
        admit(tree.a1, on=D(2016, 3, day))
    target_set(actor=actor, org=tree.hm, indicator_key="members.admitted", year=2016, value=7)
    client.force_login(make_user(Role.ORG_BOARD, tree.hm))
    url = reverse("indicators", args=[tree.hm.pk, 2016])
    page = client.get(url).content.decode()
    assert '<data value="42.9" title="Tỷ lệ chính xác: 42,9%">đạt 42% kế hoạch</data>' in page
    year_report_save(actor=actor, org=tree.hm, year=2016, percent_places=1, percent_rounding="half_up")
    assert "đạt 42,9% kế hoạch" in client.get(url).content.decode()
    year_report_save(actor=actor, org=tree.hm, year=2016, plan_form="vuot")
    target_set(actor=actor, org=tree.hm, indicator_key="members.admitted", year=2016, value=2)
    assert "vượt 50,0% kế hoạch" in client.get(url).content.decode()


def test_the_records_behind_list_exactly_the_admitted_members(client, tree, admit, register, make_user):
    admitted = [admit(tree.a1, on=D(2016, 3, 1), full_name="Lê Thị Hồng"), admit(tree.a2, on=D(2016, 9, 2))]
    admit(tree.a1, on=D(2015, 3, 1), full_name="Phạm Văn Cũ")  # another year
    admit(tree.b1, on=D(2016, 3, 1), full_name="Đỗ Văn Bên")  # another ward
    register(tree.a1, full_name="Trần Văn Lâu")
    client.force_login(make_user(Role.GRASSROOTS, tree.a))
    url = reverse("indicator-records", args=[tree.a.pk, 2016, "members.admitted"])
    page = client.get(url).content.decode()
    links = set(re.findall(r'href="/dang-vien/(\d+)/"', page))
    assert links == {str(m.pk) for m in admitted}
    assert "Lê Thị Hồng" in page and "01/03/2016" in page and "Kết nạp" in page and "1-QĐ/QU" in page
    for other in ("Phạm Văn Cũ", "Đỗ Văn Bên", "Trần Văn Lâu"):
        assert other not in page


def test_a_user_of_another_ward_cannot_see_them(client, tree, admit, make_user):
    admit(tree.a1, on=D(2016, 3, 1), full_name="Lê Thị Hồng")
    client.force_login(make_user(Role.GRASSROOTS, tree.b))
    assert client.get(reverse("indicator-records", args=[tree.a.pk, 2016, "members.admitted"])).status_code == 404
    assert client.get(reverse("indicators", args=[tree.a.pk, 2016])).status_code == 404
    # Their own ward's page shows none of A's members, even through the district's figure.
    assert client.get(reverse("indicator-records", args=[tree.hm.pk, 2016, "members.admitted"])).status_code == 404
    own = client.get(reverse("indicator-records", args=[tree.b.pk, 2016, "members.admitted"])).content.decode()
    assert "Lê Thị Hồng" not in own


def test_organizations_behind_a_figure_link_to_the_unit(client, tree, make_user):
    client.force_login(make_user(Role.LEADER, tree.hm))
    page = client.get(reverse("indicator-records", args=[tree.hm.pk, 2016, "orgs.grassroots"])).content.decode()
    for unit in (tree.a, tree.b, tree.c):
        assert reverse("org-detail", args=[unit.pk]) in page
    assert reverse("org-detail", args=[tree.a1.pk]) not in page


def test_unknown_indicator_is_404(client, tree, make_user):
    client.force_login(make_user(Role.LEADER, tree.hm))
    assert client.get(reverse("indicator-records", args=[tree.hm.pk, 2016, "nope.nothing"])).status_code == 404


def test_the_start_page_opens_the_users_unit_for_the_year_asked(client, tree, make_user):
    client.force_login(make_user(Role.GRASSROOTS, tree.a))
    response = client.get(reverse("indicators-start") + "?nam=2016")
    assert response.status_code == 302 and response.url == reverse("indicators", args=[tree.a.pk, 2016])
    assert client.get(reverse("indicators-start") + f"?nam=2016&don_vi={tree.b.pk}").status_code == 404
