"""Plain forms: they only collect the input; the services decide and their errors are shown
next to the field they name. clean() runs the service's checks (services.inspection_checks,
discipline_checks through web.forms.check_all) so every error shows on the first submit."""

from django import forms

from dangvu.web.forms import UnitChoiceField, check_all

from . import services
from .models import Form, Kind, Mode

DATE = forms.DateInput(attrs={"placeholder": "ngày/tháng/năm"}, format="%d/%m/%Y")


class InspectionForm(forms.Form):
    kind = forms.ChoiceField(label="Loại", choices=Kind.choices)
    mode = forms.ChoiceField(label="Hình thức", choices=[("", "—")] + Mode.choices, required=False)
    conducted_by = UnitChoiceField(label="Tổ chức tiến hành (cấp ủy, ủy ban kiểm tra)", queryset=None)
    subject_org = UnitChoiceField(label="Tổ chức đảng được kiểm tra, giám sát", queryset=None, required=False)
    subject_member = forms.ModelChoiceField(label="hoặc đảng viên được kiểm tra, giám sát", queryset=None,
                                            required=False)  # fmt: skip
    start_date = forms.DateField(label="Ngày bắt đầu", widget=DATE)
    end_date = forms.DateField(label="Ngày kết thúc", widget=DATE, required=False)
    content = forms.CharField(label="Nội dung", widget=forms.Textarea(attrs={"rows": 3}))
    conclusion = forms.CharField(label="Kết luận", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    violations_found = forms.BooleanField(label="Có phát hiện vi phạm", required=False)
    violation_date = forms.DateField(label="Ngày xảy ra vi phạm (nếu có)", widget=DATE, required=False)

    def __init__(self, *args, scope, **kwargs):
        super().__init__(*args, **kwargs)
        orgs = scope.orgs().filter(dissolved_on__isnull=True).order_by("path")
        self.fields["conducted_by"].queryset = orgs
        self.fields["subject_org"].queryset = orgs
        self.fields["subject_member"].queryset = scope.members().filter(status__in=["probationary", "full"])

    def clean(self):
        data = super().clean()
        typed = {name: data.get(name) for name in self.fields if name != "conclusion"}
        check_all(self, *services.inspection_checks(**typed))
        return data


class DisciplineForm(forms.Form):
    subject_member = forms.ModelChoiceField(label="Đảng viên bị kỷ luật", queryset=None, required=False)
    subject_org = UnitChoiceField(label="hoặc tổ chức đảng bị kỷ luật", queryset=None, required=False)
    form = forms.ChoiceField(label="Hình thức kỷ luật", choices=Form.choices)
    decision_no = forms.CharField(label="Số quyết định", max_length=80)
    decision_date = forms.DateField(label="Ngày quyết định", widget=DATE)
    decided_by = UnitChoiceField(label="Tổ chức quyết định", queryset=None)
    violation_date = forms.DateField(label="Ngày xảy ra vi phạm", widget=DATE)
    reason = forms.CharField(label="Lý do, nội dung vi phạm", widget=forms.Textarea(attrs={"rows": 3}),
                             required=False)  # fmt: skip

    def __init__(self, *args, scope, **kwargs):
        super().__init__(*args, **kwargs)
        orgs = scope.orgs().filter(dissolved_on__isnull=True).order_by("path")
        self.fields["decided_by"].queryset = orgs
        self.fields["subject_org"].queryset = orgs
        self.fields["subject_member"].queryset = scope.members().filter(status__in=["probationary", "full"])

    def clean(self):
        data = super().clean()
        typed = {name: data.get(name) for name in self.fields if name != "reason"}
        check_all(self, *services.discipline_checks(**typed))
        return data
