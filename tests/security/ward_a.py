"""Ward A's own records, one of every kind a page opens by id, so the lookup walks can open every
page of ward A's user with its forms (tests/security/test_lookup_*.py). Built through the services,
after `ward_b`, whose district-wide election and review cycle they share."""

import pytest

from dangvu.accounts.models import Role
from dangvu.awards.services import award_create
from dangvu.cadres.services import cadre_action_create
from dangvu.candidates.services import candidate_open
from dangvu.committees.models import Role as SeatRole
from dangvu.committees.residence import contact_confirm, contact_introduce
from dangvu.committees.services import committee_elect, congress_record
from dangvu.dues.services import dues_basis_set, dues_pay
from dangvu.elections.models import Election
from dangvu.elections.services import election_area_record
from dangvu.inspection.services import discipline_record, inspection_record
from dangvu.meetings.services import meeting_create
from dangvu.reviews.services import review_cycle_open
from dangvu.targets.services import target_set
from dangvu.tasks.services import task_assign
from dangvu.training.services import attendance_add, training_class_create

from ..conftest import D
from .conftest import WardB


@pytest.fixture
def ward_a(ward_b, tree, register, admit, actor, make_user):
    w = WardB()
    w.add(tree.a)
    w.add(tree.a1)
    full = w.add(register(tree.a1, full_name="Hoàng Văn Nhà", citizen_id="001080000101", party_card_no="98000101"))
    w.add(admit(tree.a1, on=D(2016, 3, 2), full_name="Vũ Thị Mới", citizen_id="001199800102"))
    w.add(
        cadre_action_create(
            actor=actor, member=full, kind="appointment", position="Bí thư Chi bộ", decided_by=tree.a,
            decision_no="3-QĐ/ĐUĐC", decision_date=D(2016, 4, 1), effective_date=D(2016, 4, 1),
        )
    )  # fmt: skip
    course = w.add(
        training_class_create(
            actor=actor, title="Lớp phường Định Công", organizer=tree.a, kind="party_work",
            start_date=D(2016, 5, 2), end_date=D(2016, 5, 3),
        )
    )  # fmt: skip
    w.add(attendance_add(actor=actor, training_class=course, member=full))
    inspection = w.add(
        inspection_record(
            actor=actor, kind="inspection", conducted_by=tree.a, start_date=D(2016, 6, 1), content="Kiểm tra",
            subject_member=full,
        )
    )  # fmt: skip
    w.add(
        discipline_record(
            actor=actor, form="reprimand", decided_by=tree.a, decision_no="9-QĐ/ĐUĐC", decision_date=D(2016, 7, 1),
            violation_date=D(2016, 1, 5), subject_member=full, reason="Vi phạm", inspection=inspection,
        )
    )  # fmt: skip
    w.add(
        award_create(
            actor=actor, recipient_kind="person", recipient_member=full, title="certificate", program="ct03",
            awarded_by=tree.a, decision_no="2-QĐ/ĐUĐC", decision_date=D(2016, 5, 1),
        )
    )  # fmt: skip
    election = Election.objects.get(pk=ward_b.shared["elections.Election"][0])
    w.add(election_area_record(actor=actor, election=election, name="Khu vực Định Công", org=tree.a, registered=9,
                               voted=9))  # fmt: skip
    w.shared = {label: list(pks) for label, pks in ward_b.shared.items()}
    w.add(
        target_set(actor=actor, org=tree.a, indicator_key="members.admitted", year=2016, value=5, assigned_by=tree.hm)
    )
    congress = w.add(
        congress_record(actor=actor, org=tree.a, held_on=D(2015, 5, 20), term_start=2015, term_end=2020, delegates=1)
    )
    for seat in committee_elect(actor=actor, congress=congress, elected=[(full, SeatRole.SECRETARY)]):
        w.add(seat)
    # Residence contacts on both of ward A's sides: two teachers of school C introduced to ward A
    # (one waiting, one received), and A's own member introduced to ward B.
    w.add(contact_introduce(actor=actor, member=register(tree.c), ward=tree.a, introduced_on=D(2016, 3, 1)))
    received = contact_introduce(actor=actor, member=register(tree.c), ward=tree.a, introduced_on=D(2016, 3, 1))
    w.add(contact_confirm(actor=actor, contact=received, cell=tree.a2, since=D(2016, 3, 5)))
    w.add(contact_introduce(actor=actor, member=full, ward=tree.b, introduced_on=D(2016, 3, 1)))
    w.add(candidate_open(actor=actor, org=tree.a1, opened_on=D(2016, 2, 1), full_name="Đỗ Văn Ứng",
                         birth_date=D(1996, 1, 1), sex="M", citizen_id="001096000103"))  # fmt: skip
    w.add(meeting_create(actor=actor, org=tree.a1, kind="regular", date=D(2016, 6, 5), place="Nhà văn hóa"))
    dues_basis_set(actor=actor, member=full, kind="fixed", fixed_amount=5_000, valid_from=D(2016, 1, 1))
    w.add(dues_pay(actor=actor, member=full, month=D(2016, 3, 1), paid_on=D(2016, 3, 8), receipt_no="BL-1"))
    w.add(make_user(Role.GRASSROOTS, tree.a, "thu-ky-a-rieng"))
    # A quarter of 2026 under QĐ 366: the review cycle and one task of the member.
    w.shared.setdefault("reviews.ReviewCycle", []).append(
        review_cycle_open(actor=actor, committee=tree.hm, year=2026).pk
    )
    w.add(task_assign(actor=actor, org=tree.a1, member=full, year=2026, quarter=1, title="Thăm hộ nghèo", measure="hộ",
                      target=4, deadline=D(2026, 3, 20)))  # fmt: skip
    return w
