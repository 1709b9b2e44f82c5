"""Units are listed in Vietnamese order reading numbers as numbers: số 1, số 2, … số 10, as a
committee numbers its cells, not số 1, số 10, số 11, số 2 as text sorts them."""

from django.urls import reverse

from dangvu.core.text import natural_key
from dangvu.organizations.models import Kind, Level
from dangvu.organizations.selectors import children_now
from dangvu.organizations.services import org_found

from ..conftest import D


def test_natural_key_reads_numbers_as_numbers_and_letters_the_vietnamese_way():
    names = ["Chi bộ số 10", "Chi bộ số 2", "Chi bộ Ánh Dương", "Chi bộ số 1", "Chi bộ An Bình", "Chi bộ số 11"]
    assert sorted(names, key=natural_key) == [
        "Chi bộ An Bình", "Chi bộ Ánh Dương", "Chi bộ số 1", "Chi bộ số 2", "Chi bộ số 10", "Chi bộ số 11",
    ]  # fmt: skip


def test_cells_are_listed_one_two_three_ten_on_the_unit_page_and_in_the_tree(tree, actor, client):
    for n in (10, 3, 11):
        org_found(
            actor=actor, code=f"A{n}", name=f"Chi bộ tổ dân phố số {n}", kind=Kind.WARD, level=Level.CELL,
            parent=tree.a, founded_on=D(2010, 1, 1),
        )  # fmt: skip
    expected = [f"Chi bộ tổ dân phố số {n}" for n in (1, 2, 3, 10, 11)]
    assert [o.name for o in children_now(tree.a)] == expected
    client.force_login(actor)
    html = client.get(reverse("org-detail", args=[tree.a.pk])).content.decode()
    positions = [html.index(name + "<") for name in expected]
    assert positions == sorted(positions)


def _cells_three_and_ten(tree, actor):
    # "số 3" founded before "số 10", so its id is the smaller: ordered by path (ids as text, "/10/"
    # before "/9/") the lists would read số 10 first.
    for n in (3, 10):
        org_found(
            actor=actor, code=f"A{n}", name=f"Chi bộ tổ dân phố số {n}", kind=Kind.WARD, level=Level.CELL,
            parent=tree.a, founded_on=D(2010, 1, 1),
        )  # fmt: skip
    return [f"Chi bộ tổ dân phố số {n}" for n in (1, 2, 3, 10)]


def _in_order(html: str, names: list[str], after: str = "") -> bool:
    start = html.index(after) if after else 0
    positions = [html.index(name, start) for name in names]
    return positions == sorted(positions)


def test_the_tree_page_and_every_unit_picker_list_so_3_before_so_10(tree, actor, client):
    expected = _cells_three_and_ten(tree, actor)
    client.force_login(actor)
    assert _in_order(client.get(reverse("org-tree")).content.decode(), expected)
    # drop-downs of the filters and forms (UnitChoiceField), the cell picker of "Ghi buổi sinh hoạt",
    # the dues page's cells and the datalist behind the typed unit fields
    for url, after in (
        (reverse("meeting-list"), 'name="don_vi"'),
        (reverse("candidate-list"), 'name="don_vi"'),
        (reverse("candidate-create"), 'name="org"'),
        (reverse("meeting-start"), ""),
        (reverse("dues-home"), ""),
    ):
        html = client.get(url).content.decode()
        assert _in_order(html, expected, after), url


def test_unit_choice_field_and_datalist_read_the_tree_order(tree, actor):
    from dangvu.organizations.models import Organization
    from dangvu.web.forms import UnitChoiceField, UnitCodeField

    expected = _cells_three_and_ten(tree, actor)
    cells = Organization.objects.filter(parent=tree.a).order_by("path")
    field = UnitChoiceField(queryset=cells, empty_label="Tất cả")
    assert [label for _, label in field.choices] == ["Tất cả"] + expected
    assert [o.name for o in UnitCodeField(queryset=cells).choices()] == expected


def test_the_unit_datalist_names_each_superior_in_two_queries(tree, actor, django_assert_max_num_queries):
    from django import forms

    from dangvu.organizations.models import Organization
    from dangvu.web.forms import UnitCodeField
    from dangvu.web.templatetags.web import unit_datalist

    _cells_three_and_ten(tree, actor)

    class Form(forms.Form):
        unit = UnitCodeField(queryset=Organization.objects.filter(path__startswith=tree.hm.path))

    with django_assert_max_num_queries(2):  # the units, their superiors' names: not one per unit
        html = str(unit_datalist(Form()["unit"]))
    three = html.index('"A3 — Chi bộ tổ dân phố số 3 — Đảng bộ phường Định Công"')
    assert three < html.index('"A10 — Chi bộ tổ dân phố số 10 — Đảng bộ phường Định Công"')
    assert '"HM — Đảng bộ quận Hoàng Mai — Đảng bộ Thành phố Hà Nội"' in html


def test_a_units_superiors_and_sub_units_read_together_are_those_read_apart(tree, actor):
    """The unit page reads its crumbs and its sub-units in one query (ancestors_and_children):
    the same units, in the same order, dissolved sub-units included, for the root and a leaf too."""
    from dangvu.members.restructure import org_dissolve
    from dangvu.organizations.selectors import ancestors, ancestors_and_children

    _cells_three_and_ten(tree, actor)
    org_dissolve(actor=actor, org=tree.c, on=D(2020, 1, 1))
    for unit in (tree.hn, tree.hm, tree.a, tree.a1, tree.c):
        assert ancestors_and_children(unit) == (ancestors(unit), children_now(unit, include_dissolved=True))
    assert "C" in [o.code for o in ancestors_and_children(tree.hm)[1]]  # dissolved, still listed
