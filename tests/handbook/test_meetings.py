"""The member's cell's meetings: called ahead, answered by the members before the day, the
secretary's sheet starting from the answers, the conclusions shown after."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from dangvu.accounts.models import Role
from dangvu.handbook.meetings import attendance_from_replies, meeting_reply, meetings_of
from dangvu.meetings.models import Meeting, Presence
from dangvu.meetings.selectors import held_in
from dangvu.meetings.services import meeting_add_vote, meeting_call, meeting_set_attendance

TODAY = dt.date.today()


@pytest.fixture
def setting(tree, make_user, actor):
    me = make_user(Role.MEMBER, tree.a1, "dv-mot")
    other = make_user(Role.MEMBER, tree.a1, "dv-hai")
    called = meeting_call(actor=actor, org=tree.a1, kind="regular", date=TODAY + dt.timedelta(days=3),
                          place="Nhà văn hóa tổ 1", agenda="Quán triệt Nghị quyết")  # fmt: skip
    return me, other, called


def test_members_answer_before_the_day_and_the_sheet_starts_from_their_answers(tree, setting, make_user, client):
    me, other, called = setting
    m1, m2 = me.member_account.member, other.member_account.member
    with pytest.raises(ValidationError, match="lý do vắng"):
        meeting_reply(actor=me, member=m1, meeting=called, coming=False, today=TODAY)
    meeting_reply(actor=me, member=m1, meeting=called, coming=False, reason="Đi công tác", today=TODAY)
    meeting_reply(actor=other, member=m2, meeting=called, coming=True, today=TODAY)
    assert attendance_from_replies(called) == {m1.pk: (Presence.EXCUSED, "Đi công tác"), m2.pk: (Presence.PRESENT, "")}
    client.force_login(make_user(Role.GRASSROOTS, tree.a, "vp-a"))
    page = client.get(f"/sinh-hoat/{called.pk}/sua/").content.decode()
    assert f'name="p-{m1.pk}" value="excused" checked' in page and 'value="Đi công tác"' in page
    assert f'name="p-{m2.pk}" value="present" checked' in page


def test_a_past_meeting_takes_no_answer_and_shows_its_conclusions(tree, setting, actor, client):
    me, _, called = setting
    member = me.member_account.member
    Meeting.objects.filter(pk=called.pk).update(date=TODAY.replace(day=1))
    called.refresh_from_db()
    with pytest.raises(ValidationError, match="đã qua"):
        meeting_reply(actor=me, member=member, meeting=called, coming=True, today=TODAY + dt.timedelta(days=40))
    meeting_set_attendance(actor=actor, meeting=called, entries=[(member, Presence.PRESENT, "")])
    meeting_add_vote(actor=actor, meeting=called, question="Thông qua nghị quyết tháng", votes_for=1, votes_against=0)
    client.force_login(me)
    page = client.get(f"/so-tay/sinh-hoat/?thang={called.date:%Y-%m}").content.decode()
    assert "Thông qua nghị quyết tháng: 1 tán thành" in page and "Tôi sẽ dự họp" not in page


def test_another_cells_meeting_is_not_found(tree, setting, actor, client):
    me, _, _ = setting
    theirs = meeting_call(actor=actor, org=tree.a2, kind="regular", date=TODAY + dt.timedelta(days=2))
    with pytest.raises(Http404):
        meeting_reply(actor=me, member=me.member_account.member, meeting=theirs, coming=True, today=TODAY)
    assert [m for m, _ in meetings_of(me.member_account.member, theirs.date)] == [
        m for m in Meeting.objects.filter(org=tree.a1, date__month=theirs.date.month, date__year=theirs.date.year)
    ]
    client.force_login(me)
    assert client.post(f"/so-tay/sinh-hoat/{theirs.pk}/tra-loi/", {"tham-du": "co"}).status_code == 404


def test_a_called_meeting_is_not_held_before_its_day_nor_called_too_far_ahead(tree, setting, actor):
    _, _, called = setting
    assert called not in held_in(tree.a, TODAY.replace(month=1, day=1), TODAY.replace(month=12, day=31))
    with pytest.raises(ValidationError, match="60 ngày"):
        meeting_call(actor=actor, org=tree.a1, kind="regular", date=TODAY + dt.timedelta(days=90))


def test_the_calendar_lists_the_cells_meetings_only(tree, setting, actor, client):
    me, _, called = setting
    meeting_call(actor=actor, org=tree.a2, kind="regular", date=TODAY + dt.timedelta(days=2), place="Nơi khác")
    client.force_login(me)
    response = client.get("/so-tay/sinh-hoat/lich.ics")
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar") and text.count("BEGIN:VEVENT") == 1
    assert f"DTSTART;VALUE=DATE:{called.date:%Y%m%d}" in text and "Nơi khác" not in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    unfolded = text.replace("\r\n ", "")
    assert "LOCATION:Nhà văn hóa tổ 1" in unfolded and "DESCRIPTION:Quán triệt Nghị quyết" in unfolded
