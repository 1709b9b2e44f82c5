"""Correcting a recorded meeting: the same checks as recording on the corrected values, nothing
written when one fails, the audit keeps the old values, a correction saved meanwhile is not
overwritten, and the removal list follows the corrected attendance."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from dangvu.meetings import services
from dangvu.meetings.models import Attendance, Meeting, Presence, Vote
from dangvu.meetings.selectors import removal_flags

from ..conftest import D


def _message(excinfo, field):
    return " ".join(excinfo.value.message_dict[field])


@pytest.fixture
def recorded(actor, tree, register):
    tree.lan, tree.minh, tree.hoa = (register(tree.a1) for _ in range(3))
    m = services.meeting_create(
        actor=actor, org=tree.a1, kind="regular", date=D(2016, 3, 15), chair=tree.lan, secretary=tree.minh,
        place="Nhà văn hóa", agenda="Tháng 3", attendance=[
            (tree.lan, Presence.PRESENT, ""), (tree.minh, Presence.PRESENT, ""), (tree.hoa, Presence.UNEXCUSED, ""),
        ],
    )  # fmt: skip
    services.meeting_add_vote(actor=actor, meeting=m, question="Thông qua nghị quyết", votes_for=2, votes_against=0)
    return Meeting.objects.get(pk=m.pk)  # as the edit page loads it


def _state(m):
    m = Meeting.objects.get(pk=m.pk)
    return (
        m.date, m.place, m.chair_id, m.secretary_id, m.agenda,
        sorted(Attendance.objects.filter(meeting=m).values_list("member_id", "presence", "reason")),
        list(Vote.objects.filter(meeting=m).values_list("question", "votes_for", "votes_against", "abstain")),
    )  # fmt: skip


def test_a_clerk_corrects_every_part_of_a_meeting_and_the_audit_keeps_the_old_values(actor, tree, recorded):
    version = services.version_of(recorded)
    services.meeting_update(
        actor=actor, meeting=recorded, expected_version=version, date=D(2016, 3, 16), place="Trụ sở phường",
        chair=tree.minh, secretary=tree.lan, agenda="Tháng 3, sơ kết quý I",
        attendance=[(tree.lan, Presence.PRESENT, ""), (tree.minh, Presence.PRESENT, ""),
                    (tree.hoa, Presence.EXCUSED, "Ốm nằm viện")],
        votes=[{"question": "Thông qua nghị quyết quý I", "votes_for": 2, "votes_against": 0, "abstain": 0}],
    )  # fmt: skip
    assert _state(recorded) == (
        D(2016, 3, 16), "Trụ sở phường", tree.minh.pk, tree.lan.pk, "Tháng 3, sơ kết quý I",
        sorted([(tree.lan.pk, "present", ""), (tree.minh.pk, "present", ""), (tree.hoa.pk, "excused", "Ốm nằm viện")]),
        [("Thông qua nghị quyết quý I", 2, 0, 0)],
    )  # fmt: skip
    change = LogEntry.objects.get_for_object(Meeting.objects.get(pk=recorded.pk)).filter(action=LogEntry.Action.UPDATE)
    assert change.filter(actor=actor).exists()
    assert any("Nhà văn hóa" in str(e.changes) and "Trụ sở phường" in str(e.changes) for e in change)


@pytest.mark.parametrize(
    "change, field, words",
    [
        ({"date": dt.date.today() + dt.timedelta(days=1)}, "date", "ở tương lai"),
        ({"date": D(2003, 3, 15)}, "org", "không hoạt động"),  # before the cell was founded
        ({"chair": "outsider"}, "chair", "không sinh hoạt tại"),
        ({"attendance": "outsider"}, "attendance", "không sinh hoạt tại"),
        ({"attendance": "no reason"}, "attendance", "lý do vắng"),
        (
            {"votes": [{"question": "Quá số", "votes_for": 3, "votes_against": 0}]},
            "votes",
            "biểu quyết thứ 1 (quá số): tổng số biểu quyết (3) vượt số đảng viên",
        ),
        ({"org": "other"}, "org", "không đổi được chi bộ"),
    ],
)
def test_a_wrong_correction_is_refused_and_nothing_changes(actor, tree, recorded, register, change, field, words):
    outsider = register(tree.b1)
    before = _state(recorded)
    if change.get("chair") == "outsider":
        change = {"chair": outsider}
    if change.get("attendance") == "outsider":
        change = {"attendance": [(tree.lan, Presence.PRESENT, ""), (outsider, Presence.PRESENT, "")]}
    if change.get("attendance") == "no reason":
        change = {"attendance": [(tree.hoa, Presence.EXCUSED, " ")]}
    if change.get("org") == "other":
        change = {"org": tree.b1}
    with pytest.raises(ValidationError) as e:
        services.meeting_update(actor=actor, meeting=recorded, place="Không được lưu", **change)
    assert words in _message(e, field).lower()
    assert _state(recorded) == before


def test_moving_the_date_keeps_the_attendance_only_if_everyone_was_a_member_then(actor, tree, recorded, register):
    newcomer = register(tree.a1, joined_on=D(2016, 3, 1))
    services.meeting_update(
        actor=actor, meeting=recorded, attendance=[(tree.lan, Presence.PRESENT, ""), (newcomer, Presence.PRESENT, "")]
    )
    with pytest.raises(ValidationError) as e:
        services.meeting_update(actor=actor, meeting=recorded, date=D(2016, 2, 15))
    assert newcomer.full_name in _message(e, "date") and "danh sách tham dự" in _message(e, "date")
    assert Meeting.objects.get(pk=recorded.pk).date == D(2016, 3, 15)


def test_a_correction_saved_meanwhile_is_not_overwritten(actor, tree, recorded):
    stale = services.version_of(recorded)
    services.meeting_update(actor=actor, meeting=recorded, expected_version=stale, place="Lần sửa thứ nhất")
    with pytest.raises(ValidationError) as e:
        services.meeting_update(actor=actor, meeting=recorded, expected_version=stale, place="Lần sửa thứ hai")
    assert "người khác sửa" in _message(e, NON_FIELD_ERRORS) and "tải lại trang" in _message(e, NON_FIELD_ERRORS)
    assert Meeting.objects.get(pk=recorded.pk).place == "Lần sửa thứ nhất"


def test_correcting_an_absence_updates_the_removal_list(actor, tree, recorded):
    hoa = tree.hoa
    for month in (4, 5):
        services.meeting_create(actor=actor, org=tree.a1, kind="regular", date=D(2016, month, 15),
                                attendance=[(hoa, Presence.UNEXCUSED, "")])  # fmt: skip
    assert [f.member for f in removal_flags(tree.a, 2016, as_of=D(2016, 6, 1))] == [hoa]
    services.meeting_update(
        actor=actor, meeting=recorded,
        attendance=[(tree.lan, Presence.PRESENT, ""), (tree.minh, Presence.PRESENT, ""),
                    (hoa, Presence.EXCUSED, "Có giấy báo ốm")],
    )  # fmt: skip
    assert removal_flags(tree.a, 2016, as_of=D(2016, 6, 1)) == []


@pytest.mark.parametrize("meanwhile", ["vote", "attendance"])
def test_a_vote_or_attendance_recorded_meanwhile_is_not_wiped_by_an_older_edit_form(actor, tree, recorded, meanwhile):
    version = services.version_of(recorded)  # clerk A opens the edit page
    if meanwhile == "vote":  # clerk B adds a vote on the meeting page
        services.meeting_add_vote(actor=actor, meeting=recorded, question="Kết nạp quần chúng", votes_for=2,
                                  votes_against=0)  # fmt: skip
    else:  # clerk B records that the absent member had a reason
        services.meeting_set_attendance(actor=actor, meeting=recorded, entries=[(tree.hoa, Presence.EXCUSED, "Ốm")])
    before = _state(recorded)
    with pytest.raises(ValidationError) as excinfo:
        services.meeting_update(
            actor=actor, meeting=recorded, expected_version=version, place="Trụ sở phường",
            attendance=[(tree.lan, Presence.PRESENT, ""), (tree.minh, Presence.PRESENT, ""),
                        (tree.hoa, Presence.UNEXCUSED, "")],
            votes=[{"question": "Thông qua nghị quyết", "votes_for": 2, "votes_against": 0, "abstain": 0}],
        )  # fmt: skip
    assert "người khác sửa" in _message(excinfo, NON_FIELD_ERRORS)
    assert _state(recorded) == before


def test_a_refused_vote_line_is_named_by_its_number_and_question(actor, tree, recorded):
    with pytest.raises(ValidationError) as excinfo:
        services.meeting_update(
            actor=actor, meeting=recorded,
            votes=[{"question": "Thông qua nghị quyết", "votes_for": 2, "votes_against": 0, "abstain": 0},
                   {"question": "Kết nạp quần chúng", "votes_for": 3, "votes_against": 1, "abstain": 0}],
        )  # fmt: skip
    message = _message(excinfo, "votes")
    assert message.startswith("Biểu quyết thứ 2 (Kết nạp quần chúng): ")
    assert "vượt số đảng viên có mặt (2)" in message
