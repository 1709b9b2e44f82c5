"""Congresses, committee seats and residence contacts of a closed year (core.closing): records of
that year (the member sheets read them) are not added, ended or rewritten until the organization
board reopens the year."""

from dangvu.committees import residence
from dangvu.committees.models import Departure, Entry, Role, Seat
from dangvu.committees.services import committee_elect, congress_record, seat_add, seat_change_role, seat_end
from dangvu.reports.services import year_close, year_reopen

from ..conftest import D
from ..conftest import closed_year_refused as _refused

REASON = "Bổ sung hồ sơ nhận muộn sau khi chốt"


def test_a_closed_years_congresses_and_seats_are_refused_until_the_year_is_reopened(tree, actor, register):
    hang, binh, lan = register(tree.a1, full_name="Trần Thị Hằng"), register(tree.a1), register(tree.a2)
    b_member = register(tree.b1)
    a = congress_record(actor=actor, org=tree.a, held_on=D(2015, 5, 20), term_start=2015, term_end=2020, delegates=3)
    [seat] = committee_elect(actor=actor, congress=a, elected=[(hang, Role.SECRETARY)])
    b = congress_record(actor=actor, org=tree.b, held_on=D(2016, 1, 5), term_start=2016, term_end=2021, delegates=1)
    year_close(actor=actor, org=tree.hm, year=2016)

    _refused(lambda: committee_elect(actor=actor, congress=b, elected=[(b_member, Role.SECRETARY)]), "elected")
    added = {"actor": actor, "congress": a, "member": binh, "role": Role.MEMBER, "entry": Entry.APPOINTED,
             "decision_no": "15-QĐ/QU"}  # fmt: skip
    _refused(lambda: seat_add(**added, on=D(2016, 3, 1)), "on")
    _refused(lambda: seat_end(actor=actor, seat=seat, on=D(2016, 8, 1), reason=Departure.TRANSFERRED), "on")
    change = {"actor": actor, "seat": seat, "role": Role.DEPUTY, "decision_no": "9-QĐ/QU"}
    _refused(lambda: seat_change_role(**change, on=D(2016, 8, 1)), "on")
    _refused(lambda: congress_record(actor=actor, org=tree.c, held_on=D(2016, 4, 2), term_start=2016, term_end=2021,
                                     delegates=1), "held_on")  # fmt: skip
    assert Seat.objects.count() == 1 and Seat.objects.get().valid_to is None
    seat_add(**added, on=D(2017, 3, 1))  # the next year is open

    year_reopen(actor=actor, org=tree.hm, year=2016, reason=REASON)
    seat_add(**{**added, "member": lan}, on=D(2016, 3, 1))
    committee_elect(actor=actor, congress=b, elected=[(b_member, Role.SECRETARY)])


def test_a_closed_years_residence_contacts_are_refused_until_the_year_is_reopened(tree, actor, register):
    teacher, other = register(tree.c, full_name="Phạm Văn Giáo"), register(tree.c)
    contact = residence.contact_introduce(actor=actor, member=teacher, ward=tree.a, introduced_on=D(2016, 1, 20))
    residence.contact_confirm(actor=actor, contact=contact, cell=tree.a1, since=D(2016, 2, 1))
    comment = {"actor": actor, "contact": contact, "year": 2016, "assessment": "exemplary"}
    residence.residence_comment_record(**comment, commented_on=D(2016, 12, 10))
    year_close(actor=actor, org=tree.hm, year=2016)

    _refused(lambda: residence.contact_introduce(actor=actor, member=other, ward=tree.a, introduced_on=D(2016, 5, 1)),
             "introduced_on")  # fmt: skip
    _refused(lambda: residence.contact_note_add(actor=actor, contact=contact, date=D(2016, 6, 1), content="Dự họp."),
             "date")  # fmt: skip
    # rewritten in the next year, the comment still replaces one of the closed year
    _refused(lambda: residence.residence_comment_record(**comment, commented_on=D(2017, 1, 5)), "commented_on")
    _refused(lambda: residence.contact_end(actor=actor, contact=contact, on=D(2016, 11, 30), reason="Chuyển nơi ở"),
             "on")  # fmt: skip
    contact.refresh_from_db()
    assert contact.until is None and not contact.notes.exists()
    residence.contact_note_add(actor=actor, contact=contact, date=D(2017, 2, 1), content="Dự họp.")  # open year

    year_reopen(actor=actor, org=tree.hm, year=2016, reason=REASON)
    residence.contact_note_add(actor=actor, contact=contact, date=D(2016, 6, 1), content="Dự họp.")
    residence.residence_comment_record(**comment, commented_on=D(2017, 1, 5))
