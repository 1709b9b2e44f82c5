"""The demo step s85_committees: the 2015–2020 congresses of Hoàng Mai and its grassroots
organizations, committees drawn from their full members."""

from dangvu.committees import selectors
from dangvu.committees.models import Congress, Seat
from dangvu.demo.context import DemoContext
from dangvu.demo.steps import s10_tree, s85_committees
from dangvu.members.selectors import periods_on
from dangvu.members.services import member_register
from dangvu.organizations.models import Level, Organization

from ..conftest import D, identity


def _seat_summary():
    return [
        (s.congress.org.code, s.member.full_name, s.role)
        for s in Seat.objects.select_related("congress__org", "member").order_by("id")
    ]


def test_the_congresses_of_2015_elect_committees_of_full_members_of_each_unit(db, actor):
    ctx = DemoContext(actor=actor)
    s10_tree.build(ctx)
    cells = Organization.objects.filter(code__startswith="HM-", level__in=[Level.CELL, Level.GRASSROOTS_CELL])
    for n, cell in enumerate(cells.order_by("code")[:12]):
        for _ in range(1 + n % 4):
            member_register(actor=actor, org=cell, joined_on=D(2010, 1, 4), admitted_on=D(1995, 2, 3),
                            recognized_on=D(1996, 2, 3), **identity())  # fmt: skip
    s85_committees.build(ctx)
    hm = Organization.objects.get(code="HM")
    district = Congress.objects.get(org=hm)
    assert district.name == "Đại hội Đảng bộ quận Hoàng Mai lần thứ III, nhiệm kỳ 2015–2020"
    assert district.term == "2015–2020" and district.held_on == D(2015, 7, 16)
    committee = selectors.current_committee(hm, D(2016, 12, 31))
    assert committee[0].role == "secretary" and len(committee) == len({s.member_id for s in committee})
    for seat in Seat.objects.select_related("congress__org"):
        period = periods_on(seat.congress.org, seat.congress.held_on).get(member_id=seat.member_id)
        assert period.standing == "full"
    assert all(c.held_on < district.held_on for c in Congress.objects.exclude(org=hm))
