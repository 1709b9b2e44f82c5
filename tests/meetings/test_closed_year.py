"""Meetings of a closed year (core.closing): not recorded, corrected or moved out of it until the
organization board reopens the year, so the issued report's meetings.held stays as published."""

from dangvu.meetings import services
from dangvu.meetings.models import Meeting, Presence
from dangvu.reports.services import year_close, year_reopen

from ..conftest import D, closed_year_refused


def _refused(call, field="date"):
    return closed_year_refused(call, field)


def test_a_closed_years_meetings_are_refused_until_the_year_is_reopened(actor, tree, register):
    a, b = register(tree.a1), register(tree.a1)
    kept = services.meeting_create(actor=actor, org=tree.a1, kind="regular", date=D(2016, 3, 15))
    year_close(actor=actor, org=tree.hm, year=2016)

    message = _refused(lambda: services.meeting_create(actor=actor, org=tree.a1, kind="regular", date=D(2016, 4, 12)))
    assert "12/04/2016" in message and tree.a1.name in message
    _refused(lambda: services.meeting_update(actor=actor, meeting=kept, date=D(2017, 1, 10)))
    _refused(lambda: services.meeting_set_attendance(actor=actor, meeting=kept, entries=[(a, Presence.PRESENT, "")]),
             field="attendance")  # fmt: skip
    _refused(lambda: services.meeting_add_vote(actor=actor, meeting=kept, question="Q", votes_for=1, votes_against=0),
             field="question")  # fmt: skip
    assert Meeting.objects.count() == 1 and not kept.attendances.exists() and not kept.votes.exists()
    # the next year is open, and so is another district's 2016
    services.meeting_create(actor=actor, org=tree.a1, kind="regular", date=D(2017, 1, 10))

    year_reopen(actor=actor, org=tree.hm, year=2016, reason="Bổ sung biên bản sinh hoạt nhận muộn")
    services.meeting_create(actor=actor, org=tree.a1, kind="regular", date=D(2016, 4, 12))
    services.meeting_set_attendance(actor=actor, meeting=kept, entries=[(b, Presence.PRESENT, "")])
    assert Meeting.objects.count() == 3
