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


def test_the_heading_speaks_as_the_tree_stood_on_the_report_date(tree, actor):
    """A school's cell moved on 1/7/2025 under the new ward committee (a commune-level unit under the
    city): its 2016 heading names the district, its 2025 heading the new ward; the new ward itself
    issues as its Đảng ủy under the city and signs for its standing committee."""
    from dangvu.organizations.models import Kind, Level
    from dangvu.organizations.services import org_found, org_move

    from ..conftest import D

    ward = org_found(actor=actor, code="PHM", name="Đảng bộ phường Hoàng Mai", kind=Kind.WARD,
                     level=Level.COMMUNE, parent=tree.hn, founded_on=D(2025, 7, 1))  # fmt: skip
    org_move(actor=actor, org=tree.c, new_parent=ward, on=D(2025, 7, 1), decision="QĐ 01-QĐ/TU")
    assert heading.derive(tree.c, D(2016, 12, 31)).superior == "ĐẢNG BỘ QUẬN HOÀNG MAI"
    assert heading.derive(tree.c, D(2025, 12, 31)).superior == "ĐẢNG BỘ PHƯỜNG HOÀNG MAI"
    h = heading.derive(ward, D(2025, 12, 31))
    assert (h.superior, h.body, h.symbol) == ("ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "ĐẢNG ỦY PHƯỜNG HOÀNG MAI", "BC/ĐU")
    assert heading.signer_role(ward) == "T/M BAN THƯỜNG VỤ" == heading.signer_role(tree.hm)
    assert heading.signer_role(tree.a) == "T/M ĐẢNG ỦY"
