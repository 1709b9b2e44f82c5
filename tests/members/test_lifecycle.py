"""Each lifecycle transition through the services, and each refusal: a clear Vietnamese message
naming the field, and nothing stored."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError

from dangvu.members import selectors
from dangvu.members.models import EventKind as K
from dangvu.members.models import Member, MemberEvent, MemberPeriod
from dangvu.members.services import (
    member_admit,
    member_award_badge,
    member_recognize,
    member_record_event,
    member_register,
    member_update,
)

from ..conftest import D, identity


def errors_of(excinfo) -> dict:
    return excinfo.value.message_dict


def nothing_changed(before: tuple) -> bool:
    return (Member.objects.count(), MemberEvent.objects.count(), MemberPeriod.objects.count()) == before


def counts():
    return Member.objects.count(), MemberEvent.objects.count(), MemberPeriod.objects.count()


def test_admission_makes_a_probationary_member_of_the_cell(tree, admit):
    m = admit(tree.a1, on=D(2016, 5, 19), full_name="Trần Thị Hoa")
    assert m.status == "probationary" and m.org == tree.a1
    assert list(m.events.values_list("kind", flat=True)) == ["admitted"]
    assert selectors.member_count_on(tree.hm, D(2016, 5, 19)) == 1
    assert selectors.member_count_on(tree.hm, D(2016, 5, 18)) == 0


def test_recognition_takes_effect_when_probation_ends_even_if_decided_late(tree, admit, actor):
    m = admit(tree.a1, on=D(2015, 3, 2))
    ev = member_recognize(actor=actor, member=m, decision_no="88-QĐ/QU", decision_date=D(2016, 4, 20))
    m.refresh_from_db()
    assert ev.date == D(2016, 3, 2) and ev.decision_date == D(2016, 4, 20)
    assert m.status == "full" and m.recognized_on == D(2016, 3, 2)
    assert selectors.state_on(m, D(2016, 3, 1)).standing == "probationary"
    assert selectors.state_on(m, D(2016, 3, 2)).standing == "full"


def test_recognition_before_twelve_months_is_refused(tree, admit, actor):
    m = admit(tree.a1, on=D(2015, 3, 2))
    before = counts()
    with pytest.raises(ValidationError) as e:
        member_recognize(actor=actor, member=m, decision_no="1", decision_date=D(2016, 3, 1))
    assert "12 tháng dự bị" in errors_of(e)["decision_date"][0]
    assert nothing_changed(before)


def test_recognizing_a_full_member_is_refused(tree, register, actor):
    m = register(tree.a1)
    with pytest.raises(ValidationError) as e:
        member_recognize(actor=actor, member=m, decision_no="1", decision_date=D(2016, 3, 1))
    assert "đã là đảng viên chính thức" in errors_of(e)["kind"][0]


def test_probation_failed_removes_the_member(tree, admit, actor):
    m = admit(tree.a1, on=D(2015, 3, 2))
    member_record_event(actor=actor, member=m, kind=K.PROBATION_FAILED, date=D(2016, 3, 2), decision_no="9-QĐ/QU")
    m.refresh_from_db()
    assert m.status == "probation_failed"
    assert selectors.member_count_on(tree.hm, D(2016, 3, 2)) == 0
    assert selectors.member_count_on(tree.hm, D(2016, 3, 1)) == 1


@pytest.mark.parametrize(
    ("kind", "status", "extra"),
    [
        (K.REMOVED, "removed", {"decision_no": "5-QĐ/ĐU"}),
        (K.DISMISSED, "dismissed", {"decision_no": "7-QĐ/ĐU"}),
        (K.EXPELLED, "expelled", {"decision_no": "6-QĐ/UBKT"}),
        (K.DIED, "died", {}),
        (K.TRANSFERRED_OUT, "transferred_out", {"place": "Đảng bộ quận Cầu Giấy"}),
    ],
)
def test_leaving_events_end_membership(tree, register, actor, kind, status, extra):
    m = register(tree.a1)
    member_record_event(actor=actor, member=m, kind=kind, date=D(2016, 7, 1), **extra)
    m.refresh_from_db()
    assert m.status == status
    assert m.org == tree.a1  # the last cell stays known
    assert selectors.member_count_on(tree.a1, D(2016, 6, 30)) == 1
    assert selectors.member_count_on(tree.a1, D(2016, 7, 1)) == 0


def test_transfer_within_the_committee_and_temporary_transfer(tree, register, actor):
    m = register(tree.a1)
    member_record_event(actor=actor, member=m, kind=K.TRANSFERRED, date=D(2016, 2, 1), to_org=tree.b1)
    m.refresh_from_db()
    assert m.org == tree.b1
    assert selectors.member_count_on(tree.a, D(2016, 1, 31)) == 1
    assert selectors.member_count_on(tree.b, D(2016, 2, 1)) == 1
    member_record_event(
        actor=actor, member=m, kind=K.TEMPORARY_TRANSFER, date=D(2016, 3, 1), place="Đảng bộ tỉnh Bắc Ninh",
        until=D(2016, 9, 1),
    )  # fmt: skip
    m.refresh_from_db()
    assert m.org == tree.b1  # a temporary transfer keeps the member on the rolls of their cell


def test_transfer_in_from_outside_keeps_the_historical_admission(tree, actor):
    m = member_register(
        actor=actor, org=tree.c, joined_on=D(2016, 9, 5), admitted_on=D(2001, 1, 10), recognized_on=D(2002, 1, 10),
        transferred_in=True, place="Đảng bộ huyện Gia Lâm", **identity(),
    )  # fmt: skip
    assert m.status == "full"
    assert m.events.get().kind == "transferred_in"
    assert selectors.party_age_years(m, D(2016, 9, 5)) == 15


def test_exempt_suspend_resume(tree, register, actor):
    m = register(tree.a1)
    member_record_event(actor=actor, member=m, kind=K.EXEMPTED, date=D(2016, 1, 5), reason="Tuổi cao")
    m.refresh_from_db()
    assert m.activity == "exempt"
    with pytest.raises(ValidationError):
        member_record_event(actor=actor, member=m, kind=K.SUSPENDED, date=D(2016, 2, 1))
    member_record_event(actor=actor, member=m, kind=K.RESUMED, date=D(2016, 3, 1))
    member_record_event(actor=actor, member=m, kind=K.SUSPENDED, date=D(2016, 4, 1))
    m.refresh_from_db()
    assert m.activity == "suspended"
    assert selectors.state_on(m, D(2016, 2, 1)).activity == "exempt"


def test_readmission_and_restoration(tree, register, actor):
    m = register(tree.a1, admitted_on=D(1980, 1, 1), recognized_on=D(1981, 1, 1), birth_date=D(1955, 1, 1))
    member_record_event(actor=actor, member=m, kind=K.REMOVED, date=D(2008, 1, 1), decision_no="1-QĐ")
    member_record_event(actor=actor, member=m, kind=K.READMITTED, date=D(2010, 1, 1), decision_no="2-QĐ", org=tree.a2)
    m.refresh_from_db()
    assert m.status == "probationary" and m.org == tree.a2
    # Party age loses the two years out of the Party.
    assert selectors.party_age_years(m, D(2015, 12, 31)) == 33
    other = register(tree.a1)
    member_record_event(actor=actor, member=other, kind=K.EXPELLED, date=D(2012, 1, 1), decision_no="3-QĐ")
    member_record_event(actor=actor, member=other, kind=K.RESTORED, date=D(2013, 1, 1), decision_no="4-QĐ", org=tree.a1)
    other.refresh_from_db()
    assert other.status == "full"


def test_cho_ra_khoi_dang_is_its_own_event_counted_apart_from_xoa_ten(tree, register, actor):
    from dangvu.core.catalogue import Period
    from dangvu.indicators.statistics import flows

    let_go, removed = register(tree.a1), register(tree.a1)
    before = counts()
    with pytest.raises(ValidationError) as e:
        member_record_event(actor=actor, member=let_go, kind=K.DISMISSED, date=D(2016, 4, 1))
    assert errors_of(e)["decision_no"] == ["Hãy nhập số quyết định."] and nothing_changed(before)
    member_record_event(actor=actor, member=let_go, kind=K.DISMISSED, date=D(2016, 4, 1), decision_no="7-QĐ/ĐU")
    member_record_event(actor=actor, member=removed, kind=K.REMOVED, date=D(2016, 5, 1), decision_no="8-QĐ/ĐU")
    let_go.refresh_from_db()
    assert let_go.get_status_display() == "Đã cho ra khỏi Đảng"
    with pytest.raises(ValidationError) as e:
        member_record_event(actor=actor, member=let_go, kind=K.DIED, date=D(2016, 6, 1))
    assert "đã bị cho ra khỏi Đảng" in errors_of(e)["kind"][0]
    _, decrease, _ = flows(tree.hm, Period.year(2016))
    rows = {row[0]: row[1] for row in decrease.rows}
    assert (rows["Cho ra khỏi Đảng"], rows["Xóa tên"]) == (1, 1)
    # Re-admission is open to them as to a removed member, and the years out do not count.
    member_record_event(actor=actor, member=let_go, kind=K.READMITTED, date=D(2018, 4, 1), decision_no="9", org=tree.a1)
    let_go.refresh_from_db()
    assert let_go.status == "probationary"
    # 3/2/1990–1/4/2016 and 1/4/2018–1/4/2019: 27 years, not the 29 of the calendar.
    assert selectors.party_age_years(let_go, D(2019, 4, 1)) == 27


def test_a_dead_member_cannot_be_transferred(tree, register, actor):
    m = register(tree.a1)
    member_record_event(actor=actor, member=m, kind=K.DIED, date=D(2016, 1, 1))
    before = counts()
    with pytest.raises(ValidationError) as e:
        member_record_event(actor=actor, member=m, kind=K.TRANSFERRED, date=D(2016, 2, 1), to_org=tree.b1)
    assert "đã từ trần" in errors_of(e)["kind"][0]
    assert nothing_changed(before)


def test_an_event_dated_before_a_later_fact_must_still_fit(tree, register, actor):
    m = register(tree.a1)
    member_record_event(actor=actor, member=m, kind=K.DIED, date=D(2016, 6, 1))
    with pytest.raises(ValidationError):
        # A transfer after the death, entered late, is refused as well.
        member_record_event(actor=actor, member=m, kind=K.TRANSFERRED, date=D(2016, 7, 1), to_org=tree.b1)
    # A transfer before the death, entered late, fits and rewrites the periods.
    member_record_event(actor=actor, member=m, kind=K.TRANSFERRED, date=D(2016, 3, 1), to_org=tree.b1)
    assert selectors.member_count_on(tree.b1, D(2016, 4, 1)) == 1
    assert selectors.member_count_on(tree.b1, D(2016, 6, 1)) == 0


def test_admitting_someone_aged_17_is_refused_and_nothing_saved(tree, actor):
    before = counts()
    with pytest.raises(ValidationError) as e:
        member_admit(actor=actor, org=tree.a1, admitted_on=D(2016, 5, 1), decision_no="1-QĐ",
                     **identity(birth_date=D(1998, 6, 1)))  # fmt: skip
    assert "đủ 18 tuổi" in errors_of(e)["birth_date"][0]
    assert nothing_changed(before)


def test_admitting_over_60_needs_an_authorised_reason(tree, actor, make_user):
    old = identity(birth_date=D(1950, 1, 1))
    with pytest.raises(ValidationError) as e:
        member_admit(actor=actor, org=tree.a1, admitted_on=D(2016, 5, 1), decision_no="1-QĐ", **old)
    assert "Ban Bí thư" in errors_of(e)["birth_date"][0]
    clerk = make_user("grassroots", tree.a)
    with pytest.raises(ValidationError) as e:
        member_admit(actor=clerk, org=tree.a1, admitted_on=D(2016, 5, 1), decision_no="1-QĐ",
                     age_override_reason="Ban Bí thư đồng ý", **old)  # fmt: skip
    assert "age_override_reason" in errors_of(e)
    board = make_user("org_board", tree.hm)
    m = member_admit(actor=board, org=tree.a1, admitted_on=D(2016, 5, 1), decision_no="1-QĐ",
                     age_override_reason="Công văn 12-CV/TW của Ban Bí thư", **old)  # fmt: skip
    assert m.events.get().override_reason == "Công văn 12-CV/TW của Ban Bí thư"


def test_duplicate_citizen_id_and_card_number_are_refused(tree, admit, actor):
    first = admit(tree.a1, citizen_id="001080012345")
    member_update(actor=actor, member=first, party_card_no="12345678")
    before = counts()
    with pytest.raises(ValidationError) as e:
        admit(tree.a1, citizen_id="001080012345")
    assert first.full_name in errors_of(e)["citizen_id"][0]
    other = admit(tree.a2)
    with pytest.raises(ValidationError) as e:
        member_update(actor=actor, member=other, party_card_no="12345678")
    assert "đã có" in errors_of(e)["party_card_no"][0]
    assert Member.objects.count() == before[0] + 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("citizen_id", "12345", "12 chữ số"),
        ("birth_date", D(2999, 1, 1), "tương lai"),
        ("birth_date", "31/02/1990", "không hợp lệ"),
        ("full_name", "An", "họ và tên"),
        ("sex", "X", "Nam hoặc Nữ"),
    ],
)
def test_bad_identity_fields_are_named(tree, actor, field, value, message):
    before = counts()
    with pytest.raises(ValidationError) as e:
        member_admit(actor=actor, org=tree.a1, admitted_on=D(2016, 5, 1), decision_no="1-QĐ",
                     **identity(**{field: value}))  # fmt: skip
    assert message in errors_of(e)[field][0]
    assert nothing_changed(before)


def test_admission_into_a_committee_or_a_future_date_is_refused(tree, actor):
    with pytest.raises(ValidationError) as e:
        member_admit(actor=actor, org=tree.a, admitted_on=D(2016, 5, 1), decision_no="1", **identity())
    assert "hãy chọn một chi bộ" in errors_of(e)["org"][0]
    with pytest.raises(ValidationError) as e:
        member_admit(actor=actor, org=tree.a1, admitted_on=dt.date.today() + dt.timedelta(days=1),
                     decision_no="1", **identity())  # fmt: skip
    assert "tương lai" in errors_of(e)["admitted_on"][0]


def test_every_change_is_in_the_audit_with_who_and_what(tree, admit, make_user):
    clerk = make_user("grassroots", tree.a)
    m = member_admit(actor=clerk, org=tree.a1, admitted_on=D(2016, 5, 1), decision_no="1-QĐ", **identity())
    member_update(actor=clerk, member=m, address="Số 5 ngõ 12 phố Định Công")
    entries = LogEntry.objects.get_for_object(m).order_by("timestamp")
    assert [e.action for e in entries] == [LogEntry.Action.CREATE, LogEntry.Action.UPDATE]
    assert all(e.actor == clerk for e in entries)
    assert entries.last().changes_dict["address"] == ["", "Số 5 ngõ 12 phố Định Công"]
    event = m.events.get()
    assert LogEntry.objects.get_for_object(event).get().actor == clerk


def test_badges_due_list_and_award(tree, register, actor):
    due = register(tree.a1, admitted_on=D(1986, 4, 10), recognized_on=D(1987, 4, 10))
    register(tree.a1, admitted_on=D(1990, 4, 10), recognized_on=D(1991, 4, 10))
    listed = selectors.badges_due(Member.objects.all(), D(2016, 5, 19))
    assert [(m.pk, y) for m, y in listed] == [(due.pk, 30)]
    member_award_badge(actor=actor, member=due, years=30, presented_on=D(2016, 5, 19), decision_no="7-QĐ/QU")
    assert selectors.badges_due(Member.objects.all(), D(2016, 5, 19)) == []
    with pytest.raises(ValidationError):
        member_award_badge(actor=actor, member=due, years=30, presented_on=D(2016, 5, 19))


def test_search_forgives_diacritics_and_finds_numbers(tree, admit):
    an = admit(tree.a1, full_name="Nguyễn Văn An", citizen_id="001085000111")
    admit(tree.a1, full_name="Hoàng Thị Lan")
    assert list(selectors.search(Member.objects.all(), "nguyen van an")) == [an]
    assert list(selectors.search(Member.objects.all(), "an")) == [an]
    assert list(selectors.search(Member.objects.all(), "001085000111")) == [an]
