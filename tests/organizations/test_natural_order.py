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
