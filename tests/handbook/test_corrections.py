"""A member's correction request: sent from their record, answered by the clerk of their subtree;
accepted, the record changes through member_update with its audit; declined, with a reason."""

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.http import Http404

from dangvu.accounts.models import Role
from dangvu.accounts.scope import Scope
from dangvu.handbook.corrections import correction_decide, correction_request_create, corrections_pending

from ..conftest import D


@pytest.fixture
def me(tree, make_user):
    return make_user(Role.MEMBER, tree.a1, "dv-toi")


def test_an_accepted_request_changes_the_record_through_the_service_and_the_audit(tree, me, make_user):
    member = me.member_account.member
    req = correction_request_create(actor=me, member=member, field="birth_date", proposed_value="05/03/1975")
    assert req.current_value == "17/05/1980"
    clerk = make_user(Role.GRASSROOTS, tree.a, "vp-a")
    assert list(corrections_pending(scope=Scope.of(clerk))) == [req]
    correction_decide(actor=clerk, scope=Scope.of(clerk), request=req, accept=True)
    member.refresh_from_db()
    assert member.birth_date == D(1975, 3, 5)
    entry = LogEntry.objects.get_for_object(member).filter(actor=clerk).first()
    assert entry is not None and "birth_date" in entry.changes_dict
    assert not corrections_pending(scope=Scope.of(clerk)).exists()


def test_a_decline_needs_a_reason_and_changes_nothing(tree, me, make_user):
    member = me.member_account.member
    req = correction_request_create(actor=me, member=member, field="phone", proposed_value="0912345678")
    clerk = make_user(Role.GRASSROOTS, tree.a, "vp-a")
    with pytest.raises(ValidationError, match="lý do"):
        correction_decide(actor=clerk, scope=Scope.of(clerk), request=req, accept=False)
    done = correction_decide(actor=clerk, scope=Scope.of(clerk), request=req, accept=False, answer="Đã đúng")
    assert done.get_state_display() == "Không chấp nhận"
    member.refresh_from_db()
    assert member.phone == ""


def test_a_value_the_record_refuses_is_reported_to_the_clerk_and_the_request_stays(tree, me, make_user):
    req = correction_request_create(actor=me, member=me.member_account.member, field="citizen_id", proposed_value="123")
    clerk = make_user(Role.GRASSROOTS, tree.a, "vp-a")
    with pytest.raises(ValidationError, match="Không sửa được số cccd"):
        correction_decide(actor=clerk, scope=Scope.of(clerk), request=req, accept=True)
    assert corrections_pending(scope=Scope.of(clerk)).count() == 1


def test_a_clerk_of_another_ward_neither_sees_nor_answers(tree, me, make_user):
    req = correction_request_create(actor=me, member=me.member_account.member, field="phone", proposed_value="0912")
    other = make_user(Role.GRASSROOTS, tree.b, "vp-b")
    assert not corrections_pending(scope=Scope.of(other)).exists()
    with pytest.raises(Http404):
        correction_decide(actor=other, scope=Scope.of(other), request=req, accept=True)


def test_bad_requests_say_what_to_write(me):
    member = me.member_account.member
    with pytest.raises(ValidationError, match="ngày/tháng/năm"):
        correction_request_create(actor=me, member=member, field="birth_date", proposed_value="1975-03-05")
    with pytest.raises(ValidationError, match="giống hệt"):
        correction_request_create(actor=me, member=member, field="full_name", proposed_value=member.full_name)
    with pytest.raises(ValidationError, match="danh sách"):
        correction_request_create(actor=me, member=member, field="status", proposed_value="full")
