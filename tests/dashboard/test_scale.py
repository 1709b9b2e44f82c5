"""What keeps the dashboard fast on a city must not change what it shows: the badge alert reads
only the members who can be due, yet finds exactly whom the badge rule finds; and the page takes
as many queries with many subordinate units as with a few."""

from django.urls import reverse

from dangvu.members import selectors as members
from dangvu.members.models import EventKind as K
from dangvu.members.models import Member
from dangvu.members.services import member_record_event
from dangvu.organizations.models import Kind, Level
from dangvu.organizations.services import org_found

from ..conftest import D

PRESENTATIONS = (D(2016, 2, 3), D(2016, 5, 19), D(2016, 9, 2), D(2016, 11, 7), D(2017, 2, 3))


def test_the_badges_due_are_those_of_the_badge_rule(tree, register, actor):
    # Anniversaries of 30, 40, 45, 50 … years on and around the presentation dates.
    for admitted_on in (
        D(1986, 2, 3), D(1986, 2, 4), D(1985, 11, 7), D(1985, 11, 8), D(1976, 5, 19), D(1971, 9, 2),
        D(1966, 11, 7), D(1987, 2, 3), D(1975, 12, 31), D(1980, 2, 29), D(1986, 8, 1), D(1990, 2, 3),
    ):  # fmt: skip
        register(
            tree.a1, admitted_on=admitted_on, recognized_on=D(admitted_on.year + 2, 1, 1), birth_date=D(1940, 1, 1)
        )
    # Out of the Party for two years: the 30-year milestone of 1984 moves to 2016.
    back = register(tree.a1, admitted_on=D(1984, 2, 1), recognized_on=D(1985, 2, 1), birth_date=D(1940, 1, 1))
    member_record_event(actor=actor, member=back, kind=K.REMOVED, date=D(2008, 1, 1), decision_no="1-QĐ")
    member_record_event(
        actor=actor, member=back, kind=K.READMITTED, date=D(2010, 1, 1), decision_no="2-QĐ", org=tree.a1
    )
    found_any = False
    for presentation in PRESENTATIONS:
        expected = members.badges_due(Member.objects.all(), presentation)
        assert members.badges_due_at(Member.objects.all(), presentation) == expected, presentation
        found_any |= bool(expected)
    assert found_any
    assert (back, 30) in members.badges_due_at(Member.objects.all(), D(2016, 2, 3))


def test_the_alert_counts_are_the_lengths_of_the_alert_lists(tree, register, admit, actor):
    """The dashboard counts in SQL what the alert pages list: the same members on every day,
    around month ends, leap days, received badges and a return to the Party."""
    from dangvu.dashboard import selectors
    from dangvu.members.services import member_award_badge

    for admitted_on in (
        D(1986, 2, 3), D(1986, 2, 4), D(1985, 11, 7), D(1985, 11, 8), D(1976, 5, 19), D(1971, 9, 2),
        D(1986, 2, 28), D(1980, 2, 29), D(1986, 8, 31), D(1976, 9, 2), D(1986, 11, 30),
    ):  # fmt: skip
        register(
            tree.a1, admitted_on=admitted_on, recognized_on=D(admitted_on.year + 2, 1, 1), birth_date=D(1940, 1, 1)
        )
    received = register(tree.b1, admitted_on=D(1986, 5, 10), recognized_on=D(1987, 5, 10), birth_date=D(1940, 1, 1))
    member_award_badge(actor=actor, member=received, years=30, presented_on=D(2016, 3, 1))
    back = register(tree.b1, admitted_on=D(1984, 2, 1), recognized_on=D(1985, 2, 1), birth_date=D(1940, 1, 1))
    member_record_event(actor=actor, member=back, kind=K.REMOVED, date=D(2008, 1, 1), decision_no="1-QĐ")
    member_record_event(
        actor=actor, member=back, kind=K.READMITTED, date=D(2010, 1, 1), decision_no="2-QĐ", org=tree.b1
    )
    for admitted_on in (D(2015, 1, 31), D(2015, 2, 28), D(2015, 3, 1), D(2015, 12, 31), D(2016, 2, 29)):
        admit(tree.a1, on=admitted_on)
    admit(tree.b1, on=D(2015, 11, 30))
    everyone = Member.objects.all()
    seen_badges = seen_probation = 0
    for day in (
        D(2016, m, d)
        for m in range(1, 13)
        for d in (1, 3, 15, 28, 31)
        if (m, d) not in {(2, 31), (4, 31), (6, 31), (9, 31), (11, 31)}
    ):  # noqa: E501
        for org in (tree.hm, tree.a, tree.b):
            badges = len(selectors.badges_due_next(org, everyone, day))
            assert selectors.badges_due_count(org, everyone, day) == badges, (org, day)
            probation = len(selectors.probation_ending(org, day))
            assert selectors.probation_ending_count(org, day) == probation, (org, day)
            seen_badges += badges
            seen_probation += probation
    assert seen_badges and seen_probation  # the days do cross both kinds of alert


def _grassroots(tree, actor, n: int, start: int):
    for i in range(start, start + n):
        org_found(
            actor=actor, code=f"S{i}", name=f"Chi bộ Trường số {i}", kind=Kind.SCHOOL, level=Level.GRASSROOTS_CELL,
            parent=tree.hm, founded_on=D(2010, 1, 1),
        )  # fmt: skip


def test_as_many_queries_with_many_subordinate_units_as_with_few(board, tree, actor, admit):  # noqa: F811
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from dangvu.organizations.models import Organization

    url = reverse("dashboard", args=[tree.hm.pk, 2016]) + "?ngay=15/12/2016"
    admit(tree.c, on=D(2016, 3, 1))
    with CaptureQueriesContext(connection) as few:
        assert board.get(url).status_code == 200
    _grassroots(tree, actor, 12, 0)
    for org in Organization.objects.filter(code__startswith="S"):
        admit(org, on=D(2016, 4, 1))
    with CaptureQueriesContext(connection) as many:
        html = board.get(url).content.decode()
    assert html.count("Chi bộ Trường số") >= 12  # every subordinate is in the plan table
    assert len(many.captured_queries) == len(few.captured_queries)
