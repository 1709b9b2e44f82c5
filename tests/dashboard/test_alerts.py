"""Each alert of the dashboard on hand-built data: who is in it, who is not, and the count the
page shows."""

import re

import pytest
from django.urls import reverse

from dangvu.cadres.services import cadre_action_create
from dangvu.dashboard import selectors
from dangvu.inspection.services import inspection_record
from dangvu.members.services import member_recognize
from dangvu.reviews.models import Stage
from dangvu.reviews.services import org_result_record, review_cycle_open

from ..conftest import D

ON = D(2016, 12, 15)


def alert_count(client, org, kind, year=2016, day="15/12/2016") -> int:
    html = client.get(reverse("dashboard", args=[org.pk, year]) + f"?ngay={day}").content.decode()
    return int(re.search(rf'data-kind="{kind}"><a href="[^"]+"><span class="count">(\d+)', html).group(1))


def test_probation_ending_within_30_days_of_the_day_and_still_probationary(tree, admit, actor, board):
    due = admit(tree.a1, on=D(2016, 1, 10), full_name="Lê Văn Sắp")  # ends 10/1/2017
    admit(tree.a1, on=D(2016, 3, 1))  # ends 1/3/2017: later
    ended = admit(tree.a1, on=D(2015, 12, 10))  # ends 10/12/2016: before the day
    other_ward = admit(tree.b1, on=D(2016, 1, 5))
    rows = selectors.probation_ending(tree.a, ON)
    assert [(m.full_name, end) for m, end in rows] == [("Lê Văn Sắp", D(2017, 1, 10))]
    assert [m for m, _ in selectors.probation_ending(tree.hm, ON)] == [other_ward, due]  # soonest first
    # From 10/12: the day itself is in, the 31st day after it (10/1/2017) is not.
    assert selectors.probation_ending(tree.a, D(2016, 12, 10)) == [(ended, D(2016, 12, 10))]
    assert alert_count(board, tree.a, "du-bi") == 1


def test_recognized_members_leave_the_probation_alert(tree, admit, actor):
    m = admit(tree.a1, on=D(2015, 12, 20))
    member_recognize(actor=actor, member=m, decision_no="9-QĐ/ĐU", decision_date=D(2016, 12, 20))
    assert selectors.probation_ending(tree.a, D(2016, 11, 25)) == [(m, D(2016, 12, 20))]
    assert selectors.probation_ending(tree.a, D(2016, 12, 20)) == []  # full member from that day


def test_probation_ended_and_never_recognized_is_overdue_and_listed(tree, admit, actor, board):
    late = admit(tree.a1, on=D(2015, 11, 2), full_name="Phạm Văn Quá Hạn")  # ended 2/11/2016
    done = admit(tree.a1, on=D(2015, 10, 1))
    member_recognize(actor=actor, member=done, decision_no="7-QĐ/ĐU", decision_date=D(2016, 10, 1))
    today = admit(tree.a1, on=D(2015, 12, 15))  # ends 15/12/2016, the day itself: not yet overdue
    admit(tree.b1, on=D(2015, 6, 1))  # another ward
    assert selectors.probation_overdue(tree.a, ON) == [(late, D(2016, 11, 2))]
    assert len(selectors.probation_overdue(tree.hm, ON)) == 2
    assert alert_count(board, tree.a, "du-bi-qua-han") == 1
    page = board.get(reverse("dashboard-alert", args=[tree.a.pk, 2016, "du-bi"]) + "?ngay=15/12/2016")
    html = page.content.decode()
    overdue = html[html.index('id="qua-han"') :]
    assert "Phạm Văn Quá Hạn" in overdue and "02/11/2016" in overdue
    member_recognize(actor=actor, member=late, decision_no="8-QĐ/ĐU", decision_date=D(2016, 12, 20))
    assert selectors.probation_overdue(tree.a, D(2016, 12, 21)) == [(today, D(2016, 12, 15))]


def test_badges_due_at_the_next_presentation_date(tree, register, board):
    from dangvu.members.models import Member

    due = register(tree.a1, admitted_on=D(1986, 12, 1), recognized_on=D(1987, 12, 1), full_name="Trần Văn Ba Mươi")
    register(tree.a1, admitted_on=D(1990, 2, 3), recognized_on=D(1991, 2, 3))  # 26 years: not yet
    register(tree.b1, admitted_on=D(1986, 12, 2), recognized_on=D(1987, 12, 2))  # another ward
    assert selectors.next_presentation(ON) == D(2017, 2, 3)
    rows = selectors.badges_due_next(tree.a, Member.objects.all(), ON)
    assert rows == [(due, 30)]
    assert len(selectors.badges_due_next(tree.hm, Member.objects.all(), ON)) == 2
    assert alert_count(board, tree.a, "huy-hieu") == 1
    page = board.get(reverse("dashboard-alert", args=[tree.a.pk, 2016, "huy-hieu"]) + "?ngay=15/12/2016")
    assert "Trần Văn Ba Mươi" in page.content.decode() and "03/02/2017" in page.content.decode()


def test_appointments_whose_term_ends_within_six_months(tree, actor, board):
    def appoint(name, on, kind="appointment"):
        return cadre_action_create(
            actor=actor, full_name=name, kind=kind, position="Chánh Văn phòng", decided_by=tree.hm,
            decision_no="5-QĐ/QU", decision_date=on, effective_date=on,
        )  # fmt: skip

    soon = appoint("Ngô Thị Sắp Hết", D(2012, 3, 1))  # term ends 1/3/2017
    appoint("Đỗ Văn Còn Lâu", D(2013, 3, 1))  # ends 2018
    renewed = appoint("Phan Văn Đã Bổ Nhiệm Lại", D(2012, 2, 1))
    appoint("Phan Văn Đã Bổ Nhiệm Lại", D(2016, 11, 1), kind="reappointment")
    names = [a.full_name for a in selectors.terms_ending_soon(tree.hm, ON)]
    assert names == [soon.full_name]
    assert renewed.full_name not in names
    assert selectors.terms_ending_soon(tree.a, ON).count() == 0  # decided by the district
    assert alert_count(board, tree.hm, "bo-nhiem") == 1


def test_violations_past_the_statute_of_limitations_without_discipline(tree, admit, actor, board):
    member = admit(tree.a1, on=D(2008, 3, 2))

    def inspect(violation_date, subject_member=None, subject_org=None):
        return inspection_record(
            actor=actor, kind="inspection", conducted_by=tree.a, start_date=D(2016, 4, 1), content="Kiểm tra",
            subject_member=subject_member, subject_org=subject_org, violations_found=True,
            violation_date=violation_date,
        )  # fmt: skip

    old = inspect(D(2011, 3, 10), subject_member=member)  # khiển trách possible until 10/3/2016
    inspect(D(2014, 6, 1), subject_org=tree.a2)  # still within 5 years
    items = selectors.limitations_passed(tree.a, ON)
    assert [i.record for i in items] == [old] and items[0].ends == D(2016, 3, 10)
    assert selectors.limitations_passed(tree.a, D(2016, 3, 10)) == []  # the last day itself is open
    assert selectors.limitations_passed(tree.b, ON) == []
    assert alert_count(board, tree.a, "thoi-hieu") == 1


def test_grassroots_organizations_that_have_not_entered_their_review(tree, actor, board):
    assert {o.code for o in selectors.reviews_missing(tree.hm, 2016)} == {"A", "B", "C"}
    cycle = review_cycle_open(actor=actor, committee=tree.hm, year=2016)
    org_result_record(actor=actor, cycle=cycle, org=tree.c, stage=Stage.SELF, cls="tsvm", points=95)
    assert {o.code for o in selectors.reviews_missing(tree.hm, 2016)} == {"A", "B"}
    assert [o.code for o in selectors.reviews_missing(tree.a, 2016)] == ["A"]
    assert {o.code for o in selectors.reviews_missing(tree.hm, 2015)} == {"A", "B", "C"}  # another year
    assert alert_count(board, tree.hm, "danh-gia") == 2
    page = board.get(reverse("dashboard-alert", args=[tree.hm.pk, 2016, "danh-gia"])).content.decode()
    assert "Đảng bộ phường Định Công" in page and "Chi bộ Trường THCS Tân Mai" not in page


@pytest.mark.parametrize("kind", ["du-bi", "huy-hieu", "bo-nhiem", "thoi-hieu", "danh-gia"])
def test_every_alert_list_opens_and_an_unknown_one_is_404(board, tree, kind):
    assert board.get(reverse("dashboard-alert", args=[tree.hm.pk, 2016, kind])).status_code == 200
    assert board.get(reverse("dashboard-alert", args=[tree.hm.pk, 2016, "khac"])).status_code == 404
