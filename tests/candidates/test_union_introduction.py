"""Introduction by the Youth Union or the trade union (Điều lệ Đảng, Điều 4, khoản 1; Quy định
24-QĐ/TW 2021, điểm 3.1): the organization's resolution and ONE full member introduce the
candidate; the Youth Union only within youth age; every refusal names the field, saves nothing."""

import pytest
from django.core.exceptions import ValidationError

from dangvu.candidates import rules, selectors, services
from dangvu.candidates.models import Candidate, Introducer, Stage, StepKind, UnionBody, UnionIntroduction
from dangvu.reports.member_sheet import sheet_html

from ..conftest import D, identity

YOUTH = {"body": UnionBody.YOUTH_COMMITTEE, "name": "Đoàn TNCS Hồ Chí Minh phường Định Công",
         "resolution_no": "05-NQ/ĐTN", "resolution_date": D(2016, 2, 1)}  # fmt: skip
TRADE = {"body": UnionBody.TRADE_UNION, "name": "Công đoàn Công ty Thử nghiệm",
         "resolution_no": "02-NQ/CĐ", "resolution_date": D(2016, 2, 1)}  # fmt: skip


def _message(excinfo, field):
    return " ".join(excinfo.value.message_dict[field])


@pytest.fixture
def file_with_steps(actor, tree):
    def _file(birth_date=D(1995, 4, 10)):
        c = services.candidate_open(actor=actor, org=tree.a1, opened_on=D(2015, 9, 1),
                                    **identity(birth_date=birth_date))  # fmt: skip
        for kind, day in ((StepKind.COURSE, D(2015, 10, 5)), (StepKind.APPLICATION, D(2015, 11, 2)),
                          (StepKind.BACKGROUND, D(2016, 1, 15))):  # fmt: skip
            services.candidate_record_step(actor=actor, candidate=c, kind=kind, date=day, reference="CN-1")
        return c

    return _file


def _introduce(actor, c, member):
    return services.candidate_add_introducer(
        actor=actor, candidate=c, member=member, worked_together_since=D(2014, 6, 1), introduced_on=D(2016, 2, 1)
    )


def test_the_youth_union_and_one_full_member_make_the_file_complete_and_lead_to_admission(
    actor, tree, file_with_steps, register
):
    c = file_with_steps()
    services.candidate_add_union_introduction(actor=actor, candidate=c, **YOUTH)
    assert Candidate.objects.get(pk=c.pk).stage == Stage.BACKGROUND  # the organization alone is not enough
    with pytest.raises(ValidationError) as e:
        services.candidate_record_vote(actor=actor, candidate=c, date=D(2016, 3, 1), votes_for=1, votes_against=0)
    assert "chưa có đảng viên chính thức giới thiệu" in _message(e, "date")
    _introduce(actor, c, register(tree.a1))
    assert Candidate.objects.get(pk=c.pk).stage == Stage.INTRODUCED
    register(tree.a1), register(tree.a1)
    vote = services.candidate_record_vote(actor=actor, candidate=c, date=D(2016, 3, 1), votes_for=2, votes_against=1)
    assert vote.passed
    member = services.candidate_admit(actor=actor, candidate=c, admitted_on=D(2016, 3, 20), decision_no="15-QĐ/QU")
    introducers, union = selectors.introductions_of_member(member)
    assert len(introducers) == 1 and union.resolution_no == "05-NQ/ĐTN"
    assert str(union) == (
        "Ban Chấp hành Đoàn cơ sở Đoàn TNCS Hồ Chí Minh phường Định Công (Nghị quyết số 05-NQ/ĐTN, 01/02/2016)"
    )
    sheet = sheet_html(member, show_citizen_id=False)  # the record sheet names both introducers
    assert (
        "Ban Chấp hành Đoàn cơ sở Đoàn TNCS Hồ Chí Minh phường Định Công (Nghị quyết số 05-NQ/ĐTN ngày 01/02/2016)"
        in sheet
    )
    assert "Người thứ hai" not in sheet


def test_the_youth_union_may_not_introduce_a_candidate_over_thirty(actor, file_with_steps):
    c = file_with_steps(birth_date=D(1985, 1, 31))  # 31 on 01/02/2016
    with pytest.raises(ValidationError) as e:
        services.candidate_add_union_introduction(actor=actor, candidate=c, **YOUTH)
    assert "31 tuổi" in _message(e, "body") and "ngoài độ tuổi thanh niên" in _message(e, "body")
    assert not UnionIntroduction.objects.exists()
    thirty = file_with_steps(birth_date=D(1985, 2, 2))  # still 30 on 01/02/2016
    services.candidate_add_union_introduction(actor=actor, candidate=thirty, **YOUTH)
    services.candidate_add_union_introduction(actor=actor, candidate=c, **TRADE)  # the trade union has no age limit
    assert UnionIntroduction.objects.count() == 2


def test_one_organization_and_one_member_at_most_in_place_of_two_members(actor, tree, file_with_steps, register):
    c = file_with_steps()
    services.candidate_add_union_introduction(actor=actor, candidate=c, **YOUTH)
    with pytest.raises(ValidationError) as e:
        services.candidate_add_union_introduction(actor=actor, candidate=c, **TRADE)
    assert "đã có nghị quyết giới thiệu" in _message(e, "body")
    _introduce(actor, c, register(tree.a1))
    with pytest.raises(ValidationError) as e:
        _introduce(actor, c, register(tree.a1))
    assert "không cần thêm người giới thiệu" in _message(e, "member")
    assert Introducer.objects.count() == 1
    two_members = file_with_steps()
    _introduce(actor, two_members, register(tree.a1)), _introduce(actor, two_members, register(tree.a1))
    with pytest.raises(ValidationError) as e:
        services.candidate_add_union_introduction(actor=actor, candidate=two_members, **YOUTH)
    assert "đã có hai đảng viên chính thức giới thiệu" in _message(e, "body")
    assert UnionIntroduction.objects.count() == 1


@pytest.mark.parametrize(
    "change, field, words",
    [
        ({"resolution_no": " "}, "resolution_no", "số nghị quyết"),
        ({"name": ""}, "name", "tên tổ chức"),
        ({"body": "party"}, "body", "hãy chọn tổ chức"),
        ({"resolution_date": D(2999, 1, 1)}, "resolution_date", "ở tương lai"),
    ],
)
def test_a_resolution_without_number_name_body_or_with_a_future_date_is_refused(
    actor, file_with_steps, change, field, words
):
    c = file_with_steps()
    with pytest.raises(ValidationError) as e:
        services.candidate_add_union_introduction(actor=actor, candidate=c, **(YOUTH | change))
    assert words in _message(e, field).lower()
    assert not UnionIntroduction.objects.exists()


def test_the_rules_cite_their_source_and_say_which_were_checked():
    by_code = {r.code: r for r in rules.RULES}
    assert by_code["candidates.cell_vote_two_thirds"].certain
    assert "Điều 4, khoản 3" in by_code["candidates.cell_vote_two_thirds"].source
    assert by_code["candidates.union_and_one_member"].certain
    assert "24-QĐ/TW 2021, điểm 3.1" in by_code["candidates.union_and_one_member"].source
    assert not by_code["candidates.small_cell_committee_vote"].certain
    assert by_code["candidates.small_cell_committee_vote"].note
    assert rules.introductions_problem(1, True) is None and rules.introductions_problem(2, False) is None
    assert rules.introductions_problem(0, True) and rules.introductions_problem(1, False)
