"""Plain forms: the services decide; their errors are shown next to the field they name."""

from django import forms

from dangvu.web.forms import UnitChoiceField

DATE = forms.DateInput(attrs={"placeholder": "ngày/tháng/năm"}, format="%d/%m/%Y")


class ElectionForm(forms.Form):
    name = forms.CharField(label="Tên cuộc bầu cử", max_length=255)
    date = forms.DateField(label="Ngày bầu cử", widget=DATE)
    organizer = UnitChoiceField(label="Tổ chức đảng lãnh đạo", queryset=None)

    def __init__(self, *args, scope, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organizer"].queryset = scope.orgs().filter(dissolved_on__isnull=True).order_by("path")


class AreaForm(forms.Form):
    name = forms.CharField(label="Khu vực (phường, đơn vị)", max_length=160)
    org = UnitChoiceField(label="Tổ chức đảng của địa bàn", queryset=None)
    registered = forms.IntegerField(label="Số cử tri trong danh sách", min_value=0)
    voted = forms.IntegerField(label="Số cử tri đã đi bầu", min_value=0)

    def __init__(self, *args, scope, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = scope.orgs().filter(dissolved_on__isnull=True).order_by("path")
