"""Forms of the dues pages: plain fields; the services check the rates and refuse a month paid twice.
A member's basis and payment forms run the service's checks in clean() (services.basis_checks,
payment_checks through web.forms.check_all) so every error shows on the first submit."""

import datetime as dt

from django import forms

from dangvu.web.forms import AmountField, VnDateField, VnMonthField, check_all

from . import services
from .models import BasisKind


def parse_month(raw: str | None) -> dt.date | None:
    """ "03/2016", "3/2016" or "15/03/2016" -> 1/3/2016; anything else -> None."""
    raw = (raw or "").strip().replace("-", "/").replace(".", "/")
    for fmt in ("%m/%Y", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(raw, fmt).date().replace(day=1)
        except ValueError:
            continue
    return None


class BasisForm(forms.Form):
    kind = forms.ChoiceField(label="Đối tượng", choices=BasisKind.choices, widget=forms.RadioSelect)
    valid_from = VnMonthField(label="Áp dụng từ tháng")
    base_amount = AmountField(label="Tiền lương, phụ cấp (hoặc lương hưu) làm căn cứ (đồng/tháng)", required=False)
    fixed_amount = AmountField(label="Mức cố định (đồng/tháng)", required=False)
    voluntary_amount = AmountField(label="Mức tự nguyện đóng cao hơn (đồng/tháng)", required=False)
    note = forms.CharField(label="Ghi chú", required=False)

    def __init__(self, *args, member=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.member = member

    def clean(self):
        data = super().clean()
        if self.member is not None:
            typed = {k: data.get(k) for k in ("kind", "valid_from", "base_amount", "fixed_amount", "voluntary_amount")}
            check_all(self, *services.basis_checks(self.member, **typed))
        return data


class PaymentForm(forms.Form):
    month = VnMonthField(label="Nộp cho tháng")
    paid_on = VnDateField(label="Ngày nộp")
    amount = AmountField(label="Số tiền (đồng; để trống là đúng mức phải đóng)", required=False)
    receipt_no = forms.CharField(label="Số biên lai", required=False)
    collected_by = forms.CharField(label="Người thu", required=False)

    def __init__(self, *args, member=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.member = member

    def clean(self):
        data = super().clean()
        if self.member is not None:
            typed = {k: data.get(k) for k in ("month", "paid_on", "amount")}
            check_all(self, *services.payment_checks(self.member, **typed))
        return data


class CollectForm(forms.Form):
    paid_on = VnDateField(label="Ngày thu")
    collected_by = forms.CharField(label="Người thu", required=False)
