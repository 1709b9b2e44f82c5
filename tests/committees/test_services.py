"""Congresses, the committee they elect, and its changes during the term: each rule with its refusal."""

import pytest
from django.core.exceptions import ValidationError

from dangvu.committees import selectors
from dangvu.committees.models import Congress, Departure, Entry, Role, Seat
from dangvu.committees.services import committee_elect, congress_record, seat_add, seat_change_role, seat_end

from ..conftest import D

HELD = D(2015, 5, 20)


@pytest.fixture
def congress(tree, actor, register):
    # Three full members of ward A (two cells) and one of ward B.
    tree.people = [register(tree.a1, full_name="Trần Thị Hằng"), register(tree.a1), register(tree.a2)]
    tree.outsider = register(tree.b1, full_name="Lê Văn Ngoài")
    return congress_record(actor=actor, org=tree.a, held_on=HELD, term_start=2015, term_end=2020, delegates=3, number=5)


def _error(exc, field):
    return " ".join(exc.value.message_dict[field])


def test_a_congress_is_named_after_its_unit_and_term(congress):
    assert congress.name == "Đại hội Đảng bộ phường Định Công lần thứ V, nhiệm kỳ 2015–2020"
    assert congress.term == "2015–2020"


@pytest.mark.parametrize(
    "kwargs, field, words",
    [
        ({"term_end": 2015}, "term_end", "sau năm bắt đầu"),
        ({"term_end": 2021}, "term_end", "tối đa 5 năm"),
        ({"held_on": D(2013, 5, 1)}, "held_on", "phải họp trong năm 2015"),
        ({"delegates": 0}, "delegates", "số nguyên dương"),
        ({"delegates": 4}, "delegates", "không thể nhiều hơn số đảng viên"),
        ({"held_on": D(2099, 1, 1), "term_start": 2099, "term_end": 2104}, "held_on", "ở tương lai"),
    ],
)
def test_a_congress_with_bad_dates_or_counts_is_refused(tree, actor, register, kwargs, field, words):
    for _ in range(3):
        register(tree.a1)
    data = {"org": tree.a, "held_on": HELD, "term_start": 2015, "term_end": 2020, "delegates": 3} | kwargs
    with pytest.raises(ValidationError) as exc:
        congress_record(actor=actor, **data)
    assert words in _error(exc, field)
    assert not Congress.objects.exists()


def test_two_terms_may_not_overlap(congress, actor, tree):
    with pytest.raises(ValidationError) as exc:
        congress_record(actor=actor, org=tree.a, held_on=D(2016, 1, 5), term_start=2016, term_end=2021, delegates=1)
    assert "chồng lên nhau" in _error(exc, "term_start")


def test_the_elected_committee_becomes_the_current_committee(congress, actor, tree):
    hang, second, third = tree.people
    committee_elect(actor=actor, congress=congress, elected=[(second, Role.MEMBER), (hang, Role.SECRETARY),
                                                               (third, Role.DEPUTY)])  # fmt: skip
    seats = selectors.current_committee(tree.a, D(2016, 1, 1))
    assert [(s.member, s.role) for s in seats] == [(hang, "secretary"), (third, "deputy"), (second, "member")]
    assert selectors.current_committee(tree.a, D(2015, 5, 19)) == []


def test_a_committee_member_who_is_not_a_member_of_that_organization_is_refused(congress, actor, tree):
    with pytest.raises(ValidationError) as exc:
        committee_elect(actor=actor, congress=congress, elected=[(tree.people[0], Role.SECRETARY),
                                                                 (tree.outsider, Role.MEMBER)])  # fmt: skip
    message = _error(exc, "elected")
    assert "Lê Văn Ngoài không phải đảng viên của Đảng bộ phường Định Công" in message
    assert not Seat.objects.exists()  # nothing saved, not even the valid first line


def test_a_member_who_joined_after_the_congress_was_not_a_member_on_its_day(congress, actor, tree, register):
    late = register(tree.a1, joined_on=D(2015, 6, 1))
    with pytest.raises(ValidationError) as exc:
        seat_add(actor=actor, congress=congress, member=late, role=Role.MEMBER, on=HELD, entry=Entry.CONGRESS)
    assert "không phải đảng viên" in _error(exc, "member")
    seat = seat_add(actor=actor, congress=congress, member=late, role=Role.MEMBER, on=D(2016, 3, 1),
                    entry=Entry.APPOINTED, decision_no="12-QĐ/QU")  # fmt: skip
    assert seat.entry == Entry.APPOINTED


def test_a_probationary_member_may_not_be_elected(congress, actor, tree, admit):
    newcomer = admit(tree.a2, on=D(2015, 1, 10))
    with pytest.raises(ValidationError) as exc:
        seat_add(actor=actor, congress=congress, member=newcomer, role=Role.MEMBER, on=HELD, entry=Entry.CONGRESS)
    assert "dự bị" in _error(exc, "member")


def test_one_secretary_at_a_time(congress, actor, tree):
    hang, second, _ = tree.people
    with pytest.raises(ValidationError) as exc:
        committee_elect(actor=actor, congress=congress, elected=[(hang, Role.SECRETARY), (second, Role.SECRETARY)])
    assert "nhiều hơn một Bí thư" in _error(exc, "elected")
    committee_elect(actor=actor, congress=congress, elected=[(hang, Role.SECRETARY), (second, Role.MEMBER)])
    deputy = Seat.objects.get(member=second)
    with pytest.raises(ValidationError) as exc:
        seat_change_role(actor=actor, seat=deputy, role=Role.SECRETARY, on=D(2017, 2, 1), decision_no="5-QĐ/QU")
    assert "đã có Bí thư Trần Thị Hằng" in _error(exc, "role")


def test_a_cell_has_no_standing_committee(tree, actor, register):
    member = register(tree.c)
    cell_congress = congress_record(actor=actor, org=tree.c, held_on=HELD, term_start=2015, term_end=2020, delegates=1)
    with pytest.raises(ValidationError) as exc:
        seat_add(actor=actor, congress=cell_congress, member=member, role=Role.STANDING, on=HELD, entry=Entry.CONGRESS)
    assert "không có Ban Thường vụ" in _error(exc, "role")


def test_changes_during_the_term_keep_their_history(congress, actor, tree):
    hang, second, third = tree.people
    committee_elect(actor=actor, congress=congress, elected=[(hang, Role.SECRETARY), (second, Role.MEMBER)])
    old = Seat.objects.get(member=hang)
    seat_end(actor=actor, seat=old, on=D(2017, 3, 1), reason=Departure.TRANSFERRED, decision_no="20-QĐ/QU")
    seat_change_role(actor=actor, seat=Seat.objects.get(member=second), role=Role.SECRETARY, on=D(2017, 3, 15),
                     decision_no="21-QĐ/QU")  # fmt: skip
    seat_add(actor=actor, congress=congress, member=third, role=Role.MEMBER, on=D(2017, 4, 1), entry=Entry.ELECTED,
             decision_no="22-QĐ/QU")  # fmt: skip
    history = selectors.seat_history(congress)
    assert [(s.member, s.role, s.departure) for s in history] == [
        (hang, "secretary", "transferred"), (second, "member", "role_change"), (second, "secretary", ""),
        (third, "member", ""),
    ]  # fmt: skip
    between = selectors.current_committee(tree.a, D(2017, 3, 10))
    assert [(s.member, s.role) for s in between] == [(second, "member")]
    on_may = selectors.current_committee(tree.a, D(2017, 5, 1))
    assert [(s.member, s.role) for s in on_may] == [(second, "secretary"), (third, "member")]
    assert [(s.member, s.role) for s in selectors.current_committee(tree.a, D(2016, 1, 1))] == [
        (hang, "secretary"), (second, "member")
    ]  # fmt: skip


@pytest.mark.parametrize(
    "kwargs, field, words",
    [
        ({"on": D(2015, 5, 1)}, "on", "ngày thôi"),
        ({"on": D(2099, 1, 1)}, "on", "ở tương lai"),
        ({"reason": "other"}, "note", "ghi rõ lý do"),
        ({"reason": "nonsense"}, "reason", "chọn lý do"),
    ],
)
def test_a_departure_needs_a_date_after_joining_and_a_reason(congress, actor, tree, kwargs, field, words):
    committee_elect(actor=actor, congress=congress, elected=[(tree.people[0], Role.SECRETARY)])
    seat = Seat.objects.get()
    with pytest.raises(ValidationError) as exc:
        seat_end(actor=actor, seat=seat, **({"on": D(2016, 1, 1), "reason": "resigned"} | kwargs))
    assert words in _error(exc, field).lower()
    seat.refresh_from_db()
    assert seat.valid_to is None


def test_additions_stay_within_the_term_and_need_a_decision(congress, actor, tree):
    member = tree.people[0]
    with pytest.raises(ValidationError) as exc:
        seat_add(actor=actor, congress=congress, member=member, role=Role.MEMBER, on=D(2016, 1, 1), entry=Entry.ELECTED)
    assert "số quyết định" in _error(exc, "decision_no")
    with pytest.raises(ValidationError) as exc:
        seat_add(actor=actor, congress=congress, member=member, role=Role.MEMBER, on=D(2015, 1, 1),
                 entry=Entry.ELECTED, decision_no="1")  # fmt: skip
    assert "trước ngày đại hội" in _error(exc, "on")


def test_the_next_congress_ends_the_previous_committee(congress, actor, tree):
    committee_elect(actor=actor, congress=congress, elected=[(tree.people[0], Role.SECRETARY)])
    congress_record(actor=actor, org=tree.a, held_on=D(2020, 6, 10), term_start=2020, term_end=2025, delegates=3)
    seat = Seat.objects.get()
    assert seat.valid_to == D(2020, 6, 10) and seat.departure == Departure.TERM_ENDED
    assert selectors.current_committee(tree.a, D(2021, 1, 1)) == []
