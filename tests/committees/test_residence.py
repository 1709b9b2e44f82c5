"""Residence contact (Quy định 213-QĐ/TW): the list, notes, the yearly comment the review reads;
each rule with its refusal."""

import pytest
from django.core.exceptions import ValidationError

from dangvu.committees import residence
from dangvu.committees.models import ResidenceContact

from ..conftest import D


@pytest.fixture
def teacher(tree, register):
    """A teacher of school C (a chi bộ cơ sở) who lives in ward A."""
    return register(tree.c, full_name="Phạm Văn Giáo")


def _error(exc, field):
    return " ".join(exc.value.message_dict[field])


def test_a_working_member_keeps_contact_and_the_comment_feeds_the_review(tree, actor, teacher):
    contact = residence.contact_start(actor=actor, member=teacher, cell=tree.a1, since=D(2016, 2, 1),
                                      address="Số 5 ngõ 12 Định Công")  # fmt: skip
    residence.contact_note_add(actor=actor, contact=contact, date=D(2016, 6, 1), content="Dự sinh hoạt khu dân cư.")
    residence.residence_comment_record(actor=actor, contact=contact, year=2016, assessment="exemplary",
                                       commented_on=D(2016, 12, 10), text="Gương mẫu.")  # fmt: skip
    comments = residence.comments_for_review([teacher.pk], 2016)
    assert comments[teacher.pk].get_assessment_display().startswith("Gương mẫu")
    assert residence.comments_for_review([teacher.pk], 2015) == {}
    # Recording the year again replaces the comment.
    residence.residence_comment_record(actor=actor, contact=contact, year=2016, assessment="fulfilled",
                                       commented_on=D(2016, 12, 12))  # fmt: skip
    assert residence.comments_for_review([teacher.pk], 2016)[teacher.pk].assessment == "fulfilled"
    assert list(residence.contacts_on(residence.visible_contacts(tree.a), D(2016, 3, 1))) == [contact]


@pytest.mark.parametrize(
    "cell_code, since, field, words",
    [
        ("c", D(2016, 2, 1), "cell", "không phải chi bộ nơi cư trú"),
        ("a", D(2016, 2, 1), "cell", "không phải chi bộ nơi cư trú"),
        ("a1", D(2099, 2, 1), "since", "ở tương lai"),
        ("a1", D(2003, 2, 1), "cell", "không hoạt động"),
    ],
)
def test_the_residential_cell_must_be_a_ward_cell_active_then(tree, actor, teacher, cell_code, since, field, words):
    with pytest.raises(ValidationError) as exc:
        residence.contact_start(actor=actor, member=teacher, cell=getattr(tree, cell_code), since=since)
    assert words in _error(exc, field)
    assert not ResidenceContact.objects.exists()


def test_the_residential_cell_is_not_the_members_own_cell_and_one_contact_at_a_time(tree, actor, register, teacher):
    local = register(tree.a1)
    with pytest.raises(ValidationError) as exc:
        residence.contact_start(actor=actor, member=local, cell=tree.a1, since=D(2016, 2, 1))
    assert "sinh hoạt chính thức tại" in _error(exc, "cell")
    residence.contact_start(actor=actor, member=teacher, cell=tree.a1, since=D(2016, 2, 1))
    with pytest.raises(ValidationError) as exc:
        residence.contact_start(actor=actor, member=teacher, cell=tree.b1, since=D(2016, 3, 1))
    assert "đang giữ mối liên hệ với Chi bộ tổ dân phố số 1" in _error(exc, "member")


def test_notes_and_comments_stay_within_the_contact(tree, actor, teacher):
    contact = residence.contact_start(actor=actor, member=teacher, cell=tree.a1, since=D(2016, 2, 1))
    with pytest.raises(ValidationError) as exc:
        residence.contact_note_add(actor=actor, contact=contact, date=D(2016, 1, 1), content="x")
    assert "ngoài thời gian" in _error(exc, "date")
    with pytest.raises(ValidationError) as exc:
        residence.contact_note_add(actor=actor, contact=contact, date=D(2016, 3, 1), content="  ")
    assert "nội dung" in _error(exc, "content")
    with pytest.raises(ValidationError) as exc:
        residence.residence_comment_record(actor=actor, contact=contact, year=2015, assessment="fulfilled",
                                           commented_on=D(2016, 12, 1))  # fmt: skip
    assert "ngoài thời gian" in _error(exc, "year")
    residence.contact_end(actor=actor, contact=contact, on=D(2017, 1, 1), reason="Chuyển nơi ở")
    with pytest.raises(ValidationError) as exc:
        residence.contact_end(actor=actor, contact=contact, on=D(2017, 2, 1), reason="Chuyển nơi ở")
    assert "đã kết thúc" in _error(exc, "on")
