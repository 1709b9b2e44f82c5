"""Forms answer once (issue 20, item 3): every field's error on the first submit, each next to its
field; a day the calendar does not have is called so; sums of money are never negative, said in
plain Vietnamese."""

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation

from dangvu.candidates import services as candidates
from dangvu.candidates.models import Candidate
from dangvu.dues.forms import BasisForm, PaymentForm
from dangvu.members.models import Member
from dangvu.web.forms import VnDateField

from ..conftest import D, identity
from .test_forms import admit_data, error_next_to


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


def test_a_day_the_calendar_does_not_have_is_called_so():
    with pytest.raises(forms.ValidationError) as e:
        VnDateField().clean("31/02/2001")
    assert e.value.messages == [
        "31/02/2001 không phải ngày có thật; nhập ngày theo dạng ngày/tháng/năm, ví dụ 31/12/2016."
    ]


def test_a_badly_typed_date_still_says_how_to_type_it():
    with pytest.raises(forms.ValidationError) as e:
        VnDateField().clean("2001-02-31")
    assert "có thật" not in e.value.messages[0] and "ngày/tháng/năm" in e.value.messages[0]
    assert VnDateField().clean("29/02/2016").isoformat() == "2016-02-29"


def test_a_negative_dues_amount_gets_a_clean_vietnamese_message():
    form = PaymentForm({"month": "03/2016", "paid_on": "05/03/2016", "amount": "-35000"})
    assert form.errors["amount"] == ["Số tiền không được âm; hãy nhập số đồng, ví dụ 35000."]
    basis = BasisForm({"kind": "salary", "valid_from": "01/2016", "base_amount": "-1"})
    assert basis.errors["base_amount"] == ["Số tiền không được âm; hãy nhập số đồng, ví dụ 35000."]


def test_djangos_own_minimum_message_has_no_stray_space():
    with pytest.raises(forms.ValidationError) as e:
        forms.IntegerField(min_value=0).clean("-1")
    assert e.value.messages == ["Giá trị phải từ 0 trở lên; hãy sửa lại."]


def test_the_admission_form_shows_every_error_on_the_first_submit(board, tree):
    url = reverse("member-admit", args=[tree.a1.pk])
    html = board.post(url, admit_data(full_name="", birth_date="01/01/2031", citizen_id="12345")).content.decode()
    assert "bắt buộc" in error_next_to(html, "full_name")
    assert "01/01/2031 ở tương lai" in error_next_to(html, "birth_date")
    assert "Số CCCD 12345 không hợp lệ" in error_next_to(html, "citizen_id")
    assert not Member.objects.exists()


def test_the_age_rule_shows_beside_the_other_errors(board, tree):
    url = reverse("member-admit", args=[tree.a1.pk])
    html = board.post(url, admit_data(full_name="", birth_date="01/01/2005", citizen_id="12345")).content.decode()
    assert "bắt buộc" in error_next_to(html, "full_name")
    assert "phải đủ 18 tuổi" in error_next_to(html, "birth_date")
    assert "Số CCCD 12345 không hợp lệ" in error_next_to(html, "citizen_id")
    # A date that does not parse keeps its one message; the age rule waits for it.
    html = board.post(url, admit_data(birth_date="31/02/2001", admitted_on="31/02/2016")).content.decode()
    assert "31/02/2001 không phải ngày có thật" in error_next_to(html, "birth_date")
    assert "31/02/2016 không phải ngày có thật" in error_next_to(html, "admitted_on")
    assert not Member.objects.exists()


def test_the_candidate_form_shows_every_error_on_the_first_submit(client, tree, make_user):
    client.force_login(make_user("grassroots", tree.a))
    data = {"org": tree.a2.pk, "opened_on": "01/03/2030", "full_name": "", "birth_date": "01/01/2031",
            "sex": "M", "citizen_id": "12345", "ethnicity": "Kinh", "religion": "Không"}  # fmt: skip
    html = client.post("/quan-chung-uu-tu/them/", data).content.decode()
    assert "bắt buộc" in error_next_to(html, "full_name")
    assert "ở tương lai" in error_next_to(html, "birth_date")
    assert "Số CCCD 12345 không hợp lệ" in error_next_to(html, "citizen_id")
    assert "01/03/2030 ở tương lai" in error_next_to(html, "opened_on")
    assert not Candidate.objects.exists()


def test_both_admission_forms_name_the_dates_alike(board, tree, actor):
    c = candidates.candidate_open(
        actor=actor, org=tree.a1, opened_on=D(2015, 9, 1), **identity(full_name="Đỗ Văn Trẻ", birth_date=D(2000, 4, 10))
    )
    member_form = board.get(reverse("member-admit", args=[tree.a1.pk])).content.decode()
    html = board.post(f"/quan-chung-uu-tu/{c.pk}/ket-nap/", {"admitted_on": "19/05/2016"}).content.decode()
    for words in ("Ngày ghi trong quyết định kết nạp; tuổi đảng tính từ ngày này.", "Ngày ký quyết định"):
        assert words in member_form and words in html
    # The candidate's age (16 on the day) shows with the missing decision number, in one round.
    assert "phải đủ 18 tuổi" in html and "bắt buộc" in error_next_to(html, "decision_no")


def _edit_data(**overrides):
    data = {"full_name": "Nguyễn Văn An", "birth_date": "17/05/1980", "sex": "M", "citizen_id": "001080012345",
            "ethnicity": "Kinh", "religion": "Không"}  # fmt: skip
    return {**data, **overrides}


def test_the_member_edit_form_shows_every_error_on_the_first_submit(board, an):
    url = reverse("member-edit", args=[an.pk])
    html = board.post(url, _edit_data(full_name="", birth_date="01/01/2031", citizen_id="12345")).content.decode()
    assert "bắt buộc" in error_next_to(html, "full_name")
    assert "01/01/2031 ở tương lai" in error_next_to(html, "birth_date")
    assert "Số CCCD 12345 không hợp lệ" in error_next_to(html, "citizen_id")
    an.refresh_from_db()
    assert an.full_name == "Nguyễn Văn An" and an.birth_date == D(1980, 5, 17)


def test_the_member_edit_form_does_not_count_the_members_own_numbers_as_a_clash(board, an, tree, register):
    other = register(tree.a1, full_name="Trần Văn Khác")
    url = reverse("member-edit", args=[an.pk])
    html = board.post(url, _edit_data(full_name="", youth_union_joined_on="01/01/1970")).content.decode()
    assert "bắt buộc" in error_next_to(html, "full_name")
    assert "Ngày vào Đoàn phải sau ngày sinh" in error_next_to(html, "youth_union_joined_on")
    assert 'class="errorlist"' not in html.split('id="id_citizen_id"', 1)[1].split('class="field', 1)[0]
    # Another member's number is a clash, shown beside the other errors.
    html = board.post(url, _edit_data(full_name="", citizen_id=other.citizen_id)).content.decode()
    assert "đã có ở đảng viên Trần Văn Khác" in error_next_to(html, "citizen_id")
    assert "bắt buộc" in error_next_to(html, "full_name")


def test_the_member_event_form_shows_every_error_on_the_first_submit(board, an):
    url = reverse("member-event", args=[an.pk, "removed"])
    html = board.post(url, {"date": "01/01/2015", "decision_date": "01/01/2031"}).content.decode()
    assert "phải sau ngày vào Đảng (19/05/2016)" in error_next_to(html, "date")
    assert "01/01/2031 ở tương lai" in error_next_to(html, "decision_date")
    assert "Hãy nhập số quyết định" in error_next_to(html, "decision_no")
    url = reverse("member-event", args=[an.pk, "recognized"])
    html = board.post(url, {"decision_date": "01/05/2017"}).content.decode()
    assert "Chưa hết 12 tháng dự bị" in error_next_to(html, "decision_date")
    assert "Hãy nhập số quyết định" in error_next_to(html, "decision_no")
    assert an.events.count() == 1
