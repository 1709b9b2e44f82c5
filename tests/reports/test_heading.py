"""The issuing body's heading derived from the tree, as Hướng dẫn 36-HD/VPTW writes it."""

from dangvu.reports import heading


def test_a_district_issues_as_its_district_committee_under_the_city(tree):
    h = heading.derive(tree.hm)
    assert (h.superior, h.body, h.symbol, h.place) == (
        "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI",
        "QUẬN ỦY HOÀNG MAI",
        "BC/QU",
        "Hoàng Mai",
    )
    assert h.body_name == "Quận ủy Hoàng Mai"


def test_a_ward_committee_issues_as_its_party_committee_under_the_district(tree):
    h = heading.derive(tree.a)
    assert (h.superior, h.body, h.symbol, h.place) == (
        "ĐẢNG BỘ QUẬN HOÀNG MAI", "ĐẢNG ỦY PHƯỜNG ĐỊNH CÔNG", "BC/ĐU", "Định Công",
    )  # fmt: skip


def test_a_grassroots_cell_issues_in_its_own_name(tree):
    h = heading.derive(tree.c)
    assert (h.superior, h.body, h.symbol) == ("ĐẢNG BỘ QUẬN HOÀNG MAI", "CHI BỘ TRƯỜNG THCS TÂN MAI", "BC/CB")


def test_the_superior_that_assigned_a_target_is_named_as_the_seed_does(tree):
    assert heading.assigner_word(tree.hn) == "Thành phố"
    assert heading.assigner_word(tree.hm) == "Quận"
