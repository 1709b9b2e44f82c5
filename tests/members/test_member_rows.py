"""The member lists' rows (members/_member_table.html, drawn by the member_rows tag): what a clerk
reads in each column, escaped, and the empty list's line."""

from django.urls import reverse

from ..conftest import D


def test_a_units_rows_link_the_member_and_show_dates_status_and_card(client, actor, tree, register, admit):
    full = register(tree.a1, full_name="Lê <Văn> An", birth_date=D(1975, 1, 9))
    full.party_card_no = "012345"
    full.save(update_fields=["party_card_no"])
    probationary = admit(tree.a1, on=D(2024, 6, 1), full_name="Trần Thị Bình")
    client.force_login(actor)
    html = client.get(reverse("org-detail", args=[tree.a.pk])).content.decode()
    org_link = f'<td><a href="{reverse("org-detail", args=[tree.a1.pk])}">{tree.a1.name}</a></td>'
    assert (
        f'<tr><td><a href="{reverse("member-detail", args=[full.pk])}">Lê &lt;Văn&gt; An</a></td>'
        '<td class="hide-phone">09/01/1975</td><td><span class="tag full">Đảng viên chính thức</span></td>'
        f'{org_link}<td class="hide-phone">03/02/1990</td><td class="hide-phone">012345</td></tr>'
    ) in html
    assert (
        f'<a href="{reverse("member-detail", args=[probationary.pk])}">Trần Thị Bình</a></td>'
        '<td class="hide-phone">17/05/1980</td><td><span class="tag prob">Đảng viên dự bị</span></td>'
        f'{org_link}<td class="hide-phone">01/06/2024</td><td class="hide-phone">—</td></tr>'
    ) in html
    # A cell's page has no cell column.
    html = client.get(reverse("org-detail", args=[tree.a1.pk])).content.decode()
    assert '<td class="hide-phone">09/01/1975</td><td><span class="tag full">' in html
    assert org_link not in html


def test_an_empty_unit_says_so_across_its_columns(client, actor, tree):
    client.force_login(actor)
    html = client.get(reverse("org-detail", args=[tree.b.pk])).content.decode()
    assert '<tr><td colspan="6">Không có đảng viên nào.</td></tr>' in html
    html = client.get(reverse("org-detail", args=[tree.b1.pk])).content.decode()
    assert '<tr><td colspan="5">Không có đảng viên nào.</td></tr>' in html
