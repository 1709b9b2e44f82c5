"""Training classes and attendances through the services: each refusal with its message, nothing saved."""

import pytest
from django.core.exceptions import ValidationError

from dangvu.training.models import Attendance, TrainingClass
from dangvu.training.services import attendance_add, training_class_create, training_class_update

from ..conftest import D


@pytest.fixture
def open_class(actor, tree):
    def _open(**kw):
        data = {
            "title": "Lớp nghiệp vụ công tác đảng", "organizer": tree.hm, "kind": "party_work",
            "start_date": D(2016, 4, 4), "end_date": D(2016, 4, 8), "place": "Trung tâm Bồi dưỡng chính trị quận",
        }  # fmt: skip
        data.update(kw)
        return training_class_create(actor=actor, **data)

    return _open


def refused(call, field, **kw) -> str:
    before = (TrainingClass.objects.count(), Attendance.objects.count())
    with pytest.raises(ValidationError) as excinfo:
        call(**kw)
    assert (TrainingClass.objects.count(), Attendance.objects.count()) == before
    errors = excinfo.value.message_dict
    assert list(errors) == [field], errors
    return errors[field][0]


def test_a_one_day_class_ends_the_day_it_starts(open_class):
    c = open_class(end_date=None, unnamed_count=120)
    assert c.end_date == c.start_date and c.unnamed_count == 120


def test_a_class_needs_a_title_and_a_start_date(open_class):
    assert "tên lớp" in refused(open_class, "title", title=" ")
    assert "ngày khai giảng" in refused(open_class, "start_date", start_date=None).lower()


def test_a_class_cannot_end_before_it_starts(open_class):
    assert "trước ngày khai giảng" in refused(open_class, "end_date", end_date=D(2016, 4, 1))


def test_the_organizer_must_exist_when_the_class_starts(open_class, tree):
    assert "không hoạt động" in refused(open_class, "organizer", start_date=D(2003, 1, 5), end_date=D(2003, 1, 6))


def test_a_member_attends_a_class_once(open_class, register, tree, actor):
    c = open_class()
    member = register(tree.a1, full_name="Hoàng Thị Lan")
    attendance = attendance_add(actor=actor, training_class=c, member=member)
    assert attendance.attended_on == D(2016, 4, 4)
    message = refused(attendance_add, "member", actor=actor, training_class=c, member=member, attended_on=D(2016, 4, 5))
    assert "Hoàng Thị Lan" in message and "một lượt" in message


def test_an_attendance_before_the_class_began_or_after_it_ended_is_refused(open_class, register, tree, actor):
    c = open_class()
    member = register(tree.a1)
    before = refused(
        attendance_add, "attended_on", actor=actor, training_class=c, member=member, attended_on=D(2016, 4, 1)
    )
    assert "trước ngày khai giảng" in before
    after = refused(
        attendance_add, "attended_on", actor=actor, training_class=c, member=member, attended_on=D(2016, 4, 9)
    )
    assert "sau ngày bế giảng" in after


def test_a_class_cannot_be_moved_away_from_its_attendances(open_class, register, tree, actor):
    c = open_class()
    attendance_add(actor=actor, training_class=c, member=register(tree.a1), attended_on=D(2016, 4, 7))
    with pytest.raises(ValidationError) as excinfo:
        training_class_update(actor=actor, training_class=c, start_date=D(2016, 5, 2), end_date=D(2016, 5, 3))
    assert "ngày tham dự" in excinfo.value.message_dict["start_date"][0]
    c.refresh_from_db()
    assert c.start_date == D(2016, 4, 4)


def test_a_field_the_service_does_not_know_fails_loudly_and_saves_nothing(open_class):
    # core.errors.refuse_unknown_fields, shared by the training, cadre and award services: a caller's
    # typo must not be dropped silently.
    with pytest.raises(TypeError, match="unknown fields: titel"):
        open_class(titel="Lớp sai tên trường")
    assert not TrainingClass.objects.exists()
