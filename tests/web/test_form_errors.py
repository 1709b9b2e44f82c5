"""Forms answer once (issue 20, item 3): every field's error on the first submit, each next to its
field; a day the calendar does not have is called so; sums of money are never negative, said in
plain Vietnamese."""

import pytest
from django import forms
from django.utils import translation

from dangvu.dues.forms import BasisForm, PaymentForm
from dangvu.web.forms import VnDateField


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
