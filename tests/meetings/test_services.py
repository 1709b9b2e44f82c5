"""Cell meetings: recorded after they are held, with the cell's own members, and the removal flag."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from dangvu.dues.services import dues_basis_set, dues_pay
from dangvu.meetings import services
from dangvu.meetings.models import Attendance, Meeting, Presence, Vote
from dangvu.meetings.selectors import removal_flags

from ..conftest import D


def _message(excinfo, field):
    return " ".join(excinfo.value.message_dict[field])


def _meet(actor, org, day, attendance=None, **kw):
    return services.meeting_create(actor=actor, org=org, kind="regular", date=day, attendance=attendance, **kw)


def test_a_meeting_with_attendance_votes_and_its_minutes(actor, tree, register, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    a, b, c = (register(tree.a1) for _ in range(3))
    minutes = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 bien ban", content_type="application/pdf")
    m = _meet(
        actor, tree.a1, D(2016, 3, 15), chair=a, secretary=b, place="Nhà văn hóa tổ 1", agenda="Sinh hoạt tháng 3",
        minutes=minutes,
        attendance=[(a, Presence.PRESENT, ""), (b, Presence.PRESENT, ""), (c, Presence.EXCUSED, "Ốm")],
    )  # fmt: skip
    assert Attendance.objects.filter(meeting=m).count() == 3
    assert (tmp_path / "media" / m.minutes.name).read_bytes() == b"%PDF-1.4 bien ban"
    services.meeting_add_vote(actor=actor, meeting=m, question="Thông qua nghị quyết", votes_for=2, votes_against=0)
    with pytest.raises(ValidationError) as e:
        services.meeting_add_vote(actor=actor, meeting=m, question="Lần hai", votes_for=2, votes_against=1)
    assert "vượt số đảng viên có mặt (2)" in _message(e, "votes_for")
    assert Vote.objects.count() == 1


def test_a_meeting_dated_in_the_future_is_refused(actor, tree):
    future = dt.date.today() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as e:
        _meet(actor, tree.a1, future)
    assert "ở tương lai" in _message(e, "date") and "đã diễn ra" in _message(e, "date")
    assert not Meeting.objects.exists()


def test_chair_and_attendance_must_belong_to_the_cell_that_day(actor, tree, register):
    mine, other = register(tree.a1), register(tree.b1)
    with pytest.raises(ValidationError) as e:
        _meet(actor, tree.a1, D(2016, 3, 15), chair=other)
    assert "không sinh hoạt tại Chi bộ tổ dân phố số 1" in _message(e, "chair")
    with pytest.raises(ValidationError) as e:
        _meet(actor, tree.a1, D(2016, 3, 15), attendance=[(mine, "present", ""), (other, "present", "")])
    assert other.full_name in _message(e, "attendance")
    with pytest.raises(ValidationError) as e:
        _meet(actor, tree.a1, D(2016, 3, 15), attendance=[(mine, Presence.EXCUSED, "")])
    assert "lý do vắng" in _message(e, "attendance")
    with pytest.raises(ValidationError) as e:
        _meet(actor, tree.a, D(2016, 3, 15))
    assert "hãy chọn một chi bộ" in _message(e, "org")
    assert not Meeting.objects.exists() and not Attendance.objects.exists()


def test_three_months_absent_without_reason_or_unpaid_flags_a_member_for_removal(actor, tree, register):
    truant, excused, debtor, fine = (register(tree.a1) for _ in range(4))
    for month in (2, 3, 5, 6):
        day = D(2016, month, 10)
        _meet(actor, tree.a1, day, attendance=[
            (truant, Presence.UNEXCUSED if month != 6 else Presence.PRESENT, ""),
            (excused, Presence.EXCUSED, "Đi công tác"),
            (fine, Presence.UNEXCUSED if month == 2 else Presence.PRESENT, ""),
        ])  # fmt: skip
    for m in (debtor, fine):
        dues_basis_set(actor=actor, member=m, kind="fixed", fixed_amount=5000, valid_from=D(2016, 1, 1))
    for month in range(1, 13):
        dues_pay(actor=actor, member=fine, month=D(2016, month, 1), paid_on=D(2016, month, 10))
    for month in (1, 2, 3, 4, 5, 6, 7, 8, 9):  # stops paying after September
        dues_pay(actor=actor, member=debtor, month=D(2016, month, 1), paid_on=D(2016, month, 10))
    flags = {f.member: f for f in removal_flags(tree.hm, 2016, as_of=D(2017, 1, 5))}
    assert set(flags) == {truant, debtor}
    assert flags[truant].absent_months == [2, 3, 5] and flags[truant].unpaid_months == []
    assert flags[debtor].unpaid_months == [10, 11, 12]
    # In mid-December only October and November are over: not yet three months.
    assert {f.member for f in removal_flags(tree.hm, 2016, as_of=D(2016, 12, 15))} == {truant}
    assert removal_flags(tree.b, 2016, as_of=D(2017, 1, 5)) == []
