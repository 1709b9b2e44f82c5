"""Awards through the services: each refusal with its message, nothing saved."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from dangvu.awards.models import Award
from dangvu.awards.services import award_create, award_update
from dangvu.members.restructure import org_dissolve

from ..conftest import D


@pytest.fixture
def give(actor, tree):
    def _give(**kw):
        data = {
            "recipient_kind": "collective", "recipient_org": tree.a, "title": "tsvm", "program": "review",
            "for_year": 2016, "awarded_by": tree.hm, "decision_no": "512-QĐ/QU", "decision_date": D(2016, 12, 30),
        }  # fmt: skip
        data.update(kw)
        return award_create(actor=actor, **data)

    return _give


def refused(give, field, **kw) -> str:
    before = Award.objects.count()
    with pytest.raises(ValidationError) as excinfo:
        give(**kw)
    assert Award.objects.count() == before
    errors = excinfo.value.message_dict
    assert list(errors) == [field], errors
    return errors[field][0]


def test_an_award_to_an_organization_a_member_or_a_named_collective(give, register, tree):
    assert give().recipient_label == tree.a.name
    member = register(tree.a1, full_name="Bùi Thị Mai")
    person = give(recipient_kind="person", recipient_org=None, recipient_member=member, title="certificate",
                  program="ct03")  # fmt: skip
    assert person.recipient_label == "Bùi Thị Mai"
    school = give(recipient_org=None, recipient_name="Trường Tiểu học Định Công", title="certificate", program="ct03")
    assert school.recipient_label == "Trường Tiểu học Định Công"


def test_an_award_to_a_unit_dissolved_on_or_before_the_decision_date_is_refused(give, actor, tree):
    dissolved = org_dissolve(actor=actor, org=tree.c, on=D(2016, 12, 30))
    message = refused(give, "recipient_org", recipient_org=dissolved)
    assert dissolved.name in message and "giải thể" in message and "30/12/2016" in message
    # Before its dissolution it could still be honoured.
    assert give(recipient_org=dissolved, decision_date=D(2016, 12, 29)).pk


def test_exactly_one_recipient(give, register, tree):
    member = register(tree.a1)
    assert "đúng một đối tượng" in refused(give, "recipient_org", recipient_name="Tổ dân phố 5")
    assert "đúng một đối tượng" in refused(
        give, "recipient_name", recipient_kind="person", recipient_org=None, recipient_member=member,
        recipient_name="Bùi Văn Thừa", title="certificate",
    )  # fmt: skip
    assert "Hãy chọn" in refused(give, "recipient_name", recipient_org=None)


def test_a_decision_in_the_future_is_refused(give):
    future = dt.date.today() + dt.timedelta(days=1)
    assert "tương lai" in refused(give, "decision_date", decision_date=future)


def test_a_decision_needs_its_number_and_date(give):
    assert "số quyết định" in refused(give, "decision_no", decision_no="")
    assert "ngày quyết định" in refused(give, "decision_date", decision_date=None)


def test_tsvm_is_a_title_of_party_organizations_only(give):
    assert "chỉ dành cho tổ chức đảng" in refused(give, "recipient_org", recipient_org=None, recipient_name="Tổ 5")


def test_a_member_is_a_person_not_a_collective(give, register, tree):
    member = register(tree.a1)
    refused(give, "recipient_kind", recipient_org=None, recipient_member=member, title="certificate")


def test_an_update_is_validated_like_a_new_award(give, actor):
    award = give()
    with pytest.raises(ValidationError):
        award_update(actor=actor, award=award, recipient_name="Thêm một tập thể")
    award.refresh_from_db()
    assert award.recipient_name == ""
    award_update(actor=actor, award=award, title="tsvm_exemplary")
    award.refresh_from_db()
    assert award.title == "tsvm_exemplary"
