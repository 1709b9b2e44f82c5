from django import forms
from django.core.exceptions import ValidationError

from dangvu.core import catalogue
from dangvu.organizations.selectors import ancestors


class TargetForm(forms.Form):
    indicator_key = forms.ChoiceField(label="Chỉ số")
    value = forms.DecimalField(label="Chỉ tiêu", localize=True, help_text="Số cần đạt trong năm, ví dụ 180 hoặc 99,5.")
    assigned_by = forms.ChoiceField(label="Cấp giao", help_text="Chính đơn vị (kế hoạch) hoặc cấp trên giao.")
    note = forms.CharField(label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, org, **kwargs):
        super().__init__(*args, **kwargs)
        self.assigners = {o.pk: o for o in [org, *reversed(ancestors(org))]}
        self.fields["indicator_key"].choices = [
            (i.key, f"{i.label} ({i.unit})") for i in catalogue.all_indicators() if i.targetable
        ]
        self.fields["assigned_by"].choices = [
            (o.pk, f"{o.name} (kế hoạch của đơn vị)" if o.pk == org.pk else f"{o.name} giao")
            for o in self.assigners.values()
        ]

    def clean_assigned_by(self):
        return self.assigners[int(self.cleaned_data["assigned_by"])]

    def show_service_errors(self, error: ValidationError):
        for field, messages in error.message_dict.items():
            for message in messages:
                self.add_error(field if field in self.fields else None, message)
