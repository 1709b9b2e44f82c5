"""Cadre actions through the services: what is stored, and each refusal with a Vietnamese
message naming the field, with nothing saved."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError

from dangvu.cadres import selectors
from dangvu.cadres.models import CadreAction
from dangvu.cadres.services import cadre_action_create, cadre_action_update
from dangvu.members.restructure import org_dissolve

from ..conftest import D


@pytest.fixture
def record(actor, tree):
    def _record(**kw):
        data = {
            "full_name": "Lê Văn Bình", "kind": "appointment", "position": "Phó Chủ tịch UBND phường",
            "decided_by": tree.hm, "decision_no": "125-QĐ/QU", "decision_date": D(2016, 3, 1),
        }  # fmt: skip
        data.update(kw)
        return cadre_action_create(actor=actor, **data)

    return _record


def refused(record, field, **kw) -> str:
    before = CadreAction.objects.count()
    with pytest.raises(ValidationError) as excinfo:
        record(**kw)
    assert CadreAction.objects.count() == before
    errors = excinfo.value.message_dict
    assert list(errors) == [field], errors
    return errors[field][0]


def test_an_appointment_runs_five_years_from_its_effective_date(record, actor):
    action = record(effective_date=D(2016, 3, 15))
    assert action.term_end == D(2021, 3, 15)
    assert LogEntry.objects.get_for_object(action).get().actor == actor


def test_a_transfer_has_no_term_and_takes_effect_on_the_decision_date_by_default(record, tree):
    action = record(kind="transfer", position="", from_org=tree.a, to_unit="UBND quận Hoàng Mai")
    assert action.term_end is None and action.effective_date == D(2016, 3, 1)
    assert action.from_label == tree.a.name and action.to_label == "UBND quận Hoàng Mai"


def test_a_member_of_the_registry_gives_the_name(record, register, tree):
    member = register(tree.a1, full_name="Phạm Thị Thu")
    assert record(member=member, full_name="").full_name == "Phạm Thị Thu"


def test_an_appointment_without_a_decision_date_is_refused_naming_the_field(record):
    message = refused(record, "decision_date", decision_date=None)
    assert "ngày quyết định" in message and "bổ nhiệm" in message


def test_a_person_is_required(record):
    assert "họ và tên" in refused(record, "full_name", full_name="  ")


def test_a_decision_number_is_required(record):
    assert "số quyết định" in refused(record, "decision_no", decision_no="")


def test_a_decision_in_the_future_is_refused(record):
    future = dt.date.today() + dt.timedelta(days=3)
    assert "tương lai" in refused(record, "decision_date", decision_date=future)


def test_an_effective_date_before_the_decision_is_refused(record):
    assert "trước ngày quyết định" in refused(record, "effective_date", effective_date=D(2016, 2, 28))


def test_an_appointment_needs_its_position(record):
    assert "chức vụ" in refused(record, "position", position="")


def test_the_deciding_committee_must_be_active_on_the_decision_date(record, actor, tree):
    dissolved = org_dissolve(actor=actor, org=tree.c, on=D(2015, 6, 1))
    assert "không hoạt động" in refused(record, "decided_by", decided_by=dissolved)
    assert "không hoạt động" in refused(record, "decided_by", decided_by=tree.a, decision_date=D(2003, 5, 1))


def test_a_reappointment_needs_a_prior_appointment_to_the_same_position_or_a_note(record):
    message = refused(record, "note", kind="reappointment", decision_date=D(2016, 3, 1))
    assert "bổ nhiệm lại" in message
    record(position="Chánh Văn phòng Quận ủy", decision_date=D(2011, 3, 1))
    # Another post is not the same appointment.
    refused(record, "note", kind="reappointment", position="Phó Chủ tịch UBND phường")
    again = record(kind="reappointment", position="chánh văn phòng quận ủy")
    assert again.term_end == D(2021, 3, 1)
    assert record(kind="reappointment", full_name="Ngô Văn Khác", note="Bổ nhiệm lần đầu năm 2011").pk


def test_an_update_is_validated_like_a_new_record(record, actor):
    action = record()
    with pytest.raises(ValidationError) as excinfo:
        cadre_action_update(actor=actor, action=action, effective_date=D(2015, 1, 1))
    assert "effective_date" in excinfo.value.message_dict
    action.refresh_from_db()
    assert action.effective_date == D(2016, 3, 1)
    cadre_action_update(actor=actor, action=action, effective_date=D(2016, 4, 1))
    action.refresh_from_db()
    assert action.term_end == D(2021, 4, 1)


def test_terms_ending_lists_appointments_due_for_reappointment(record, tree):
    due = record(full_name="Trần Văn Hạn", decision_date=D(2021, 9, 1))  # ends 1/9/2026
    record(full_name="Đỗ Văn Xa", decision_date=D(2023, 9, 1))  # ends 2028
    renewed = record(full_name="Vũ Văn Mới", position="Trưởng ban", decision_date=D(2021, 8, 1))
    record(full_name="Vũ Văn Mới", position="Trưởng ban", kind="reappointment", decision_date=D(2026, 7, 1))
    record(full_name="Lý Văn Chuyển", kind="transfer", decision_date=D(2021, 9, 1))
    ending = list(selectors.terms_ending(tree.hm, within_months=6, today=D(2026, 6, 1)))
    assert ending == [due]
    assert renewed not in ending
    assert list(selectors.terms_ending(tree.b, within_months=6, today=D(2026, 6, 1))) == []
