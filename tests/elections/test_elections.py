"""Elections: each refusal with its message and nothing stored; the figures on hand-built data,
rolled up, after a restructuring, and in a fixed number of queries."""

import pytest
from django.core.exceptions import ValidationError

import dangvu.elections.indicators  # noqa: F401  registers the figures
from dangvu.core import catalogue
from dangvu.core.catalogue import Period
from dangvu.elections.models import Election, ElectionArea
from dangvu.elections.services import election_area_record, election_create
from dangvu.organizations.models import Kind, Level
from dangvu.organizations.services import org_found, org_move

from ..conftest import D

Y2016 = Period.year(2016)
NAME = "Bầu cử đại biểu Quốc hội khóa XIV và đại biểu HĐND các cấp nhiệm kỳ 2016–2021"


def figure(key, org, period=Y2016):
    return catalogue.compute(key, org, period)


@pytest.fixture
def election(tree, actor):
    e = election_create(actor=actor, name=NAME, date=D(2016, 5, 22), organizer=tree.hm)
    election_area_record(actor=actor, election=e, name="Phường Định Công", org=tree.a, registered=20000, voted=19900)
    election_area_record(actor=actor, election=e, name="Phường Đại Kim", org=tree.b, registered=10000, voted=9905)
    return e


def refused(call, **kw) -> dict:
    before = Election.objects.count(), ElectionArea.objects.count()
    with pytest.raises(ValidationError) as e:
        call(**kw)
    assert (Election.objects.count(), ElectionArea.objects.count()) == before
    return e.value.message_dict


def test_turnout_above_100_percent_is_refused_naming_the_area(tree, actor, election):
    errors = refused(election_area_record, actor=actor, election=election, name="Trường THCS Tân Mai", org=tree.c,
                     registered=1500, voted=1501)  # fmt: skip
    assert errors["voted"] == [
        "Khu vực Trường THCS Tân Mai: số cử tri đi bầu (1.501) lớn hơn số cử tri trong danh sách (1.500), "
        "tỷ lệ vượt 100%; hãy kiểm tra lại hai số này."
    ]


def test_negative_counts_a_duplicate_area_and_a_future_election_are_refused(tree, actor, election):
    errors = refused(election_area_record, actor=actor, election=election, name="Khu C", org=tree.c,
                     registered=-1, voted=0)  # fmt: skip
    assert errors["registered"] == ["Số cử tri trong danh sách không thể âm (-1)."]
    errors = refused(election_area_record, actor=actor, election=election, name="phuong dinh cong", org=tree.a,
                     registered=10, voted=1)  # fmt: skip
    assert "đã có kết quả trong cuộc bầu cử này" in errors["name"][0]
    errors = refused(election_create, actor=actor, name="Bầu cử", date=D(2999, 5, 22), organizer=tree.hm)
    assert errors["date"] == ["Ngày bầu cử 22/05/2999 ở tương lai; chỉ ghi kết quả cuộc bầu cử đã diễn ra."]


def test_figures_roll_up_from_wards_to_the_district(tree, election):
    assert figure("elections.registered", tree.hm) == 30000
    assert figure("elections.voted", tree.hm) == 29805
    assert figure("elections.turnout", tree.hm) == 99.35
    assert figure("elections.turnout", tree.a) == 99.5
    assert figure("elections.turnout", tree.c) == 0.0  # no area there
    assert figure("elections.registered", tree.hm, Period.year(2015)) == 0
    assert catalogue.get("elections.turnout").parts == ("elections.voted", "elections.registered")
    assert [a.name for a in catalogue.get("elections.turnout").records(tree.b, Y2016)] == ["Phường Đại Kim"]


def test_a_restructuring_after_the_election_keeps_its_figures(tree, actor, election):
    other = org_found(actor=actor, code="TX", name="Đảng bộ quận Thanh Xuân", kind=Kind.OTHER, level=Level.DISTRICT,
                      parent=tree.hn, founded_on=D(2004, 1, 1))  # fmt: skip
    org_move(actor=actor, org=tree.b, new_parent=other, on=D(2017, 3, 1))
    assert figure("elections.turnout", tree.hm) == 99.35
    assert figure("elections.registered", other) == 0


@pytest.mark.parametrize("key", ["elections.registered", "elections.voted", "elections.turnout"])
def test_each_figure_takes_the_same_few_queries_for_a_ward_and_the_district(
    tree, election, key, django_assert_max_num_queries
):
    for org in (tree.b, tree.hm):
        with django_assert_max_num_queries(4):
            figure(key, org)
        with django_assert_max_num_queries(4):
            list(catalogue.get(key).records(org, Y2016))
