"""awards.* figures on hand-built data."""

import pytest

from dangvu.awards.services import award_create
from dangvu.core import catalogue
from dangvu.core.catalogue import Period
from dangvu.indicators.selectors import evaluate
from dangvu.organizations.models import Kind, Level
from dangvu.organizations.services import org_found, org_move

from ..conftest import D

Y2016 = Period.year(2016)
KEYS = [
    "awards.orgs", "awards.persons", "awards.orgs.tsvm_exemplary", "awards.orgs.tsvm", "awards.collectives.ct03",
    "awards.persons.ct03",
]  # fmt: skip


@pytest.fixture
def give(actor):
    def _give(by, day=D(2016, 12, 30), **kw):
        data = {"awarded_by": by, "decision_no": "1-QĐ/QU", "decision_date": day}
        data.update(kw)
        return award_create(actor=actor, **data)

    def collective(by, org=None, name="", title="certificate", program="ct03", **kw):
        return _give(by, recipient_kind="collective", recipient_org=org, recipient_name=name, title=title,
                     program=program, **kw)  # fmt: skip

    def person(by, member=None, name="", title="certificate", program="ct03", **kw):
        return _give(by, recipient_kind="person", recipient_member=member, recipient_name=name, title=title,
                     program=program, **kw)  # fmt: skip

    _give.collective, _give.person = collective, person
    return _give


def figures(org, period=Y2016):
    return {key: catalogue.compute(key, org, period) for key in KEYS}


def test_each_figure_counts_its_title_and_program(tree, give, register):
    give.collective(tree.hm, tree.a, title="tsvm_exemplary", program="review")
    give.collective(tree.hm, tree.b, title="tsvm", program="review")
    give.collective(tree.hm, tree.c, title="tsvm", program="review")
    give.collective(tree.hm, tree.a1)  # a party cell under Chỉ thị 03
    give.collective(tree.hm, name="Trường Mầm non Hoa Sen")  # a named collective under Chỉ thị 03
    give.collective(tree.hm, name="UBND phường Định Công", program="ct05")
    give.person(tree.hm, register(tree.a1))
    give.person(tree.hm, name="Ông Nguyễn Văn Ngoài Đảng")
    give.person(tree.hm, name="Bà Lê Thị Khác", title="merit", program="other")
    give.collective(tree.hm, tree.a, title="tsvm", program="review", day=D(2016, 1, 5))
    give.collective(tree.hm, tree.a, title="tsvm", program="review", day=D(2015, 12, 30))
    assert figures(tree.hm) == {
        "awards.orgs": 7, "awards.persons": 3, "awards.orgs.tsvm_exemplary": 1, "awards.orgs.tsvm": 3,
        "awards.collectives.ct03": 2, "awards.persons.ct03": 2,
    }  # fmt: skip
    # The same in one evaluation, where the six figures share one query, and each is its records.
    together = {f.key: (f.value, f.records) for f in evaluate(tree.hm, 2016, keys=KEYS)}
    assert together == {key: (n, n) for key, n in figures(tree.hm).items()}
    assert together["awards.orgs"][1] == catalogue.get("awards.orgs").records(tree.hm, Y2016).count()
    behind = catalogue.get("awards.collectives.ct03").records(tree.hm, Y2016)
    assert {a.recipient_label for a in behind} == {tree.a1.name, "Trường Mầm non Hoa Sen"}


def test_awards_by_a_ward_roll_up_to_the_district_not_to_another_ward(tree, give):
    give.collective(tree.a, tree.a1)
    give.collective(tree.a1, name="Tổ dân phố 3")
    give.collective(tree.b, tree.b1)
    assert figures(tree.a)["awards.collectives.ct03"] == 2
    assert figures(tree.hm)["awards.collectives.ct03"] == 3
    assert figures(tree.c)["awards.orgs"] == 0


def test_a_2016_figure_stays_with_the_tree_as_it_stood_in_2016(tree, give, actor):
    other = org_found(
        actor=actor, code="TX", name="Đảng bộ huyện Thanh Trì", kind=Kind.OTHER, level=Level.DISTRICT,
        parent=tree.hn, founded_on=D(2004, 1, 1),
    )  # fmt: skip
    give.person(tree.b, name="Ông Trịnh Văn Tốt")
    org_move(actor=actor, org=tree.b, new_parent=other, on=D(2017, 1, 1))
    give.person(tree.b, name="Ông Trịnh Văn Tốt", day=D(2017, 5, 19))
    assert figures(tree.hm)["awards.persons"] == 1 and figures(other)["awards.persons"] == 0
    assert figures(other, Period.year(2017))["awards.persons"] == 1
    assert figures(tree.hm, Period.year(2017))["awards.persons"] == 0


def test_a_unit_moved_mid_year_counts_each_award_where_it_stood_on_the_decision(tree, give, actor):
    other = org_found(
        actor=actor, code="TX", name="Đảng bộ huyện Thanh Trì", kind=Kind.OTHER, level=Level.DISTRICT,
        parent=tree.hn, founded_on=D(2004, 1, 1),
    )  # fmt: skip
    give.person(tree.b, name="Ông Trịnh Văn Tốt", day=D(2016, 3, 1))
    org_move(actor=actor, org=tree.b, new_parent=other, on=D(2016, 7, 1))
    give.person(tree.b, name="Bà Lê Thị Hiền", day=D(2016, 9, 2))
    assert figures(tree.hm)["awards.persons"] == 1
    assert figures(other)["awards.persons"] == 1
    assert figures(tree.hn)["awards.persons"] == 2


@pytest.mark.parametrize("key", KEYS)
def test_each_figure_takes_the_same_few_queries_for_a_small_and_a_larger_subtree(
    tree, give, actor, key, django_assert_max_num_queries
):
    give.collective(tree.hm, tree.a, title="tsvm", program="review")
    ind = catalogue.get(key)
    for size in (0, 10):
        for i in range(size):
            ward = org_found(
                actor=actor, code=f"W{i}", name=f"Đảng bộ phường Thử {i}", kind=Kind.WARD,
                level=Level.GRASSROOTS_COMMITTEE, parent=tree.hm, founded_on=D(2005, 1, 1),
            )  # fmt: skip
            give.collective(tree.hm, ward, title="tsvm", program="review")
            give.person(ward, name=f"Cá nhân {i}")
            give.collective(ward, name=f"Tập thể {i}")
        with django_assert_max_num_queries(4):
            ind.compute(tree.hm, Y2016)
        with django_assert_max_num_queries(4):
            list(ind.records(tree.hm, Y2016))
