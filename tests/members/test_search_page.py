"""The search page as a province's clerk reaches it: the same members in the same order whichever
index the scope's size picks, never a member of another province, and rows that show what the
unit page's rows show."""

import re

import pytest
from django.urls import reverse

from dangvu.accounts.models import Role
from dangvu.members import selectors
from dangvu.organizations.models import Kind, Level
from dangvu.organizations.services import org_found

from ..conftest import D


@pytest.fixture
def other_province(tree, actor):
    """A cell of another root beside Hà Nội: DN → DQ → X → X1."""
    parent = None
    for code, name, kind, level in [
        ("DN", "Đảng bộ tỉnh Đồng Nai", Kind.OTHER, Level.PROVINCE),
        ("DQ", "Đảng bộ huyện Định Quán", Kind.OTHER, Level.DISTRICT),
        ("X", "Đảng bộ xã Phú Ngọc", Kind.WARD, Level.GRASSROOTS_COMMITTEE),
        ("X1", "Chi bộ ấp 1", Kind.WARD, Level.CELL),
    ]:
        parent = org_found(
            actor=actor, code=code, name=name, kind=kind, level=level, parent=parent, founded_on=D(2004, 1, 1)
        )
    return parent


def _rows(html: str) -> list[str]:
    return re.findall(r"<tr><td><a href=\"/dang-vien/\d+/\">.*?</tr>", html)


@pytest.mark.parametrize("query", ["hung", "van hung", "nguyen"])
def test_a_province_search_lists_the_same_members_whichever_index_it_reads(
    client, make_user, tree, register, other_province, monkeypatch, query
):
    names = ["Trần Văn Hùng", "Nguyễn Hùng Anh", "Lê Thị Hương", "Phạm Hưng", "Nguyễn Văn Hùng", "Đỗ Mạnh Hùng"]
    for name, cell in zip(names, [tree.a1, tree.a2, tree.b1, tree.a1, tree.c, tree.b1], strict=True):
        register(cell, full_name=name)
    register(other_province, full_name="Nguyễn Văn Hùng")  # another province's: never listed here
    client.force_login(make_user(Role.ADMIN, tree.hn))
    by_units = client.get(reverse("member-list"), {"q": query}).content.decode()
    monkeypatch.setattr(selectors, "ROOT_INDEX_UNITS", 0)  # the province reads the (root, name) index
    by_root = client.get(reverse("member-list"), {"q": query}).content.decode()
    assert _rows(by_root) == _rows(by_units)
    assert _rows(by_units) and len(_rows(by_units)) == by_units.count("<tr><td><a href")
    assert "ấp 1" not in by_root and "ấp 1" not in by_units


def test_a_search_row_shows_what_the_unit_page_shows(client, actor, tree, register):
    member = register(tree.a1, full_name="Lê <Văn> Hùng", birth_date=D(1975, 1, 9))
    member.party_card_no = "012345"
    member.save(update_fields=["party_card_no"])
    client.force_login(actor)
    found = _rows(client.get(reverse("member-list"), {"q": "hung"}).content.decode())
    on_unit_page = _rows(client.get(reverse("org-detail", args=[tree.a.pk])).content.decode())
    assert len(found) == 1 and found == on_unit_page
    assert "Lê &lt;Văn&gt; Hùng" in found[0] and "Đảng viên chính thức" in found[0] and "012345" in found[0]


def test_the_unit_list_of_a_province_follows_its_units_moves(tree, other_province, actor):
    from dangvu.organizations.selectors import tree_now
    from dangvu.organizations.services import org_move

    # One level below the province: read through the parent's index, as a unit moved stands today.
    assert {o.code for o, _ in tree_now(tree.hn, 1)} == {"HN", "HM"}
    org_move(actor=actor, org=tree.a, new_parent=tree.hn, on=D(2016, 7, 1))
    assert [(o.code, d) for o, d in tree_now(tree.hn, 1)] == [("HN", 0), ("A", 1), ("HM", 1)]
    dn = other_province.parent.parent.parent
    org_move(actor=actor, org=tree.hm, new_parent=dn, on=D(2016, 8, 1))
    assert {o.code for o, _ in tree_now(tree.hn, 1)} == {"HN", "A"}
