"""The admission pipeline's rules: each refusal names the field, says what to fix, saves nothing."""

import pytest
from django.core.exceptions import ValidationError

from dangvu.candidates import services
from dangvu.candidates.models import Candidate, Introducer, Stage, Status, Step, StepKind
from dangvu.members.models import EventKind, Member

from ..conftest import D, identity


@pytest.fixture
def open_file(actor, tree):
    def _open(org=None, opened_on=D(2015, 9, 1), **kw):
        ident = identity(birth_date=D(1995, 4, 10), **kw)
        return services.candidate_open(actor=actor, org=org or tree.a1, opened_on=opened_on, **ident)

    return _open


@pytest.fixture
def complete_file(actor, tree, open_file, register):
    """A file ready for the cell's vote: course, application, background, two full introducers."""

    def _complete(course_on=D(2015, 10, 5), org=None):
        org = org or tree.a1
        c = open_file(org=org)
        services.candidate_record_step(
            actor=actor, candidate=c, kind=StepKind.COURSE, date=course_on, reference="CN-123",
            in_charge="Trung tâm bồi dưỡng chính trị quận",
        )  # fmt: skip
        services.candidate_record_step(actor=actor, candidate=c, kind=StepKind.APPLICATION, date=D(2015, 11, 2))
        services.candidate_record_step(actor=actor, candidate=c, kind=StepKind.BACKGROUND, date=D(2016, 1, 15))
        for _ in range(2):
            services.candidate_add_introducer(
                actor=actor, candidate=c, member=register(org), worked_together_since=D(2014, 6, 1),
                introduced_on=D(2016, 2, 1), position="Tổ trưởng tổ dân phố",
            )  # fmt: skip
        return c

    return _complete


def _message(excinfo, field):
    return " ".join(excinfo.value.message_dict[field])


def test_a_file_goes_through_its_stages_and_the_decision_makes_the_member(actor, tree, complete_file, register):
    c = complete_file()
    register(tree.a1)  # three full members in the cell at the vote, plus the two introducers = 3
    assert Candidate.objects.get(pk=c.pk).stage == Stage.INTRODUCED
    vote = services.candidate_record_vote(actor=actor, candidate=c, date=D(2016, 3, 1), votes_for=2, votes_against=1)
    assert (vote.full_members, vote.passed) == (3, True)
    assert not Member.objects.filter(full_name=c.full_name).exists()
    member = services.candidate_admit(actor=actor, candidate=c, admitted_on=D(2016, 3, 20), decision_no="12-QĐ/QU")
    c.refresh_from_db()
    assert (c.status, c.stage, c.member, c.closed_on) == (Status.ADMITTED, Stage.ADMITTED, member, D(2016, 3, 20))
    assert member.org == tree.a1 and member.status == "probationary" and member.birth_date == c.birth_date
    assert list(member.events.values_list("kind", flat=True)) == [EventKind.ADMITTED]
    assert c.steps.get(kind=StepKind.DECISION).reference == "12-QĐ/QU"


def test_the_decision_is_refused_before_a_passing_vote_and_no_member_is_made(actor, tree, complete_file, register):
    c = complete_file()
    with pytest.raises(ValidationError) as e:
        services.candidate_admit(actor=actor, candidate=c, admitted_on=D(2016, 3, 20), decision_no="12-QĐ/QU")
    assert "chưa biểu quyết" in _message(e, "admitted_on")
    register(tree.a1)
    vote = services.candidate_record_vote(actor=actor, candidate=c, date=D(2016, 3, 1), votes_for=1, votes_against=2)
    assert vote.passed is False  # 1 of 3 full members: less than two thirds
    with pytest.raises(ValidationError) as e:
        services.candidate_admit(actor=actor, candidate=c, admitted_on=D(2016, 3, 20), decision_no="12-QĐ/QU")
    assert "không đạt" in _message(e, "admitted_on") and "hai phần ba" in _message(e, "admitted_on")
    assert not Member.objects.filter(full_name=c.full_name).exists()
    assert Candidate.objects.get(pk=c.pk).status == Status.OPEN


def _introduce(actor, c, member, since=D(2014, 6, 1), on=D(2016, 6, 1)):
    return services.candidate_add_introducer(
        actor=actor, candidate=c, member=member, worked_together_since=since, introduced_on=on
    )


def test_a_probationary_introducer_is_refused(actor, tree, open_file, admit):
    c = open_file()
    probationary = admit(tree.a1, on=D(2015, 3, 2))  # 15 months later, still not recognized
    with pytest.raises(ValidationError) as e:
        _introduce(actor, c, probationary)
    assert "đang là đảng viên dự bị" in _message(e, "member") and "chính thức" in _message(e, "member")
    assert not Introducer.objects.exists()


def test_an_introducer_admitted_less_than_a_year_before_is_refused(actor, tree, open_file, admit):
    c = open_file()
    recent = admit(tree.a1, on=D(2016, 1, 4))
    with pytest.raises(ValidationError) as e:
        _introduce(actor, c, recent)
    assert "chưa đủ một năm" in _message(e, "member")
    assert not Introducer.objects.exists()


def test_an_introducer_who_worked_with_the_candidate_less_than_12_months_is_refused(actor, tree, open_file, register):
    c = open_file()
    with pytest.raises(ValidationError) as e:
        _introduce(actor, c, register(tree.a1), since=D(2015, 7, 1), on=D(2016, 6, 1))
    assert "11 tháng" in _message(e, "worked_together_since") and "12 tháng" in _message(e, "worked_together_since")
    assert not Introducer.objects.exists()
    _introduce(actor, c, register(tree.a1), since=D(2015, 6, 1), on=D(2016, 6, 1))  # exactly 12 months: fine


def test_a_third_introducer_and_the_same_one_twice_are_refused(actor, tree, open_file, register):
    c = open_file()
    first = register(tree.a1)
    _introduce(actor, c, first)
    with pytest.raises(ValidationError) as e:
        _introduce(actor, c, first)
    assert "đã là người giới thiệu" in _message(e, "member")
    _introduce(actor, c, register(tree.a1))
    with pytest.raises(ValidationError) as e:
        _introduce(actor, c, register(tree.a1))
    assert "đủ hai" in _message(e, "member")
    assert Introducer.objects.count() == 2


def test_an_expired_course_certificate_is_refused_at_the_vote(actor, tree, complete_file):
    c = complete_file(course_on=D(2011, 2, 28))  # valid until 27/02/2016
    with pytest.raises(ValidationError) as e:
        services.candidate_record_vote(actor=actor, candidate=c, date=D(2016, 3, 1), votes_for=2, votes_against=0)
    assert "đã hết hạn ngày 27/02/2016" in _message(e, "date") and "học lại" in _message(e, "date")
    assert not Step.objects.filter(kind=StepKind.VOTE).exists()


def test_the_vote_needs_every_step_and_counts_the_full_members_from_the_registry(actor, tree, open_file, register):
    c = open_file()
    with pytest.raises(ValidationError) as e:
        services.candidate_record_vote(actor=actor, candidate=c, date=D(2016, 3, 1), votes_for=2, votes_against=0)
    assert "giấy chứng nhận" in _message(e, "date")
    c2 = open_file()
    for kind, day in ((StepKind.COURSE, D(2015, 10, 5)), (StepKind.APPLICATION, D(2015, 11, 2))):
        services.candidate_record_step(actor=actor, candidate=c2, kind=kind, date=day, reference="CN-1")
    with pytest.raises(ValidationError) as e:
        services.candidate_record_vote(actor=actor, candidate=c2, date=D(2016, 3, 1), votes_for=2, votes_against=0)
    assert "thẩm tra lý lịch" in _message(e, "date")


def test_more_votes_than_full_members_are_refused(actor, tree, complete_file):
    c = complete_file()
    with pytest.raises(ValidationError) as e:
        services.candidate_record_vote(actor=actor, candidate=c, date=D(2016, 3, 1), votes_for=3, votes_against=0)
    assert "vượt số đảng viên chính thức của chi bộ (2)" in _message(e, "votes_for")


def test_a_future_step_a_closed_file_and_a_second_open_file_are_refused(actor, tree, open_file):
    import datetime as dt

    c = open_file(citizen_id="001095000001")
    with pytest.raises(ValidationError) as e:
        services.candidate_record_step(
            actor=actor, candidate=c, kind=StepKind.APPLICATION, date=dt.date.today() + dt.timedelta(days=3)
        )
    assert "ở tương lai" in _message(e, "date")
    with pytest.raises(ValidationError) as e:
        open_file(citizen_id="001095000001")
    assert "đã có hồ sơ đang xem xét" in _message(e, "citizen_id")
    services.candidate_close(actor=actor, candidate=c, closed_on=D(2016, 5, 1), reason="Chuyển đi nơi khác")
    with pytest.raises(ValidationError) as e:
        services.candidate_record_step(actor=actor, candidate=c, kind=StepKind.APPLICATION, date=D(2016, 5, 2))
    assert "đã kết thúc" in _message(e, "candidate")
    assert Candidate.objects.get(pk=c.pk).stage == Stage.CLOSED


def test_linking_an_admission_already_in_the_registry_checks_that_the_file_led_to_it(
    actor, tree, complete_file, register, admit
):
    c = complete_file()
    register(tree.a1)
    services.candidate_record_vote(actor=actor, candidate=c, date=D(2016, 3, 1), votes_for=3, votes_against=0)
    stranger = admit(tree.a1, on=D(2016, 3, 20))
    with pytest.raises(ValidationError) as e:
        services.candidate_link_admission(actor=actor, candidate=c, member=stranger)
    assert "không khớp" in _message(e, "member")
    same = admit(tree.a1, on=D(2016, 2, 20), full_name=c.full_name, birth_date=c.birth_date)
    with pytest.raises(ValidationError) as e:  # admitted before the cell's vote
        services.candidate_link_admission(actor=actor, candidate=c, member=same)
    assert "sau ngày chi bộ biểu quyết" in _message(e, "member")
    later = admit(tree.a1, on=D(2016, 3, 21), full_name=c.full_name, birth_date=c.birth_date)
    services.candidate_link_admission(actor=actor, candidate=c, member=later)
    c.refresh_from_db()
    assert (c.member, c.status, c.closed_on) == (later, Status.ADMITTED, D(2016, 3, 21))
