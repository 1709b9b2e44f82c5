"""Plain forms: the services decide; their errors are shown next to the field they name. clean()
runs the service's checks (services.election_checks, area_checks through web.forms.check_all) so
every error shows on the first submit."""

from django import forms

from dangvu.web.forms import UnitChoiceField, check_all

from . import services

DATE = forms.DateInput(attrs={"placeholder": "ngày/tháng/năm"}, format="%d/%m/%Y")


class ElectionForm(forms.Form):
    name = forms.CharField(label="Tên cuộc bầu cử", max_length=255)
    date = forms.DateField(label="Ngày bầu cử", widget=DATE)
    organizer = UnitChoiceField(label="Tổ chức đảng lãnh đạo", queryset=None)

    def __init__(self, *args, scope, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organizer"].queryset = scope.orgs().filter(dissolved_on__isnull=True).order_by("path")

    def clean(self):
        data = super().clean()
        check_all(self, *services.election_checks(**{k: data.get(k) for k in ("name", "date", "organizer")}))
        return data


class AreaForm(forms.Form):
    name = forms.CharField(label="Khu vực (phường, đơn vị)", max_length=160)
    org = UnitChoiceField(label="Tổ chức đảng của địa bàn", queryset=None)
    registered = forms.IntegerField(label="Số cử tri trong danh sách", min_value=0)
    voted = forms.IntegerField(label="Số cử tri đã đi bầu", min_value=0)

    def __init__(self, *args, scope, election=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = scope.orgs().filter(dissolved_on__isnull=True).order_by("path")
        self.election = election

    def clean(self):
        data = super().clean()
        if self.election is not None:
            typed = {k: data.get(k) for k in ("name", "org", "registered", "voted")}
            check_all(self, *services.area_checks(self.election, **typed))
        return data
